// Reads whatever a student's function returned (a number, nested arrays, a typed array or a
// Tensor-like {shape, strides, offset, data}) into a flat float64 copy and a shape, with plain
// loops only, so a patched Tensor.prototype or Array.prototype cannot change what is compared.
import { P } from "./pristine.js";

/** A flat float64 copy of a value, with its shape (row-major). */
export interface Numbers {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "string") return `the string ${P.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v)}`;
  if (typeof v === "object") return `an object of type ${(v as object).constructor?.name ?? "Object"}`;
  return `a ${typeof v}`;
}

function nestedShape(v: unknown, what: string): number[] {
  const shape: number[] = [];
  let cur: unknown = v;
  while (P.isArray(cur)) {
    shape[shape.length] = cur.length;
    if (cur.length === 0) break;
    cur = cur[0];
  }
  if (shape.length > 0 && shape[shape.length - 1] > 0 && typeof cur !== "number" && typeof cur !== "boolean") {
    throw new TypeError(`${what}: expected numbers inside the array, found ${describe(cur)}`);
  }
  return shape;
}

function fillNested(v: unknown, shape: readonly number[], depth: number, out: Float64Array, at: number[], what: string): void {
  if (depth === shape.length) {
    if (typeof v !== "number" && typeof v !== "boolean") throw new TypeError(`${what}: expected a number, found ${describe(v)}`);
    out[at[0]++] = +v;
    return;
  }
  if (!P.isArray(v) || v.length !== shape[depth]) {
    throw new TypeError(`${what}: ragged nested array (expected length ${shape[depth]} at depth ${depth}, found ${P.isArray(v) ? v.length : describe(v)})`);
  }
  for (let i = 0; i < v.length; i++) fillNested(v[i], shape, depth + 1, out, at, what);
}

interface TensorLike { shape: ArrayLike<number>; data: ArrayLike<number>; strides?: ArrayLike<number>; offset?: number }

function isTensorLike(v: unknown): v is TensorLike {
  if (v === null || typeof v !== "object") return false;
  const t = v as Record<string, unknown>;
  return (P.isArray(t.shape) || P.isView(t.shape)) && P.isView(t.data);
}

/**
 * Reads a number, (nested) array, typed array or Tensor into float64 numbers and a shape.
 * `what` names the value in error messages.
 * @example toNumbers([[1, 2], [3, 4]]) // => { shape: [2, 2], data: Float64Array [1, 2, 3, 4] }
 */
export function toNumbers(v: unknown, what = "value"): Numbers {
  if (typeof v === "number" || typeof v === "boolean") return { shape: [], data: new P.Float64Array([+v]) };
  if (typeof v === "bigint") return { shape: [], data: new P.Float64Array([Number(v)]) };
  if (P.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<number | bigint>;
    const out = new P.Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = Number(a[i]);
    return { shape: [a.length], data: out };
  }
  if (P.isArray(v)) {
    const shape = nestedShape(v, what);
    let n = 1;
    for (let i = 0; i < shape.length; i++) n *= shape[i];
    const out = new P.Float64Array(n);
    fillNested(v, shape, 0, out, [0], what);
    return { shape, data: out };
  }
  if (isTensorLike(v)) {
    const shape: number[] = [];
    for (let i = 0; i < v.shape.length; i++) shape[i] = v.shape[i];
    const strides: number[] = [];
    let acc = 1;
    for (let i = shape.length - 1; i >= 0; i--) { strides[i] = v.strides ? v.strides[i] : acc; acc *= shape[i]; }
    const out = new P.Float64Array(acc);
    const idx: number[] = [];
    for (let d = 0; d < shape.length; d++) idx[d] = 0;
    const base = v.offset ?? 0;
    for (let k = 0; k < acc; k++) {
      let off = base;
      for (let d = 0; d < shape.length; d++) off += idx[d] * strides[d];
      out[k] = Number(v.data[off]);
      for (let d = shape.length - 1; d >= 0; d--) { if (++idx[d] < shape[d]) break; idx[d] = 0; }
    }
    return { shape, data: out };
  }
  throw new TypeError(`${what}: expected a number, an array, a typed array or a Tensor, got ${describe(v)}`);
}

/**
 * Formats a shape as NumPy prints it.
 * @example formatShape([2, 3]) // => "[2, 3]"
 */
export function formatShape(shape: readonly number[]): string {
  let s = "[";
  for (let i = 0; i < shape.length; i++) s += (i ? ", " : "") + shape[i];
  return s + "]";
}

/**
 * The multi-index of flat position `k` in a row-major `shape`, for messages.
 * @example unravel(5, [2, 3]) // => "[1, 2]"
 */
export function unravel(k: number, shape: readonly number[]): string {
  if (shape.length === 0) return "";
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) { idx[d] = k % shape[d]; k = (k - idx[d]) / shape[d]; }
  return formatShape(idx);
}

/** A short number for messages (6 significant digits, NumPy style). @example fmt(1 / 3) // => "0.333333" */
export function fmt(x: number): string {
  if (P.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x !== 0 && (P.abs(x) < 1e-4 || P.abs(x) >= 1e6)) return (+x.toPrecision(6)).toExponential();
  return P.String(+x.toPrecision(6));
}
