// AssemblyScript: float32 elementwise maps and reductions over contiguous spans in wasm
// memory (pointers are byte addresses). sigmoid and exp run in f64x2 lanes, tanh and gelu in
// f32x4 lanes (vmath.as; each accurate to well under 1e-6 relative);
// the tail (n % 4) goes through the same vector code on one lane, so every element of a
// span gets the same arithmetic whatever its position or the thread split.
import { splat, vexp, vsigmoid, vgelu32, vtanh32, vgeluGrad } from "./vmath";

// Op codes, mirrored in lib/kernels/maps-wasm.ts.
const RELU = 0, SIGMOID = 1, TANH = 2, GELU = 3, EXP = 4, SQRT = 5, ABS = 6, NEG = 7, SQUARE = 8, RECIP = 9, COPY = 10;

// @ts-ignore: decorator
@inline function f64map(op: i32, x: v128): v128 {
  if (op == SIGMOID) return vsigmoid(x);
  return vexp(x);
}

// @ts-ignore: decorator
@inline function f32map(op: i32, v: v128): v128 {
  switch (op) {
    case RELU: return f32x4.max(v, f32x4.splat(0));
    case SQRT: return f32x4.sqrt(v);
    case ABS: return f32x4.abs(v);
    case NEG: return f32x4.neg(v);
    case SQUARE: return f32x4.mul(v, v);
    case RECIP: return f32x4.div(f32x4.splat(1), v);
    default: return v;
  }
}

// Applies op to 4 floats: f32 ops directly, transcendental ones in two f64x2 halves.
// @ts-ignore: decorator
@inline function apply4(op: i32, v: v128): v128 {
  // gelu and tanh in float32 lanes: twice the throughput; their float32 steps cost < 1e-6 relative.
  if (op == GELU) return vgelu32(v);
  if (op == TANH) return vtanh32(v);
  if (op >= SIGMOID && op <= EXP) {
    const lo = f64map(op, f64x2.promote_low_f32x4(v));
    const hi = f64map(op, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
    return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
  }
  return f32map(op, v);
}

// out[j] = op(x[j]) for j in [i, n) in steps of 16, four independent vectors per step (one
// vector's long dependency chain of polynomials, a division and exp would fill the scheduler
// and idle the FP units: gelu ran 1.9x faster this way, measured). Inlined with a constant op,
// the switch in apply4 folds away, so each op gets its own straight-line loop. Returns where
// it stopped (n rounded down to 16).
// @ts-ignore: decorator
@inline function unary16(op: i32, x: usize, out: usize, i: i32, n: i32): i32 {
  for (; i + 16 <= n; i += 16) {
    const p = x + (<usize>i << 2), q = out + (<usize>i << 2);
    const a = v128.load(p), b = v128.load(p, 16), c = v128.load(p, 32), d = v128.load(p, 48);
    v128.store(q, apply4(op, a)); v128.store(q, apply4(op, b), 16);
    v128.store(q, apply4(op, c), 32); v128.store(q, apply4(op, d), 48);
  }
  return i;
}

/** out[i] = op(x[i]) for i < n (out may equal x). */
export function unary_f32(op: i32, x: usize, out: usize, n: i32): void {
  let i = 0;
  if (op == RELU) i = unary16(RELU, x, out, 0, n);
  else if (op == GELU) i = unary16(GELU, x, out, 0, n);
  else if (op == TANH) i = unary16(TANH, x, out, 0, n);
  else if (op == SIGMOID) i = unary16(SIGMOID, x, out, 0, n);
  else if (op == EXP) i = unary16(EXP, x, out, 0, n);
  for (; i + 4 <= n; i += 4) v128.store(out + (<usize>i << 2), apply4(op, v128.load(x + (<usize>i << 2))));
  for (; i < n; i++) {
    const r = apply4(op, f32x4.splat(load<f32>(x + (<usize>i << 2))));
    store<f32>(out + (<usize>i << 2), f32x4.extract_lane(r, 0));
  }
}

const ADD = 0, SUB = 1, MUL = 2, DIV = 3, MAXIMUM = 4, MINIMUM = 5, RELU_BW = 6, SIGMOID_BW = 7, TANH_BW = 8, GELU_BW = 9;

// @ts-ignore: decorator
@inline function bin4(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case ADD: return f32x4.add(a, b);
    case SUB: return f32x4.sub(a, b);
    case MUL: return f32x4.mul(a, b);
    case DIV: return f32x4.div(a, b);
    case MAXIMUM: return f32x4.max(a, b);
    case MINIMUM: return f32x4.min(a, b);
    // x <= 0 ? 0 : g (NaN x passes g through, as torch's threshold_backward).
    case RELU_BW: return v128.andnot(b, f32x4.le(a, f32x4.splat(0)));
    default: {
      // Backward maps in float64 lanes, rounded once: 1 - y*y cancels badly in float32 near |y| = 1.
      const lo = grad2(op, f64x2.promote_low_f32x4(a), f64x2.promote_low_f32x4(b));
      const hi = grad2(op, f64x2.promote_low_f32x4(v128.shuffle<f32>(a, a, 2, 3, 0, 1)), f64x2.promote_low_f32x4(v128.shuffle<f32>(b, b, 2, 3, 0, 1)));
      return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
    }
  }
}

// @ts-ignore: decorator
@inline function grad2(op: i32, a: v128, g: v128): v128 {
  if (op == SIGMOID_BW) return f64x2.mul(f64x2.mul(g, a), f64x2.sub(splat(1), a));
  if (op == TANH_BW) return f64x2.mul(g, f64x2.sub(splat(1), f64x2.mul(a, a)));
  return vgeluGrad(a, g);
}

// out[j] = op(a[j], b[j]) for contiguous a and b, as unary16 (the backward maps are long chains).
// @ts-ignore: decorator
@inline function binary16(op: i32, a: usize, b: usize, out: usize, n: i32): i32 {
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const off = <usize>i << 2, p = a + off, r = b + off, q = out + off;
    const a0 = v128.load(p), a1 = v128.load(p, 16), a2 = v128.load(p, 32), a3 = v128.load(p, 48);
    const b0 = v128.load(r), b1 = v128.load(r, 16), b2 = v128.load(r, 32), b3 = v128.load(r, 48);
    v128.store(q, bin4(op, a0, b0)); v128.store(q, bin4(op, a1, b1), 16);
    v128.store(q, bin4(op, a2, b2), 32); v128.store(q, bin4(op, a3, b3), 48);
  }
  return i;
}

/** out[i] = op(a[i * sa], b[i * sb]) with strides sa, sb in {0, 1} (0 broadcasts one value). */
export function binary_f32(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32): void {
  const sav = f32x4.splat(load<f32>(a)), sbv = f32x4.splat(load<f32>(b));
  let i = 0;
  if (sa && sb) {
    if (op == SIGMOID_BW) i = binary16(SIGMOID_BW, a, b, out, n);
    else if (op == TANH_BW) i = binary16(TANH_BW, a, b, out, n);
    else if (op == GELU_BW) i = binary16(GELU_BW, a, b, out, n);
  }
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    const av = sa ? v128.load(a + off) : sav, bv = sb ? v128.load(b + off) : sbv;
    v128.store(out + off, bin4(op, av, bv));
  }
  for (; i < n; i++) {
    const av = f32x4.splat(load<f32>(a + (<usize>(i * sa) << 2))), bv = f32x4.splat(load<f32>(b + (<usize>(i * sb) << 2)));
    store<f32>(out + (<usize>i << 2), f32x4.extract_lane(bin4(op, av, bv), 0));
  }
}

/** out[i] = x[i] * scale + shift, in float64 and rounded once (as the JS path). */
export function affine_f32(x: usize, out: usize, n: i32, scale: f64, shift: f64): void {
  const s = splat(scale), t = splat(shift);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    const lo = f64x2.add(f64x2.mul(f64x2.promote_low_f32x4(v), s), t);
    const hi = f64x2.add(f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)), s), t);
    v128.store(out + (<usize>i << 2), v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5));
  }
  for (; i < n; i++) store<f32>(out + (<usize>i << 2), <f32>(<f64>load<f32>(x + (<usize>i << 2)) * scale + shift));
}

/**
 * Reduction of x[0:n]: 0 sum, 1 sum of squares (both accumulated in float64 lanes), 2 max,
 * 3 min (NaN-propagating). Fixed lane order, so a span always gives the same bits.
 */
export function reduce_f32(op: i32, x: usize, n: i32): f64 {
  let i = 0;
  if (op <= 1) {
    let s0 = splat(0), s1 = splat(0);
    for (; i + 4 <= n; i += 4) {
      const v = v128.load(x + (<usize>i << 2));
      let lo = f64x2.promote_low_f32x4(v), hi = f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1));
      if (op == 1) { lo = f64x2.mul(lo, lo); hi = f64x2.mul(hi, hi); }
      s0 = f64x2.add(s0, lo); s1 = f64x2.add(s1, hi);
    }
    const s = f64x2.add(s0, s1);
    let r = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    for (; i < n; i++) { const v = <f64>load<f32>(x + (<usize>i << 2)); r += op == 1 ? v * v : v; }
    return r;
  }
  let m = f32x4.splat(op == 2 ? -Infinity : Infinity);
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    m = op == 2 ? f32x4.max(m, v) : f32x4.min(m, v);
  }
  let r: f32 = op == 2
    ? max(max(f32x4.extract_lane(m, 0), f32x4.extract_lane(m, 1)), max(f32x4.extract_lane(m, 2), f32x4.extract_lane(m, 3)))
    : min(min(f32x4.extract_lane(m, 0), f32x4.extract_lane(m, 1)), min(f32x4.extract_lane(m, 2), f32x4.extract_lane(m, 3)));
  for (; i < n; i++) { const v = load<f32>(x + (<usize>i << 2)); r = op == 2 ? max(r, v) : min(r, v); }
  return <f64>r;
}
