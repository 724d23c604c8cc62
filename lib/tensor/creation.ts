// Creating tensors: from data, constant fills, ranges, identity.
import { allocate, checkDType, dtypeOf, type DataArray, type DType } from "./dtype.js";
import { checkShape, formatShape, shapeSize } from "./shape.js";
import { Tensor, type NestedArray } from "./tensor.js";

/** Options shared by creation functions. */
export interface DTypeOptions { dtype?: DType }

/** Shapes accepted by creation functions: an array, or a single number for 1-D. */
export type ShapeLike = number | readonly number[];

function make(shape: ShapeLike, dtype: DType | undefined, op: string): Tensor {
  const s = checkShape(shape, op);
  const dt = checkDType(dtype ?? "float32", op);
  return new Tensor(allocate(dt, shapeSize(s), op), s);
}

type Nested = number | boolean | readonly Nested[];

function inferNestedShape(x: Nested): number[] {
  const shape: number[] = [];
  let cur: Nested = x;
  while (Array.isArray(cur)) { shape.push(cur.length); cur = cur[0] as Nested; if (cur === undefined) break; }
  return shape;
}

function fillNested(x: Nested, shape: number[], out: DataArray, path: number[], k: { i: number }): void {
  const ax = path.length;
  if (ax === shape.length) {
    if (Array.isArray(x)) throw new RangeError(`tensor: ragged nested array: expected a number at [${path.join(", ")}], got an array`);
    if (typeof x !== "number" && typeof x !== "boolean") throw new TypeError(`tensor: expected numbers or booleans; got ${typeof x} at [${path.join(", ")}]`);
    out[k.i++] = +x;
    return;
  }
  if (!Array.isArray(x) || x.length !== shape[ax]) {
    const got = Array.isArray(x) ? `length ${x.length}` : `a ${typeof x}`;
    throw new RangeError(`tensor: ragged nested array: expected length ${shape[ax]} at [${path.join(", ")}], got ${got}`);
  }
  for (let i = 0; i < x.length; i++) fillNested(x[i], shape, out, [...path, i], k);
}

/**
 * A tensor from nested arrays, a number (0-d) or a typed array (copied). Nested arrays default
 * to float32, also for integers (NumPy and PyTorch would pick int64; float32 avoids integer
 * division surprises in a course); booleans give uint8; typed arrays keep their dtype.
 * `shape` reshapes flat data.
 * @example tensor([[1, 2], [3, 4]]).shape // [2, 2]
 */
export function tensor(data: NestedArray | readonly (number | boolean)[] | Nested | DataArray | Tensor, options: DTypeOptions & { shape?: ShapeLike } = {}): Tensor {
  let t: Tensor;
  if (data instanceof Tensor) t = data.astype(options.dtype ?? data.dtype);
  else if (ArrayBuffer.isView(data)) {
    const src = data as DataArray;
    const dt = checkDType(options.dtype ?? dtypeOf(src), "tensor");
    const out = allocate(dt, src.length, "tensor");
    if (out.constructor === src.constructor) out.set(src as never);
    else for (let i = 0; i < src.length; i++) out[i] = src[i];
    t = new Tensor(out, [src.length]);
  } else {
    // Arrays of tensors (tensor([a, b])) read as the nested arrays they hold, as torch.tensor.
    const nested = containsTensor(data) ? unwrapTensors(data as never) : (data as Nested);
    const shape = inferNestedShape(nested);
    const allBool = isAllBool(nested);
    const dt = checkDType(options.dtype ?? (allBool ? "uint8" : "float32"), "tensor");
    const out = allocate(dt, shapeSize(shape), "tensor");
    fillNested(nested, shape, out, [], { i: 0 });
    t = new Tensor(out, shape);
  }
  if (options.shape !== undefined) {
    const s = checkShape(options.shape, "tensor");
    if (shapeSize(s) !== t.size) throw new RangeError(`tensor: shape ${formatShape(s)} needs ${shapeSize(s)} elements; the data has ${t.size}`);
    t = new Tensor(t.data, s);
  }
  return t;
}

function containsTensor(x: unknown): boolean {
  while (Array.isArray(x)) { if (x.length === 0) return false; x = x[0]; }
  return x instanceof Tensor;
}

function unwrapTensors(x: unknown): Nested {
  if (x instanceof Tensor) return x.toArray() as Nested;
  return Array.isArray(x) ? x.map(unwrapTensors) : (x as Nested);
}

function isAllBool(x: Nested): boolean {
  if (Array.isArray(x)) return x.length > 0 && x.every(isAllBool);
  return typeof x === "boolean";
}

/** Wraps an existing typed array without copying (as torch.from_numpy). @example fromTypedArray(new Float32Array(6), [2, 3]) */
export function fromTypedArray(data: DataArray, shape?: ShapeLike): Tensor {
  const s = shape === undefined ? [data.length] : checkShape(shape, "fromTypedArray");
  if (shapeSize(s) !== data.length) throw new RangeError(`fromTypedArray: shape ${formatShape(s)} needs ${shapeSize(s)} elements; the array has ${data.length}`);
  return new Tensor(data, s);
}

/** Zeros. @example zeros([2, 3]).toArray() // [[0, 0, 0], [0, 0, 0]] */
export function zeros(shape: ShapeLike, options: DTypeOptions = {}): Tensor {
  return make(shape, options.dtype, "zeros");
}

/** Ones. @example ones([2]).toArray() // [1, 1] */
export function ones(shape: ShapeLike, options: DTypeOptions = {}): Tensor {
  return full(shape, 1, options);
}

/** A tensor filled with `value`. @example full([2], 7).toArray() // [7, 7] */
export function full(shape: ShapeLike, value: number, options: DTypeOptions = {}): Tensor {
  const t = make(shape, options.dtype, "full");
  if (typeof value !== "number") throw new TypeError(`full: value must be a number; got ${typeof value}`);
  t.data.fill(value);
  return t;
}

/** An uninitialized tensor; here zero-filled, since typed arrays always are. @example empty([2]).shape // [2] */
export function empty(shape: ShapeLike, options: DTypeOptions = {}): Tensor {
  return make(shape, options.dtype, "empty");
}

/** Zeros with the shape (and by default dtype) of `x`. @example zerosLike(x) */
export function zerosLike(x: Tensor, options: DTypeOptions = {}): Tensor {
  return zeros(x.shape, { dtype: options.dtype ?? x.dtype });
}

/** Ones with the shape (and by default dtype) of `x`. @example onesLike(x) */
export function onesLike(x: Tensor, options: DTypeOptions = {}): Tensor {
  return ones(x.shape, { dtype: options.dtype ?? x.dtype });
}

/** `value` with the shape (and by default dtype) of `x`. @example fullLike(x, 0.5) */
export function fullLike(x: Tensor, value: number, options: DTypeOptions = {}): Tensor {
  return full(x.shape, value, { dtype: options.dtype ?? x.dtype });
}

/**
 * Evenly spaced values in [start, stop), as np.arange: `arange(stop)` or `arange(start, stop, step)`.
 * Each value is start + i * step (no accumulated rounding).
 * @example arange(1, 2, 0.25).toArray() // [1, 1.25, 1.5, 1.75]
 */
export function arange(start: number, stop?: number, step = 1, options: DTypeOptions = {}): Tensor {
  if (stop === undefined) { stop = start; start = 0; }
  for (const [name, v] of [["start", start], ["stop", stop], ["step", step]] as const) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`arange: ${name} must be a finite number; got ${String(v)}`);
  }
  if (step === 0) throw new RangeError(`arange: step must not be zero`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const t = make([n], options.dtype, "arange");
  for (let i = 0; i < n; i++) t.data[i] = start + i * step;
  return t;
}

/**
 * `num` evenly spaced values from start to stop inclusive, as np.linspace (the last is exactly stop).
 * @example linspace(0, 1, 5).toArray() // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, num = 50, options: DTypeOptions = {}): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new RangeError(`linspace: num must be a non-negative integer; got ${num}`);
  const t = make([num], options.dtype, "linspace");
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) t.data[i] = start + i * step;
  if (num > 1) t.data[num - 1] = stop;
  return t;
}

/** An n x m identity (m defaults to n). @example eye(2).toArray() // [[1, 0], [0, 1]] */
export function eye(n: number, m: number = n, options: DTypeOptions = {}): Tensor {
  const t = make([n, m], options.dtype, "eye");
  for (let i = 0; i < Math.min(n, m); i++) t.data[i * m + i] = 1;
  return t;
}
