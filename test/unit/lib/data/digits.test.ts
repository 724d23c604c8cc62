import { describe, expect, it } from "vitest";
import { loadDigits, trainTestSplit } from "../../../../lib/data/digits.js";
import { parseDigitsCSV } from "../../../../lib/data/digits-raw.js";
import { DataLoader } from "../../../../lib/data/dataloader.js";
import { takeRows } from "../../../../lib/data/rows.js";
import { rng } from "../../../../lib/random/index.js";
import { tensor } from "../../../../lib/tensor/index.js";

describe("loadDigits", () => {
  it("has scikit-learn's shapes, ranges and class counts", () => {
    const { X, y, images } = loadDigits();
    expect(X.shape).toEqual([1797, 64]);
    expect(X.dtype).toBe("float32");
    expect(y.shape).toEqual([1797]);
    expect(y.dtype).toBe("int32");
    expect(images.shape).toEqual([1797, 8, 8]);
    const xs = X.toTypedArray(), ys = Array.from(y.toTypedArray());
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(16);
    const counts = new Array(10).fill(0);
    ys.forEach((v) => counts[v]++);
    // sklearn.datasets.load_digits: np.bincount(y)
    expect(counts).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    // the first digit is a 0; its first row of pixels is 0 0 5 13 9 1 0 0
    expect(ys[0]).toBe(0);
    expect(Array.from(xs.subarray(0, 8))).toEqual([0, 0, 5, 13, 9, 1, 0, 0]);
  });
  it("parse errors name the line", () => {
    expect(() => parseDigitsCSV("1,2,3\n")).toThrow(/loadDigits: line 1 has 3 values; expected 64 pixels and a label/);
  });
});

describe("trainTestSplit", () => {
  const { X, y } = loadDigits();
  it("is a seeded partition: ceil(0.25 n) test rows, reproducible, rows stay paired", () => {
    const [Xtr, Xte, ytr, yte] = trainTestSplit([X, y], { rng: rng(0) });
    expect(Xte.shape).toEqual([450, 64]);
    expect(Xtr.shape).toEqual([1347, 64]);
    expect(ytr.shape).toEqual([1347]);
    const [, Xte2] = trainTestSplit([X, y], { rng: rng(0) });
    expect(Array.from(Xte2.toTypedArray())).toEqual(Array.from(Xte.toTypedArray()));
    const [, Xte3] = trainTestSplit([X, y], { rng: rng(1) });
    expect(Array.from(Xte3.toTypedArray())).not.toEqual(Array.from(Xte.toTypedArray()));
    // pairing: each test row of X appears in the full data with the same label
    const key = (row: ArrayLike<number>) => Array.from(row).join(",");
    const labelsOf = new Map<string, Set<number>>();
    const xs = X.toTypedArray(), ys = y.toTypedArray();
    for (let i = 0; i < 1797; i++) { const k = key(xs.subarray(i * 64, i * 64 + 64)); if (!labelsOf.has(k)) labelsOf.set(k, new Set()); labelsOf.get(k)!.add(ys[i]); }
    const xt = Xte.toTypedArray(), yt = yte.toTypedArray();
    for (let i = 0; i < 450; i++) expect(labelsOf.get(key(xt.subarray(i * 64, i * 64 + 64)))!.has(yt[i])).toBe(true);
  });
  it("stratify keeps class proportions", () => {
    const [, , , yte] = trainTestSplit([X, y], { testSize: 0.2, rng: rng(3), stratify: y });
    const counts = new Array(10).fill(0);
    yte.toTypedArray().forEach((v) => counts[v]++);
    expect(counts.reduce((a, b) => a + b)).toBe(360);
    counts.forEach((c) => { expect(c).toBeGreaterThanOrEqual(34); expect(c).toBeLessThanOrEqual(37); });
  });
  it("clear errors", () => {
    expect(() => trainTestSplit([X, y], {} as never)).toThrow(/pass \{ rng: rng\(seed\) \}/);
    expect(() => trainTestSplit([X, tensor([1, 2])], { rng: rng(0) })).toThrow(/array 1 has 2 rows but array 0 has 1797/);
    expect(() => trainTestSplit([X], { rng: rng(0), testSize: 1.5 })).toThrow(/testSize must be a fraction in \(0, 1\) or a count/);
  });
});

describe("DataLoader", () => {
  const X = tensor([[0], [1], [2], [3], [4], [5], [6]]), y = tensor([0, 1, 2, 3, 4, 5, 6], { dtype: "int32" });
  it("batches in order without shuffle; dropLast; length", () => {
    const l = new DataLoader([X, y], { batchSize: 3 });
    expect(l.length).toBe(3);
    expect([...l].map(([xb]) => xb.toArray())).toEqual([[[0], [1], [2]], [[3], [4], [5]], [[6]]]);
    expect(new DataLoader([X, y], { batchSize: 3, dropLast: true }).length).toBe(2);
  });
  it("reshuffles each epoch, reproducibly from the seed, covering every sample once", () => {
    const l = new DataLoader([X, y], { batchSize: 2, shuffle: true, rng: rng(4) });
    const epoch1 = [...l].flatMap(([, yb]) => Array.from(yb.toTypedArray()));
    const epoch2 = [...l].flatMap(([, yb]) => Array.from(yb.toTypedArray()));
    expect([...epoch1].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(epoch1).not.toEqual(epoch2);
    const again = new DataLoader([X, y], { batchSize: 2, shuffle: true, rng: rng(4) });
    expect([...again].flatMap(([, yb]) => Array.from(yb.toTypedArray()))).toEqual(epoch1);
    for (const [xb, yb] of l) expect(Array.from(xb.toTypedArray())).toEqual(Array.from(yb.toTypedArray()));
  });
  it("clear errors", () => {
    expect(() => new DataLoader([X, y], { shuffle: true })).toThrow(/DataLoader: shuffle needs a generator/);
    expect(() => new DataLoader([X, y], { batchSize: 0 })).toThrow(/batchSize must be a positive integer/);
    expect(() => takeRows(X, [9])).toThrow(/takeRows: row index 9 is out of range for 7 rows/);
  });
});
