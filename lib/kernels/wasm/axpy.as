// AssemblyScript: y += alpha · x (BLAS saxpy) in float64 lanes, rounded once per element, so it
// equals the plain-JS `y[i] += alpha * x[i]` on Float32Arrays bit for bit (the SGD update).
export function axpy_f32(n: i32, alpha: f64, x: usize, y: usize): void {
  const a = f64x2.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    const xv = v128.load(x + off), yv = v128.load(y + off);
    const lo = f64x2.add(f64x2.promote_low_f32x4(yv), f64x2.mul(a, f64x2.promote_low_f32x4(xv)));
    const hi = f64x2.add(f64x2.promote_low_f32x4(v128.shuffle<f32>(yv, yv, 2, 3, 0, 1)), f64x2.mul(a, f64x2.promote_low_f32x4(v128.shuffle<f32>(xv, xv, 2, 3, 0, 1))));
    v128.store(y + off, v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5));
  }
  for (; i < n; i++) {
    const p = y + (<usize>i << 2);
    store<f32>(p, <f32>(<f64>load<f32>(p) + alpha * <f64>load<f32>(x + (<usize>i << 2))));
  }
}
