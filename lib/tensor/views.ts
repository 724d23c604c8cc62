// View geometry: each function maps (shape, strides, offset) to a new one without copying.
// Pure over numbers so Tensor (tensor.ts) can use them without an import cycle.
import { formatShape, normalizeAxis, shapeSize } from "./shape.js";

/** A view's geometry: what a Tensor adds to its storage. */
export interface Geometry { shape: number[]; strides: number[]; offset: number }

/** A view's geometry as input (readonly, so a Tensor passes as is). */
export interface GeometryIn { readonly shape: readonly number[]; readonly strides: readonly number[]; readonly offset: number }

/**
 * One axis of a NumPy-like slice: an integer index (drops the axis), `[start, stop, step]`
 * (each optional, negatives count from the end), a string `"start:stop:step"`, or `null` /
 * `":"` for the whole axis. `"..."` stands for as many whole axes as needed.
 */
export type SliceSpec = number | readonly (number | null | undefined)[] | string | null | undefined;

/** Python's slice.indices: clamps start/stop for a step, returns [start, length]. */
function sliceIndices(n: number, start: number | null | undefined, stop: number | null | undefined, step: number): [number, number] {
  let lo: number, hi: number;
  if (step > 0) {
    lo = start == null ? 0 : start < 0 ? Math.max(start + n, 0) : Math.min(start, n);
    hi = stop == null ? n : stop < 0 ? Math.max(stop + n, 0) : Math.min(stop, n);
    return [lo, Math.max(0, Math.ceil((hi - lo) / step))];
  }
  lo = start == null ? n - 1 : start < 0 ? Math.max(start + n, -1) : Math.min(start, n - 1);
  hi = stop == null ? -1 : stop < 0 ? Math.max(stop + n, -1) : Math.min(stop, n - 1);
  return [lo, Math.max(0, Math.ceil((lo - hi) / -step))];
}

function parseSliceString(spec: string): (number | null)[] | number | null {
  const s = spec.trim();
  if (s === ":" || s === "::") return null;
  const parts = s.split(":");
  const num = (p: string): number | null => {
    if (p.trim() === "") return null;
    const v = Number(p);
    if (!Number.isInteger(v)) throw new TypeError(`slice: cannot read ${JSON.stringify(spec)}; expected "start:stop:step" with integers`);
    return v;
  };
  if (parts.length === 1) return num(parts[0]);
  if (parts.length > 3) throw new TypeError(`slice: cannot read ${JSON.stringify(spec)}; expected "start:stop:step"`);
  return parts.map(num);
}

/**
 * NumPy basic indexing as a view: one spec per leading axis, the rest kept whole.
 * @example sliceGeometry({ shape: [4, 5], strides: [5, 1], offset: 0 }, [1, [null, null, -2]])
 *   // { shape: [3], strides: [-2], offset: 9 }
 */
export function sliceGeometry(g: GeometryIn, specs: readonly SliceSpec[]): Geometry {
  const nd = g.shape.length;
  const ellipsis = specs.filter((s) => s === "...").length;
  if (ellipsis > 1) throw new TypeError(`slice: at most one "..." is allowed`);
  const explicit = specs.length - ellipsis;
  if (explicit > nd) throw new RangeError(`slice: ${explicit} indices given for a tensor with ${nd} dimension${nd === 1 ? "" : "s"} (shape ${formatShape(g.shape)})`);
  const full: SliceSpec[] = [];
  for (const s of specs) {
    if (s === "...") for (let i = 0; i < nd - explicit; i++) full.push(null);
    else full.push(s);
  }
  while (full.length < nd) full.push(null);
  const shape: number[] = [], strides: number[] = [];
  let offset = g.offset;
  for (let ax = 0; ax < nd; ax++) {
    const n = g.shape[ax], st = g.strides[ax];
    let spec = full[ax];
    if (typeof spec === "string") spec = parseSliceString(spec);
    if (spec == null) { shape.push(n); strides.push(st); continue; }
    if (typeof spec === "number") {
      if (!Number.isInteger(spec)) throw new TypeError(`slice: index ${spec} on axis ${ax} is not an integer`);
      if (spec < -n || spec >= n) throw new RangeError(`slice: index ${spec} is out of bounds for axis ${ax} with size ${n}`);
      offset += (spec < 0 ? spec + n : spec) * st;
      continue;
    }
    if (!Array.isArray(spec) || spec.length > 3) throw new TypeError(`slice: axis ${ax} expects an index, [start, stop, step], "start:stop:step" or null; got ${JSON.stringify(spec)}`);
    const [start, stop, step = 1] = spec as (number | null | undefined)[];
    for (const v of [start, stop, step]) {
      if (v != null && !Number.isInteger(v)) throw new TypeError(`slice: axis ${ax} expects integer start, stop, step; got ${JSON.stringify(spec)}`);
    }
    const stepN = step ?? 1;
    if (stepN === 0) throw new RangeError(`slice: step must not be zero (axis ${ax})`);
    const [lo, len] = sliceIndices(n, start, stop, stepN);
    if (len > 0) offset += lo * st;
    shape.push(len);
    strides.push(st * stepN);
  }
  return { shape, strides, offset };
}

/**
 * Resolves a target shape with at most one -1 against `size`, as reshape needs.
 * @example inferShape([2, -1], 6, [6]) // [2, 3]
 */
export function inferShape(target: readonly number[], size: number, from: readonly number[]): number[] {
  const out = target.slice();
  let unknown = -1, known = 1;
  for (let i = 0; i < out.length; i++) {
    const d = out[i];
    if (d === -1) {
      if (unknown >= 0) throw new RangeError(`reshape: only one dimension can be -1; got ${formatShape(target)}`);
      unknown = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new RangeError(`reshape: dimensions must be non-negative integers or -1; got ${formatShape(target)}`);
    } else known *= d;
  }
  if (unknown >= 0) {
    if (known === 0 || size % known !== 0) throw new RangeError(`reshape: cannot reshape a tensor of shape ${formatShape(from)} (${size} elements) into ${formatShape(target)}`);
    out[unknown] = size / known;
  } else if (known !== size) {
    throw new RangeError(`reshape: cannot reshape a tensor of shape ${formatShape(from)} (${size} elements) into ${formatShape(target)} (${known} elements)`);
  }
  return out;
}

/** Checks `axes` is a permutation of 0..ndim-1 (negatives allowed). @example checkPermutation([1, 0], 2, "permute") // [1, 0] */
export function checkPermutation(axes: readonly number[], ndim: number, op: string): number[] {
  if (axes.length !== ndim) throw new RangeError(`${op}: expected ${ndim} axes for a ${ndim}-d tensor; got ${JSON.stringify(axes)}`);
  const out = axes.map((a) => normalizeAxis(a, ndim, op));
  if (new Set(out).size !== ndim) throw new RangeError(`${op}: axes ${JSON.stringify(axes)} are not a permutation of 0..${ndim - 1}`);
  return out;
}

/**
 * Broadcasts a view to a larger shape (stride 0 on new or size-1 axes); -1 keeps a size, as torch.expand.
 * @example expandGeometry({ shape: [3, 1], strides: [1, 1], offset: 0 }, [3, 4], "expand").strides // [1, 0]
 */
export function expandGeometry(g: GeometryIn, target: readonly number[], op: string): Geometry {
  const nd = target.length, k = g.shape.length;
  if (nd < k) throw new RangeError(`${op}: cannot broadcast shape ${formatShape(g.shape)} to ${formatShape(target)} (fewer dimensions)`);
  const shape = new Array<number>(nd), strides = new Array<number>(nd);
  for (let i = 0; i < nd; i++) {
    const j = i - (nd - k);
    const src = j >= 0 ? g.shape[j] : 1;
    let t = target[i];
    if (t === -1 && j >= 0) t = src;
    if (!Number.isInteger(t) || t < 0) throw new RangeError(`${op}: cannot broadcast shape ${formatShape(g.shape)} to ${formatShape(target)}`);
    if (src === t) { shape[i] = t; strides[i] = j >= 0 ? g.strides[j] : 0; }
    else if (src === 1) { shape[i] = t; strides[i] = 0; }
    else throw new RangeError(`${op}: cannot broadcast shape ${formatShape(g.shape)} to ${formatShape(target)}`);
  }
  return { shape, strides, offset: g.offset };
}

/**
 * Strides for viewing a view under a new shape without copying, or null when a copy is needed
 * (as PyTorch's computeStride: old dims are grouped into internally contiguous chunks, and each
 * chunk must be split exactly by consecutive target dims).
 * @example reshapeStrides([2, 3], [3, 1], [3, 2]) // [2, 1]
 */
export function reshapeStrides(shape: readonly number[], strides: readonly number[], target: readonly number[]): number[] | null {
  if (shapeSize(shape) === 0) return target.map(() => 0);
  const chunks: { size: number; inner: number }[] = [];
  let prevStride = 0;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 1) continue;
    const last = chunks[chunks.length - 1];
    if (last && prevStride === strides[i] * shape[i]) { last.size *= shape[i]; last.inner = strides[i]; }
    else chunks.push({ size: shape[i], inner: strides[i] });
    prevStride = strides[i];
  }
  const out = new Array<number>(target.length).fill(0);
  let c = 0, ti = 0;
  while (ti < target.length) {
    if (target[ti] === 1) { ti++; continue; }
    if (c >= chunks.length) return null;
    const start = ti;
    let prod = 1;
    while (ti < target.length && prod < chunks[c].size) prod *= target[ti++];
    if (prod !== chunks[c].size) return null;
    let s = chunks[c].inner;
    for (let k = ti - 1; k >= start; k--) { out[k] = s; s *= target[k]; }
    c++;
  }
  if (c !== chunks.length) return null;
  // Size-1 dims are never stepped over; give them the contiguous value for tidy strides.
  for (let k = target.length - 1; k >= 0; k--) {
    if (target[k] === 1) out[k] = k + 1 < target.length ? out[k + 1] * target[k + 1] : 1;
  }
  return out;
}
