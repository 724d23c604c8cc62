// 2x2 / stride 2 max pooling over planes of NCHW data, the CNN hot path, with PyTorch's rules:
// the first maximum in window order (top-left, top-right, bottom-left, bottom-right) wins
// ties and gets the gradient, NaN propagates. The winner's position (0..3) is kept per output
// as one byte, so backward writes the gradient without searching again. float32 runs in
// wasm (wasm/maxpool.as), float64 here, with the same comparisons.
import { describe, type FloatArray } from "./types.js";
import { maxPool2x2BackwardWasm, maxPool2x2Wasm } from "./nn-wasm.js";

function check(op: string, planes: number, h: number, w: number, big: FloatArray, bigName: string, small: FloatArray, smallName: string, code: Uint8Array): void {
  for (const [k, v] of [["planes", planes], ["h", h], ["w", w]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${op}: ${k} must be an integer >= 0, got ${v}`);
  }
  if (h < 2 || w < 2) throw new RangeError(`${op}: planes must be at least 2x2, got ${h}x${w}`);
  if (!(big instanceof Float32Array || big instanceof Float64Array) || big.constructor !== small.constructor || !(code instanceof Uint8Array)) {
    throw new TypeError(`${op}: expected two Float32Arrays or two Float64Arrays and a Uint8Array, got ${describe(big)}, ${describe(small)}, ${describe(code)}`);
  }
  const o = planes * (h >> 1) * (w >> 1);
  if (big.length < planes * h * w || small.length < o || code.length < o) {
    throw new RangeError(`${op}: ${planes} planes of ${h}x${w} need ${bigName} of ${planes * h * w}, ${smallName} and code of ${o} elements; got ${big.length}, ${small.length}, ${code.length}`);
  }
}

/** The plain-JS forward (float64, and the reference for the wasm kernel). @example maxPool2x2Js(1, 2, 2, x, 0, y, code) */
export function maxPool2x2Js(planes: number, h: number, w: number, x: FloatArray, xo: number, y: FloatArray, code: Uint8Array): void {
  const oh = h >> 1, ow = w >> 1;
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = xo + p * h * w;
    for (let oy = 0; oy < oh; oy++) {
      const r0 = base + 2 * oy * w, r1 = r0 + w;
      for (let ox = 0; ox < ow; ox++, o++) {
        const i0 = r0 + 2 * ox, i2 = r1 + 2 * ox;
        let best = x[i0], bi = 0, v = x[i0 + 1];
        if (v > best || (v !== v && best === best)) { best = v; bi = 1; }
        v = x[i2];
        if (v > best || (v !== v && best === best)) { best = v; bi = 2; }
        v = x[i2 + 1];
        if (v > best || (v !== v && best === best)) { best = v; bi = 3; }
        y[o] = best; code[o] = bi;
      }
    }
  }
}

/**
 * y[p][oy][ox] = max of the 2x2 window at (2oy, 2ox) of plane p of x (planes of [h, w] from
 * xOffset; an odd last row or column is left out, as PyTorch's floor mode); code[...] = the
 * winner's position in its window (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right).
 * @example
 * const y = new Float32Array(1), code = new Uint8Array(1);
 * maxPool2x2(1, 2, 2, Float32Array.of(1, 4, 4, 2), 0, y, code); // y = [4], code = [1] (first maximum)
 */
export function maxPool2x2(planes: number, h: number, w: number, x: FloatArray, xOffset: number, y: FloatArray, code: Uint8Array): void {
  check("maxPool2x2", planes, h, w, x.subarray(xOffset), "x", y, "y", code);
  if (x instanceof Float32Array && maxPool2x2Wasm(planes, h, w, x, xOffset, y as Float32Array, code)) return;
  maxPool2x2Js(planes, h, w, x, xOffset, y, code);
}

/** The plain-JS backward (float64, and the reference for the wasm kernel). @example maxPool2x2BackwardJs(1, 2, 2, dy, code, dx) */
export function maxPool2x2BackwardJs(planes: number, h: number, w: number, dy: FloatArray, code: Uint8Array, dx: FloatArray): void {
  const oh = h >> 1, ow = w >> 1;
  dx.fill(0, 0, planes * h * w);
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = p * h * w;
    for (let oy = 0; oy < oh; oy++) {
      const r0 = base + 2 * oy * w;
      for (let ox = 0; ox < ow; ox++, o++) {
        const k = code[o] & 3;
        dx[r0 + 2 * ox + (k & 1) + (k >= 2 ? w : 0)] = dy[o] + 0; // + 0: -0 becomes +0, as accumulating into zeros
      }
    }
  }
}

/**
 * The backward of maxPool2x2: dx (planes of [h, w]) is 0 except dy at each window's winner.
 * Codes come from maxPool2x2 and are not re-validated (a pass as long as the work itself): only
 * their two low bits are read, so a bad code stays inside its window.
 * @example
 * const dx = new Float32Array(4);
 * maxPool2x2Backward(1, 2, 2, Float32Array.of(5), Uint8Array.of(1), dx); // dx = [0, 5, 0, 0]
 */
export function maxPool2x2Backward(planes: number, h: number, w: number, dy: FloatArray, code: Uint8Array, dx: FloatArray): void {
  check("maxPool2x2Backward", planes, h, w, dx, "dx", dy, "dy", code);
  if (dy instanceof Float32Array && maxPool2x2BackwardWasm(planes, h, w, dy, code, dx as Float32Array)) return;
  maxPool2x2BackwardJs(planes, h, w, dy, code, dx);
}
