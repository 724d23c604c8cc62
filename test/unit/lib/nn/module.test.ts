import { describe, expect, it } from "vitest";
import { randn, tensor, zeros } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import { BatchNorm1d, Linear, Parameter, ReLU, Sequential } from "../../../../lib/nn/index.js";

const net = (seed: number) => new Sequential(new Linear(3, 4, { rng: rng(seed) }), new BatchNorm1d(4), new ReLU(), new Linear(4, 2, { rng: rng(seed + 1) }));

describe("Module state: parameters, buffers, stateDict", () => {
  it("names parameters and buffers as PyTorch does", () => {
    const m = net(0);
    expect(Object.keys(m.stateDict())).toEqual(["0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias", "1.runningMean", "1.runningVar", "1.numBatchesTracked"]);
    expect(m.numParameters()).toBe(3 * 4 + 4 + 4 + 4 + 4 * 2 + 2);
  });
  it("stateDict copies; loadStateDict restores parameters and running statistics", () => {
    const a = net(0), b = net(10), x = randn([8, 3], { rng: rng(2) });
    a.forward(x, { training: true }); // moves a's running statistics
    const saved = a.stateDict();
    a.forward(x, { training: true });
    expect(Array.from(saved["1.runningMean"].data)).not.toEqual(Array.from((a.namedBuffers()[0][1]).data));
    b.loadStateDict(saved);
    a.loadStateDict(saved);
    expect(Array.from(b.forward(x, { training: false }).data)).toEqual(Array.from(a.forward(x, { training: false }).data));
  });
  it("refuses mismatched state dicts with the offending names", () => {
    const m = net(0), sd = m.stateDict();
    delete (sd as Record<string, unknown>)["3.bias"];
    sd["extra"] = zeros([1]);
    expect(() => m.loadStateDict(sd)).toThrow("Sequential.loadStateDict: missing keys: 3.bias; unexpected keys: extra");
    const sd2 = m.stateDict();
    sd2["0.weight"] = zeros([3, 4]);
    expect(() => m.loadStateDict(sd2)).toThrow('Sequential.loadStateDict: "0.weight" has shape [4, 3] in the model but [3, 4] in the state dict');
  });
  it("to(float64) converts parameters, gradients and buffers", () => {
    const m = net(0).to("float64");
    expect(m.parameters().every((p) => p.data.dtype === "float64" && p.grad.dtype === "float64")).toBe(true);
    // numBatchesTracked is a counter and stays int32, as PyTorch's num_batches_tracked stays int64 under .double().
    expect(m.namedBuffers().map(([n, b]) => [n, b.dtype])).toEqual([["1.runningMean", "float64"], ["1.runningVar", "float64"], ["1.numBatchesTracked", "int32"]]);
    expect(() => m.to("int32" as never)).toThrow('Sequential.to: expected "float32" or "float64", got int32');
    expect(() => new Parameter("w", tensor([1], { dtype: "int32" }))).toThrow("Parameter w: expected float32 or float64 values, got int32");
  });
});
