import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { ones, randn, zeros } from "../../../../lib/tensor/index.js";
import { rng } from "../../../../lib/random/index.js";
import { DropConnectLinear } from "../../../../lib/nn/dropconnect.js";
import { StochasticDepth } from "../../../../lib/nn/stochastic-depth.js";
import { Residual, residualInit_ } from "../../../../lib/nn/residual.js";
import { Sequential } from "../../../../lib/nn/sequential.js";
import { Flatten } from "../../../../lib/nn/flatten.js";
import { Linear } from "../../../../lib/nn/linear.js";
import { Conv2d } from "../../../../lib/nn/conv2d.js";
import { BatchNorm2d } from "../../../../lib/nn/batchnorm.js";
import { ReLU } from "../../../../lib/nn/activation-layers.js";
import { checkModule } from "../../../../lib/nn/gradcheck-module.js";
import { GRADCHECK_FLOOR, GRADCHECK_REL_ERROR, SAMPLING_SIGMAS } from "../../tolerance.js";

describe("DropConnectLinear", () => {
  it("drops weights (not units) in training, uses all of them at test", () => {
    const fc = new DropConnectLinear(50, 40, { rng: rng(0), keep: 0.5 });
    fc.forward(ones([1, 50]), { training: true, rng: rng(1) });
    const m = fc.mask!;
    const kept = m.reduce((a, v) => a + v, 0);
    expect(Math.abs(kept / m.length - 0.5)).toBeLessThan(SAMPLING_SIGMAS * Math.sqrt(0.25 / m.length));
    const lin = new Linear(50, 40, { rng: rng(0) }); // same init stream -> same weights
    expect(Array.from(fc.forward(ones([2, 50]), { training: false }).data)).toEqual(Array.from(lin.forward(ones([2, 50])).data));
  });
  it("backward passes the gradient check with a fixed mask", () => {
    for (const training of [true, false]) {
      const r = checkModule(new DropConnectLinear(4, 3, { rng: rng(2), drop: 0.3 }), randn([5, 4], { rng: rng(3) }), { forward: { training, rng: rng(4) } });
      expect(r.maxRelError).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
    }
  });
});

describe("StochasticDepth (torchvision semantics)", () => {
  it("row mode zeroes whole samples and scales survivors by 1/keep; batch mode all or nothing; eval is identity", () => {
    const sd = new StochasticDepth({ drop: 0.25, mode: "row" });
    const y = sd.forward(ones([4000, 3]), { training: true, rng: rng(1) });
    let alive = 0;
    for (let i = 0; i < 4000; i++) {
      const row = Array.from(y.data.slice(i * 3, i * 3 + 3));
      expect(new Set(row).size).toBe(1);
      if (row[0] !== 0) { alive++; expect(row[0]).toBe(Math.fround(1 / 0.75)); }
    }
    expect(Math.abs(alive / 4000 - 0.75)).toBeLessThan(SAMPLING_SIGMAS * Math.sqrt(0.75 * 0.25 / 4000));
    const b = new StochasticDepth({ drop: 0.5, mode: "batch" }).forward(ones([10, 2]), { training: true, rng: rng(2) });
    expect(new Set(b.data).size).toBe(1);
    expect(Array.from(sd.forward(ones([2, 2]), { training: false }).data)).toEqual([1, 1, 1, 1]);
    expect(() => new StochasticDepth({ drop: 0.1 } as never)).toThrow(/StochasticDepth: mode must be "row" or "batch"/);
  });
  it("backward passes the gradient check in both modes, training and eval", () => {
    for (const mode of ["row", "batch"] as const) for (const training of [true, false]) {
      const r = checkModule(new StochasticDepth({ keep: 0.5, mode }), randn([6, 3], { rng: rng(12) }), { forward: { training, rng: rng(13) } });
      expect(r.maxRelError).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
    }
  });
});

describe("Residual, Sequential, Flatten", () => {
  const block = () => new Residual(new Sequential(new Conv2d(2, 2, 3, { rng: rng(1), padding: 1 }), new ReLU(), new Conv2d(2, 2, 3, { rng: rng(2), padding: 1 })));
  it("residualInit_ zeroes the last layer so the block starts as the identity", () => {
    const b = residualInit_(block(), { rng: rng(3) });
    const x = randn([2, 2, 4, 4], { rng: rng(4) });
    expect(Array.from(b.forward(x).data)).toEqual(Array.from(x.data));
    const w0 = b.branch.parameters()[0].values;
    expect(w0.some((v) => v !== 0)).toBe(true);
  });
  it("backward passes the gradient check: residual with BN + post ReLU + stochastic depth, and an MLP with Flatten", () => {
    const res = new Residual(new Sequential(new Conv2d(2, 2, 3, { rng: rng(5), padding: 1 }), new BatchNorm2d(2), new ReLU(), new Conv2d(2, 2, 3, { rng: rng(6), padding: 1 })),
      { stochasticDepth: new StochasticDepth({ keep: 0.5, mode: "row" }), post: new ReLU() });
    // The first conv's bias feeds batch norm, which subtracts the mean: its true gradient is 0,
    // so the numeric one is pure rounding noise (~1e-10); the floor keeps that from reading as 100%.
    const r = checkModule(res, randn([3, 2, 4, 4], { rng: rng(7) }), { forward: { training: true, rng: rng(8) }, floor: GRADCHECK_FLOOR });
    expect(Math.max(...r.results[2].analytic.map(Math.abs))).toBeLessThan(GRADCHECK_FLOOR * GRADCHECK_REL_ERROR);
    expect(r.maxRelError).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
    const mlp = new Sequential(new Flatten(), new Linear(12, 6, { rng: rng(9) }), new ReLU(), new Linear(6, 3, { rng: rng(10) }));
    expect(checkModule(mlp, randn([4, 3, 2, 2], { rng: rng(11) })).maxRelError).toBeLessThanOrEqual(GRADCHECK_REL_ERROR);
    expect(mlp.namedParameters().map(([n]) => n)).toEqual(["1.weight", "1.bias", "3.weight", "3.bias"]);
  });
  it("prints like PyTorch and rejects non-modules and shape-changing branches", () => {
    const s = new Sequential(new Linear(2, 3, { rng: rng(0) }), new ReLU());
    expect(String(s)).toBe("Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=true)\n  (1): ReLU()\n)");
    expect(inspect(s)).toBe(String(s)); // notebooks print the repr, not cached arrays
    expect(inspect(s.parameters()[0])).toBe("Parameter weight [3, 2] float32");
    expect(() => new Sequential({} as never)).toThrow("Sequential: argument 0 is not a Module (got object)");
    expect(() => s.forward(zeros([4, 5]))).toThrow("Sequential layer 0 (Linear): Linear.forward: expected input of shape [..., 2], got [4, 5]");
    expect(() => new Residual(new Linear(2, 3, { rng: rng(0) })).forward(zeros([1, 2]))).toThrow("Residual.forward: the branch maps [1, 2] to [1, 3]; x + F(x) needs equal shapes");
  });
});
