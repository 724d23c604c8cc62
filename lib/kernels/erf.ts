// The one error function of the library, in float64 (JavaScript has no Math.erf). GELU (exact
// form, PyTorch's default) needs it to full double accuracy, and its negative tail needs erfc
// without cancellation (gelu(-5) = -5 * Phi(-5) ~ -1.4e-6). This follows Sun's fdlibm s_erf.c
// (freely distributable, Copyright 1993 Sun Microsystems): an odd rational approximation near 0,
// a shifted one around 1, and erfc(x) = exp(-x² - 0.5625 + R/S) / x beyond, with the published
// minimax coefficients. Error < 1 ulp over the whole line.
// The float32 WebAssembly twin (wasm/vmath.as) uses Numerical Recipes' "erfcc" (relative error
// < 1.2e-7, i.e. float32 quality) because it vectorizes without branches; the JS path here serves
// float64 tensors and small float32 arrays.
const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1; // 2/sqrt(pi) - 1
// erf(x) = x + x * P(x²)/Q(x²) on |x| < 0.84375
const PP = [1.28379167095512558561e-1, -3.25042107247001499370e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5];
const QQ = [1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.96022827877536812320e-6];
// erf(1 + s) = erx + P(s)/Q(s) on 0.84375 <= |x| < 1.25
const PA = [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.16637559486879084300e-3];
const QA = [1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.19844998467991074170e-2];
// erfc on [1.25, 1/0.35)
const RA = [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592];
const SA = [1, 1.96512716674392571292e1, 1.37657754143519042600e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2];
// erfc on [1/0.35, 28)
const RB = [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2];
const SB = [1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1];

function poly(c: readonly number[], x: number): number {
  let r = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) r = r * x + c[i];
  return r;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1; // little-endian: low word first

/** erfc(a) for a >= 1.25: exp(-a² - 0.5625 + R/S) / a, with a² split exactly (fdlibm's trick). */
function erfcTail(a: number): number {
  const s = 1 / (a * a);
  let r: number;
  if (a < 1 / 0.35) r = poly(RA, s) / poly(SA, s);
  else r = poly(RB, s) / poly(SB, s);
  // z = a with its low 32 mantissa bits cleared, so z*z is exact and -a² loses no digits.
  f64[0] = a; u32[LOW] = 0; const z = f64[0];
  return Math.exp(-z * z - 0.5625) * Math.exp((z - a) * (z + a) + r) / a;
}

/**
 * The error function erf(x) = 2/sqrt(pi) ∫₀ˣ exp(-t²) dt, to float64 accuracy (fdlibm's method).
 * erf(±Infinity) = ±1, erf(NaN) = NaN, erf(-0) = -0.
 * @example
 * erf(1) // 0.8427007929497149
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 0.84375) {
    if (a < 2 ** -28) return x + EFX * x;
    const z = x * x;
    return x + x * (poly(PP, z) / poly(QQ, z));
  }
  let y: number;
  if (a < 1.25) y = ERX + poly(PA, a - 1) / poly(QA, a - 1);
  else if (a < 6) y = 1 - erfcTail(a);
  else y = 1;
  return x < 0 ? -y : y;
}

/**
 * The complementary error function erfc(x) = 1 - erf(x), accurate in the far tail where
 * 1 - erf(x) would round to 0 (erfc(10) = 2.088e-45).
 * @example
 * erfc(3) // 2.209049699858544e-5
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 0.84375) {
    if (a < 2 ** -56) return 1 - x;
    const z = x * x;
    const y = x * (poly(PP, z) / poly(QQ, z));
    return x < 0.25 ? 1 - (x + y) : 0.5 - (x - 0.5 + y);
  }
  if (a < 1.25) {
    const pq = poly(PA, a - 1) / poly(QA, a - 1);
    return x >= 0 ? 1 - ERX - pq : 1 + (ERX + pq);
  }
  if (a < 28) {
    const t = erfcTail(a);
    return x > 0 ? t : 2 - t;
  }
  return x > 0 ? 0 : 2;
}

/** Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2. @example normalCdf(0) // 0.5 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}
