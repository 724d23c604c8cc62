// The Jupyter wire protocol over ZeroMQ: [identities..., "<IDS|MSG>", hmac, header, parent,
// metadata, content, buffers...], signed with HMAC-SHA256 over the four JSON frames.
// https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol
import crypto from "node:crypto";

export const PROTOCOL_VERSION = "5.3";
const DELIM = "<IDS|MSG>";

export interface Header {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface Message<C = Record<string, unknown>> {
  identities: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

function sign(key: string, frames: (string | Buffer)[]): string {
  if (key === "") return "";
  const h = crypto.createHmac("sha256", key);
  for (const f of frames) h.update(f);
  return h.digest("hex");
}

/**
 * Decodes and verifies a multipart message; throws with the reason when it is malformed or
 * its signature is wrong.
 * @example
 * decode(key, encode(key, reply)).header.msg_type // => reply.header.msg_type
 */
export function decode(key: string, frames: Buffer[]): Message {
  const d = frames.findIndex((f) => f.toString() === DELIM);
  if (d < 0) throw new Error("wire: message without the <IDS|MSG> delimiter");
  const [hmac, header, parent, metadata, content, ...buffers] = frames.slice(d + 1);
  if (content === undefined) throw new Error(`wire: expected at least 5 frames after the delimiter, got ${frames.length - d - 1}`);
  const want = sign(key, [header, parent, metadata, content]);
  const got = hmac.toString();
  if (key !== "" && (got.length !== want.length || !crypto.timingSafeEqual(Buffer.from(got), Buffer.from(want)))) {
    throw new Error("wire: invalid HMAC signature");
  }
  return {
    identities: frames.slice(0, d),
    header: JSON.parse(header.toString()) as Header,
    parent_header: JSON.parse(parent.toString()) as Partial<Header>,
    metadata: JSON.parse(metadata.toString()) as Record<string, unknown>,
    content: JSON.parse(content.toString()) as Record<string, unknown>,
    buffers,
  };
}

/** Encodes and signs a message into frames. */
export function encode(key: string, msg: Omit<Message<unknown>, "buffers"> & { buffers?: Buffer[] }): (string | Buffer)[] {
  const body = [JSON.stringify(msg.header), JSON.stringify(msg.parent_header), JSON.stringify(msg.metadata), JSON.stringify(msg.content)];
  return [...msg.identities, DELIM, sign(key, body), ...body, ...(msg.buffers ?? [])];
}

/**
 * A new message answering or caused by `parent` (same session, parent_header = its header).
 * @example
 * child(req, "status", { execution_state: "busy" }).parent_header.msg_id === req.header.msg_id // => true
 */
export function child<C>(parent: Message<unknown>, msgType: string, content: C, identities: Buffer[] = []): Message<C> {
  return {
    identities,
    header: {
      msg_id: crypto.randomUUID(), msg_type: msgType, session: parent.header.session,
      username: parent.header.username ?? "kernel", date: new Date().toISOString(), version: PROTOCOL_VERSION,
    },
    parent_header: parent.header,
    metadata: {},
    content,
    buffers: [],
  };
}
