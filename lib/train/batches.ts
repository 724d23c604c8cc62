// Seeded shuffling and mini-batching: an epoch is a permutation of the sample indices (drawn
// from the generator, so the same seed gives the same batches) cut into batches.
import { Tensor } from "../tensor/index.js";
import type { Generator } from "../random/index.js";

/**
 * The index batches of one epoch. Shuffled with `rng` unless `shuffle: false`; the last short
 * batch is kept unless `dropLast` (as torch.utils.data.DataLoader).
 * @example batchIndices(5, 2, { shuffle: false }) // [Int32Array [0, 1], Int32Array [2, 3], Int32Array [4]]
 */
export function batchIndices(n: number, batchSize: number, opts: { rng?: Generator; shuffle?: boolean; dropLast?: boolean } = {}): Int32Array[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`batchIndices: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchIndices: batchSize must be a positive integer, got ${batchSize}`);
  const shuffle = opts.shuffle ?? true;
  let order: Int32Array;
  if (shuffle) {
    if (!opts.rng) throw new TypeError("batchIndices: shuffling needs the generator: batchIndices(n, size, { rng: rng(0) }) (or { shuffle: false })");
    order = opts.rng.permutation(n);
  } else order = Int32Array.from({ length: n }, (_, i) => i);
  const out: Int32Array[] = [];
  for (let s = 0; s < n; s += batchSize) {
    if (opts.dropLast && s + batchSize > n) break;
    out.push(order.slice(s, Math.min(n, s + batchSize)));
  }
  return out;
}

/**
 * Rows `idx` of x (along dim 0) as a new contiguous tensor, as x[idx] in NumPy.
 * @example takeRows(tensor([[1, 2], [3, 4], [5, 6]]), [2, 0]).toArray() // [[5, 6], [1, 2]]
 */
export function takeRows(x: Tensor, idx: ArrayLike<number>): Tensor {
  if (!(x instanceof Tensor) || x.ndim < 1) throw new TypeError("takeRows: expected a tensor with at least one dimension");
  const c = x.contiguous(), n = x.shape[0], row = n === 0 ? 0 : c.size / n, src = c.data;
  const out = new (src.constructor as new (len: number) => typeof src)(idx.length * row);
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i];
    if (!Number.isInteger(r) || r < 0 || r >= n) throw new RangeError(`takeRows: index ${r} is out of bounds for ${n} rows`);
    out.set(src.subarray(c.offset + r * row, c.offset + (r + 1) * row), i * row);
  }
  return new Tensor(out, [idx.length, ...x.shape.slice(1)]);
}

/** Labels as an Int32Array (from a tensor or array), checked to be integers. @example labelArray("fit", tensor([1, 0])) // Int32Array [1, 0] */
export function labelArray(op: string, y: Tensor | ArrayLike<number>): Int32Array {
  const a = y instanceof Tensor ? y.toTypedArray() : y;
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    if (!Number.isInteger(a[i])) throw new RangeError(`${op}: label ${i} is ${a[i]}; expected integer class indices`);
    out[i] = a[i];
  }
  return out;
}
