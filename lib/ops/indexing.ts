// Advanced indexing: gather by an index array (take) and boolean mask selection.
import { allocate, broadcastShapes, broadcastStrides, contiguousStrides, formatShape, isFloat, normalizeAxis, shapeSize, shapesEqual, Tensor, tensor } from "../tensor/index.js";
import { asTensor, type TensorLike } from "./convert.js";
import { copy_ } from "./inplace.js";
import { forEachRowN } from "./iterate.js";

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
 * Picks one element along `axis` per position of `indices`, as np.take_along_axis and
 * torch.gather: out[i, j] = x[i, indices[i, j]] for axis 1. `indices` has x's number of
 * dimensions; the other dimensions broadcast. The classic use is `scores[arange(N), y]`:
 * `takeAlongAxis(scores, y.reshape(-1, 1), 1)`.
 * @example takeAlongAxis(tensor([[1, 2], [3, 4]]), tensor([[1], [0]], { dtype: "int32" }), 1).toArray() // [[2], [3]]
 */
export function takeAlongAxis(x: TensorLike, indices: Tensor, axis: number): Tensor {
  const t = asTensor(x, "takeAlongAxis");
  if (!(indices instanceof Tensor)) throw new TypeError(`takeAlongAxis: indices must be an integer Tensor`);
  if (isFloat(indices.dtype)) throw new TypeError(`takeAlongAxis: indices must have an integer dtype (int32 or uint8); got ${indices.dtype}`);
  if (indices.ndim !== t.ndim) {
    throw new RangeError(`takeAlongAxis: indices must have as many dimensions as the tensor; got ${formatShape(indices.shape)} for ${formatShape(t.shape)}`);
  }
  const ax = normalizeAxis(axis, t.ndim, "takeAlongAxis");
  const xs = t.shape.map((d, i) => (i === ax ? 1 : d)), is = indices.shape.map((d, i) => (i === ax ? 1 : d));
  const shape = broadcastShapes(xs, is, "takeAlongAxis");
  shape[ax] = indices.shape[ax];
  const out = new Tensor(allocate(t.dtype, shapeSize(shape), "takeAlongAxis"), shape);
  const xStrides = broadcastStrides(xs, t.strides, shape.map((d, i) => (i === ax ? 1 : d)));
  xStrides[ax] = 0;
  const n = t.shape[ax], step = t.strides[ax], xd = t.data, id = indices.data, od = out.data;
  forEachRowN(shape, [contiguousStrides(shape), broadcastStrides(indices.shape, indices.strides, shape), xStrides], [0, indices.offset, t.offset], (o, cnt, s) => {
    let oo = o[0], oi = o[1], ox = o[2];
    for (let k = 0; k < cnt; k++, oo += s[0], oi += s[1], ox += s[2]) {
      let i = id[oi];
      if (i < -n || i >= n) throw new RangeError(`takeAlongAxis: index ${i} is out of bounds for axis ${ax} with size ${n}`);
      if (i < 0) i += n;
      od[oo] = xd[ox + i * step];
    }
  });
  return out;
}

/** Same as takeAlongAxis with torch's argument order: gather(x, dim, index). @example gather(scores, 1, y.reshape(-1, 1)) */
export function gather(x: TensorLike, axis: number, indices: Tensor): Tensor {
  return takeAlongAxis(x, indices, axis);
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
