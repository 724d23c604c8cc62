// Walking a strided view in row-major order: the generic path for non-contiguous tensors.
import type { DataArray } from "./dtype.js";

/**
 * True when `strides` are the row-major strides of `shape` (size-1 dimensions may have any
 * stride, as in PyTorch, because they are never stepped over).
 * @example isContiguous([2, 3], [3, 1]) // true
 */
export function isContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue;
    if (strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

/**
 * Calls `row(offset, count, stride)` once per innermost row of a strided view, in row-major
 * order; callers run a tight loop over each row, so the per-element cost stays a typed-array read.
 * @example forEachRow([2, 2], [1, 2], 0, (o, n, s) => console.log(o, n, s)) // 0 2 2, then 1 2 2
 */
export function forEachRow(
  shape: readonly number[], strides: readonly number[], offset: number,
  row: (offset: number, count: number, stride: number) => void,
): void {
  const nd = shape.length;
  for (const d of shape) if (d === 0) return;
  if (nd === 0) { row(offset, 1, 1); return; }
  const last = nd - 1, count = shape[last], stride = strides[last];
  const idx = new Array<number>(last).fill(0);
  let off = offset;
  for (;;) {
    row(off, count, stride);
    let d = last - 1;
    for (; d >= 0; d--) {
      idx[d]++;
      off += strides[d];
      if (idx[d] < shape[d]) break;
      off -= strides[d] * shape[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

/**
 * Copies a strided view into `dst` (contiguous, from `dstOffset`), converting by typed-array
 * assignment: float to int32 truncates toward zero, float to uint8 wraps modulo 256, as C casts.
 * @example copyStrided(new Float32Array([1, 2, 3, 4]), [2, 2], [1, 2], 0, out) // out = [1, 3, 2, 4]
 */
export function copyStrided(
  src: DataArray, shape: readonly number[], strides: readonly number[], offset: number,
  dst: DataArray, dstOffset = 0,
): void {
  const nd = shape.length;
  if (nd >= 2 && shape[nd - 1] >= TILE && shape[nd - 2] >= TILE && Math.abs(strides[nd - 1]) > Math.abs(strides[nd - 2])) {
    copyTiled(src, shape, strides, offset, dst, dstOffset);
    return;
  }
  let k = dstOffset;
  forEachRow(shape, strides, offset, (o, n, s) => {
    if (s === 1 && src.constructor === dst.constructor) {
      dst.set(src.subarray(o, o + n) as never, k);
      k += n;
    } else {
      for (let i = 0; i < n; i++, o += s) dst[k++] = src[o];
    }
  });
}

const TILE = 32;

// Transposed layouts (x.T.contiguous()): walking the output row by row reads the source a whole
// stride apart every step and misses the cache each time; copying 32 x 32 tiles keeps the
// source lines of a tile cached while they are used (3-4x faster at 1000 x 4000).
function copyTiled(src: DataArray, shape: readonly number[], strides: readonly number[], offset: number, dst: DataArray, dstOffset: number): void {
  const nd = shape.length, R = shape[nd - 2], C = shape[nd - 1], sr = strides[nd - 2], sc = strides[nd - 1];
  const outer = shape.slice(0, nd - 2), outerStrides = strides.slice(0, nd - 2);
  let k = dstOffset;
  forEachRow([...outer, 1], [...outerStrides, 0], offset, (o) => {
    for (let i0 = 0; i0 < R; i0 += TILE) {
      const i1 = Math.min(i0 + TILE, R);
      for (let j0 = 0; j0 < C; j0 += TILE) {
        const j1 = Math.min(j0 + TILE, C);
        for (let i = i0; i < i1; i++) {
          let so = o + i * sr + j0 * sc, d = k + i * C + j0;
          for (let j = j0; j < j1; j++, so += sc) dst[d++] = src[so];
        }
      }
    }
    k += R * C;
  });
}
