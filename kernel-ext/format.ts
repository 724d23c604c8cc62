// Pure: value -> display content. The protocol (`[Symbol.for("Jupyter.display")]()`) first,
// then the registered formatters, and `text/plain` always (util.inspect, as the Node REPL).
import util from "node:util";
import { DISPLAY, isDisplayable, type DisplayContent, type Formatter, type MimeBundle } from "./protocol";

/** Formatters by class, consulted along the value's prototype chain (most derived first). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FormatterRegistry = ReadonlyMap<Function, Formatter<any>>;

/** The formatted content, plus messages for display methods that threw (shown on stderr). */
export interface FormatResult {
  content: DisplayContent;
  errors: string[];
}

// A cell that evaluates to a giant object must not send megabytes of text to the browser.
export const MAX_TEXT_PLAIN = 100_000;

/**
 * The text/plain form of any value, never throwing (Proxies and hostile getters included).
 * @example
 * textPlain({ a: [1, 2] }) // => "{ a: [ 1, 2 ] }"
 */
export function textPlain(value: unknown): string {
  let text: string;
  try {
    text = util.inspect(value);
  } catch (e) {
    let tag = "object";
    try { tag = Object.prototype.toString.call(value); } catch { /* keep "object" */ }
    text = `${tag} (util.inspect failed: ${errorLine(e)})`;
  }
  if (text.length > MAX_TEXT_PLAIN) {
    text = text.slice(0, MAX_TEXT_PLAIN) + `\n... (${text.length - MAX_TEXT_PLAIN} more characters not shown)`;
  }
  return text;
}

/** `Name: message` of a thrown value, never throwing. */
export function errorLine(e: unknown): string {
  try {
    if (e instanceof Error) return `${e.name}: ${e.message}`;
    return `Uncaught ${util.inspect(e)}`;
  } catch {
    return "Uncaught (unprintable value)";
  }
}

const isJsonMime = (mime: string) => mime === "application/json" || /^application\/[\w.+-]*\+json$/.test(mime);

/**
 * Makes a bundle JSON-safe for the wire: bytes become base64, JSON types become objects.
 * @example
 * normalizeBundle({ "image/png": new Uint8Array([1, 2]) }) // => { "image/png": "AQI=" }
 */
export function normalizeBundle(bundle: MimeBundle): MimeBundle {
  const out: MimeBundle = {};
  for (const [mime, data] of Object.entries(bundle)) {
    if (data === undefined) continue;
    if (data instanceof Uint8Array) out[mime] = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
    else if (data instanceof ArrayBuffer) out[mime] = Buffer.from(data).toString("base64");
    else if (isJsonMime(mime) && typeof data === "string") {
      try { out[mime] = JSON.parse(data); } catch { out[mime] = data; }
    } else out[mime] = data;
  }
  return out;
}

/**
 * True for a plain object whose keys all look like MIME types (`display({"text/html": ...})`).
 * @example
 * isMimeBundle({ "text/html": "<b>x</b>" }) // => true
 */
export function isMimeBundle(value: unknown): value is MimeBundle {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => /^[a-z]+\/[\w.+-]+$/i.test(k));
}

/** A display method may return a bare bundle or `{ data, metadata }`. */
function toContent(ret: unknown, where: string): DisplayContent {
  if (ret !== null && typeof ret === "object" && "data" in ret && !isMimeBundle(ret)) {
    const c = ret as { data: unknown; metadata?: unknown };
    if (isMimeBundle(c.data)) {
      const metadata = c.metadata !== null && typeof c.metadata === "object" ? c.metadata as Record<string, unknown> : {};
      return { data: c.data, metadata };
    }
  }
  if (isMimeBundle(ret)) return { data: ret, metadata: {} };
  throw new TypeError(`${where} must return a MIME bundle such as { "text/html": "..." }, got ${textPlain(ret).slice(0, 80)}`);
}

function findFormatter(value: unknown, formatters: FormatterRegistry): Formatter<unknown> | undefined {
  if (formatters.size === 0 || value === null || (typeof value !== "object" && typeof value !== "function")) return undefined;
  try {
    for (let p = Object.getPrototypeOf(value); p !== null; p = Object.getPrototypeOf(p)) {
      const ctor = Object.prototype.hasOwnProperty.call(p, "constructor") ? p.constructor : undefined;
      const f = ctor !== undefined ? formatters.get(ctor) : undefined;
      if (f) return f as Formatter<unknown>;
    }
  } catch { /* a hostile Proxy: no formatter */ }
  return undefined;
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return x !== null && (typeof x === "object" || typeof x === "function") && typeof (x as { then?: unknown }).then === "function";
}

/**
 * Formats a value for display: text/plain always, merged with the value's own bundle (the
 * protocol first, then a registered formatter). Synchronous unless a display method is async.
 * A throwing display method never throws here: its message goes to `errors`, text/plain stays.
 * @example
 * format({ [Symbol.for("Jupyter.display")]: () => ({ "text/html": "<b>hi</b>" }) }, new Map()).content.data
 * // => { "text/plain": "{ [Symbol(Jupyter.display)]: [Function: ...] }", "text/html": "<b>hi</b>" }
 */
export function format(value: unknown, formatters: FormatterRegistry): FormatResult | Promise<FormatResult> {
  const plain = (): FormatResult => ({ content: { data: { "text/plain": textPlain(value) }, metadata: {} }, errors: [] });
  let where: string;
  let produce: (() => unknown) | undefined;
  if (isDisplayable(value)) {
    where = "[Symbol.for(\"Jupyter.display\")]()";
    produce = () => value[DISPLAY]();
  } else {
    const f = findFormatter(value, formatters);
    where = "the registered formatter";
    if (f) produce = () => f(value);
  }
  if (!produce) return plain();
  const merge = (ret: unknown): FormatResult => {
    const base = plain();
    try {
      const c = toContent(ret, where);
      return { content: { data: { ...base.content.data, ...normalizeBundle(c.data) }, metadata: c.metadata }, errors: [] };
    } catch (e) {
      return { ...base, errors: [`${where} failed: ${errorLine(e)}`] };
    }
  };
  const failed = (e: unknown): FormatResult => ({ ...plain(), errors: [`${where} threw ${errorLine(e)}`] });
  let ret: unknown;
  try { ret = produce(); } catch (e) { return failed(e); }
  if (isThenable(ret)) return Promise.resolve(ret).then(merge, failed);
  return merge(ret);
}
