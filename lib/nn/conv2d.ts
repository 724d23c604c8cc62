// 2-D convolution (cross-correlation, as PyTorch) over NCHW input, by im2col + GEMM on the fast
// kernel, one image at a time: columns[b] [C·kH·kW, Hout·Wout], W [O, C·kH·kW],
// y[b] = W · columns[b] lands directly in NCHW (no layout shuffles; measured ~25% faster than
// one big GEMM over N·Hout·Wout columns followed by transposes).
import type { Tensor } from "../tensor/index.js";
import type { Generator } from "../random/index.js";
import { gemm } from "../kernels/index.js";
import { alloc, type BackwardOptions, checkBackward, checkSameDType, floatData, Module, Parameter, wrap, type FloatArray, type FloatDType } from "./module.js";

type Pair = number | readonly [number, number];
const pair = (op: string, name: string, v: Pair, min: number): [number, number] => {
  const p: [number, number] = typeof v === "number" ? [v, v] : [v[0], v[1]];
  if (!p.every((k) => Number.isInteger(k) && k >= min)) throw new RangeError(`${op}: ${name} must be an integer >= ${min} or a pair of them, got ${JSON.stringify(v)}`);
  return p;
};

/** Geometry of a conv / pool window sweep. */
export interface Geometry { n: number; c: number; h: number; w: number; kh: number; kw: number; sh: number; sw: number; ph: number; pw: number; oh: number; ow: number }

/** Output geometry, with a clear error when the window does not fit. @example windowGeometry("MaxPool2d.forward", x, null, [2, 2], [2, 2], [0, 0]).oh */
export function windowGeometry(op: string, x: Tensor, c: number | null, k: [number, number], s: [number, number], p: [number, number]): Geometry {
  if (x.ndim !== 4 || (c !== null && x.shape[1] !== c)) throw new RangeError(`${op}: expected input of shape [N, ${c ?? "C"}, H, W], got [${x.shape.join(", ")}]`);
  const [n, ch, h, w] = x.shape;
  const oh = Math.floor((h + 2 * p[0] - k[0]) / s[0]) + 1, ow = Math.floor((w + 2 * p[1] - k[1]) / s[1]) + 1;
  if (oh < 1 || ow < 1) throw new RangeError(`${op}: kernel ${k[0]}x${k[1]} with padding ${p[0]},${p[1]} does not fit input ${h}x${w}`);
  return { n, c: ch, h, w, kh: k[0], kw: k[1], sh: s[0], sw: s[1], ph: p[0], pw: p[1], oh, ow };
}

/**
 * im2col for image b: cols[((c·kH + i)·kW + j)·oH·oW + y·oW + x] = input[b][c][y·sH + i - pH][x·sW + j - pW]
 * (0 outside), written at `out` offset `o0`. One image's columns [C·kH·kW, oH·oW] are contiguous,
 * so the GEMM for that image reads one block.
 */
function im2col(d: FloatArray, g: Geometry, b: number, cols: FloatArray, o0: number): void {
  const { c, h, w, kh, kw, sh, sw, ph, pw, oh, ow } = g, hw = oh * ow;
  for (let ci = 0; ci < c; ci++) {
    const src = (b * c + ci) * h * w;
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
      const row = o0 + ((ci * kh + i) * kw + j) * hw;
      // Output columns whose input column x·sW + j - pW lies inside [0, w): [x0, x1).
      const x0 = Math.min(ow, Math.max(0, Math.ceil((pw - j) / sw))), x1 = Math.max(x0, Math.min(ow, Math.floor((w - 1 + pw - j) / sw) + 1));
      for (let y = 0; y < oh; y++) {
        const iy = y * sh + i - ph, dst = row + y * ow;
        if (iy < 0 || iy >= h) { cols.fill(0, dst, dst + ow); continue; }
        for (let x = 0; x < x0; x++) cols[dst + x] = 0;
        const s0 = src + iy * w + j - pw;
        for (let x = x0; x < x1; x++) cols[dst + x] = d[s0 + x * sw];
        for (let x = x1; x < ow; x++) cols[dst + x] = 0;
      }
    }
  }
}

/** col2im for image b: the adjoint of im2col, accumulating one image's column gradients into dx. */
function col2im(cols: FloatArray, g: Geometry, b: number, dx: FloatArray): void {
  const { c, h, w, kh, kw, sh, sw, ph, pw, oh, ow } = g, hw = oh * ow;
  for (let ci = 0; ci < c; ci++) {
    const dst = (b * c + ci) * h * w;
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
      const row = ((ci * kh + i) * kw + j) * hw;
      const x0 = Math.min(ow, Math.max(0, Math.ceil((pw - j) / sw))), x1 = Math.max(x0, Math.min(ow, Math.floor((w - 1 + pw - j) / sw) + 1));
      for (let y = 0; y < oh; y++) {
        const iy = y * sh + i - ph;
        if (iy < 0 || iy >= h) continue;
        const src = row + y * ow, d0 = dst + iy * w + j - pw;
        for (let x = x0; x < x1; x++) dx[d0 + x * sw] += cols[src + x];
      }
    }
  }
}

export interface Conv2dOptions {
  rng: Generator;
  stride?: Pair;
  padding?: Pair;
  bias?: boolean;
  dtype?: FloatDType;
}

/**
 * Conv2d [N, Cin, H, W] -> [N, Cout, Hout, Wout], Hout = floor((H + 2·pad - k)/stride) + 1,
 * with PyTorch's default initialization (U(±1/√(Cin·k·k)) for weight and bias).
 * @example new Conv2d(3, 32, 3, { rng: rng(0), padding: 1 }).forward(zeros([64, 3, 32, 32])).shape // [64, 32, 32, 32]
 */
export class Conv2d extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  private cols: FloatArray | null = null;
  private g: Geometry | null = null;
  /** Scratch buffers reused across calls (never returned to the caller): no 20 MB allocations per step. */
  private scratch = new Map<string, FloatArray>();
  private buffer(name: string, like: FloatArray, n: number): FloatArray {
    const b = this.scratch.get(name);
    if (b && b.length === n && b.constructor === like.constructor) return b;
    const fresh = alloc(like, n);
    this.scratch.set(name, fresh);
    return fresh;
  }

  constructor(readonly inChannels: number, readonly outChannels: number, kernelSize: Pair, opts: Conv2dOptions) {
    super();
    const op = "Conv2d";
    for (const [k, v] of [["inChannels", inChannels], ["outChannels", outChannels]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`${op}: ${k} must be a positive integer, got ${v}`);
    }
    if (!opts?.rng) throw new TypeError(`${op}: pass the generator for the default initialization: new Conv2d(cin, cout, k, { rng: rng(0) })`);
    this.kernelSize = pair(op, "kernelSize", kernelSize, 1);
    this.stride = pair(op, "stride", opts.stride ?? 1, 1);
    this.padding = pair(op, "padding", opts.padding ?? 0, 0);
    ({ weight: this.weight, bias: this.bias } = this.defaultWeightAndBias([outChannels, inChannels, ...this.kernelSize], opts));
  }

  forward(x: Tensor): Tensor {
    const op = "Conv2d.forward";
    const g = windowGeometry(op, x, this.inChannels, this.kernelSize, this.stride, this.padding);
    checkSameDType(op, x, this.weight.data.dtype);
    const d = floatData(x, op), K = g.c * g.kh * g.kw, O = this.outChannels, hw = g.oh * g.ow;
    // Per image: y[b] (O x oH·oW) = W (O x K) · cols[b] (K x oH·oW), written straight into NCHW.
    const cols = this.buffer("cols", d, g.n * K * hw), y = alloc(d, g.n * O * hw), W = this.weight.values, bias = this.bias?.values;
    for (let b = 0; b < g.n; b++) {
      im2col(d, g, b, cols, b * K * hw);
      gemm(O, hw, K, { data: W, offset: 0, rowStride: K, colStride: 1 }, { data: cols, offset: b * K * hw, rowStride: hw, colStride: 1 },
        { data: y, offset: b * O * hw, rowStride: hw, colStride: 1 });
      if (bias) for (let o = 0; o < O; o++) { const bo = bias[o], q = (b * O + o) * hw; for (let k = q; k < q + hw; k++) y[k] += bo; }
    }
    this.cols = cols; this.g = g;
    return wrap(y, [g.n, O, g.oh, g.ow]);
  }

  backward(dout: Tensor, opts?: BackwardOptions): Tensor {
    const op = "Conv2d.backward";
    const g = this.g;
    checkBackward(op, g ? [g.n, this.outChannels, g.oh, g.ow] : null, dout);
    const G = g!, go = floatData(dout, op), O = this.outChannels, hw = G.oh * G.ow, K = G.c * G.kh * G.kw, cols = this.cols!;
    const db = this.bias?.gradValues;
    if (db) {
      for (let o = 0; o < O; o++) {
        let s0 = 0, s1 = 0; // two accumulators: half the add-latency chain
        for (let b = 0; b < G.n; b++) {
          const q = (b * O + o) * hw;
          let k = q;
          for (; k + 1 < q + hw; k += 2) { s0 += go[k]; s1 += go[k + 1]; }
          if (k < q + hw) s0 += go[k];
        }
        db[o] += s0 + s1;
      }
      this.bias!.gradIsZero = false;
    }
    // dW += Σ_b dY[b] (O x oH·oW) · cols[b]ᵀ; the first product overwrites a zero gradient.
    const dW = this.weight.gradValues;
    for (let b = 0; b < G.n; b++) {
      gemm(O, K, hw, { data: go, offset: b * O * hw, rowStride: hw, colStride: 1 }, { data: cols, offset: b * K * hw, rowStride: 1, colStride: hw },
        { data: dW, offset: 0, rowStride: K, colStride: 1 }, { beta: b === 0 && this.weight.gradIsZero ? 0 : 1 });
    }
    this.weight.gradIsZero = false;
    const dx = alloc(go, G.n * G.c * G.h * G.w);
    if (opts?.inputGrad === false) return wrap(dx, [G.n, G.c, G.h, G.w]);
    // dcols[b] = Wᵀ (K x O) · dY[b], folded back into dx image by image.
    const dcols = this.buffer("dcols", go, K * hw);
    for (let b = 0; b < G.n; b++) {
      gemm(K, hw, O, { data: this.weight.values, offset: 0, rowStride: 1, colStride: K }, { data: go, offset: b * O * hw, rowStride: hw, colStride: 1 },
        { data: dcols, offset: 0, rowStride: hw, colStride: 1 });
      col2im(dcols, G, b, dx);
    }
    return wrap(dx, [G.n, G.c, G.h, G.w]);
  }

  protected override describe(): string {
    return `${this.inChannels}, ${this.outChannels}, kernel_size=(${this.kernelSize.join(", ")}), stride=(${this.stride.join(", ")}), padding=(${this.padding.join(", ")})${this.bias ? "" : ", bias=False"}`;
  }
}

export { pair as toPair };
export type { Pair };
