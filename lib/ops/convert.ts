// Turning op arguments into tensors: numbers are "weak" scalars that take the other operand's dtype.
import { allocate, promoteScalar, promoteTypes, Tensor, tensor, type DType, type NestedArray } from "../tensor/index.js";

/** What ops accept where a tensor is expected: a Tensor, a number, or nested arrays. */
export type TensorLike = Tensor | number | NestedArray | readonly number[] | readonly (readonly number[])[];

/** A Tensor from a TensorLike (numbers become 0-d, nested arrays float32). @example asTensor(2).ndim // 0 */
export function asTensor(x: TensorLike, op: string, dtype?: DType): Tensor {
  if (x instanceof Tensor) return x;
  // A Tensor from a second copy of the library (a notebook and a grader loading different
  // paths) fails instanceof; rewrap its storage instead of rejecting it.
  if (isForeignTensor(x)) return new Tensor(x.data, x.shape, x.strides, x.offset);
  if (typeof x === "number") return scalar(x, dtype ?? "float32", op);
  if (Array.isArray(x)) return tensor(x as NestedArray, { dtype });
  throw new TypeError(`${op}: expected a Tensor, a number or nested arrays of numbers; got ${describe(x)}`);
}

function isForeignTensor(x: unknown): x is Tensor {
  const t = x as Tensor;
  return typeof x === "object" && x !== null && (x as object).constructor?.name === "Tensor"
    && ArrayBuffer.isView(t.data) && Array.isArray(t.shape) && Array.isArray(t.strides) && typeof t.offset === "number";
}

const INT_RANGE: Partial<Record<DType, [number, number, DType]>> = { uint8: [0, 255, "int32"], int32: [-(2 ** 31), 2 ** 31 - 1, "float64"] };

/** A 0-d tensor holding `value` converted to `dtype` (as NumPy casts a weak scalar). @example scalar(0.1, "float32").item() // 0.10000000149011612 */
export function scalar(value: number, dtype: DType, op: string): Tensor {
  // Stored into an integer dtype it would wrap (uint8 + 300 adding 44): refused, as NumPy 2
  // refuses a Python int out of the tensor's range (torch 1.13 wraps; NumPy 1.24 widened to uint16).
  const range = INT_RANGE[dtype];
  if (range && (value < range[0] || value > range[1])) {
    throw new RangeError(`${op}: ${value} is out of range for ${dtype === "int32" ? "an" : "a"} ${dtype} tensor (${range[0]} to ${range[1]}); convert the tensor first, e.g. x.astype("${range[2]}")`);
  }
  const data = allocate(dtype, 1, op);
  data[0] = value;
  return new Tensor(data, []);
}

/** The result dtype of a binary op on two TensorLikes, with numbers weak. @example resultType(x, 0.5, "mul") */
export function resultType(a: TensorLike, b: TensorLike, op: string): DType {
  const da = a instanceof Tensor ? a.dtype : null, db = b instanceof Tensor ? b.dtype : null;
  if (da && db) return promoteTypes(da, db);
  if (da) return typeof b === "number" ? promoteScalar(da, b) : promoteTypes(da, "float32");
  if (db) return typeof a === "number" ? promoteScalar(db, a) : promoteTypes(db, "float32");
  if (typeof a !== "number" && typeof a !== "object") asTensor(a, op);
  if (typeof b !== "number" && typeof b !== "object") asTensor(b, op);
  return "float32";
}

/** Names a bad argument in an error message. @example describe(null) // "null" */
export function describe(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array";
  if (typeof x === "object") return (x as object).constructor?.name ?? "an object";
  return `${typeof x} ${String(x)}`;
}
