// Row gathering on tensors: the indexing a split or a loader needs (x[idx] along axis 0).
import { Tensor } from "../tensor/tensor.js";

/**
 * A new contiguous tensor of rows `indices` of `t` (axis 0), as NumPy's `t[indices]`.
 * @example takeRows(tensor([[1, 2], [3, 4], [5, 6]]), [2, 0]).toArray() // [[5, 6], [1, 2]]
 */
export function takeRows(t: Tensor, indices: ArrayLike<number>, op = "takeRows"): Tensor {
  if (!(t instanceof Tensor) || t.ndim < 1) throw new TypeError(`${op}: expected a tensor with at least one dimension`);
  const c = t.contiguous();
  const n = c.shape[0], per = n === 0 ? 0 : c.size / n;
  const Ctor = c.data.constructor as new (len: number) => typeof c.data;
  const out = new Ctor(indices.length * per);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!Number.isInteger(r) || r < 0 || r >= n) throw new RangeError(`${op}: row index ${r} is out of range for ${n} rows`);
    out.set(c.data.subarray(c.offset + r * per, c.offset + (r + 1) * per), i * per);
  }
  return new Tensor(out, [indices.length, ...c.shape.slice(1)]);
}
