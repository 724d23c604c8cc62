// Test helpers: seeded random tensors and float64 reference loops that use their own index
// arithmetic (unravel, dot with strides), independent of lib's iterators.
import { Tensor, type DType } from "../../../../lib/tensor/index.js";

/** A tiny seeded PRNG for test data (mulberry32); lib/random is tested on its own. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ARRAYS = { float32: Float32Array, float64: Float64Array, int32: Int32Array, uint8: Uint8Array };

/** A contiguous tensor of values in [-4, 4) (integers for int dtypes, [0, 256) for uint8). */
export function randomTensor(rand: () => number, shape: number[], dtype: DType = "float32"): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  const data = new ARRAYS[dtype](n);
  for (let i = 0; i < n; i++) {
    const u = rand();
    data[i] = dtype === "uint8" ? Math.floor(u * 256) : dtype === "int32" ? Math.floor(u * 17) - 8 : u * 8 - 4;
  }
  return new Tensor(data, shape);
}

/** A random shape with `nd` dims in [1, maxDim]. */
export function randomShape(rand: () => number, nd: number, maxDim = 5): number[] {
  return Array.from({ length: nd }, () => 1 + Math.floor(rand() * maxDim));
}

/** Row-major multi-index of flat index `k`. */
export function unravel(k: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) { idx[i] = k % shape[i]; k = Math.floor(k / shape[i]); }
  return idx;
}

/** Element at a multi-index, through the tensor's own strides and offset. */
export function at(t: Tensor, idx: readonly number[]): number {
  let off = t.offset;
  for (let i = 0; i < idx.length; i++) off += idx[i] * t.strides[i];
  return t.data[off];
}

/** All values in row-major order as float64. */
export function values(t: Tensor): Float64Array {
  const n = t.shape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = at(t, unravel(k, t.shape));
  return out;
}

/** NumPy broadcast of shapes, written independently of lib. */
export function refBroadcast(...shapes: (readonly number[])[]): number[] {
  const nd = Math.max(...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < nd; i++) {
    let d = 1;
    for (const s of shapes) {
      const v = s[s.length - nd + i] ?? 1;
      if (v !== 1) { if (d !== 1 && d !== v) throw new Error("not broadcastable"); d = v; }
    }
    out.push(d);
  }
  return out;
}

/** Value of `t` at an output multi-index under broadcasting. */
export function atBroadcast(t: Tensor, outIdx: readonly number[]): number {
  const k = outIdx.length - t.ndim;
  return at(t, t.shape.map((d, i) => (d === 1 ? 0 : outIdx[k + i])));
}

/** Float64 reference of a broadcast elementwise function of several tensors. */
export function refElementwise(fn: (...v: number[]) => number, ...ts: Tensor[]): { shape: number[]; values: Float64Array } {
  const shape = refBroadcast(...ts.map((t) => t.shape));
  const n = shape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const idx = unravel(k, shape);
    out[k] = fn(...ts.map((t) => atBroadcast(t, idx)));
  }
  return { shape, values: out };
}

/** Rounds reference values to what a store into `dtype` gives. */
export function storeAs(v: Float64Array, dtype: DType): Float64Array {
  const arr = new ARRAYS[dtype](v.length);
  for (let i = 0; i < v.length; i++) arr[i] = v[i];
  return Float64Array.from(arr);
}

/** Views of the same values: contiguous, transposed-back, step-sliced and expanded layouts. */
export function layouts(t: Tensor): [string, Tensor][] {
  const out: [string, Tensor][] = [["contiguous", t]];
  if (t.ndim >= 2) out.push(["transposed", t.T.contiguous().T]);
  // A view with step 2 on the last axis over a storage twice as wide.
  if (t.ndim >= 1) {
    const wide = new Tensor(new (t.data.constructor as Float32ArrayConstructor)(t.size * 2 + 3) as never, [...t.shape.slice(0, -1), t.shape[t.ndim - 1] * 2]);
    const v = wide.slice("...", [null, null, 2]);
    const vals = values(t);
    for (let k = 0; k < vals.length; k++) {
      const idx = unravel(k, t.shape);
      let off = v.offset;
      for (let i = 0; i < idx.length; i++) off += idx[i] * v.strides[i];
      v.data[off] = vals[k];
    }
    out.push(["stepped", v]);
  }
  return out;
}
