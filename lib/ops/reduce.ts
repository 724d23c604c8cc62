// Reductions over an axis, several axes, or all (axis omitted or null), with keepdims.
// Sums, means and variances of float32 accumulate in float64 and round once at the end;
// variance is two-pass (mean first), so it does not cancel catastrophically.
import { allocate, contiguousStrides, floatResult, formatShape, isContiguous, normalizeAxes, normalizeAxis, shapeSize, Tensor, type DType } from "../tensor/index.js";
import { asTensor, type TensorLike } from "./convert.js";
import { forEachRowN } from "./iterate.js";
import { argExtremeStrided, extremeStrided, sumRows, sumSquaredDeviationRows, sumSquaredDeviations, sumStrided } from "./kernels.js";

/** An axis, a list of axes, or null/undefined for all axes. Negative axes count from the end. */
export type Axis = number | readonly number[] | null | undefined;

/**
 * Options of reductions (the axis may also be the second positional argument). PyTorch's
 * names `dim` and `keepdim` are accepted as synonyms of `axis` and `keepdims`.
 */
export interface ReduceOptions { axis?: Axis; keepdims?: boolean; dim?: Axis; keepdim?: boolean }

/**
 * Options of var and std. `correction` is subtracted from the count in the divisor: 0 (the
 * default) is NumPy's `ddof=0`, the population variance; torch.var defaults to 1 (Bessel's
 * correction), so pass `{ correction: 1 }` to match PyTorch. `ddof` is accepted as a synonym.
 */
export interface VarOptions extends ReduceOptions { correction?: number; ddof?: number }

function isOptions(a: unknown): a is ReduceOptions {
  return typeof a === "object" && a !== null && !Array.isArray(a);
}

function parse<O extends ReduceOptions>(axisOrOptions: Axis | O, options: O | undefined): O {
  const o = (isOptions(axisOrOptions) ? axisOrOptions : { ...(options ?? {}), axis: axisOrOptions }) as O;
  return { ...o, axis: o.axis ?? o.dim, keepdims: o.keepdims ?? o.keepdim };
}

/**
 * Runs `reduceRow(data, offset, count, stride)` once per output element; the reduced axes are
 * brought last and merged into one strided run (copying to contiguous only when they cannot be).
 */
function reduceWith(
  name: string, x: Tensor, axis: Axis, keepdims: boolean, out: DType,
  reduceRow: (data: Tensor["data"], offset: number, count: number, stride: number) => number,
  needsElements = false, reduceRows?: RowsReducer,
): Tensor {
  const red = normalizeAxes(axis, x.ndim, name);
  const kept = x.shape.map((_, i) => i).filter((i) => !red.includes(i));
  if (reduceRows) {
    const done = leadingRows(x, red, keepdims, out, name, reduceRows);
    if (done) return done;
  }
  let src = x.permute(...kept, ...red);
  let R = 1;
  for (const a of red) R *= x.shape[a];
  let stride = mergedStride(src.shape.slice(kept.length), src.strides.slice(kept.length));
  if (stride === null) { src = src.contiguous(); stride = 1; }
  const keptShape = kept.map((a) => x.shape[a]);
  const outShape = keepdims ? x.shape.map((d, i) => (red.includes(i) ? 1 : d)) : keptShape;
  const res = new Tensor(allocate(out, keptShape.reduce((p, d) => p * d, 1), name), outShape);
  if (R === 0 && needsElements && res.size > 0) {
    throw new RangeError(`${name}: cannot reduce over a zero-size axis (shape ${formatShape(x.shape)}, axis ${JSON.stringify(axis ?? null)}); there is no identity`);
  }
  const od = res.data, sd = src.data, st = stride;
  forEachRowN(keptShape, [contiguousStrides(keptShape), src.strides.slice(0, kept.length)], [0, src.offset], (o, n, s) => {
    let oo = o[0], os = o[1];
    for (let i = 0; i < n; i++, oo += s[0], os += s[1]) od[oo] = reduceRow(sd, os, R, st);
  });
  return res;
}

/** Reduces R rows of D contiguous values (row i at offset + i * rowStride) into D float64 results. */
type RowsReducer = (data: Tensor["data"], offset: number, R: number, rowStride: number, D: number) => Float64Array;

// Reductions over the leading axes of a tensor whose trailing axes are contiguous (the lecture's
// mean(X, 0)) walk whole rows in memory order instead of striding down each column.
function leadingRows(x: Tensor, red: number[], keepdims: boolean, out: DType, name: string, reduceRows: RowsReducer): Tensor | null {
  const r = red.length;
  if (r === 0 || r === x.ndim || red[r - 1] !== r - 1) return null;
  const keptShape = x.shape.slice(r);
  if (!isContiguous(keptShape, x.strides.slice(r))) return null;
  const D = shapeSize(keptShape);
  const rowStride = mergedStride(x.shape.slice(0, r), x.strides.slice(0, r));
  if (rowStride === null || D < 8) return null;
  const R = shapeSize(x.shape.slice(0, r));
  const acc = reduceRows(x.data, x.offset, R, rowStride, D);
  const res = new Tensor(allocate(out, D, name), keepdims ? [...red.map(() => 1), ...keptShape] : keptShape);
  for (let j = 0; j < D; j++) res.data[j] = acc[j];
  return res;
}

function columnMeans(d: Tensor["data"], off: number, R: number, rs: number, D: number): Float64Array {
  const acc = new Float64Array(D);
  sumRows(R, D, d, off, rs, acc);
  for (let j = 0; j < D; j++) acc[j] /= R;
  return acc;
}

function columnVariances(c: number, root: boolean): RowsReducer {
  return (d, off, R, rs, D) => {
    const m = columnMeans(d, off, R, rs, D), acc = new Float64Array(D);
    sumSquaredDeviationRows(R, D, d, off, rs, m, acc);
    for (let j = 0; j < D; j++) acc[j] = root ? Math.sqrt(acc[j] / Math.max(R - c, 0)) : acc[j] / Math.max(R - c, 0);
    return acc;
  };
}

// One stride that walks all reduced dims in order, or null if they are not evenly spaced.
function mergedStride(shape: readonly number[], strides: readonly number[]): number | null {
  let stride: number | null = null, expected = 0;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue;
    if (stride === null) { stride = strides[i]; expected = strides[i] * shape[i]; continue; }
    if (strides[i] !== expected) return null;
    expected = strides[i] * shape[i];
  }
  return stride ?? 1;
}

function intSum(dtype: DType): DType { return dtype === "uint8" ? "int32" : dtype; }

/** Sum; integers sum to int32. @example sum(tensor([[1, 2], [3, 4]]), 0).toArray() // [4, 6] */
export function sum(x: TensorLike, axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor {
  const t = asTensor(x, "sum"), o = parse(axis, options);
  return reduceWith("sum", t, o.axis, !!o.keepdims, intSum(t.dtype), (d, off, n, s) => sumStrided(n, d, off, s), false,
    (d, off, R, rs, D) => { const acc = new Float64Array(D); sumRows(R, D, d, off, rs, acc); return acc; });
}

/** Product, accumulated in float64; integers give int32. @example prod(tensor([[1, 2], [3, 4]]), 1).toArray() // [2, 12] */
export function prod(x: TensorLike, axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor {
  const t = asTensor(x, "prod"), o = parse(axis, options);
  return reduceWith("prod", t, o.axis, !!o.keepdims, intSum(t.dtype), (d, off, n, s) => {
    let p = 1;
    for (let i = 0; i < n; i++, off += s) p *= d[off];
    return p;
  });
}

/** 1 if any element is nonzero (NaN counts), as a uint8 tensor. @example any(tensor([0, 2])).item() // 1 */
export function any(x: TensorLike, axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor {
  const t = asTensor(x, "any"), o = parse(axis, options);
  return reduceWith("any", t, o.axis, !!o.keepdims, "uint8", (d, off, n, s) => {
    for (let i = 0; i < n; i++, off += s) if (d[off] !== 0) return 1;
    return 0;
  });
}

/** 1 if every element is nonzero (NaN counts), as a uint8 tensor; 1 over an empty axis. @example all(tensor([0, 2])).item() // 0 */
export function all(x: TensorLike, axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor {
  const t = asTensor(x, "all"), o = parse(axis, options);
  return reduceWith("all", t, o.axis, !!o.keepdims, "uint8", (d, off, n, s) => {
    for (let i = 0; i < n; i++, off += s) if (d[off] === 0) return 0;
    return 1;
  });
}

/** Arithmetic mean (NaN over an empty axis). @example mean(tensor([[1, 2], [3, 4]]), { axis: 0, keepdims: true }).toArray() // [[2, 3]] */
export function mean(x: TensorLike, axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor {
  const t = asTensor(x, "mean"), o = parse(axis, options);
  return reduceWith("mean", t, o.axis, !!o.keepdims, floatResult(t.dtype), (d, off, n, s) => sumStrided(n, d, off, s) / n, false, columnMeans);
}

function correctionOf(o: VarOptions, name: string): number {
  const c = o.correction ?? o.ddof ?? 0;
  if (typeof c !== "number" || !Number.isFinite(c) || c < 0) throw new RangeError(`${name}: correction must be a non-negative number; got ${String(c)}`);
  return c;
}

/**
 * Variance, sum((x - mean)^2) / (n - correction), correction 0 by default as NumPy (torch uses 1).
 * @example variance(tensor([1, 2, 3, 4])).item() // 1.25
 */
export function variance(x: TensorLike, axis?: Axis | VarOptions, options?: VarOptions): Tensor {
  const t = asTensor(x, "var"), o = parse<VarOptions>(axis, options);
  const c = correctionOf(o, "var");
  return reduceWith("var", t, o.axis, !!o.keepdims, floatResult(t.dtype), (d, off, n, s) => {
    const m = sumStrided(n, d, off, s) / n;
    return sumSquaredDeviations(n, d, off, s, m) / Math.max(n - c, 0);
  }, false, columnVariances(c, false));
}

/** Standard deviation, sqrt(var) with the same `correction` (0 by default, as NumPy). @example std(tensor([1, 2, 3, 4]), { correction: 1 }).item() // 1.2909944 */
export function std(x: TensorLike, axis?: Axis | VarOptions, options?: VarOptions): Tensor {
  const t = asTensor(x, "std"), o = parse<VarOptions>(axis, options);
  const c = correctionOf(o, "std");
  return reduceWith("std", t, o.axis, !!o.keepdims, floatResult(t.dtype), (d, off, n, s) => {
    const m = sumStrided(n, d, off, s) / n;
    return Math.sqrt(sumSquaredDeviations(n, d, off, s, m) / Math.max(n - c, 0));
  }, false, columnVariances(c, true));
}

/** Maximum; NaN propagates, as np.max. @example max(tensor([[1, 5], [3, 4]]), 1).toArray() // [5, 4] */
export function max(x: TensorLike, axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor {
  const t = asTensor(x, "max"), o = parse(axis, options);
  return reduceWith("max", t, o.axis, !!o.keepdims, t.dtype, (d, off, n, s) => extremeStrided(n, d, off, s, false), true);
}

/** Minimum; NaN propagates, as np.min. @example min(tensor([[1, 5], [3, 4]]), 1).toArray() // [1, 3] */
export function min(x: TensorLike, axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor {
  const t = asTensor(x, "min"), o = parse(axis, options);
  return reduceWith("min", t, o.axis, !!o.keepdims, t.dtype, (d, off, n, s) => extremeStrided(n, d, off, s, true), true);
}

function argExtreme(name: string, x: TensorLike, axis: number | null | undefined | ReduceOptions, options: ReduceOptions | undefined, isMin: boolean): Tensor {
  const t = asTensor(x, name), o = parse(axis, options);
  if (Array.isArray(o.axis)) throw new TypeError(`${name}: axis must be a single integer or null (flattened index); got ${JSON.stringify(o.axis)}`);
  if (o.axis == null) {
    // Index into the flattened (row-major) tensor, as np.argmax without axis.
    const flat = t.reshape([-1]);
    const res = reduceWith(name, flat, 0, false, "int32", (d, off, n, s) => argExtremeStrided(n, d, off, s, isMin), true);
    return o.keepdims ? res.reshape(t.shape.map(() => 1)) : res;
  }
  normalizeAxis(o.axis as number, t.ndim, name);
  return reduceWith(name, t, o.axis, !!o.keepdims, "int32", (d, off, n, s) => argExtremeStrided(n, d, off, s, isMin), true);
}

/** Index of the first maximum (int32); NaN counts as the maximum, as np.argmax. @example argmax(tensor([[1, 5], [7, 4]]), 1).toArray() // [1, 0] */
export function argmax(x: TensorLike, axis?: number | null | ReduceOptions, options?: ReduceOptions): Tensor {
  return argExtreme("argmax", x, axis, options, false);
}

/** Index of the first minimum (int32); NaN counts as the minimum, as np.argmin. @example argmin(tensor([3, 1, 2])).item() // 1 */
export function argmin(x: TensorLike, axis?: number | null | ReduceOptions, options?: ReduceOptions): Tensor {
  return argExtreme("argmin", x, axis, options, true);
}
