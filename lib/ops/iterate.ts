// A row iterator over several operands viewed with a common shape (broadcast strides allowed).
// Adjacent dimensions that are contiguous in every operand are merged first, so contiguous and
// simple broadcast cases (x[N, D] + b[D]) run as few long rows handed to a kernel.

/**
 * Calls `row(offsets, count, strides)` for each innermost row; `offsets[k]` and `strides[k]`
 * locate operand k's row. Both arrays are reused between calls (no allocation per row): the
 * callback must neither modify nor keep them.
 * @example forEachRowN([2, 3], [[3, 1], [0, 1]], [0, 0], (o, n, s) => ...) // one call per row of 3
 */
export function forEachRowN(
  shape: readonly number[], strides: readonly (readonly number[])[], offsets: readonly number[],
  row: (offsets: number[], count: number, strides: number[]) => void,
): void {
  for (const d of shape) if (d === 0) return;
  const m = strides.length;
  // Drop size-1 dims, then merge mergeable neighbours (outermost first).
  const dims: number[] = [];
  const st: number[][] = strides.map(() => []);
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 1) continue;
    const last = dims.length - 1;
    let merge = last >= 0;
    for (let k = 0; merge && k < m; k++) if (st[k][last] !== strides[k][i] * shape[i]) merge = false;
    if (merge) {
      dims[last] *= shape[i];
      for (let k = 0; k < m; k++) st[k][last] = strides[k][i];
    } else {
      dims.push(shape[i]);
      for (let k = 0; k < m; k++) st[k].push(strides[k][i]);
    }
  }
  const offs = offsets.slice();
  if (dims.length === 0) { row(offs, 1, new Array<number>(m).fill(0)); return; }
  const nd = dims.length, last = nd - 1, count = dims[last];
  const rowStrides = st.map((s) => s[last]);
  const idx = new Array<number>(nd).fill(0);
  for (;;) {
    row(offs, count, rowStrides);
    let d = last - 1;
    for (; d >= 0; d--) {
      idx[d]++;
      for (let k = 0; k < m; k++) offs[k] += st[k][d];
      if (idx[d] < dims[d]) break;
      for (let k = 0; k < m; k++) offs[k] -= st[k][d] * dims[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

// Below this many elements a strided pass is cheap enough that copying first does not pay.
const RELAYOUT_MIN = 1 << 14;

/**
 * True when a view should be copied to row-major before an elementwise pass: its innermost
 * stepped dimension is neither unit-stride nor broadcast (x.T, column slices). The kernels'
 * SIMD paths need unit strides, and a tiled copy plus a fast pass measured about 2x faster
 * than a strided pass over a transposed 1000 x 4000 tensor.
 * @example needsRelayout([4000, 1000], [1, 4000]) // true
 */
export function needsRelayout(shape: readonly number[], strides: readonly number[]): boolean {
  let size = 1;
  for (const d of shape) size *= d;
  if (size < RELAYOUT_MIN) return false;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue;
    return strides[i] !== 1 && strides[i] !== 0;
  }
  return false;
}
