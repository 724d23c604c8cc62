import { describe, expect, it } from "vitest";
import { tensor } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import { batchIndices, takeRows } from "../../../../lib/train/batches.js";
import { History } from "../../../../lib/train/history.js";

describe("batching", () => {
  it("cuts an epoch into batches, keeping or dropping the last short one", () => {
    expect(batchIndices(5, 2, { shuffle: false }).map((b) => Array.from(b))).toEqual([[0, 1], [2, 3], [4]]);
    expect(batchIndices(5, 2, { shuffle: false, dropLast: true }).map((b) => Array.from(b))).toEqual([[0, 1], [2, 3]]);
  });
  it("shuffles with the generator: a permutation, reproducible, different per epoch", () => {
    const g = rng(0);
    const e1 = batchIndices(100, 32, { rng: g }).flatMap((b) => Array.from(b));
    const e2 = batchIndices(100, 32, { rng: g }).flatMap((b) => Array.from(b));
    expect([...e1].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(e1).not.toEqual(e2);
    expect(batchIndices(100, 32, { rng: rng(0) }).flatMap((b) => Array.from(b))).toEqual(e1);
    expect(() => batchIndices(10, 2)).toThrow(/batchIndices: shuffling needs the generator/);
  });
  it("takeRows gathers rows of any rank, as x[idx]", () => {
    expect(takeRows(tensor([[1, 2], [3, 4], [5, 6]]), [2, 0]).toArray()).toEqual([[5, 6], [1, 2]]);
    expect(takeRows(tensor([[[1], [2]], [[3], [4]]]), [1]).shape).toEqual([1, 2, 1]);
    expect(() => takeRows(tensor([[1]]), [3])).toThrow("takeRows: index 3 is out of bounds for 1 rows");
  });
});

describe("History", () => {
  it("reads metrics as series and finds the best epoch", () => {
    const h = new History();
    for (const [l, a] of [[1, 0.5], [0.5, 0.8], [0.7, 0.9]]) h.push({ epoch: h.epochs.length + 1, loss: l, accuracy: a, lr: 0.1, steps: 0, seconds: 0 });
    expect(h.metric("loss")).toEqual([1, 0.5, 0.7]);
    expect(h.metric("valLoss").every(Number.isNaN)).toBe(true);
    expect(h.best("loss")!.epoch).toBe(2);
    expect(h.best("accuracy")!.epoch).toBe(3);
    expect(String(h).split("\n")[0]).toBe("History (3 epochs, completed)");
    expect(h.metrics).toEqual({ loss: [1, 0.5, 0.7], accuracy: [0.5, 0.8, 0.9] });
    h.push({ epoch: 4, loss: 0.6, accuracy: 0.9, valLoss: 0.8, valAccuracy: 0.85, lr: 0.1, steps: 0, seconds: 0 });
    expect(h.metrics.val_loss).toEqual([NaN, NaN, NaN, 0.8]);
  });
});
