// The UCI handwritten digits (scikit-learn's load_digits) as tensors, and a seeded train/test split.
import { Tensor } from "../tensor/tensor.js";
import type { Generator } from "../random/index.js";
import { readDigits, DIGITS_FEATURES } from "./digits-raw.js";
import { takeRows } from "./rows.js";

/** The digits dataset. */
export interface Digits {
  /** float32 [1797, 64], pixel intensities 0..16 (8x8 images flattened row by row). */
  X: Tensor;
  /** int32 [1797], the digit 0..9. */
  y: Tensor;
  /** float32 [1797, 8, 8], the same pixels as images. */
  images: Tensor;
  targetNames: number[];
}

/**
 * Loads the shipped digits (offline, from any working directory).
 * @example const { X, y } = loadDigits(); X.shape // [1797, 64]
 */
export function loadDigits(): Digits {
  const { X, y, n } = readDigits();
  return {
    X: new Tensor(X, [n, DIGITS_FEATURES]),
    y: new Tensor(y, [n]),
    images: new Tensor(X.slice(), [n, 8, 8]),
    targetNames: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  };
}

/** Options of trainTestSplit (scikit-learn's names, camelCased). */
export interface SplitOptions {
  /** Fraction (0, 1) or a count of test samples; default 0.25 as scikit-learn. */
  testSize?: number;
  rng: Generator;
  /** Keep class proportions equal in both parts (pass the labels). */
  stratify?: Tensor;
}

/**
 * A seeded shuffle split: test = the first ceil(testSize * n) rows of a permutation (as scikit-learn's
 * ShuffleSplit), or per-class proportional when `stratify` is given. Every array is split alike.
 * @example const [Xtr, Xte, ytr, yte] = trainTestSplit([X, y], { testSize: 0.2, rng: rng(0) })
 */
export function trainTestSplit(arrays: readonly Tensor[], options: SplitOptions): Tensor[] {
  if (!Array.isArray(arrays) || arrays.length === 0 || !arrays.every((a) => a instanceof Tensor && a.ndim >= 1)) {
    throw new TypeError(`trainTestSplit: expected an array of tensors, e.g. [X, y]`);
  }
  const n = arrays[0].shape[0];
  arrays.forEach((a, i) => { if (a.shape[0] !== n) throw new RangeError(`trainTestSplit: array ${i} has ${a.shape[0]} rows but array 0 has ${n}`); });
  if (!options || typeof options.rng?.permutation !== "function") throw new TypeError(`trainTestSplit: pass { rng: rng(seed) } so the split is reproducible`);
  const testSize = options.testSize ?? 0.25;
  const nTest = testSize > 0 && testSize < 1 ? Math.ceil(testSize * n) : testSize;
  if (!Number.isInteger(nTest) || nTest <= 0 || nTest >= n) {
    throw new RangeError(`trainTestSplit: testSize must be a fraction in (0, 1) or a count in [1, ${n - 1}]; got ${testSize}`);
  }
  let test: number[], train: number[];
  if (options.stratify === undefined) {
    const perm = Array.from(options.rng.permutation(n));
    test = perm.slice(0, nTest);
    train = perm.slice(nTest);
  } else {
    ({ test, train } = stratified(options.stratify, n, nTest, options.rng));
  }
  return arrays.flatMap((a) => [takeRows(a, train, "trainTestSplit"), takeRows(a, test, "trainTestSplit")]);
}

// Per-class test counts by largest remainder (summing to nTest), then a permutation inside each class.
function stratified(labels: Tensor, n: number, nTest: number, rng: Generator): { test: number[]; train: number[] } {
  if (labels.ndim !== 1 || labels.shape[0] !== n) throw new RangeError(`trainTestSplit: stratify must be a 1-D tensor of ${n} labels`);
  const y = Array.from(labels.toTypedArray());
  const classes = [...new Set(y)].sort((a, b) => a - b);
  const members = classes.map((c) => y.flatMap((v, i) => (v === c ? [i] : [])));
  const exact = members.map((m) => (m.length * nTest) / n);
  const counts = exact.map(Math.floor);
  let left = nTest - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) { if (left === 0) break; counts[i]++; left--; }
  const test: number[] = [], train: number[] = [];
  members.forEach((m, ci) => {
    const perm = rng.permutation(m.length);
    for (let j = 0; j < m.length; j++) (j < counts[ci] ? test : train).push(m[perm[j]]);
  });
  const shuffle = (a: number[]) => { const p = rng.permutation(a.length); return Array.from(p, (k) => a[k]); };
  return { test: shuffle(test), train: shuffle(train) };
}
