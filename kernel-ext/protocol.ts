// The display protocol shared by the kernel and any value that wants to render itself.
// Deno's kernel convention: an object with a `[Symbol.for("Jupyter.display")]()` method
// (sync or async) returning a MIME bundle. `Symbol.for` makes the key the same in every module
// copy, so library code can implement it without importing anything from the kernel.

/** The key of the display method: `value[DISPLAY]()` returns a MimeBundle (or a promise of one). */
export const DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/**
 * A Jupyter MIME bundle: MIME type -> data. Text types are strings; JSON types
 * (`application/json`, `application/*+json`) are objects; binary types (image/png ...) may be
 * given as Uint8Array/Buffer and are base64-encoded by the kernel.
 */
export type MimeBundle = Record<string, unknown>;

/** A bundle plus per-MIME metadata (e.g. `{ "image/png": { width: 64 } }`), as display_data carries. */
export interface DisplayContent {
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** Anything that renders itself through the protocol. */
export interface Displayable {
  [DISPLAY](): MimeBundle | DisplayContent | Promise<MimeBundle | DisplayContent>;
}

/** A formatter registered for a class (IPython's `display_formatter.for_type`). */
export type Formatter<T = never> = (value: T) => MimeBundle | Promise<MimeBundle>;

/** True when `value` implements the display protocol. */
export function isDisplayable(value: unknown): value is Displayable {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
  try {
    return typeof (value as Record<symbol, unknown>)[DISPLAY] === "function";
  } catch {
    return false; // a Proxy or getter that throws is simply not displayable
  }
}
