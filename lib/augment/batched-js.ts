// The fused CIFAR recipe (batched.ts) in plain JS: the reference the wasm kernel
// (lib/kernels/wasm/augment.as) reproduces bit for bit, and the path for engines without
// WebAssembly SIMD. Every float64 step and float32 rounding here is mirrored there.
import type { CropFlipJitterParams } from "./batched.js";

// torchvision's luma weights, float32 as its kernels use them
const WR = Math.fround(0.2989), WG = Math.fround(0.587), WB = Math.fround(0.114);

/**
 * `n` uint8 HWC RGB images (`side` square, contiguous from `data[base]`) to float32 HWC in [0, 1]
 * with drawn parameters, into a new array or `target.data` from `target.offset` (returned either
 * way). Callers check the parameters (batched.ts).
 * @example cropFlipJitterJS(u8, 0, 1, 32, makeCropFlipJitterParams(1, 32, {}, rng(0))).length // 3072
 */
export function cropFlipJitterJS(data: Uint8Array, base: number, n: number, side: number, params: CropFlipJitterParams,
  target?: { data: Float32Array; offset: number }): Float32Array {
  const S = params.size, pad = params.padding, per = S * S * 3, inPer = side * side * 3, rowIn = side * 3;
  const out = target?.data ?? new Float32Array(n * per), o0 = target?.offset ?? 0;
  // Every op is the same pointwise function of the input byte, except for the contrast mean (one
  // scalar per image). So per image: channel histograms of the window give the mean; a 256-entry
  // table then maps each source byte (padding is byte 0) straight to its output value.
  const hist = new Int32Array(768), f = new Float64Array(256), lut = new Float32Array(256);
  for (let i = 0; i < n; i++) {
    const top = params.top[i] - pad, left = params.left[i] - pad, flip = params.flip[i] === 1;
    const b = params.brightness[i], c = params.contrast[i], bFirst = params.brightnessFirst[i] === 1;
    const s0 = base + i * inPer;
    const y0 = Math.max(0, top), y1 = Math.min(side, top + S), x0 = Math.max(0, left), x1 = Math.min(side, left + S);
    hist.fill(0);
    for (let y = y0; y < y1; y++) {
      const e = s0 + y * rowIn + x1 * 3;
      for (let s = s0 + y * rowIn + x0 * 3; s < e; s += 3) { hist[data[s]]++; hist[256 + data[s + 1]]++; hist[512 + data[s + 2]]++; }
    }
    // the image as ColorJitter's second op sees it: brightness applied (clamped at 1) or not yet
    for (let v = 0; v < 256; v++) f[v] = bFirst ? Math.fround(Math.min((v / 255) * b, 1)) : Math.fround(v / 255);
    let graySum = 0; // padded pixels are 0 and add nothing
    for (let v = 1; v < 256; v++) graySum += (WR * hist[v] + WG * hist[256 + v] + WB * hist[512 + v]) * f[v];
    const m = (1 - c) * Math.fround(graySum / (S * S));
    for (let v = 0; v < 256; v++) {
      let x = c * f[v] + m;
      x = x < 0 ? 0 : x > 1 ? 1 : x;
      lut[v] = bFirst ? x : Math.min(x * b, 1);
    }
    const pad0 = lut[0];
    let o = o0 + i * per;
    for (let y = 0; y < S; y++) {
      const sy = top + y;
      if (sy < 0 || sy >= side) { out.fill(pad0, o, o + S * 3); o += S * 3; continue; }
      const row = s0 + sy * rowIn;
      for (let x = 0; x < S; x++, o += 3) {
        const sx = left + (flip ? S - 1 - x : x);
        if (sx < 0 || sx >= side) { out[o] = pad0; out[o + 1] = pad0; out[o + 2] = pad0; continue; }
        const s = row + sx * 3;
        out[o] = lut[data[s]]; out[o + 1] = lut[data[s + 1]]; out[o + 2] = lut[data[s + 2]];
      }
    }
  }
  return out;
}
