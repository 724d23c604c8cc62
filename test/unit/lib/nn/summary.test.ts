import { describe, expect, it } from "vitest";
import { rng } from "../../../../lib/random/index.js";
import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, summary } from "../../../../lib/nn/index.js";

describe("summary", () => {
  it("lists each layer's output shape and parameters (the W4 CNN)", () => {
    const g = rng(0);
    const cnn = new Sequential(new Conv2d(3, 32, 3, { rng: g, padding: 1 }), new ReLU(), new MaxPool2d(2),
      new Conv2d(32, 64, 3, { rng: g, padding: 1 }), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(4096, 10, { rng: g }));
    const s = summary(cnn, [1, 3, 32, 32]);
    expect(s.rows.map((r) => r.outputShape)).toEqual([[1, 32, 32, 32], [1, 32, 32, 32], [1, 32, 16, 16], [1, 64, 16, 16], [1, 64, 16, 16], [1, 64, 8, 8], [1, 4096], [1, 10]]);
    expect(s.rows.map((r) => r.params)).toEqual([896, 0, 0, 18496, 0, 0, 0, 40970]);
    expect(s.total).toBe(896 + 18496 + 40970); // torchinfo: 60,362
    expect(s.text.split("\n").at(-1)).toBe("total parameters: 60,362 (input [1, 3, 32, 32])");
  });
});
