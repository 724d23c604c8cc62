// The ONE global (STYLE rule 10): the display channel, i.e. where the current cell's output goes.
// It lives on globalThis under a Symbol.for key so that every copy of this module (the kernel's,
// and one a notebook might load through another path) shares the same writer and formatters.
// Output is routed per cell with AsyncLocalStorage, like IPython's parent header: a timer or
// promise started by cell 3 still writes into cell 3's output after cell 4 has started.
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import { errorLine, format, isMimeBundle, normalizeBundle, type FormatResult, type FormatterRegistry } from "./format";
import type { DisplayContent, Formatter, MimeBundle } from "./protocol";

/** What the kernel provides for one cell: the iopub messages that cell may publish. */
export interface CellWriter {
  display(content: DisplayContent & { transient: { display_id: string } }, update: boolean): void;
  clear(wait: boolean): void;
  stream(name: "stdout" | "stderr", text: string): void;
}

interface ChannelState {
  readonly cells: AsyncLocalStorage<CellWriter>;
  /** The cell that ran last: the fallback for callbacks that lost their async context. */
  latest: CellWriter | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly formatters: Map<Function, Formatter<any>>;
}

const KEY = Symbol.for("deeprob-ts.channel");

function channel(): ChannelState {
  const g = globalThis as unknown as Record<symbol, ChannelState | undefined>;
  return (g[KEY] ??= { cells: new AsyncLocalStorage<CellWriter>(), latest: null, formatters: new Map() });
}

/** Runs `fn` (a cell) with `writer` as its output, including async work it starts. Kernel use. */
export function runInCell<T>(writer: CellWriter, fn: () => T): T {
  const ch = channel();
  ch.latest = writer;
  return ch.cells.run(writer, fn);
}

/** The writer of the cell this code belongs to, or null outside a kernel. */
export function currentWriter(): CellWriter | null {
  const ch = channel();
  return ch.cells.getStore() ?? ch.latest;
}

/** The registered formatters (read-only view). */
export function formatters(): FormatterRegistry {
  return channel().formatters;
}

/**
 * Teaches the kernel to render instances of `cls` (and subclasses), like IPython's
 * `display_formatter.for_type`. Consulted after the value's own `[Symbol.for("Jupyter.display")]`.
 * Returns a function that removes the formatter again.
 * @example
 * registerFormatter(Point, (p) => ({ "text/html": `<b>(${p.x}, ${p.y})</b>` }));
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function registerFormatter<T>(cls: abstract new (...args: any[]) => T, fn: Formatter<T>): () => void {
  if (typeof cls !== "function") throw new TypeError(`registerFormatter: expected a class, got ${typeof cls}`);
  if (typeof fn !== "function") throw new TypeError(`registerFormatter: expected a function (value) => bundle, got ${typeof fn}`);
  const map = channel().formatters;
  map.set(cls, fn);
  return () => { if (map.get(cls) === fn) map.delete(cls); };
}

export interface DisplayOptions {
  /** A display id to update later; one is generated when omitted. */
  id?: string;
  /** Replace the output previously shown with this id (update_display_data) instead of adding one. */
  update?: boolean;
  /** Per-MIME metadata, e.g. `{ "image/png": { width: 128 } }`. */
  metadata?: Record<string, unknown>;
}

/** What `display` returns: updates the same output in place. */
export interface DisplayHandle {
  readonly id: string;
  update(value: unknown, opts?: { metadata?: Record<string, unknown> }): DisplayHandle;
}

// `display(x)` as a cell's last line shows x once, not x and then its handle (IPython's display
// returns None); the kernel recognises handles by this brand.
const HANDLE = Symbol.for("deeprob-ts.displayHandle");

/** True for the handle `display` returns. */
export function isDisplayHandle(value: unknown): value is DisplayHandle {
  try {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[HANDLE] === true;
  } catch {
    return false; // a Proxy whose get trap throws is not a handle
  }
}

function send(writer: CellWriter | null, r: FormatResult, id: string, update: boolean, metadata?: Record<string, unknown>): void {
  const content = { data: r.content.data, metadata: metadata ?? r.content.metadata, transient: { display_id: id } };
  if (writer === null) {
    // Outside a kernel (vitest, plain node): the text form, like print in Python.
    const text = r.content.data["text/plain"];
    if (typeof text === "string") process.stdout.write(text + "\n");
    for (const e of r.errors) process.stderr.write(e + "\n");
    return;
  }
  try {
    writer.display(content, update);
    for (const e of r.errors) writer.stream("stderr", e + "\n");
  } catch (e) {
    // A closed socket must not crash user code (e.g. a timer firing during shutdown).
    try { process.stderr.write(`display: could not send output: ${errorLine(e)}\n`); } catch { /* nowhere left to report */ }
  }
}

/**
 * Shows a value (rendered through the display protocol / formatters) or a raw MIME bundle as one
 * display_data message; with `{ update: true }` (or `handle.update`) it replaces that output.
 * @example
 * const h = display({ "text/html": "<b>epoch 1</b>", "text/plain": "epoch 1" });
 * h.update({ "text/html": "<b>epoch 2</b>", "text/plain": "epoch 2" });
 */
export function display(value: unknown, opts: DisplayOptions = {}): DisplayHandle {
  const id = opts.id ?? crypto.randomBytes(8).toString("hex");
  const writer = currentWriter(); // captured now, so async formatting still lands in this cell
  if (isMimeBundle(value)) {
    send(writer, { content: { data: normalizeBundle(value as MimeBundle), metadata: {} }, errors: [] }, id, opts.update ?? false, opts.metadata);
  } else {
    const r = format(value, formatters());
    if (r instanceof Promise) {
      void r.then((res) => send(writer, res, id, opts.update ?? false, opts.metadata));
    } else {
      send(writer, r, id, opts.update ?? false, opts.metadata);
    }
  }
  return {
    id,
    update: (v, o = {}) => display(v, { id, update: true, metadata: o.metadata }),
    [HANDLE]: true,
  } as DisplayHandle;
}

/**
 * Clears the cell's output, as IPython's `clear_output`; with `{ wait: true }` the clear happens
 * when the next output arrives (no flicker in animations).
 * @example
 * for (let i = 0; i < 3; i++) { clearOutput({ wait: true }); display(`step ${i}`); }
 */
export function clearOutput(opts: { wait?: boolean } = {}): void {
  const writer = currentWriter();
  if (writer === null) return;
  try { writer.clear(opts.wait ?? false); } catch { /* closed socket: nothing to clear */ }
}
