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
