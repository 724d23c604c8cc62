import { describe, expect, it } from "vitest";
import { tensor } from "../../../../lib/tensor/index.js";
import { Parameter } from "../../../../lib/nn/module.js";
import { CosineAnnealingLR, cosineLr, SGD, StepLR, stepLr } from "../../../../lib/optim/index.js";
import { allClose, CLOSE_DIGITS_FLOAT64, OPTIM_RTOL } from "../../tolerance.js";

const opt = () => new SGD([new Parameter("w", tensor([0]))], { lr: 0.1 });

describe("learning-rate schedules (torch.optim.lr_scheduler values)", () => {
  it("StepLR(step_size=3, gamma=0.5)", () => {
    const o = opt(), s = new StepLR(o, { stepSize: 3, gamma: 0.5 }), lrs = [o.lr];
    for (let e = 1; e < 8; e++) lrs.push(s.step());
    expect(allClose(lrs, [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025], OPTIM_RTOL, 0)).toBe(true);
    expect(stepLr(0.1, 30, { stepSize: 30 })).toBeCloseTo(0.01, CLOSE_DIGITS_FLOAT64);
  });
  it("CosineAnnealingLR(T_max=6, eta_min=0.001)", () => {
    const o = opt(), s = new CosineAnnealingLR(o, { tMax: 6, etaMin: 0.001 }), lrs = [o.lr];
    for (let e = 1; e < 8; e++) lrs.push(s.step());
    const torch = [0.1, 0.09336825748732973, 0.07525000000000001, 0.0505, 0.025750000000000012, 0.007631742512670284, 0.001, 0.007631742512670284];
    expect(allClose(lrs, torch, OPTIM_RTOL, 0)).toBe(true);
    expect(cosineLr(0.1, 50, { tMax: 100 })).toBeCloseTo(0.05, CLOSE_DIGITS_FLOAT64);
  });
  it("explains bad options", () => {
    expect(() => new StepLR(opt(), { stepSize: 0 })).toThrow("stepLr: stepSize must be a positive integer, got 0");
    expect(() => new CosineAnnealingLR(opt(), { tMax: 0 })).toThrow("cosineLr: tMax must be > 0, got 0");
  });
});
