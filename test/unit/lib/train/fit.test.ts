import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { Tensor, tensor } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import { BatchNorm1d, Dropout, Linear, ReLU, Sequential, l2Penalty } from "../../../../lib/nn/index.js";
import { Adam, CosineAnnealingLR, SGD } from "../../../../lib/optim/index.js";
import { accuracy, evaluate, fit, fitSync, predict } from "../../../../lib/train/fit.js";
import { loadDigits, trainTestSplit } from "../../../../lib/data/index.js";
import { mul } from "../../../../lib/ops/index.js";
import { allClose, FLOAT32_ATOL, FLOAT32_RTOL } from "../../tolerance.js";

// The UCI digits (1,797 8x8 images) shipped in notebooks/data/digits (see its provenance README).
function loadDigitsCsv() {
  const text = gunzipSync(readFileSync(new URL("../../../../notebooks/data/digits/digits.csv.gz", import.meta.url))).toString("utf8");
  const rows = text.trim().split("\n").map((l) => l.split(",").map(Number));
  const x = new Float32Array(rows.length * 64), y = new Int32Array(rows.length);
  rows.forEach((r, i) => { for (let j = 0; j < 64; j++) x[i * 64 + j] = r[j] / 16; y[i] = r[64]; });
  // A fixed seeded split: 1,437 train / 360 test.
  const perm = rng(2024).permutation(rows.length), nTest = 360;
  const pick = (idx: Int32Array) => ({
    x: new Tensor(Float32Array.from({ length: idx.length * 64 }, (_, k) => x[idx[Math.floor(k / 64)] * 64 + (k % 64)]), [idx.length, 64]),
    y: Int32Array.from(idx, (i) => y[i]),
  });
  return { train: pick(perm.slice(nTest)), test: pick(perm.slice(0, nTest)) };
}

const mlp = (seed: number) => {
  const g = rng(seed);
  return new Sequential(new Linear(64, 128, { rng: g }), new BatchNorm1d(128), new ReLU(), new Dropout({ drop: 0.2 }), new Linear(128, 10, { rng: g }));
};

describe("fit on the digits dataset", () => {
  const { train, test } = loadDigitsCsv();
  it("trains from lib/data's loadDigits + trainTestSplit as a notebook would (>= 95% test accuracy)", () => {
    const { X, y } = loadDigits();
    const [xtr, xte, ytr, yte] = trainTestSplit([mul(X, 1 / 16), y], { testSize: 0.2, rng: rng(3), stratify: y });
    const g = rng(4), model = new Sequential(new Linear(64, 64, { rng: g }), new ReLU(), new Linear(64, 10, { rng: g }));
    const h = fitSync(model, { x: xtr, y: ytr, validation: { x: xte, y: yte }, optimizer: new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 }), epochs: 20, batchSize: 32, rng: g });
    expect(h.last!.valAccuracy).toBeGreaterThanOrEqual(0.95);
  });
  it("an MLP reaches >= 95% test accuracy (Adam, cosine schedule, dropout, batch norm)", async () => {
    const model = mlp(0), optimizer = new Adam(model.parameters(), { lr: 3e-3 });
    const steps: number[] = [], epochs: number[] = [];
    const history = await fit(model, {
      x: train.x, y: train.y, validation: test, optimizer, epochs: 15, batchSize: 64, rng: rng(1),
      scheduler: new CosineAnnealingLR(optimizer, { tMax: 15 }),
      onStep: (s) => { steps.push(s.step); },
      onEpoch: (r) => { epochs.push(r.epoch); },
    });
    const final = evaluate(model, test.x, test.y);
    expect(final.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(history.last!.valAccuracy).toBe(final.accuracy);
    expect(history.epochs.length).toBe(15);
    expect(epochs).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(steps.length).toBe(15 * Math.ceil(1437 / 64));
    expect(history.metric("loss")[14]).toBeLessThan(history.metric("loss")[0]);
    expect(history.metric("lr")[0]).toBe(3e-3);
    expect(history.metric("lr")[14]).toBeLessThan(3e-4);
  });
  it("is reproducible: same seeds, same history", () => {
    const run = () => fitSync(mlp(5), { x: train.x, y: train.y, optimizer: undefined as never, epochs: 1, batchSize: 128, rng: rng(6) });
    expect(run).toThrow(/fit: pass an optimizer/);
    const go = () => { const m = mlp(5); return fitSync(m, { x: train.x, y: train.y, optimizer: new SGD(m.parameters(), { lr: 0.1, momentum: 0.9 }), epochs: 2, batchSize: 128, rng: rng(6), regularize: () => l2Penalty(m.parameters().filter((p) => p.name === "weight"), 1e-4) }).metric("loss"); };
    expect(go()).toEqual(go());
  });
  it("early stopping stops after `patience` epochs without improvement and restores the best parameters", () => {
    const plain = (seed: number) => { const g = rng(seed); return new Sequential(new Linear(64, 32, { rng: g }), new ReLU(), new Linear(32, 10, { rng: g })); };
    // lr = 0 and no batch norm: nothing changes after epoch 1, so training stops at epoch 1 + patience.
    const frozen = plain(7);
    const h = fitSync(frozen, {
      x: train.x, y: train.y, validation: test, optimizer: new SGD(frozen.parameters(), { lr: 0 }), epochs: 20, batchSize: 256, rng: rng(8),
      earlyStopping: { monitor: "valAccuracy", patience: 2 },
    });
    expect(h.epochs.length).toBe(3);
    expect(h.stopReason).toBe("earlyStopping");
    // A learning rate far too large: the loss blows up after the first epoch; the first epoch's
    // parameters come back.
    const wild = plain(9);
    let snapshot: number[] = [];
    const h2 = fitSync(wild, {
      x: train.x, y: train.y, validation: test, optimizer: new SGD(wild.parameters(), { lr: 1, momentum: 0.9 }), epochs: 30, batchSize: 32, rng: rng(10),
      earlyStopping: { monitor: "valLoss", patience: 3 },
      onEpoch: (r, hist) => { if (r.epoch === hist.best("valLoss")!.epoch) snapshot = Array.from(wild.parameters()[0].values); },
    });
    const bestEpoch = h2.best("valLoss")!.epoch;
    expect(h2.stopReason).toBe("earlyStopping");
    expect(h2.epochs.length).toBe(bestEpoch + 3);
    expect(h2.restoredEpoch).toBe(bestEpoch);
    expect(Array.from(wild.parameters()[0].values)).toEqual(snapshot);
  });
  it("fit lets the event loop run between epochs (live displays), fitSync does not", async () => {
    const seen: Record<string, boolean> = {};
    for (const [name, run] of [["fit", fit], ["fitSync", fitSync]] as const) {
      let fired = false;
      setTimeout(() => { fired = true; }, 0);
      const model = mlp(11);
      await run(model, { x: train.x, y: train.y, optimizer: new SGD(model.parameters(), { lr: 0.01 }), epochs: 2, batchSize: 512, rng: rng(1),
        onEpoch: (r) => { if (r.epoch === 2) seen[name] = fired; } });
    }
    expect(seen).toEqual({ fit: true, fitSync: false });
  });
  it("a callback can stop training; bad input is explained", () => {
    const model = mlp(9);
    const h = fitSync(model, { x: train.x, y: train.y, optimizer: new SGD(model.parameters(), { lr: 0.01 }), epochs: 5, batchSize: 256, rng: rng(1), onEpoch: (r) => (r.epoch === 2 ? "stop" : undefined) });
    expect(h.epochs.length).toBe(2);
    expect(h.stopReason).toBe("callback");
    expect(() => fitSync(model, { x: train.x, y: [1, 2], optimizer: new SGD(model.parameters(), { lr: 0.01 }), epochs: 1, batchSize: 8, rng: rng(1) })).toThrow("fit: 1437 samples but 2 labels");
    expect(accuracy(tensor([[0.1, 2], [3, 1]]), [1, 1])).toBe(0.5);
    const logits = predict(model, test.x, 100); // 4 batches, concatenated
    expect(logits.shape).toEqual([360, 10]);
    expect(accuracy(logits, test.y)).toBe(evaluate(model, test.x, test.y).accuracy);
    // float32 GEMM blocking differs between a 100-row batch and a single row: compare to float32 tolerance.
    expect(allClose(logits.data.slice(0, 10), model.forward(test.x.slice([0, 1]), { training: false }).data, FLOAT32_RTOL, FLOAT32_ATOL)).toBe(true);
  });
});
