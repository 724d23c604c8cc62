// gaussian_blur as torchvision: a normalized Gaussian of odd size per axis (default sigma
// ksize * 0.15 + 0.35, torchvision's), reflect padding, uint8 rounded
// half to even. Separable here (two 1-D passes in float64); torchvision convolves in 2-D in float32.
import { Image, checkImage } from "../../data/image.js";
import { alloc, roundHalfEven } from "./util.js";

/** The 1-D kernel: exp(-x^2 / (2 sigma^2)) at x = -(k-1)/2 .. (k-1)/2, normalized. @example gaussianKernel1d(3, 1) // [0.274, 0.452, 0.274] */
export function gaussianKernel1d(size: number, sigma: number): Float64Array {
  const half = (size - 1) / 2, k = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) { k[i] = Math.exp(-0.5 * ((i - half) / sigma) ** 2); sum += k[i]; }
  for (let i = 0; i < size; i++) k[i] /= sum;
  return k;
}

function reflect(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  const j = ((i % period) + period) % period;
  return j < n ? j : period - j;
}

/**
 * Gaussian blur with kernel sizes [kx, ky] (odd) and sigmas [sx, sy].
 * @example gaussianBlur(img, [5, 5], [1.5, 1.5])
 */
export function gaussianBlur(img: Image, kernelSize: number | readonly number[], sigma?: number | readonly number[]): Image {
  checkImage(img, "gaussianBlur", [1, 3, 4]);
  const ks = typeof kernelSize === "number" ? [kernelSize, kernelSize] : [...kernelSize];
  if (ks.length !== 2 || !ks.every((k) => Number.isInteger(k) && k > 0 && k % 2 === 1)) {
    throw new RangeError(`gaussianBlur: kernelSize should have odd and positive integers; got ${JSON.stringify(kernelSize)}`);
  }
  const sg = sigma === undefined ? ks.map((k) => k * 0.15 + 0.35) : typeof sigma === "number" ? [sigma, sigma] : sigma.length === 1 ? [sigma[0], sigma[0]] : [...sigma];
  if (sg.length !== 2 || !sg.every((s) => s > 0)) throw new RangeError(`gaussianBlur: sigma should have positive values; got ${JSON.stringify(sigma)}`);
  const { height: H, width: W, channels: c } = img;
  if (Math.floor(ks[0] / 2) >= W || Math.floor(ks[1] / 2) >= H) {
    throw new RangeError(`gaussianBlur: reflect padding needs the kernel half-size below the image side; got kernel [${ks}] for an image of [${H}, ${W}]`);
  }
  const kx = gaussianKernel1d(ks[0], sg[0]), ky = gaussianKernel1d(ks[1], sg[1]);
  const hx = (ks[0] - 1) / 2, hy = (ks[1] - 1) / 2;
  const tmp = new Float64Array(H * W * c), src = img.data;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let k = 0; k < c; k++) {
    let s = 0;
    for (let j = 0; j < ks[0]; j++) s += kx[j] * src[(y * W + reflect(x + j - hx, W)) * c + k];
    tmp[(y * W + x) * c + k] = s;
  }
  const out = alloc(img), isU8 = img.dtype === "uint8";
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let k = 0; k < c; k++) {
    let s = 0;
    for (let j = 0; j < ks[1]; j++) s += ky[j] * tmp[(reflect(y + j - hy, H) * W + x) * c + k];
    out[(y * W + x) * c + k] = isU8 ? Math.min(255, Math.max(0, roundHalfEven(s))) : s;
  }
  return new Image(out, H, W, c);
}
