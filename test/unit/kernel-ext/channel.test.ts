import { describe, expect, test, vi } from "vitest";
import { clearOutput, currentWriter, display, formatters, isDisplayHandle, registerFormatter, runInCell, type CellWriter } from "../../../kernel-ext/channel";
import { DISPLAY } from "../../../kernel-ext/protocol";

type Sent = { kind: string; payload: unknown };
function fakeWriter(): CellWriter & { sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    display: (content, update) => sent.push({ kind: update ? "update_display_data" : "display_data", payload: content }),
    clear: (wait) => sent.push({ kind: "clear_output", payload: { wait } }),
    stream: (name, text) => sent.push({ kind: "stream", payload: { name, text } }),
  };
}

describe("outside a kernel (plain node, vitest)", () => {
  test("display writes text/plain to stdout and never throws; clearOutput does nothing", () => {
    expect(currentWriter()).toBeNull(); // this test runs first in its file: no cell has run
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const h = display({ "text/plain": "hello", "text/html": "<b>hello</b>" });
      h.update({ "text/plain": "again" });
      clearOutput();
      expect(write.mock.calls.map((c) => c[0])).toEqual(["hello\n", "again\n"]);
    } finally {
      write.mockRestore();
    }
  });
});

describe("inside a cell", () => {
  test("display sends one bundle with a display id; update and clear follow", () => {
    const w = fakeWriter();
    runInCell(w, () => {
      const h = display({ "text/html": "<b>1</b>", "image/png": new Uint8Array([1, 2, 3]) }, { id: "p", metadata: { "image/png": { width: 1 } } });
      expect(isDisplayHandle(h)).toBe(true);
      expect(h.id).toBe("p");
      h.update({ "text/plain": "2" });
      clearOutput({ wait: true });
    });
    expect(w.sent).toEqual([
      { kind: "display_data", payload: { data: { "text/html": "<b>1</b>", "image/png": "AQID" }, metadata: { "image/png": { width: 1 } }, transient: { display_id: "p" } } },
      { kind: "update_display_data", payload: { data: { "text/plain": "2" }, metadata: {}, transient: { display_id: "p" } } },
      { kind: "clear_output", payload: { wait: true } },
    ]);
  });

  test("a generated id is unique per display", () => {
    const w = fakeWriter();
    const ids = runInCell(w, () => [display(1).id, display(2).id]);
    expect(ids[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  test("values go through the protocol and registered formatters; errors go to stderr", () => {
    class Celsius { constructor(readonly t: number) {} }
    const remove = registerFormatter(Celsius, (c) => ({ "text/html": `${c.t} &deg;C` }));
    const w = fakeWriter();
    try {
      runInCell(w, () => {
        display(new Celsius(21));
        display({ [DISPLAY]: () => { throw new Error("broken view"); } });
      });
    } finally {
      remove();
    }
    expect(w.sent[0].payload).toMatchObject({ data: { "text/html": "21 &deg;C", "text/plain": "Celsius { t: 21 }" } });
    expect(w.sent[1].payload).toMatchObject({ data: { "text/plain": expect.stringContaining("Jupyter.display") } });
    expect(w.sent[2]).toEqual({ kind: "stream", payload: { name: "stderr", text: '[Symbol.for("Jupyter.display")]() threw Error: broken view\n' } });
    expect(formatters().has(Celsius)).toBe(false); // removed again
  });

  test("async work started by a cell keeps writing to that cell after another cell starts", async () => {
    const first = fakeWriter();
    const second = fakeWriter();
    let later!: Promise<void>;
    runInCell(first, () => {
      later = new Promise<void>((resolve) => setTimeout(() => { display({ "text/plain": "late" }); resolve(); }, 20));
    });
    runInCell(second, () => display({ "text/plain": "now" }));
    await later;
    expect(first.sent.map((s) => (s.payload as { data: Record<string, string> }).data["text/plain"])).toEqual(["late"]);
    expect(second.sent.map((s) => (s.payload as { data: Record<string, string> }).data["text/plain"])).toEqual(["now"]);
  });

  test("an async display method still lands in the cell that called display", async () => {
    const w = fakeWriter();
    runInCell(w, () => display({ [DISPLAY]: async () => ({ "text/markdown": "*slow*" }) }));
    await new Promise((r) => setTimeout(r, 10));
    expect(w.sent).toEqual([{ kind: "display_data", payload: expect.objectContaining({ data: expect.objectContaining({ "text/markdown": "*slow*" }) }) }]);
  });

  test("a writer that throws (closed socket) does not crash the caller", () => {
    const broken: CellWriter = { display: () => { throw new Error("socket closed"); }, clear: () => { throw new Error("socket closed"); }, stream: () => {} };
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(() => runInCell(broken, () => { display({ "text/plain": "x" }); clearOutput(); })).not.toThrow();
    } finally {
      err.mockRestore();
    }
  });
});

describe("registerFormatter", () => {
  test("rejects a non-class and a non-function, naming the problem", () => {
    expect(() => registerFormatter("Tensor" as never, () => ({}))).toThrow("registerFormatter: expected a class, got string");
    expect(() => registerFormatter(class {}, 5 as never)).toThrow("registerFormatter: expected a function (value) => bundle, got number");
  });
});
