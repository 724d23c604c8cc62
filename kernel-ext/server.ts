// The five ZeroMQ sockets of a Jupyter kernel (shell, control, iopub, stdin, heartbeat) and the
// loop that hands each decoded request to the kernel. Sends on a socket are chained because
// zeromq.js allows one pending send per socket.
import fs from "node:fs";
import Module from "node:module";
import type * as Zmq from "zeromq";
import { child, decode, encode, type Message } from "./wire";
import { kernelLog } from "./log";

export interface ConnectionInfo {
  transport: string;
  ip: string;
  key: string;
  signature_scheme?: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

/** How the kernel answers: replies go back on the request's socket, iopub is broadcast. */
export interface Transport {
  reply(req: Message<unknown>, msgType: string, content: unknown): void;
  publish(parent: Message<unknown>, msgType: string, content: unknown, metadata?: Record<string, unknown>): void;
}

export type Channel = "shell" | "control";
export type RequestHandler = (channel: Channel, req: Message, t: Transport) => Promise<void> | void;

/** Reads and checks a connection file, naming what is wrong. */
export function readConnectionFile(file: string): ConnectionInfo {
  let info: ConnectionInfo;
  try {
    info = JSON.parse(fs.readFileSync(file, "utf8")) as ConnectionInfo;
  } catch (e) {
    throw new Error(`kernel: cannot read the connection file ${file}: ${(e as Error).message}`);
  }
  const scheme = info.signature_scheme ?? "hmac-sha256";
  if (scheme !== "hmac-sha256") throw new Error(`kernel: expected signature_scheme "hmac-sha256", got ${JSON.stringify(scheme)}`);
  return info;
}

// zeromq is tslab's dependency (prebuilt N-API binaries); load it through tslab.
const zmqRequire = Module.createRequire(require.resolve("tslab/package.json"));

export interface Server { transport: Transport; close(): void }

/**
 * Binds the sockets and starts dispatching requests to `handle`.
 * @example
 * const server = await serve(readConnectionFile("/run/kernel-1.json"), kernel.handle);
 * server.transport.publish(req, "status", { execution_state: "idle" });
 */
export async function serve(conn: ConnectionInfo, handle: RequestHandler): Promise<Server> {
  const zmq = zmqRequire("zeromq") as typeof Zmq;
  const iopub = new zmq.Publisher();
  const shell = new zmq.Router();
  const control = new zmq.Router();
  const stdin = new zmq.Router();
  const hb = new zmq.Reply();
  const key = conn.key ?? "";
  const chains = new Map<unknown, Promise<void>>();
  const sendOn = (sock: Zmq.Publisher | Zmq.Router, frames: (string | Buffer)[]) => {
    const prev = chains.get(sock) ?? Promise.resolve();
    const next = prev.then(() => sock.send(frames)).catch((e: unknown) => {
      // A closed socket during shutdown; nothing else can be done with the message.
      if (!closed) kernelLog(`kernel: send failed: ${(e as Error).message}`);
    });
    chains.set(sock, next);
  };
  const socketOf = new WeakMap<Message<unknown>, Zmq.Router>();
  const transport: Transport = {
    reply(req, msgType, content) {
      const sock = socketOf.get(req) ?? shell;
      sendOn(sock, encode(key, child(req, msgType, content, req.identities)));
    },
    publish(parent, msgType, content, metadata = {}) {
      const msg = child(parent, msgType, content, [Buffer.from(`kernel.${msgType}`)]);
      msg.metadata = metadata;
      sendOn(iopub, encode(key, msg));
    },
  };
  let closed = false;
  const loop = async (sock: Zmq.Router, channel: Channel) => {
    try {
      for await (const frames of sock) {
        let req: Message;
        try {
          req = decode(key, frames);
        } catch (e) {
          kernelLog(`kernel: dropped a ${channel} message: ${(e as Error).message}`);
          continue;
        }
        socketOf.set(req, sock);
        // Not awaited: control requests (interrupt, shutdown) must be answered during a long cell.
        Promise.resolve()
          .then(() => handle(channel, req, transport))
          .catch((e: unknown) => kernelLog(`kernel: ${req.header.msg_type} failed: ${(e as Error).stack}`));
      }
    } catch (e) {
      if (!closed) kernelLog(`kernel: ${channel} socket failed: ${(e as Error).message}`);
    }
  };
  const addr = (port: number) => `${conn.transport}://${conn.ip}:${port}`;
  await Promise.all([
    iopub.bind(addr(conn.iopub_port)), shell.bind(addr(conn.shell_port)), control.bind(addr(conn.control_port)),
    stdin.bind(addr(conn.stdin_port)), hb.bind(addr(conn.hb_port)),
  ]);
  void loop(shell, "shell");
  void loop(control, "control");
  void (async () => {
    try {
      for await (const frames of hb) await hb.send(frames);
    } catch { /* closed */ }
  })();
  return {
    transport,
    close() {
      if (closed) return;
      closed = true;
      for (const s of [iopub, shell, control, stdin, hb]) s.close();
    },
  };
}
