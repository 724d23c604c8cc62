// The request handlers with a fake executor and transport (no sockets, no TypeScript).
import { describe, expect, test } from "vitest";
import type { Executor, Outcome } from "../../../kernel-ext/executor";
import { Kernel } from "../../../kernel-ext/kernel";
import type { Transport } from "../../../kernel-ext/server";
import type { Message } from "../../../kernel-ext/wire";

interface Sent { kind: "reply" | "iopub"; type: string; parent: string; content: Record<string, unknown> }

function harness(outcomes: Record<string, Outcome | (() => Promise<Outcome>)>) {
  const sent: Sent[] = [];
  const calls: string[] = [];
  const executor: Executor = {
    execute: async (src) => {
      calls.push(src);
      const o = outcomes[src];
      if (o === undefined) throw new Error(`unexpected cell ${src}`);
      return typeof o === "function" ? o() : o;
    },
    inspect: () => ({ displayParts: [{ text: "function max(...values: number[]): number" }] }),
    complete: () => ({ start: 0, end: 0, candidates: [] }),
    interrupt: () => calls.push("interrupt"),
    close: () => {},
  };
  const t: Transport = {
    reply: (req, type, content) => sent.push({ kind: "reply", type, parent: req.header.msg_id, content: content as Record<string, unknown> }),
    publish: (req, type, content) => sent.push({ kind: "iopub", type, parent: req.header.msg_id, content: content as Record<string, unknown> }),
  };
  let warmUps = 0;
  const kernel = new Kernel({ executor, version: "9.9.9", warmUp: () => { warmUps++; }, onShutdown: () => calls.push("shutdown") });
  let n = 0;
  const request = (type: string, content: Record<string, unknown>, date = new Date().toISOString()): Message => ({
    identities: [], header: { msg_id: `m${++n}`, msg_type: type, session: "s", username: "u", date, version: "5.3" },
    parent_header: {}, metadata: {}, content, buffers: [],
  });
  const send = (type: string, content: Record<string, unknown>, date?: string) => {
    const req = request(type, content, date);
    return { id: req.header.msg_id, done: kernel.handle("shell", req, t) };
  };
  const of = (id: string) => sent.filter((s) => s.parent === id);
  return { sent, calls, send, of, warmUps: () => warmUps };
}

const ok = (value?: unknown): Outcome => (value === undefined ? { status: "ok", hasValue: false } : { status: "ok", hasValue: true, value });
const boom: Outcome = { status: "error", error: { ename: "Error", evalue: "boom", traceback: ["Error: boom"] } };

describe("execute", () => {
  test("busy, execute_input, execute_result with the count, reply ok, idle", async () => {
    const h = harness({ "6 * 7": ok(42) });
    const { id, done } = h.send("execute_request", { code: "6 * 7" });
    await done;
    expect(h.of(id).map((s) => `${s.kind}:${s.type}`)).toEqual(["iopub:status", "iopub:execute_input", "iopub:execute_result", "reply:execute_reply", "iopub:status"]);
    expect(h.of(id)[1].content).toEqual({ code: "6 * 7", execution_count: 1 });
    expect(h.of(id)[2].content).toEqual({ execution_count: 1, data: { "text/plain": "42" }, metadata: {} });
    expect(h.of(id)[3].content).toEqual({ status: "ok", execution_count: 1, user_expressions: {}, payload: [] });
  });

  test("user_expressions are evaluated after a cell that succeeded and answered in the reply only (IPython)", async () => {
    const h = harness({ "let x = 2": ok(), "x * 21": ok(42), nope: boom, "x = 1": ok() });
    const { id, done } = h.send("execute_request", { code: "let x = 2", user_expressions: { answer: "x * 21", bad: "nope", none: "x = 1" } });
    await done;
    expect(h.of(id).map((s) => `${s.kind}:${s.type}`)).toEqual(["iopub:status", "iopub:execute_input", "reply:execute_reply", "iopub:status"]);
    expect(h.of(id)[2].content).toEqual({
      status: "ok", execution_count: 1, payload: [], user_expressions: {
        answer: { status: "ok", data: { "text/plain": "42" }, metadata: {} },
        bad: { status: "error", ename: "Error", evalue: "boom", traceback: ["Error: boom"] },
        none: { status: "ok", data: { "text/plain": "undefined" }, metadata: {} },
      },
    });
    // A failing expression aborts nothing; after a failing cell none is evaluated.
    const next = h.send("execute_request", { code: "nope", user_expressions: { answer: "x * 21" } });
    await next.done;
    expect(h.calls).toEqual(["let x = 2", "x * 21", "nope", "x = 1", "nope"]);
    expect(h.of(next.id).find((s) => s.type === "execute_reply")!.content).toMatchObject({ status: "error", execution_count: 2 });
  });

  test("an error is published once and repeated in the reply", async () => {
    const h = harness({ bad: boom });
    const { id, done } = h.send("execute_request", { code: "bad" });
    await done;
    expect(h.of(id).filter((s) => s.type === "error").map((s) => s.content)).toEqual([boom.error]);
    expect(h.of(id).find((s) => s.type === "execute_reply")!.content).toEqual({ status: "error", execution_count: 1, ...(boom as { error: object }).error });
  });

  test("stop_on_error: queued requests are aborted (not run); without it they run", async () => {
    const h = harness({ bad: boom, next: ok(1), later: ok(2) });
    const a = h.send("execute_request", { code: "bad" });
    const b = h.send("execute_request", { code: "next" });
    await Promise.all([a.done, b.done]);
    expect(h.of(b.id).find((s) => s.type === "execute_reply")!.content).toMatchObject({ status: "aborted" });
    expect(h.calls).toEqual(["bad"]);
    const c = h.send("execute_request", { code: "bad", stop_on_error: false });
    const d = h.send("execute_request", { code: "later" });
    await Promise.all([c.done, d.done]);
    expect(h.of(d.id).find((s) => s.type === "execute_reply")!.content).toMatchObject({ status: "ok" });
  });

  test("a request sent before a failure but read after it is aborted too", async () => {
    const h = harness({ bad: boom, next: ok(1) });
    const sentEarlier = new Date(Date.now() - 1000).toISOString();
    await h.send("execute_request", { code: "bad" }).done;
    const late = h.send("execute_request", { code: "next" }, sentEarlier);
    await late.done;
    expect(h.of(late.id).find((s) => s.type === "execute_reply")!.content).toMatchObject({ status: "aborted" });
  });

  test("silent: no execute_input, no result, the count does not advance", async () => {
    const h = harness({ quiet: ok(5), loud: ok(6) });
    const q = h.send("execute_request", { code: "quiet", silent: true });
    await q.done;
    expect(h.of(q.id).map((s) => s.type)).toEqual(["status", "execute_reply", "status"]);
    const l = h.send("execute_request", { code: "loud" });
    await l.done;
    expect(h.of(l.id).find((s) => s.type === "execute_result")!.content).toMatchObject({ execution_count: 1 });
  });

  test("`name?` answers with a pager payload and runs nothing", async () => {
    const h = harness({});
    const { id, done } = h.send("execute_request", { code: "Math.max?" });
    await done;
    expect(h.calls).toEqual([]);
    expect(h.of(id).find((s) => s.type === "execute_reply")!.content).toMatchObject({
      status: "ok", payload: [{ source: "page", data: { "text/plain": "function max(...values: number[]): number" }, start: 0 }],
    });
  });
});

describe("other requests", () => {
  test("kernel_info warms up first, then replies with status ok", async () => {
    const h = harness({});
    const { id, done } = h.send("kernel_info_request", {});
    await done;
    expect(h.warmUps()).toBe(1);
    expect(h.of(id).find((s) => s.type === "kernel_info_reply")!.content).toMatchObject({ status: "ok", implementation: "deeprob-ts", implementation_version: "9.9.9" });
  });

  test("comm_info is answered; a comm_open for an unknown target is closed", async () => {
    const h = harness({});
    const info = h.send("comm_info_request", {});
    const open = h.send("comm_open", { comm_id: "c1", target_name: "jupyter.widget", data: {} });
    await Promise.all([info.done, open.done]);
    expect(h.of(info.id).find((s) => s.kind === "reply")).toMatchObject({ type: "comm_info_reply", content: { status: "ok", comms: {} } });
    expect(h.of(open.id).find((s) => s.type === "comm_close")!.content).toEqual({ comm_id: "c1", data: {} });
  });

  test("history returns executed inputs; interrupt and shutdown reach the kernel", async () => {
    const h = harness({ a: ok(), b: ok() });
    await h.send("execute_request", { code: "a" }).done;
    await h.send("execute_request", { code: "b" }).done;
    const hist = h.send("history_request", { hist_access_type: "tail", n: 5, output: false });
    await hist.done;
    expect(h.of(hist.id).find((s) => s.type === "history_reply")!.content).toEqual({ status: "ok", history: [[1, 1, "a"], [1, 2, "b"]] });
    await h.send("interrupt_request", {}).done;
    await h.send("shutdown_request", { restart: false }).done;
    expect(h.calls.slice(-2)).toEqual(["interrupt", "shutdown"]);
  });
});
