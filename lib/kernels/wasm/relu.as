// AssemblyScript: the ReLU layer's backward, dx = x > 0 ? g : 0, except that a NaN in x gives
// NaN (the layer propagates NaN in both directions; the kernels' reluBackward passes g there,
// as torch's threshold_backward). One pass, no branch: lanes are selected by masks. A -0
// gradient comes out as +0 (both here and in the JS loop).
export function relu_backward_nan_f32(x: usize, g: usize, out: usize, n: i32): void {
  const z = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    const xv = v128.load(x + off), gv = v128.load(g + off);
    const pos = f32x4.gt(xv, z), nan = f32x4.ne(xv, xv);
    // + 0 turns a -0 gradient into +0, as the JS loop's g·1 + 0.
    v128.store(out + off, f32x4.add(v128.bitselect(gv, v128.and(xv, nan), pos), z));
  }
  for (; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    store<f32>(out + (<usize>i << 2), (v > 0 ? load<f32>(g + (<usize>i << 2)) : v != v ? v : 0) + 0);
  }
}
