// Tables for the 256-level ziggurat of Marsaglia & Tsang (2000), in NumPy's layout
// (numpy/random/src/distributions/ziggurat_constants.h): one table set for float64 draws
// with a 52-bit magnitude, one for float32 draws with a 23-bit magnitude. Index, sign and
// magnitude come from disjoint bits of the random word, which avoids the bit reuse that
// Doornik (2005) found in the original 32-bit ziggurat.
//
// Tables are computed once at load with V8's fdlibm-based Math.exp/log, which are the same on
// every machine; the wasm kernels receive these very tables so both paths agree bit for bit.

/** Right edge of the base strip for 256 levels (NumPy's ziggurat_nor_r). */
export const ZIG_R = 3.6541528853610088;
/** 1 / ZIG_R (NumPy's ziggurat_nor_inv_r). */
export const ZIG_INV_R = 0.27366123732975828;
/** Area of each of the 256 strips. */
const ZIG_V = 0.00492867323399;

/** Acceptance thresholds k, scaled widths w and densities f for one magnitude width. */
export interface ZigguratTables {
  readonly k: Float64Array;
  readonly w: Float64Array;
  readonly f: Float64Array;
}

function build(scale: number, round: (x: number) => number): ZigguratTables {
  const k = new Float64Array(256), w = new Float64Array(256), f = new Float64Array(256);
  let dn = ZIG_R, tn = ZIG_R;
  const q = ZIG_V / Math.exp(-0.5 * dn * dn);
  k[0] = Math.floor((dn / q) * scale);
  k[1] = 0;
  w[0] = round(q / scale);
  w[255] = round(dn / scale);
  f[0] = 1;
  f[255] = round(Math.exp(-0.5 * dn * dn));
  for (let i = 254; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZIG_V / dn + Math.exp(-0.5 * dn * dn)));
    k[i + 1] = Math.floor((dn / tn) * scale);
    tn = dn;
    f[i] = round(Math.exp(-0.5 * dn * dn));
    w[i] = round(dn / scale);
  }
  return { k, w, f };
}

/** Tables for float64 normals: magnitude is a 52-bit integer. */
export const ZIG64: ZigguratTables = build(2 ** 52, (x) => x);
/** Tables for float32 normals: magnitude is a 23-bit integer; w and f rounded to float32 as NumPy stores them. */
export const ZIG32: ZigguratTables = build(2 ** 23, Math.fround);
