// Shapes, strides, broadcasting and axis arithmetic: pure functions over number arrays.

/** Formats a shape the way errors print it. @example formatShape([2, 3]) // "[2, 3]" */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/**
 * Validates a shape (non-negative integers) and returns a fresh copy.
 * @example checkShape([2, 3], "zeros") // [2, 3]
 */
export function checkShape(shape: unknown, op: string): number[] {
  if (typeof shape === "number") shape = [shape];
  if (!Array.isArray(shape)) throw new TypeError(`${op}: shape must be an array of non-negative integers; got ${String(shape)}`);
  for (const d of shape) {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0) {
      throw new RangeError(`${op}: shape must contain non-negative integers; got ${formatShape(shape as number[])}`);
    }
  }
  return (shape as number[]).slice();
}

/** Number of elements of a shape; 1 for a scalar (0-d). @example shapeSize([2, 3]) // 6 */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C order) strides, in elements. @example contiguousStrides([2, 3]) // [3, 1] */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i], 1);
  }
  return strides;
}

/** True when two shapes are equal element by element. @example shapesEqual([2], [2]) // true */
export function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * NumPy broadcasting of two shapes: align right, each pair equal or one of them 1.
 * @example broadcastShapes([4, 1, 3], [5, 1], "add") // [4, 5, 3]
 */
export function broadcastShapes(a: readonly number[], b: readonly number[], op: string): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else throw new RangeError(`${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast`);
  }
  return out;
}

/**
 * Strides that read a tensor of `shape`/`strides` as if it had the larger `target` shape:
 * broadcast dimensions get stride 0. The caller has checked the shapes are compatible.
 * @example broadcastStrides([3], [1], [2, 3]) // [0, 1]
 */
export function broadcastStrides(shape: readonly number[], strides: readonly number[], target: readonly number[]): number[] {
  const n = target.length, k = shape.length;
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < k; i++) {
    const j = n - k + i;
    out[j] = shape[i] === 1 && target[j] !== 1 ? 0 : strides[i];
  }
  return out;
}

/**
 * Resolves a possibly negative axis against `ndim`, with a clear error when out of range.
 * @example normalizeAxis(-1, 3, "sum") // 2
 */
export function normalizeAxis(axis: number, ndim: number, op: string): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new RangeError(`${op}: axis ${axis} is out of range for a tensor with ${ndim} dimension${ndim === 1 ? "" : "s"} (valid: ${-ndim} to ${ndim - 1})`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * Resolves `axis` (a number, a list, or undefined/null for all axes) to sorted unique axes.
 * @example normalizeAxes([-1, 0], 3, "sum") // [0, 2]
 */
export function normalizeAxes(axis: number | readonly number[] | null | undefined, ndim: number, op: string): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  if (typeof axis !== "number" && !Array.isArray(axis)) {
    throw new TypeError(`${op}: axis must be an integer, a list of integers or null; got ${typeof axis} ${JSON.stringify(axis)}`);
  }
  const list: readonly number[] = typeof axis === "number" ? [axis] : axis;
  const out: number[] = [];
  for (const a of list) {
    const ax = normalizeAxis(a, ndim, op);
    if (out.includes(ax)) throw new RangeError(`${op}: axis ${a} is repeated in ${JSON.stringify(list)}`);
    out.push(ax);
  }
  return out.sort((x, y) => x - y);
}
