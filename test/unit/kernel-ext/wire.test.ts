import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { child, decode, encode, PROTOCOL_VERSION, type Message } from "../../../kernel-ext/wire";

const request: Message = {
  identities: [Buffer.from("client-1")],
  header: { msg_id: "m1", msg_type: "execute_request", session: "s1", username: "u", date: "2026-01-01T00:00:00.000Z", version: "5.3" },
  parent_header: {},
  metadata: {},
  content: { code: "1 + 1" },
  buffers: [],
};

describe("wire", () => {
  test("frames are identities, delimiter, HMAC-SHA256 of the four JSON frames, the frames", () => {
    const frames = encode("secret", request).map((f) => Buffer.from(f));
    expect(frames[0].toString()).toBe("client-1");
    expect(frames[1].toString()).toBe("<IDS|MSG>");
    const h = crypto.createHmac("sha256", "secret");
    for (const f of frames.slice(3, 7)) h.update(f);
    expect(frames[2].toString()).toBe(h.digest("hex"));
    expect(JSON.parse(frames[6].toString())).toEqual({ code: "1 + 1" });
  });

  test("decode inverts encode and rejects a wrong signature or a missing delimiter", () => {
    const frames = encode("secret", request).map((f) => Buffer.from(f));
    const back = decode("secret", frames);
    expect(back.header).toEqual(request.header);
    expect(back.content).toEqual(request.content);
    expect(back.identities.map(String)).toEqual(["client-1"]);
    expect(() => decode("other key", frames)).toThrow("wire: invalid HMAC signature");
    expect(() => decode("secret", frames.slice(2))).toThrow("wire: message without the <IDS|MSG> delimiter");
  });

  test("an empty key means unsigned messages", () => {
    const frames = encode("", request).map((f) => Buffer.from(f));
    expect(frames[2].toString()).toBe("");
    expect(decode("", frames).content).toEqual({ code: "1 + 1" });
  });

  test("child messages carry the parent's header and session", () => {
    const c = child(request, "status", { execution_state: "busy" });
    expect(c.parent_header).toEqual(request.header);
    expect(c.header).toMatchObject({ msg_type: "status", session: "s1", username: "u", version: PROTOCOL_VERSION });
    expect(c.header.msg_id).not.toBe(request.header.msg_id);
  });
});
