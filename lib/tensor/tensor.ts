// The Tensor: a typed-array storage plus a strided view (shape, strides, offset), as NumPy's ndarray.
// Math methods (add, sum, matmul, ...) are installed by lib/ops (see ops/methods.ts) so that this
// file imports no ops and CommonJS load order stays one-way: tensor -> ops.
import { inspect } from "node:util";
import { allocate, checkDType, dtypeOf, type DataArray, type DType } from "./dtype.js";
import { formatTensor, type PrintOptions } from "./format.js";
import { contiguousStrides, formatShape, normalizeAxis, shapeSize } from "./shape.js";
import { copyStrided, isContiguous } from "./strided.js";
import { checkPermutation, expandGeometry, inferShape, reshapeStrides, sliceGeometry, type SliceSpec } from "./views.js";

/** Nested JS arrays of numbers, as `toArray()` returns and `tensor()` accepts. */
export type NestedArray = number | NestedArray[];

// A view must stay inside its storage, or reads return undefined (NaN) instead of failing.
function checkBounds(data: DataArray, shape: readonly number[], strides: readonly number[], offset: number): void {
  for (const d of shape) if (!Number.isInteger(d) || d < 0) throw new RangeError(`Tensor: shape must contain non-negative integers; got ${formatShape(shape)}`);
  if (strides.length !== shape.length || !strides.every(Number.isInteger) || !Number.isInteger(offset)) {
    throw new RangeError(`Tensor: strides ${formatShape(strides)} and offset ${offset} must be integers, one stride per dimension of ${formatShape(shape)}`);
  }
  if (shapeSize(shape) === 0) return;
  let lo = offset, hi = offset;
  for (let i = 0; i < shape.length; i++) {
    const span = (shape[i] - 1) * strides[i];
    if (span < 0) lo += span; else hi += span;
  }
  if (lo < 0 || hi >= data.length) {
    throw new RangeError(`Tensor: a view of shape ${formatShape(shape)} (strides ${formatShape(strides)}, offset ${offset}) needs storage indices ${lo}..${hi}; the storage has ${data.length} elements`);
  }
}

/**
 * An n-dimensional array. Views (reshape, transpose, slice, expand, ...) share storage; use
 * `clone()` or `contiguous()` for an independent or row-major copy.
 * @example const x = new Tensor(new Float32Array([1, 2, 3, 4]), [2, 2]); x.T.toArray() // [[1, 3], [2, 4]]
 */
export class Tensor {
  readonly data: DataArray;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;

  constructor(data: DataArray, shape: readonly number[], strides?: readonly number[], offset = 0) {
    this.data = data;
    this.dtype = dtypeOf(data);
    this.shape = Object.freeze(shape.slice());
    this.strides = Object.freeze(strides ? strides.slice() : contiguousStrides(shape));
    this.offset = offset;
    checkBounds(data, this.shape, this.strides, offset);
  }

  /** Number of elements. @example zeros([2, 3]).size // 6 */
  get size(): number { return shapeSize(this.shape); }
  /** Number of dimensions. @example zeros([2, 3]).ndim // 2 */
  get ndim(): number { return this.shape.length; }
  /** Number of elements, as torch.numel(). @example zeros([2, 3]).numel() // 6 */
  numel(): number { return this.size; }
  /** True when the view is row-major without gaps. @example zeros([2, 3]).T.isContiguous() // false */
  isContiguous(): boolean { return isContiguous(this.shape, this.strides); }

  private view(shape: readonly number[], strides: readonly number[], offset: number): Tensor {
    return new Tensor(this.data, shape, strides, offset);
  }

  /** A row-major tensor: `this` when already contiguous, else a copy. @example x.T.contiguous().isContiguous() // true */
  contiguous(): Tensor {
    return this.isContiguous() ? this : this.clone();
  }

  /** An independent row-major copy. @example const y = x.clone() */
  clone(): Tensor {
    return this.astype(this.dtype);
  }

  /** A row-major copy converted to `dtype` (always a copy, as NumPy's astype). @example tensor([1.7]).astype("int32").item() // 1 */
  astype(dtype: DType): Tensor {
    checkDType(dtype, "astype");
    const out = allocate(dtype, this.size, "astype");
    copyStrided(this.data, this.shape, this.strides, this.offset, out);
    return new Tensor(out, this.shape);
  }

  /** Converts to `dtype`, returning `this` when it already has it (as torch's .to). @example x.to("float64").dtype // "float64" */
  to(dtype: DType): Tensor {
    return dtype === this.dtype ? this : this.astype(dtype);
  }

  /**
   * A tensor of a new shape with the same elements; a view when the strides allow, else a copy
   * (as torch.reshape). One dimension may be -1.
   * @example arange(6).reshape([2, -1]).shape // [2, 3]
   */
  reshape(...shape: (number | readonly number[])[]): Tensor {
    const target = (shape.length === 1 && Array.isArray(shape[0]) ? shape[0] : shape) as number[];
    const resolved = inferShape(target, this.size, this.shape);
    const strides = reshapeStrides(this.shape, this.strides, resolved);
    if (strides) return this.view(resolved, strides, this.offset);
    const c = this.clone();
    return new Tensor(c.data, resolved);
  }

  /** A 1-D view or copy of all elements. @example zeros([2, 3]).flatten().shape // [6] */
  flatten(): Tensor { return this.reshape([-1]); }

  /**
   * Reorders axes. With no arguments reverses them (NumPy's `.T`); with two numbers swaps those
   * two axes (torch.transpose(0, 1), also right for NumPy's 2-d `transpose(1, 0)`); with a
   * full permutation (an array, or as many numbers as axes), permutes as NumPy.
   * @example zeros([2, 3, 4]).transpose(0, 2).shape // [4, 3, 2]
   */
  transpose(...axes: (number | readonly number[])[]): Tensor {
    if (axes.length === 0) return this.permute(...this.shape.map((_, i) => this.ndim - 1 - i));
    if (axes.length === 1 && Array.isArray(axes[0])) return this.permute(axes[0] as number[]);
    // Two numbers swap, as PyTorch: x.transpose(0, 1) must not be NumPy's identity on 2-d.
    if (axes.length === 2) return this.swapaxes(axes[0] as number, axes[1] as number);
    return this.permute(...(axes as number[]));
  }

  /** Reverses the axes (NumPy `.T`). @example zeros([2, 3]).T.shape // [3, 2] */
  get T(): Tensor { return this.transpose(); }

  /** Reorders axes by a full permutation. @example zeros([2, 3, 4]).permute(2, 0, 1).shape // [4, 2, 3] */
  permute(...axes: (number | readonly number[])[]): Tensor {
    const list = (axes.length === 1 && Array.isArray(axes[0]) ? axes[0] : axes) as number[];
    const p = checkPermutation(list, this.ndim, "permute");
    return this.view(p.map((a) => this.shape[a]), p.map((a) => this.strides[a]), this.offset);
  }

  /** Swaps two axes. @example zeros([2, 3, 4]).swapaxes(0, -1).shape // [4, 3, 2] */
  swapaxes(a: number, b: number): Tensor {
    const p = this.shape.map((_, i) => i);
    const x = normalizeAxis(a, this.ndim, "swapaxes"), y = normalizeAxis(b, this.ndim, "swapaxes");
    [p[x], p[y]] = [p[y], p[x]];
    return this.permute(...p);
  }

  /**
   * NumPy basic indexing as a view: per axis an index (drops the axis), `[start, stop, step]`,
   * `"start:stop:step"`, `null` or `":"` (whole axis), or one `"..."`.
   * @example arange(10).slice([null, null, -3]).toArray() // [9, 6, 3, 0]
   */
  slice(...specs: SliceSpec[]): Tensor {
    const g = sliceGeometry(this, specs);
    return this.view(g.shape, g.strides, g.offset);
  }

  /** Removes size-1 axes (all, or the given one). @example zeros([1, 3, 1]).squeeze().shape // [3] */
  squeeze(axis?: number): Tensor {
    let keep: number[];
    if (axis === undefined) keep = this.shape.map((_, i) => i).filter((i) => this.shape[i] !== 1);
    else {
      const ax = normalizeAxis(axis, this.ndim, "squeeze");
      if (this.shape[ax] !== 1) throw new RangeError(`squeeze: axis ${axis} has size ${this.shape[ax]}, not 1 (shape ${formatShape(this.shape)})`);
      keep = this.shape.map((_, i) => i).filter((i) => i !== ax);
    }
    return this.view(keep.map((i) => this.shape[i]), keep.map((i) => this.strides[i]), this.offset);
  }

  /** Inserts a size-1 axis at `axis` (-1 appends). @example zeros([3]).unsqueeze(0).shape // [1, 3] */
  unsqueeze(axis: number): Tensor {
    const ax = normalizeAxis(axis, this.ndim + 1, "unsqueeze");
    const shape = this.shape.slice(), strides = this.strides.slice();
    shape.splice(ax, 0, 1);
    strides.splice(ax, 0, ax < this.ndim ? this.strides[ax] * this.shape[ax] : 1);
    return this.view(shape, strides, this.offset);
  }

  /** Broadcasts to a larger shape without copying (-1 keeps a size), as torch.expand. @example zeros([3, 1]).expand(3, 4).shape // [3, 4] */
  expand(...shape: (number | readonly number[])[]): Tensor {
    const target = (shape.length === 1 && Array.isArray(shape[0]) ? shape[0] : shape) as number[];
    const g = expandGeometry(this, target, "expand");
    return this.view(g.shape, g.strides, g.offset);
  }

  /** Broadcasts to `shape` without copying, as np.broadcast_to. @example zeros([3]).broadcastTo([2, 3]).shape // [2, 3] */
  broadcastTo(shape: readonly number[]): Tensor {
    const g = expandGeometry(this, shape, "broadcastTo");
    return this.view(g.shape, g.strides, g.offset);
  }

  /** A contiguous copy of the elements as a typed array of this dtype. @example tensor([[1, 2], [3, 4]]).T.toTypedArray() // Float32Array [1, 3, 2, 4] */
  toTypedArray(): DataArray {
    return this.clone().data;
  }

  /** Nested JS arrays (a number for a 0-d tensor). @example tensor([[1, 2]]).toArray() // [[1, 2]] */
  toArray(): NestedArray {
    const rec = (ax: number, off: number): NestedArray => {
      if (ax === this.ndim) return this.data[off];
      const out: NestedArray[] = new Array(this.shape[ax]);
      for (let i = 0; i < this.shape[ax]; i++) out[i] = rec(ax + 1, off + i * this.strides[ax]);
      return out;
    };
    return rec(0, this.offset);
  }

  /**
   * One element as a JS number: with no indices the tensor must have exactly one element
   * (as torch's item); with indices, as NumPy's item(i, j).
   * @example tensor([[1, 2], [3, 4]]).item(1, 0) // 3
   */
  item(...indices: number[]): number {
    if (indices.length === 0) {
      if (this.size !== 1) throw new RangeError(`item: a tensor with ${this.size} elements (shape ${formatShape(this.shape)}) cannot be converted to a number; pass indices or reduce first`);
      let off = this.offset;
      return this.data[off];
    }
    if (indices.length !== this.ndim) throw new RangeError(`item: expected ${this.ndim} indices for shape ${formatShape(this.shape)}; got ${indices.length}`);
    let off = this.offset;
    for (let i = 0; i < indices.length; i++) {
      const n = this.shape[i], k = indices[i];
      if (!Number.isInteger(k) || k < -n || k >= n) throw new RangeError(`item: index ${k} is out of bounds for axis ${i} with size ${n}`);
      off += (k < 0 ? k + n : k) * this.strides[i];
    }
    return this.data[off];
  }

  /** NumPy/PyTorch-like text; large tensors are elided. @example String(tensor([1.5, 2])) // "tensor([1.5000, 2.0000])" */
  toString(options?: PrintOptions): string {
    return formatTensor(this, options);
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
