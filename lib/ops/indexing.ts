// Advanced indexing: gather by an index array (take) and boolean mask selection.
import { allocate, broadcastShapes, formatShape, isFloat, normalizeAxis, shapeSize, shapesEqual, Tensor, tensor } from "../tensor/index.js";
import { asTensor, type TensorLike } from "./convert.js";
import { copy_ } from "./inplace.js";

/**
 * Elements (axis omitted: of the flattened tensor) or slices along `axis` at `indices`, as
 * np.take; negative indices count from the end. The result's shape replaces that axis by the
 * indices' shape.
 * @example take(tensor([[1, 2], [3, 4]]), [1, 0], 0).toArray() // [[3, 4], [1, 2]]
 */
export function take(x: TensorLike, indices: Tensor | readonly number[] | number, axis?: number | null): Tensor {
  let t = asTensor(x, "take");
  if (axis == null) { t = t.reshape([-1]); axis = 0; }
  const ax = normalizeAxis(axis, t.ndim, "take");
  const idx = indices instanceof Tensor ? indices : typeof indices === "number" ? tensor(indices, { dtype: "int32" }) : tensor(indices as number[], { dtype: "int32" });
  if (isFloat(idx.dtype)) {
    const flat = idx.toTypedArray();
    for (const v of flat) if (!Number.isInteger(v)) throw new TypeError(`take: indices must be integers; got ${v}`);
  }
  const n = t.shape[ax];
  const flat = idx.toTypedArray();
  const shape = [...t.shape.slice(0, ax), ...idx.shape, ...t.shape.slice(ax + 1)];
  const out = new Tensor(allocate(t.dtype, shapeSize(shape), "take"), shape);
  const lead = t.shape.slice(0, ax).map(() => null);
  // Copy one slice per index into the matching slice of `out` (viewed with the index axes flattened).
  const outView = out.reshape([...t.shape.slice(0, ax), flat.length, ...t.shape.slice(ax + 1)]);
  for (let k = 0; k < flat.length; k++) {
    let i = flat[k];
    if (i < -n || i >= n) throw new RangeError(`take: index ${i} is out of bounds for axis ${ax} with size ${n}`);
    if (i < 0) i += n;
    copy_(outView.slice(...lead, k), t.slice(...lead, i));
  }
  return out;
}

/**
 * The elements of `x` where `mask` is nonzero, as a 1-D tensor in row-major order (torch.masked_select;
 * NumPy's x[mask]). The mask broadcasts to x's shape.
 * @example maskedSelect(tensor([1, -2, 3]), gt(tensor([1, -2, 3]), 0)).toArray() // [1, 3]
 */
export function maskedSelect(x: TensorLike, mask: TensorLike): Tensor {
  const t = asTensor(x, "maskedSelect"), m = asTensor(mask, "maskedSelect");
  const shape = broadcastShapes(t.shape, m.shape, "maskedSelect");
  if (!shapesEqual(shape, t.shape)) throw new RangeError(`maskedSelect: mask of shape ${formatShape(m.shape)} cannot be broadcast to the tensor's shape ${formatShape(t.shape)}`);
  const xv = t.toTypedArray(), mv = m.broadcastTo(shape).toTypedArray();
  let count = 0;
  for (let i = 0; i < mv.length; i++) if (mv[i] !== 0) count++;
  const out = allocate(t.dtype, count, "maskedSelect");
  for (let i = 0, k = 0; i < mv.length; i++) if (mv[i] !== 0) out[k++] = xv[i];
  return new Tensor(out, [count]);
}

/** Same as maskedSelect (TensorFlow's name). @example booleanMask(x, gt(x, 0)) */
export const booleanMask = maskedSelect;
