// In-place ops for the hot paths optimizers need (w.sub_(mul(lr, g))), ending in `_` as PyTorch.
// `other` broadcasts to the target's shape; the result is stored in the target's dtype.
import { broadcastShapes, broadcastStrides, floatResult, formatShape, isFloat, shapesEqual, Tensor } from "../tensor/index.js";
import { asTensor, resultType, scalar, type TensorLike } from "./convert.js";
import { forEachRowN } from "./iterate.js";
import { binaryStrided, type BinaryName } from "./kernels.js";

// Writing through a stride-0 (expanded) dimension would write one element many times.
function checkWritable(t: Tensor, op: string): void {
  for (let i = 0; i < t.ndim; i++) {
    if (t.strides[i] === 0 && t.shape[i] > 1) {
      throw new RangeError(`${op}: cannot write in place into a broadcast (expanded) view of shape ${formatShape(t.shape)}; call .clone() first`);
    }
  }
}

// Whether two storages share bytes. Comparing buffers alone is not enough: every resident
// tensor's storage is a view into the one wasm memory buffer (lib/kernels/resident.ts).
function sharesMemory(a: Tensor, b: Tensor): boolean {
  const x = a.data, y = b.data;
  return x.buffer === y.buffer && x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

function sameView(a: Tensor, b: Tensor): boolean {
  return a.data === b.data && a.offset === b.offset && shapesEqual(a.shape, b.shape) && shapesEqual(a.strides, b.strides);
}

function other(b: TensorLike, target: Tensor, op: string): Tensor {
  const t = typeof b === "number" ? scalar(b, target.dtype, op) : asTensor(b, op);
  const shape = broadcastShapes(target.shape, t.shape, op);
  if (!shapesEqual(shape, target.shape)) {
    throw new RangeError(`${op}: shape ${formatShape(t.shape)} cannot be broadcast to the target's shape ${formatShape(target.shape)}`);
  }
  return t;
}

function inplace(op: BinaryName, name: string, target: Tensor, b: TensorLike): Tensor {
  if (!(target instanceof Tensor)) throw new TypeError(`${name}: the target must be a Tensor`);
  checkWritable(target, name);
  // As PyTorch: a float result cannot be stored in place into an integer tensor (it would be
  // truncated silently); integer results may narrow (int32 into uint8 wraps, as torch).
  let dt = resultType(target, b, name);
  if (op === "div") dt = floatResult(dt);
  if (isFloat(dt) && !isFloat(target.dtype)) {
    throw new TypeError(`${name}: the result is ${dt} and cannot be stored in place into ${target.dtype === "int32" ? "an" : "a"} ${target.dtype} tensor; use the out-of-place op or astype("float32") first`);
  }
  let t = other(b, target, name);
  // x.add_(x.T) reads elements it has already written unless the operand is copied first
  // (NumPy buffers overlapping operands the same way); the identical view (x.add_(x)) is safe.
  if (sharesMemory(t, target) && !sameView(t, target)) t = t.clone();
  forEachRowN(target.shape, [target.strides, target.strides, broadcastStrides(t.shape, t.strides, target.shape)], [target.offset, target.offset, t.offset],
    (o, n, s) => binaryStrided(op, n, target.data, o[1], s[1], t.data, o[2], s[2], target.data, o[0], s[0]));
  return target;
}

/** target += b, in place; returns target. @example w.add_(1) */
export function add_(target: Tensor, b: TensorLike): Tensor { return inplace("add", "add_", target, b); }
/** target -= b, in place; returns target. @example w.sub_(mul(lr, grad)) */
export function sub_(target: Tensor, b: TensorLike): Tensor { return inplace("sub", "sub_", target, b); }
/** target *= b, in place; returns target. @example v.mul_(0.9) */
export function mul_(target: Tensor, b: TensorLike): Tensor { return inplace("mul", "mul_", target, b); }
/** target /= b, in place (float targets only: true division, as torch); returns target. @example x.div_(2) */
export function div_(target: Tensor, b: TensorLike): Tensor { return inplace("div", "div_", target, b); }

/** Copies (broadcast) `src` into target, converting dtype; returns target. @example x.slice(0).copy_(tensor([1, 2, 3])) */
export function copy_(target: Tensor, src: TensorLike): Tensor {
  if (!(target instanceof Tensor)) throw new TypeError(`copy_: the target must be a Tensor`);
  checkWritable(target, "copy_");
  const t = other(src, target, "copy_");
  const td = target.data, sd = t.data;
  // When src shares storage with target (x.copy_(x.T)), read a private copy first.
  const s = sharesMemory(t, target) ? t.clone() : t;
  forEachRowN(target.shape, [target.strides, broadcastStrides(s.shape, s.strides, target.shape)], [target.offset, s.offset], (o, n, st) => {
    let a = o[0], b = o[1];
    for (let i = 0; i < n; i++, a += st[0], b += st[1]) td[a] = s.data[b];
  });
  return target;
}

/** Sets every element to `value`; returns target. @example zeros([2]).fill_(3).toArray() // [3, 3] */
export function fill_(target: Tensor, value: number): Tensor {
  if (typeof value !== "number") throw new TypeError(`fill_: value must be a number; got ${typeof value}`);
  return copy_(target, value);
}
