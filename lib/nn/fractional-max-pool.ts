// Fractional max pooling (Graham 2014) with PyTorch's pseudo-random sequence: for each
// (sample, channel) plane draw u ∈ [0, 1) per axis; window i starts at
// floor((i + u)·α) - floor(u·α), α = (in - k)/(out - 1), and the last window ends at the border.
// Randomized pooling regions in training; at test, average predictions over several draws
// (the lecture's recipe) or use a fixed generator.
import type { Tensor } from "../tensor/index.js";
import { alloc, checkBackward, floatData, Module, requireRng, wrap, type ForwardOptions } from "./module.js";
import { toPair, type Pair } from "./conv2d.js";

/** PyTorch's generate_intervals: window starts for one axis. @example fractionalStarts(0, 10, 5, 2) // Int32Array [0, 2, 4, 6, 8] */
export function fractionalStarts(u: number, inSize: number, outSize: number, k: number): Int32Array {
  const seq = new Int32Array(outSize);
  if (outSize > 1) {
    const alpha = (inSize - k) / (outSize - 1);
    for (let i = 0; i < outSize - 1; i++) seq[i] = Math.floor((i + u) * alpha) - Math.floor(u * alpha);
  }
  seq[outSize - 1] = inSize - k;
  return seq;
}

/**
 * FractionalMaxPool2d with a kernel and an output size or ratio (torch.nn.FractionalMaxPool2d).
 * Every forward draws new regions from `opts.rng` (as PyTorch, in both modes); in eval
 * without a generator the regions are fixed (u = 0.5), so evaluate()/predict() work.
 * @example new FractionalMaxPool2d(2, { outputRatio: 1 / Math.SQRT2 }).forward(x, { rng: rng(0) })
 */
export class FractionalMaxPool2d extends Module {
  readonly kernelSize: [number, number];
  private argmax: Int32Array | null = null;
  private inShape: readonly number[] | null = null;
  private outShapeV: number[] | null = null;

  constructor(kernelSize: Pair, private readonly opts: { outputSize?: Pair; outputRatio?: number | readonly [number, number] }) {
    super();
    this.kernelSize = toPair("FractionalMaxPool2d", "kernelSize", kernelSize, 1);
    if ((opts?.outputSize === undefined) === (opts?.outputRatio === undefined)) {
      throw new TypeError("FractionalMaxPool2d: pass exactly one of { outputSize } or { outputRatio }");
    }
  }

  private outSize(h: number, w: number): [number, number] {
    if (this.opts.outputSize !== undefined) return toPair("FractionalMaxPool2d", "outputSize", this.opts.outputSize, 1);
    const r = typeof this.opts.outputRatio === "number" ? [this.opts.outputRatio, this.opts.outputRatio] : this.opts.outputRatio!;
    if (!r.every((v) => v > 0 && v < 1)) throw new RangeError(`FractionalMaxPool2d: outputRatio must be in (0, 1), got ${JSON.stringify(this.opts.outputRatio)}`);
    return [Math.floor(h * r[0]), Math.floor(w * r[1])];
  }

  forward(x: Tensor, opts?: ForwardOptions): Tensor {
    const op = "FractionalMaxPool2d.forward";
    if (x.ndim !== 4) throw new RangeError(`${op}: expected input of shape [N, C, H, W], got [${x.shape.join(", ")}]`);
    // Training needs the generator. In eval without one, every plane uses the fixed draw u = 0.5
    // (deterministic regions; pass { rng } in eval to sample, and average several predictions).
    const g = opts?.training === false && !opts.rng ? null : requireRng(op, { training: true, ...opts });
    const draw = () => (g ? g.random() : 0.5);
    const [n, c, h, w] = x.shape, [kh, kw] = this.kernelSize, [oh, ow] = this.outSize(h, w);
    if (oh + kh - 1 > h || ow + kw - 1 > w) throw new RangeError(`${op}: output ${oh}x${ow} with kernel ${kh}x${kw} is too large for input ${h}x${w}`);
    const d = floatData(x, op), y = alloc(d, n * c * oh * ow), arg = new Int32Array(y.length);
    for (let p = 0; p < n * c; p++) {
      const sw = fractionalStarts(draw(), w, ow, kw), shh = fractionalStarts(draw(), h, oh, kh), base = p * h * w;
      for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) {
        let best = -Infinity, bi = -1;
        for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
          const idx = base + (shh[oy] + i) * w + sw[ox] + j, v = d[idx];
          if (bi < 0 || v > best || (v !== v && best === best)) { best = v; bi = idx; }
        }
        y[(p * oh + oy) * ow + ox] = best; arg[(p * oh + oy) * ow + ox] = bi;
      }
    }
    this.argmax = arg; this.inShape = x.shape; this.outShapeV = [n, c, oh, ow];
    return wrap(y, this.outShapeV);
  }

  backward(dout: Tensor): Tensor {
    checkBackward("FractionalMaxPool2d.backward", this.outShapeV, dout);
    const go = floatData(dout, "FractionalMaxPool2d.backward"), s = this.inShape!, dx = alloc(go, s[0] * s[1] * s[2] * s[3]);
    for (let o = 0; o < go.length; o++) dx[this.argmax![o]] += go[o];
    return wrap(dx, s);
  }
}
