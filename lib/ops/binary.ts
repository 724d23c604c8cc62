// Binary elementwise ops with NumPy broadcasting. Type promotion (documented in tensor/dtype.ts):
// the wider dtype of uint8 < int32 < float32 < float64; a JS number takes the tensor's dtype
// unless it is fractional and the tensor integer (then float32); div always gives a float.
import { allocate, broadcastShapes, broadcastStrides, contiguousStrides, floatResult, isFloat, shapeSize, Tensor, type DType } from "../tensor/index.js";
import { asTensor, resultType, scalar, type TensorLike } from "./convert.js";
import { forEachRowN, needsRelayout } from "./iterate.js";
import { binaryStrided, type BinaryName } from "./kernels.js";

// Converts both operands: a number becomes a 0-d tensor of `compute` (so float32 ops see
// float32(0.1), as NumPy and PyTorch do), tensors stay as they are (read as doubles).
function operands(a: TensorLike, b: TensorLike, compute: DType, op: string): [Tensor, Tensor] {
  const ta = typeof a === "number" ? scalar(a, compute, op) : asTensor(a, op);
  const tb = typeof b === "number" ? scalar(b, compute, op) : asTensor(b, op);
  return [ta, tb];
}

/**
 * Runs a binary kernel over broadcast operands into a new tensor of dtype `out` (no promotion:
 * the building block of the public ops, for other folders that pick dtypes themselves).
 * @example binaryInto("add", "myop", x, y, "float64")
 */
export function binaryInto(op: BinaryName, name: string, a: Tensor, b: Tensor, out: DType): Tensor {
  const shape = broadcastShapes(a.shape, b.shape, name);
  if (needsRelayout(a.shape, a.strides)) a = a.contiguous();
  if (needsRelayout(b.shape, b.strides)) b = b.contiguous();
  const res = new Tensor(allocate(out, shapeSize(shape), name, false), shape);
  forEachRowN(
    shape,
    [contiguousStrides(shape), broadcastStrides(a.shape, a.strides, shape), broadcastStrides(b.shape, b.strides, shape)],
    [0, a.offset, b.offset],
    (o, n, s) => binaryStrided(op, n, a.data, o[1], s[1], b.data, o[2], s[2], res.data, o[0], s[0]),
  );
  return res;
}

function arithmetic(op: BinaryName, a: TensorLike, b: TensorLike): Tensor {
  let dt = resultType(a, b, op);
  if (op === "div") dt = floatResult(dt);
  const [ta, tb] = operands(a, b, dt, op);
  return binaryInto(op, op, ta, tb, dt);
}

function comparison(op: BinaryName, a: TensorLike, b: TensorLike): Tensor {
  // A number is rounded to float32 only against float32 (x == 0.1 as NumPy); against integer
  // tensors it stays exact, so uint8 data never compares against a wrapped 300.
  const dt = resultType(a, b, op);
  const [ta, tb] = operands(a, b, dt === "float32" ? "float32" : "float64", op);
  return binaryInto(op, op, ta, tb, "uint8");
}

/** a + b with broadcasting. @example add(tensor([1, 2]), 10).toArray() // [11, 12] */
export function add(a: TensorLike, b: TensorLike): Tensor { return arithmetic("add", a, b); }
/** a - b with broadcasting. @example sub(tensor([[1, 2]]), tensor([1, 2])).toArray() // [[0, 0]] */
export function sub(a: TensorLike, b: TensorLike): Tensor { return arithmetic("sub", a, b); }
/** a * b with broadcasting. @example mul(0.01, randn([2, 2], { rng: rng(0) })) */
export function mul(a: TensorLike, b: TensorLike): Tensor { return arithmetic("mul", a, b); }
/** a / b (true division: integers give float32). @example div(tensor([1, 2]), 2).toArray() // [0.5, 1] */
export function div(a: TensorLike, b: TensorLike): Tensor { return arithmetic("div", a, b); }
/**
 * a ** b elementwise. Integer tensors to negative integer powers are refused, as NumPy and
 * PyTorch do (2 ** -1 has no integer result). @example pow(tensor([2, 3]), 2).toArray() // [4, 9]
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const dt = resultType(a, b, "pow");
  const [base, exponent] = operands(a, b, dt, "pow");
  const neg = isFloat(dt) ? undefined : exponent.toTypedArray().find((v) => v < 0);
  if (neg !== undefined) {
    throw new RangeError(`pow: integers to negative integer powers are not allowed (an ${dt} base with exponent ${neg}); use a float base, e.g. pow(x.astype("float32"), ${neg})`);
  }
  return binaryInto("pow", "pow", base, exponent, dt);
}
/** Elementwise maximum; NaN propagates, as np.maximum. @example maximum(0, tensor([-1, 2])).toArray() // [0, 2] */
export function maximum(a: TensorLike, b: TensorLike): Tensor { return arithmetic("maximum", a, b); }
/** Elementwise minimum; NaN propagates, as np.minimum. @example minimum(tensor([-1, 2]), 0).toArray() // [-1, 0] */
export function minimum(a: TensorLike, b: TensorLike): Tensor { return arithmetic("minimum", a, b); }
/** a == b as a uint8 mask. @example eq(tensor([1, 2]), 2).toArray() // [0, 1] */
export function eq(a: TensorLike, b: TensorLike): Tensor { return comparison("eq", a, b); }
/** a != b as a uint8 mask (NaN != NaN is 1). @example ne(tensor([1, 2]), 2).toArray() // [1, 0] */
export function ne(a: TensorLike, b: TensorLike): Tensor { return comparison("ne", a, b); }
/** a < b as a uint8 mask. @example lt(tensor([1, 2]), 2).toArray() // [1, 0] */
export function lt(a: TensorLike, b: TensorLike): Tensor { return comparison("lt", a, b); }
/** a <= b as a uint8 mask. @example le(tensor([1, 2]), 2).toArray() // [1, 1] */
export function le(a: TensorLike, b: TensorLike): Tensor { return comparison("le", a, b); }
/** a > b as a uint8 mask. @example gt(tensor([1, 2]), 1).toArray() // [0, 1] */
export function gt(a: TensorLike, b: TensorLike): Tensor { return comparison("gt", a, b); }
/** a >= b as a uint8 mask. @example ge(tensor([1, 2]), 2).toArray() // [0, 1] */
export function ge(a: TensorLike, b: TensorLike): Tensor { return comparison("ge", a, b); }

/**
 * Picks from `a` where `cond` is nonzero, NaN counting as nonzero, else from `b`, all three broadcast (np.where).
 * @example where(gt(x, 0), x, 0) // relu
 */
export function where(cond: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const c = asTensor(cond, "where");
  const dt = resultType(a, b, "where");
  const [ta, tb] = operands(a, b, dt, "where");
  const shape = broadcastShapes(broadcastShapes(c.shape, ta.shape, "where"), tb.shape, "where");
  const res = new Tensor(allocate(dt, shapeSize(shape), "where"), shape);
  const cd = c.data, ad = ta.data, bd = tb.data, od = res.data;
  forEachRowN(
    shape,
    [contiguousStrides(shape), broadcastStrides(c.shape, c.strides, shape), broadcastStrides(ta.shape, ta.strides, shape), broadcastStrides(tb.shape, tb.strides, shape)],
    [0, c.offset, ta.offset, tb.offset],
    (o, n, s) => {
      let [oo, oc, oa, ob] = o;
      for (let i = 0; i < n; i++, oo += s[0], oc += s[1], oa += s[2], ob += s[3]) od[oo] = cd[oc] !== 0 ? ad[oa] : bd[ob];
    },
  );
  return res;
}
