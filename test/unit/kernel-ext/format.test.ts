import util from "node:util";
import { describe, expect, test } from "vitest";
import { errorLine, format, isMimeBundle, MAX_TEXT_PLAIN, normalizeBundle, textPlain, type FormatResult, type FormatterRegistry } from "../../../kernel-ext/format";
import { DISPLAY, type Formatter } from "../../../kernel-ext/protocol";

const none: FormatterRegistry = new Map();
const sync = (r: FormatResult | Promise<FormatResult>): FormatResult => {
  if (r instanceof Promise) throw new Error("expected a synchronous result");
  return r;
};

describe("textPlain", () => {
  test("is util.inspect, as the Node REPL prints", () => {
    const v = { a: [1, 2], s: "x", n: null, nested: { deep: { deeper: { deepest: 1 } } } };
    expect(textPlain(v)).toBe(util.inspect(v));
    expect(textPlain("abc")).toBe("'abc'");
    expect(textPlain(42)).toBe("42");
  });

  test("marks circular references instead of recursing", () => {
    const c: Record<string, unknown> = { name: "c" };
    c.self = c;
    expect(textPlain(c)).toBe("<ref *1> { name: 'c', self: [Circular *1] }");
  });

  test("does not call getters, so a throwing getter is harmless", () => {
    const v = { get bad(): number { throw new Error("getter"); } };
    expect(textPlain(v)).toBe("{ bad: [Getter] }");
  });

  test("survives a Proxy whose every trap throws", () => {
    const hostile = new Proxy({}, {
      get() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); }, getPrototypeOf() { throw new Error("trap"); },
      getOwnPropertyDescriptor() { throw new Error("trap"); }, has() { throw new Error("trap"); },
    });
    expect(typeof textPlain(hostile)).toBe("string");
  });

  test("truncates giant text and says how much was cut", () => {
    const big: Record<string, number> = {};
    for (let i = 0; i < 50_000; i++) big["key" + i] = i;
    const full = util.inspect(big);
    const t = textPlain(big);
    expect(t.slice(0, MAX_TEXT_PLAIN)).toBe(full.slice(0, MAX_TEXT_PLAIN));
    expect(t.slice(MAX_TEXT_PLAIN)).toBe(`\n... (${full.length - MAX_TEXT_PLAIN} more characters not shown)`);
  });
});

describe("errorLine", () => {
  test("names errors by name and message, other values as Node's 'Uncaught'", () => {
    expect(errorLine(new TypeError("bad"))).toBe("TypeError: bad");
    expect(errorLine("oops")).toBe("Uncaught 'oops'");
  });
});

describe("normalizeBundle", () => {
  test("base64-encodes bytes (Uint8Array, Buffer, subarray views, ArrayBuffer)", () => {
    const bytes = new Uint8Array([0, 137, 80, 78, 71, 255]);
    expect(normalizeBundle({ "image/png": bytes.subarray(1, 5) })).toEqual({ "image/png": "iVBORw==" });
    expect(normalizeBundle({ "image/png": Buffer.from([137, 80, 78, 71]) })).toEqual({ "image/png": "iVBORw==" });
    expect(normalizeBundle({ "application/pdf": new Uint8Array([37, 80, 68, 70]).buffer })).toEqual({ "application/pdf": "JVBERg==" });
  });

  test("parses JSON mimetypes given as strings; keeps objects", () => {
    expect(normalizeBundle({ "application/json": '{"a":[1,2]}' })).toEqual({ "application/json": { a: [1, 2] } });
    expect(normalizeBundle({ "application/vnd.plotly.v1+json": { data: [] } })).toEqual({ "application/vnd.plotly.v1+json": { data: [] } });
    expect(normalizeBundle({ "text/html": "<b>x</b>", "text/plain": undefined })).toEqual({ "text/html": "<b>x</b>" });
  });
});

describe("isMimeBundle", () => {
  test("plain objects keyed by MIME types only", () => {
    expect(isMimeBundle({ "text/html": "x", "image/svg+xml": "<svg/>" })).toBe(true);
    expect(isMimeBundle({ "text/html": "x", name: "y" })).toBe(false);
    expect(isMimeBundle({})).toBe(false);
    expect(isMimeBundle([])).toBe(false);
    expect(isMimeBundle(new (class { "text/html" = "x"; })())).toBe(false);
    expect(isMimeBundle(null)).toBe(false);
  });
});

describe("format", () => {
  test("a plain value gives text/plain only", () => {
    expect(sync(format([1, 2, 3], none))).toEqual({ content: { data: { "text/plain": "[ 1, 2, 3 ]" }, metadata: {} }, errors: [] });
  });

  test("the display protocol adds its bundle to text/plain; its own text/plain wins", () => {
    const v = { [DISPLAY]: () => ({ "text/html": "<b>v</b>", "text/plain": "V" }) };
    expect(sync(format(v, none)).content.data).toEqual({ "text/plain": "V", "text/html": "<b>v</b>" });
  });

  test("the protocol may return { data, metadata }", () => {
    const v = { [DISPLAY]: () => ({ data: { "image/png": new Uint8Array([1, 2, 3]) }, metadata: { "image/png": { width: 3 } } }) };
    const r = sync(format(v, none));
    expect(r.content.data["image/png"]).toBe("AQID");
    expect(r.content.metadata).toEqual({ "image/png": { width: 3 } });
  });

  test("an async display method gives a promise of the same content", async () => {
    const v = { [DISPLAY]: async () => ({ "text/markdown": "**m**" }) };
    const r = format(v, none);
    expect(r).toBeInstanceOf(Promise);
    expect((await r).content.data["text/markdown"]).toBe("**m**");
  });

  test("a throwing display method: text/plain stays, the error is reported", () => {
    const v = { x: 1, [DISPLAY]: () => { throw new RangeError("no render"); } };
    const r = sync(format(v, none));
    expect(r.content.data).toEqual({ "text/plain": textPlain(v) });
    expect(r.errors).toEqual(['[Symbol.for("Jupyter.display")]() threw RangeError: no render']);
  });

  test("a rejecting async display method is reported the same way", async () => {
    const v = { [DISPLAY]: async () => { throw new Error("later"); } };
    expect((await format(v, none)).errors).toEqual(['[Symbol.for("Jupyter.display")]() threw Error: later']);
  });

  test("a display method returning a non-bundle is reported, not sent", () => {
    const r = sync(format({ [DISPLAY]: () => "just a string" }, none));
    expect(Object.keys(r.content.data)).toEqual(["text/plain"]);
    expect(r.errors[0]).toMatch(/must return a MIME bundle/);
  });

  test("registered formatters apply along the prototype chain, most derived first, after the protocol", () => {
    class Shape { constructor(readonly n: number) {} }
    class Square extends Shape {}
    class Circle extends Shape { [DISPLAY]() { return { "text/html": "circle via protocol" }; } }
    const reg = new Map<Function, Formatter<never>>([
      [Shape, ((s: Shape) => ({ "text/html": `shape ${s.n}` })) as Formatter<never>],
      [Square, ((s: Square) => ({ "text/html": `square ${s.n}` })) as Formatter<never>],
    ]);
    expect(sync(format(new Shape(1), reg)).content.data["text/html"]).toBe("shape 1");
    expect(sync(format(new Square(2), reg)).content.data["text/html"]).toBe("square 2");
    expect(sync(format(new Circle(3), reg)).content.data["text/html"]).toBe("circle via protocol");
    expect(sync(format(5, reg)).content.data).toEqual({ "text/plain": "5" });
  });
});
