// Closeness and equality tests, as np.isclose / np.allclose / np.array_equal (graders use these).
import { allocate, broadcastShapes, broadcastStrides, contiguousStrides, shapeSize, shapesEqual, Tensor } from "../tensor/index.js";
import { asTensor, type TensorLike } from "./convert.js";
import { binaryInto } from "./binary.js";
import { forEachRowN } from "./iterate.js";

/** Options of isclose / allclose; defaults are NumPy's (rtol 1e-5, atol 1e-8, NaN unequal). */
export interface CloseOptions { rtol?: number; atol?: number; equalNan?: boolean }

/**
 * |a - b| <= atol + rtol * |b| elementwise (asymmetric in b, as NumPy), as a uint8 mask; equal
 * infinities are close, NaN only with `equalNan`.
 * @example isclose(tensor([1, 2]), tensor([1.000001, 3])).toArray() // [1, 0]
 */
export function isclose(a: TensorLike, b: TensorLike, options: CloseOptions = {}): Tensor {
  const ta = asTensor(a, "isclose"), tb = asTensor(b, "isclose");
  const rtol = options.rtol ?? 1e-5, atol = options.atol ?? 1e-8, equalNan = !!options.equalNan;
  if (!(rtol >= 0) || !(atol >= 0)) throw new RangeError(`isclose: rtol and atol must be non-negative; got rtol=${rtol}, atol=${atol}`);
  const shape = broadcastShapes(ta.shape, tb.shape, "isclose");
  const out = new Tensor(allocate("uint8", shapeSize(shape), "isclose"), shape);
  const ad = ta.data, bd = tb.data, od = out.data;
  forEachRowN(shape, [contiguousStrides(shape), broadcastStrides(ta.shape, ta.strides, shape), broadcastStrides(tb.shape, tb.strides, shape)],
    [0, ta.offset, tb.offset], (o, n, s) => {
      let [oo, oa, ob] = o;
      for (let i = 0; i < n; i++, oo += s[0], oa += s[1], ob += s[2]) {
        const x = ad[oa], y = bd[ob];
        // An infinity is close only to itself (np.isclose), not through the infinite tolerance.
        const finite = Number.isFinite(x) && Number.isFinite(y);
        od[oo] = x === y || (finite && Math.abs(x - y) <= atol + rtol * Math.abs(y)) || (equalNan && x !== x && y !== y) ? 1 : 0;
      }
    });
  return out;
}

/**
 * True when every element pair is close (see isclose) and the shapes broadcast, as np.allclose.
 * @example allclose(tensor([1, 2]), [1, 2.0000001]) // true
 */
export function allclose(a: TensorLike, b: TensorLike, options: CloseOptions = {}): boolean {
  const m = isclose(a, b, options).data;
  for (let i = 0; i < m.length; i++) if (m[i] === 0) return false;
  return true;
}

/**
 * True when both have the same shape and equal elements (NaN unequal), as np.array_equal.
 * @example arrayEqual(tensor([1, 2]), tensor([1, 2], { dtype: "int32" })) // true
 */
export function arrayEqual(a: TensorLike, b: TensorLike): boolean {
  const ta = asTensor(a, "arrayEqual"), tb = asTensor(b, "arrayEqual");
  if (!shapesEqual(ta.shape, tb.shape)) return false;
  const m = binaryInto("eq", "arrayEqual", ta, tb, "uint8").data;
  for (let i = 0; i < m.length; i++) if (m[i] === 0) return false;
  return true;
}

