// Joining tensors along an axis: concat (an existing axis) and stack (a new one).
import { allocate, formatShape, normalizeAxis, promoteTypes, shapeSize, Tensor } from "../tensor/index.js";
import { asTensor, type TensorLike } from "./convert.js";
import { copy_ } from "./inplace.js";

/**
 * Joins tensors along an existing axis, as np.concatenate / torch.cat; dtypes promote.
 * @example concat([zeros([2, 3]), ones([1, 3])]).shape // [3, 3]
 */
export function concat(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new RangeError(`concat: expected a non-empty array of tensors`);
  const ts = tensors.map((t) => asTensor(t, "concat"));
  const first = ts[0];
  if (first.ndim === 0) throw new RangeError(`concat: zero-dimensional tensors cannot be concatenated (use stack)`);
  const ax = normalizeAxis(axis, first.ndim, "concat");
  let dt = first.dtype, total = 0;
  for (const [k, t] of ts.entries()) {
    const same = t.ndim === first.ndim && t.shape.every((d, i) => i === ax || d === first.shape[i]);
    if (!same) throw new RangeError(`concat: shapes must match except on axis ${ax}; tensor 0 has ${formatShape(first.shape)}, tensor ${k} has ${formatShape(t.shape)}`);
    dt = promoteTypes(dt, t.dtype);
    total += t.shape[ax];
  }
  const shape = first.shape.slice();
  shape[ax] = total;
  const out = new Tensor(allocate(dt, shapeSize(shape), "concat"), shape);
  let start = 0;
  for (const t of ts) {
    const n = t.shape[ax];
    if (n > 0) copy_(out.slice(...shape.map((_, i) => (i === ax ? [start, start + n] : null))), t);
    start += n;
  }
  return out;
}

/**
 * Joins same-shape tensors along a new axis, as np.stack / torch.stack.
 * @example stack([zeros([3]), ones([3])], 1).shape // [3, 2]
 */
export function stack(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new RangeError(`stack: expected a non-empty array of tensors`);
  const ts = tensors.map((t) => asTensor(t, "stack"));
  for (const [k, t] of ts.entries()) {
    if (t.ndim !== ts[0].ndim || !t.shape.every((d, i) => d === ts[0].shape[i])) {
      throw new RangeError(`stack: all tensors must have the same shape; tensor 0 has ${formatShape(ts[0].shape)}, tensor ${k} has ${formatShape(t.shape)}`);
    }
  }
  const ax = normalizeAxis(axis, ts[0].ndim + 1, "stack");
  return concat(ts.map((t) => t.unsqueeze(ax)), ax);
}
