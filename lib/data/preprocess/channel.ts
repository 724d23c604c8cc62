// Per-channel statistics for image batches: VGG subtracts the per-channel mean, ResNet also divides
// by the per-channel std. Batches are [N, H, W, C] (channelsLast, default) or [N, C, H, W].
import { Tensor } from "../../tensor/tensor.js";
import { fitted } from "./standardize.js";
import { arr } from "./matrix.js";

/** torchvision's documented ImageNet statistics for images in [0, 1] (used by every pretrained ResNet). */
export const IMAGENET_CHANNEL_MEAN = Object.freeze([0.485, 0.456, 0.406]);
export const IMAGENET_CHANNEL_STD = Object.freeze([0.229, 0.224, 0.225]);
/** VGG's RGB means in 0..255 (Simonyan & Zisserman 2015; Caffe's BGR 103.939, 116.779, 123.68). */
export const VGG_CHANNEL_MEAN_255 = Object.freeze([123.68, 116.779, 103.939]);

type Layout = "NHWC" | "NCHW";

function geometry(x: Tensor, layout: Layout, op: string): { n: number; c: number; hw: number } {
  if (!(x instanceof Tensor) || x.ndim !== 4) throw new RangeError(`${op}: expected an image batch [N, H, W, C] or [N, C, H, W]; got ${x instanceof Tensor ? `shape [${x.shape.join(", ")}]` : typeof x}`);
  const [n, a, b, c] = x.shape;
  return layout === "NHWC" ? { n, c, hw: a * b } : { n, c: a, hw: b * c };
}

/**
 * Per-channel (x - mean) / std. `withStd: false` gives VGG's mean subtraction.
 * @example new ChannelNormalize().fit(trainImages).transform(testImages)   // ResNet-style
 * @example ChannelNormalize.imagenet("NCHW").transform(batch)             // torchvision's constants
 */
export class ChannelNormalize {
  readonly layout: Layout;
  readonly withStd: boolean;
  mean: Float64Array | null = null;
  std: Float64Array | null = null;

  constructor(options: { layout?: Layout; withStd?: boolean } = {}) {
    this.layout = options.layout ?? "NHWC";
    if (this.layout !== "NHWC" && this.layout !== "NCHW") throw new RangeError(`ChannelNormalize: layout must be "NHWC" or "NCHW"; got ${JSON.stringify(this.layout)}`);
    this.withStd = options.withStd ?? true;
  }

  /** torchvision's ImageNet mean/std (for float images in [0, 1]). */
  static imagenet(layout: Layout = "NHWC"): ChannelNormalize {
    const c = new ChannelNormalize({ layout });
    c.mean = Float64Array.from(IMAGENET_CHANNEL_MEAN);
    c.std = Float64Array.from(IMAGENET_CHANNEL_STD);
    return c;
  }

  fit(x: Tensor): this {
    const { n, c, hw } = geometry(x, this.layout, "ChannelNormalize.fit");
    const data = x.contiguous().toTypedArray();
    const s = new Float64Array(c), ss = new Float64Array(c);
    for (let i = 0; i < n; i++) for (let p = 0; p < hw; p++) for (let k = 0; k < c; k++) {
      const v = data[this.layout === "NHWC" ? (i * hw + p) * c + k : (i * c + k) * hw + p];
      s[k] += v;
      ss[k] += v * v;
    }
    const count = n * hw;
    this.mean = s.map((v) => v / count);
    // population std over all pixels of the channel (np.std(x, axis=(0, 1, 2)))
    this.std = this.withStd ? ss.map((v, k) => Math.sqrt(Math.max(v / count - this.mean![k] ** 2, 0)) || 1) : new Float64Array(c).fill(1);
    return this;
  }

  transform(x: Tensor): Tensor {
    const mean = fitted(this.mean, "ChannelNormalize"), std = this.std!;
    const { n, c, hw } = geometry(x, this.layout, "ChannelNormalize.transform");
    if (c !== mean.length) throw new RangeError(`ChannelNormalize.transform: fitted on ${mean.length} channels; got ${c} (layout ${this.layout})`);
    const data = x.contiguous().toTypedArray();
    const out = x.dtype === "float64" ? new Float64Array(data.length) : new Float32Array(data.length);
    for (let i = 0; i < n; i++) for (let p = 0; p < hw; p++) for (let k = 0; k < c; k++) {
      const idx = this.layout === "NHWC" ? (i * hw + p) * c + k : (i * c + k) * hw + p;
      out[idx] = (data[idx] - mean[k]) / (this.withStd ? std[k] : 1);
    }
    return new Tensor(out, x.shape);
  }

  fitTransform(x: Tensor): Tensor { return this.fit(x).transform(x); }

  toJSON(): object { return { type: "ChannelNormalize", layout: this.layout, withStd: this.withStd, mean: arr(fitted(this.mean, "ChannelNormalize")), std: arr(this.std!) }; }

  static fromJSON(j: { layout: Layout; withStd: boolean; mean: number[]; std: number[] }): ChannelNormalize {
    const c = new ChannelNormalize({ layout: j.layout, withStd: j.withStd });
    c.mean = Float64Array.from(j.mean);
    c.std = Float64Array.from(j.std);
    return c;
  }
}
