// Pooling over NCHW input, PyTorch's semantics: MaxPool2d (stride defaults to the kernel size,
// implicit -inf padding, NaN propagates, the first maximum wins ties and gets the gradient),
// AvgPool2d (count_include_pad=True: zero padding counts in the divisor), and global average
// pooling [N, C, H, W] -> [N, C] (nn.AdaptiveAvgPool2d(1) followed by flatten).
import type { Tensor } from "../tensor/index.js";
import { maxPool2x2, maxPool2x2Backward } from "../kernels/index.js";
import { alloc, checkBackward, floatData, Module, wrap } from "./module.js";
import { toPair, windowGeometry, type Geometry, type Pair } from "./conv2d.js";

interface PoolOptions { stride?: Pair; padding?: Pair }

abstract class Pool2d extends Module {
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  protected g: Geometry | null = null;
  constructor(kernelSize: Pair, opts: PoolOptions = {}) {
    super();
    const op = this.constructor.name;
    this.kernelSize = toPair(op, "kernelSize", kernelSize, 1);
    this.stride = toPair(op, "stride", opts.stride ?? this.kernelSize, 1);
    this.padding = toPair(op, "padding", opts.padding ?? 0, 0);
    if (this.padding[0] * 2 > this.kernelSize[0] || this.padding[1] * 2 > this.kernelSize[1]) {
      throw new RangeError(`${op}: padding must be at most half the kernel size (as PyTorch), got padding ${this.padding.join(",")} for kernel ${this.kernelSize.join("x")}`);
    }
  }
  protected geometry(x: Tensor): Geometry {
    return (this.g = windowGeometry(`${this.constructor.name}.forward`, x, null, this.kernelSize, this.stride, this.padding));
  }
  protected outShape(): number[] | null {
    const g = this.g;
    return g ? [g.n, g.c, g.oh, g.ow] : null;
  }
  protected override describe(): string {
    return `kernel_size=(${this.kernelSize.join(", ")}), stride=(${this.stride.join(", ")}), padding=(${this.padding.join(", ")})`;
  }
}

/**
 * Max pooling. @example new MaxPool2d(2).forward(zeros([64, 32, 32, 32])).shape // [64, 32, 16, 16]
 */
export class MaxPool2d extends Pool2d {
  /** Flat input index of each output's maximum (what backward routes the gradient to). */
  private argmax: Int32Array | null = null;
  /** The 2x2 / stride 2 fast path's winners: position 0..3 in each window (kernels/maxpool.ts). */
  private code: Uint8Array | null = null;

  forward(x: Tensor): Tensor {
    const g = this.geometry(x), d = floatData(x, "MaxPool2d.forward");
    const { n, c, h, w, kh, kw, sh, sw, ph, pw, oh, ow } = g;
    const y = alloc(d, n * c * oh * ow, false); // both paths write every output
    if (kh === 2 && kw === 2 && sh === 2 && sw === 2 && ph === 0 && pw === 0) {
      // The CNN hot path: same rules as the loop below (first maximum wins, NaN propagates).
      const code = new Uint8Array(y.length);
      maxPool2x2(n * c, h, w, d, 0, y, code);
      this.code = code; this.argmax = null;
      return wrap(y, [n, c, oh, ow]);
    }
    const arg = new Int32Array(y.length);
    for (let p = 0; p < n * c; p++) {
      const base = p * h * w;
      for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) {
        let best = -Infinity, bi = -1;
        for (let i = 0; i < kh; i++) {
          const iy = oy * sh + i - ph;
          if (iy < 0 || iy >= h) continue;
          for (let j = 0; j < kw; j++) {
            const ix = ox * sw + j - pw;
            if (ix < 0 || ix >= w) continue;
            const v = d[base + iy * w + ix];
            if (bi < 0 || v > best || (v !== v && best === best)) { best = v; bi = base + iy * w + ix; }
          }
        }
        const o = (p * oh + oy) * ow + ox;
        y[o] = best; arg[o] = bi;
      }
    }
    this.argmax = arg; this.code = null;
    return wrap(y, [n, c, oh, ow]);
  }

  backward(dout: Tensor): Tensor {
    checkBackward("MaxPool2d.backward", this.outShape(), dout);
    const g = this.g!, go = floatData(dout, "MaxPool2d.backward"), dx = alloc(go, g.n * g.c * g.h * g.w, this.code === null); // the 2x2 kernel writes every element
    if (this.code) { maxPool2x2Backward(g.n * g.c, g.h, g.w, go, this.code, dx); return wrap(dx, [g.n, g.c, g.h, g.w]); }
    const arg = this.argmax!;
    for (let o = 0; o < go.length; o++) dx[arg[o]] += go[o];
    return wrap(dx, [g.n, g.c, g.h, g.w]);
  }
}

/**
 * Average pooling (zero padding counted in the divisor, PyTorch's default).
 * @example new AvgPool2d(2).forward(x)
 */
export class AvgPool2d extends Pool2d {
  forward(x: Tensor): Tensor {
    const g = this.geometry(x), d = floatData(x, "AvgPool2d.forward");
    const { n, c, h, w, kh, kw, sh, sw, ph, pw, oh, ow } = g, div = kh * kw;
    const y = alloc(d, n * c * oh * ow);
    for (let p = 0; p < n * c; p++) for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) {
      let s = 0;
      for (let i = 0; i < kh; i++) {
        const iy = oy * sh + i - ph;
        if (iy < 0 || iy >= h) continue;
        for (let j = 0; j < kw; j++) {
          const ix = ox * sw + j - pw;
          if (ix >= 0 && ix < w) s += d[p * h * w + iy * w + ix];
        }
      }
      y[(p * oh + oy) * ow + ox] = s / div;
    }
    return wrap(y, [n, c, oh, ow]);
  }

  backward(dout: Tensor): Tensor {
    checkBackward("AvgPool2d.backward", this.outShape(), dout);
    const g = this.g!, go = floatData(dout, "AvgPool2d.backward");
    const { n, c, h, w, kh, kw, sh, sw, ph, pw, oh, ow } = g, div = kh * kw;
    const dx = alloc(go, n * c * h * w);
    for (let p = 0; p < n * c; p++) for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) {
      const v = go[(p * oh + oy) * ow + ox] / div;
      for (let i = 0; i < kh; i++) {
        const iy = oy * sh + i - ph;
        if (iy < 0 || iy >= h) continue;
        for (let j = 0; j < kw; j++) {
          const ix = ox * sw + j - pw;
          if (ix >= 0 && ix < w) dx[p * h * w + iy * w + ix] += v;
        }
      }
    }
    return wrap(dx, [n, c, h, w]);
  }
}

/**
 * Global average pooling [N, C, H, W] -> [N, C] (mean over H and W, accumulated in float64),
 * what GoogLeNet/ResNet use instead of big fully-connected layers.
 * @example new GlobalAvgPool2d().forward(zeros([8, 512, 7, 7])).shape // [8, 512]
 */
export class GlobalAvgPool2d extends Module {
  private shape: readonly number[] | null = null;
  forward(x: Tensor): Tensor {
    if (x.ndim !== 4) throw new RangeError(`GlobalAvgPool2d.forward: expected input of shape [N, C, H, W], got [${x.shape.join(", ")}]`);
    const d = floatData(x, "GlobalAvgPool2d.forward"), [n, c, h, w] = x.shape, hw = h * w, y = alloc(d, n * c);
    for (let p = 0; p < n * c; p++) { let s = 0; for (let k = 0; k < hw; k++) s += d[p * hw + k]; y[p] = s / hw; }
    this.shape = x.shape;
    return wrap(y, [n, c]);
  }
  backward(dout: Tensor): Tensor {
    checkBackward("GlobalAvgPool2d.backward", this.shape ? this.shape.slice(0, 2) : null, dout);
    const [n, c, h, w] = this.shape!, hw = h * w, go = floatData(dout, "GlobalAvgPool2d.backward"), dx = alloc(go, n * c * hw);
    for (let p = 0; p < n * c; p++) dx.fill(go[p] / hw, p * hw, (p + 1) * hw);
    return wrap(dx, this.shape!);
  }
}
