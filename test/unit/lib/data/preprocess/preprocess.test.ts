import { describe, expect, it } from "vitest";
import { loadDigits } from "../../../../../lib/data/digits.js";
import { ZeroCenter, MeanImage, StandardScaler } from "../../../../../lib/data/preprocess/standardize.js";
import { PCA, ZCAWhitening, pcaWhitening } from "../../../../../lib/data/preprocess/pca.js";
import { ChannelNormalize, IMAGENET_CHANNEL_MEAN, IMAGENET_CHANNEL_STD } from "../../../../../lib/data/preprocess/channel.js";
import { preprocessorFromJSON } from "../../../../../lib/data/preprocess/serialize.js";
import { rng } from "../../../../../lib/random/index.js";
import { Tensor, tensor } from "../../../../../lib/tensor/index.js";
import { allClose, FLOAT32_ATOL, FLOAT32_RTOL, FLOAT32_STAT_ATOL, FLOAT32_STAT_RTOL, FLOAT64_ATOL, FLOAT64_RTOL } from "../../../tolerance.js";

const { X } = loadDigits();

// Correlated Gaussian data (float32): x = z A with a fixed mixing matrix.
function correlated(n: number, d: number, seed: number): Tensor {
  const g = rng(seed), A = Array.from({ length: d * d }, () => g.normal());
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: d }, () => g.normal());
    for (let j = 0; j < d; j++) { let s = 3; for (let k = 0; k < d; k++) s += z[k] * A[k * d + j]; out[i * d + j] = s; }
  }
  return new Tensor(out, [n, d]);
}

function cov(t: Tensor): { c: number[]; d: number; mean: number[] } {
  const [n, d] = t.shape, x = t.toTypedArray();
  const mean = Array.from({ length: d }, (_, j) => { let s = 0; for (let i = 0; i < n; i++) s += x[i * d + j]; return s / n; });
  const c: number[] = [];
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) { let s = 0; for (let i = 0; i < n; i++) s += (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]); c.push(s / (n - 1)); }
  return { c, d, mean };
}
const eye = (d: number) => Array.from({ length: d * d }, (_, i) => (i % (d + 1) === 0 ? 1 : 0));

describe("ZeroCenter / StandardScaler (lecture: X -= mean; X /= std)", () => {
  it("fits digits' column means and population stds (NumPy values)", () => {
    const zc = new ZeroCenter().fit(X);
    expect(allClose(Array.from(zc.mean!).slice(0, 4), [0, 0.3038397328881469, 5.204785754034502, 11.835837506956038])).toBe(true);
    const centered = zc.transform(X);
    expect(allClose(cov(centered).mean, new Array(64).fill(0), FLOAT32_STAT_RTOL, FLOAT32_STAT_ATOL)).toBe(true);
    const sc = new StandardScaler().fit(X);
    expect(allClose(Array.from(sc.std!).slice(20, 24), [6.174009933121506, 6.195597180109219, 3.258962544657525, 0.438475432984124])).toBe(true);
    expect(sc.std![0]).toBe(1); // a constant (all-zero) pixel keeps std 1, as scikit-learn
    expect(allClose(sc.inverseTransform(sc.transform(X)).toTypedArray(), X.toTypedArray(), FLOAT32_STAT_RTOL, FLOAT32_STAT_ATOL)).toBe(true);
  });
  it("applies training statistics to test data unchanged, and survives toJSON/fromJSON", () => {
    const train = tensor([[1, 10], [3, 30]]), test = tensor([[2, 0]]);
    const sc = new StandardScaler().fit(train);
    expect(sc.transform(test).toArray()).toEqual([[0, -2]]); // mean [2, 20], std [1, 10]
    const restored = preprocessorFromJSON(JSON.stringify(sc));
    expect(restored).toBeInstanceOf(StandardScaler);
    expect((restored as StandardScaler).transform(test).toArray()).toEqual([[0, -2]]);
    expect(() => new StandardScaler().transform(test)).toThrow(/StandardScaler: call fit\(trainingData\) first/);
    expect(() => sc.transform(tensor([[1, 2, 3]]))).toThrow(/StandardScaler.transform: fitted on 2 features per sample; got 3/);
  });
  it("MeanImage keeps the image shape (AlexNet's [32, 32, 3] mean image)", () => {
    const imgs = new Tensor(Float32Array.from({ length: 4 * 2 * 2 * 3 }, (_, i) => i), [4, 2, 2, 3]);
    const mi = new MeanImage().fit(imgs);
    expect(mi.meanTensor().shape).toEqual([2, 2, 3]);
    expect(mi.meanTensor().toTypedArray()[0]).toBe(18); // mean of 0, 12, 24, 36
    expect(mi.transform(imgs).shape).toEqual([4, 2, 2, 3]);
    expect(preprocessorFromJSON(mi.toJSON())).toBeInstanceOf(MeanImage);
  });
});

describe("PCA", () => {
  it("digits: explained variance ratio matches scikit-learn's published values", () => {
    const pca = new PCA({ nComponents: 5 }).fit(X);
    // sklearn.decomposition.PCA(5).fit(load_digits().data).explained_variance_ratio_
    expect(allClose(pca.explainedVarianceRatio!, [0.1489059358406385, 0.13618771239635438, 0.11794593763975789, 0.08409979421009188, 0.057824146640055266])).toBe(true);
    expect(allClose(pca.explainedVariance!.slice(0, 3), [179.00693009797206, 163.71774688167727, 141.78843909228394])).toBe(true);
    const z = pca.transform(X);
    expect(z.shape).toEqual([1797, 5]);
    // projections are uncorrelated with variances = explained variance
    const { c } = cov(z);
    const diag = Array.from({ length: 25 }, (_, i) => (i % 6 === 0 ? pca.explainedVariance![i / 6] : 0));
    // off-diagonal zeros are judged relative to the data scale (the largest variance, 179)
    expect(allClose(c, diag, FLOAT32_STAT_RTOL, FLOAT32_STAT_ATOL * pca.explainedVariance![0])).toBe(true);
  });
  it("full PCA reconstructs; whitening gives identity covariance; JSON round trip", () => {
    const x = correlated(400, 6, 1);
    const pca = new PCA().fit(x);
    expect(allClose(pca.inverseTransform(pca.transform(x)).toTypedArray(), x.toTypedArray(), FLOAT32_STAT_RTOL, FLOAT32_STAT_ATOL)).toBe(true);
    const white = pcaWhitening().fit(x).transform(x);
    expect(allClose(cov(white).c, eye(6), FLOAT32_STAT_RTOL, FLOAT32_STAT_ATOL)).toBe(true);
    const back = preprocessorFromJSON(JSON.stringify(pca)) as PCA;
    expect(Array.from(back.transform(x).toTypedArray())).toEqual(Array.from(pca.transform(x).toTypedArray()));
  });
  it("bad options", () => {
    expect(() => new PCA({ nComponents: 0 })).toThrow(/PCA: nComponents must be a positive integer/);
    expect(() => new PCA({ nComponents: 65 }).fit(X)).toThrow(/PCA.fit: nComponents \(65\) exceeds the number of features \(64\)/);
  });
});

describe("ZCA whitening", () => {
  it("identity covariance on training and (statistically) on held-out data; symmetric matrix", () => {
    const x = correlated(500, 5, 2);
    const zca = new ZCAWhitening({ eps: 0 }).fit(x);
    expect(allClose(cov(zca.transform(x)).c, eye(5), FLOAT32_STAT_RTOL, FLOAT32_STAT_ATOL)).toBe(true);
    const W = zca.matrix!;
    const Wt = Array.from({ length: 25 }, (_, i) => W[(i % 5) * 5 + Math.floor(i / 5)]);
    expect(allClose(W, Wt, FLOAT64_RTOL, FLOAT64_ATOL)).toBe(true);
    // eps shrinks the whitening: variances become lambda / (lambda + eps) < 1
    const soft = new ZCAWhitening({ eps: 10 }).fit(x);
    const c = cov(soft.transform(x)).c;
    for (let a = 0; a < 5; a++) expect(c[a * 6]).toBeLessThan(1);
    expect(preprocessorFromJSON(zca.toJSON())).toBeInstanceOf(ZCAWhitening);
  });
  it("works on digits (constant pixels are dropped, not divided by zero)", () => {
    const z = new ZCAWhitening({ eps: 0 }).fitTransform(X);
    expect(Array.from(z.toTypedArray()).every(Number.isFinite)).toBe(true);
  });
});

describe("ChannelNormalize (VGG mean / ResNet mean+std)", () => {
  it("fits per-channel population statistics in NHWC and NCHW alike", () => {
    const nhwc = new Tensor(Float32Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => (i % 3) * 10 + Math.floor(i / 3)), [2, 2, 2, 3]);
    const cn = new ChannelNormalize().fit(nhwc);
    // channel k holds 10k + 0..7: mean 10k + 3.5, population std sqrt(5.25)
    expect(allClose(cn.mean!, [3.5, 13.5, 23.5])).toBe(true);
    expect(allClose(cn.std!, [Math.sqrt(5.25), Math.sqrt(5.25), Math.sqrt(5.25)])).toBe(true);
    const nchw = nhwc.permute([0, 3, 1, 2]).contiguous();
    const cn2 = new ChannelNormalize({ layout: "NCHW" }).fit(nchw);
    expect(allClose(cn2.mean!, cn.mean!)).toBe(true);
    const out = cn.transform(nhwc);
    expect(allClose(new ChannelNormalize().fit(out).mean!, [0, 0, 0], FLOAT32_RTOL, FLOAT32_ATOL)).toBe(true);
    const vgg = new ChannelNormalize({ withStd: false }).fit(nhwc);
    expect(vgg.transform(nhwc).toTypedArray()[0]).toBe(-3.5);
  });
  it("torchvision's ImageNet constants", () => {
    const c = ChannelNormalize.imagenet();
    expect(Array.from(c.mean!)).toEqual([0.485, 0.456, 0.406]);
    expect(Array.from(c.std!)).toEqual([0.229, 0.224, 0.225]);
    expect([...IMAGENET_CHANNEL_MEAN, ...IMAGENET_CHANNEL_STD]).toEqual([0.485, 0.456, 0.406, 0.229, 0.224, 0.225]);
    const px = new Tensor(new Float32Array([0.485, 0.456, 0.406]), [1, 1, 1, 3]);
    expect(allClose(c.transform(px).toTypedArray(), [0, 0, 0], FLOAT32_RTOL, FLOAT32_ATOL)).toBe(true);
    expect(() => c.transform(tensor([[1, 2]]))).toThrow(/ChannelNormalize.transform: expected an image batch/);
    expect(() => preprocessorFromJSON({ type: "Nope" })).toThrow(/preprocessorFromJSON: unknown type "Nope"/);
  });
});
