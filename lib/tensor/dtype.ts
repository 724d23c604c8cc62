// dtypes, their storage arrays, and the promotion rule shared by every op.
import { residentFloat32 } from "../kernels/resident.js";

/** The element types a Tensor can hold; `"float32"` is the default, as in PyTorch. */
export type DType = "float32" | "float64" | "int32" | "uint8";

/** The storage array of a Tensor: one typed array per dtype. */
export type DataArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** Every dtype, in promotion order of width last. @example DTYPES.includes("int32") // true */
export const DTYPES: readonly DType[] = ["float32", "float64", "int32", "uint8"];

const BYTES: Record<DType, number> = { float32: 4, float64: 8, int32: 4, uint8: 1 };

// A bound that refuses obviously mistaken sizes (a missing division, a swapped argument)
// before the allocation itself fails or swaps the machine; 4 GiB also is V8's typed array cap.
/** Largest storage a tensor may allocate, in bytes. @example MAX_TENSOR_BYTES / 1024 ** 3 // 4 */
export const MAX_TENSOR_BYTES = 4 * 1024 ** 3;

/** Bytes per element of `dtype`. @example bytesPerElement("float64") // 8 */
export function bytesPerElement(dtype: DType): number {
  return BYTES[dtype];
}

/** Throws a clear error unless `dtype` is one of DTYPES. @example checkDType("float32", "zeros") */
export function checkDType(dtype: unknown, op: string): DType {
  if (typeof dtype === "string" && (DTYPES as readonly string[]).includes(dtype)) return dtype as DType;
  throw new TypeError(`${op}: dtype must be one of ${DTYPES.join(", ")}; got ${JSON.stringify(dtype)}`);
}

/** The dtype of an existing storage array. @example dtypeOf(new Int32Array(2)) // "int32" */
export function dtypeOf(data: DataArray): DType {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof Uint8Array) return "uint8";
  throw new TypeError(`dtypeOf: expected a Float32Array, Float64Array, Int32Array or Uint8Array`);
}

/**
 * Allocates a storage array, refusing sizes above MAX_TENSOR_BYTES with the size in GiB.
 * Zero-filled unless `zero` is false (for outputs the caller overwrites entirely). Large
 * float32 storage lives in wasm memory where kernels use it in place (lib/kernels/resident.ts).
 * @example allocate("float32", 3, "zeros") // Float32Array [0, 0, 0]
 */
export function allocate(dtype: DType, size: number, op: string, zero = true): DataArray {
  const bytes = size * BYTES[dtype];
  if (bytes > MAX_TENSOR_BYTES) {
    const gib = (bytes / 1024 ** 3).toFixed(2);
    throw new RangeError(`${op}: a ${dtype} tensor of ${size} elements needs ${gib} GiB, above the ${MAX_TENSOR_BYTES / 1024 ** 3} GiB limit; check the shape`);
  }
  switch (dtype) {
    case "float32": return residentFloat32(size, zero) ?? new Float32Array(size);
    case "float64": return new Float64Array(size);
    case "int32": return new Int32Array(size);
    case "uint8": return new Uint8Array(size);
  }
}

/** True for float32 and float64. @example isFloat("int32") // false */
export function isFloat(dtype: DType): boolean {
  return dtype === "float32" || dtype === "float64";
}

const RANK: Record<DType, number> = { uint8: 0, int32: 1, float32: 2, float64: 3 };

/**
 * Promotion of two tensor dtypes, kept simple and PyTorch-like: the wider of the two in the chain
 * uint8 < int32 < float32 < float64. So int32 + float32 is float32 (NumPy would give float64).
 * @example promoteTypes("int32", "float32") // "float32"
 */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * Promotion of a tensor dtype with a plain JS number, which is "weak" as in PyTorch and NumPy 2:
 * it never widens a float tensor (float32 * 0.01 stays float32); a fractional number turns an
 * integer tensor into float32 (an integer out of the tensor's range is refused by the ops).
 * @example promoteScalar("uint8", 0.5) // "float32"
 */
export function promoteScalar(dtype: DType, value: number): DType {
  if (isFloat(dtype) || Number.isInteger(value)) return dtype;
  return "float32";
}

/** The dtype of true division and of transcendental functions: integers become float32. @example floatResult("int32") // "float32" */
export function floatResult(dtype: DType): DType {
  return isFloat(dtype) ? dtype : "float32";
}
