// Array and matrix descriptors shared by every kernel.

/** Typed arrays the kernels read and write. WebAssembly paths take Float32Array. */
export type NumArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** Float storage for GEMM: A, B and C share one of these types. */
export type FloatArray = Float32Array | Float64Array;

/**
 * A strided 2-D view into a typed array (BLAS-style, strides in elements): element (i, j) is
 * data[offset + i * rowStride + j * colStride]. A transposed view just swaps the strides.
 */
export interface MatrixView<T extends FloatArray = FloatArray> {
  readonly data: T;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/** Names `data` for error messages: "Float32Array(12)". */
export function describe(x: unknown): string {
  if (x === null) return "null";
  if (ArrayBuffer.isView(x)) return `${x.constructor.name}(${(x as unknown as { length: number }).length})`;
  return typeof x;
}

/**
 * Throws unless indices offset + i * stride, i in [0, n), all lie inside an array of length `len`.
 * @example checkSpan("unary", "x", 3, 0, 1, 3) // ok; checkSpan("unary", "x", 4, 0, 1, 3) throws
 */
export function checkSpan(op: string, name: string, n: number, offset: number, stride: number, len: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${op}: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(offset) || !Number.isInteger(stride)) {
    throw new RangeError(`${op}: ${name} offset and stride must be integers, got offset=${offset}, stride=${stride}`);
  }
  if (n === 0) return;
  const last = offset + (n - 1) * stride;
  if (offset < 0 || offset >= len || last < 0 || last >= len) {
    throw new RangeError(`${op}: ${name} needs indices ${offset}..${last} (n=${n}, stride=${stride}) but has length ${len}`);
  }
}
