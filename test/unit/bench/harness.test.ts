// test/bench/harness: the benchmark's own logic (repetition rules, targets, peer matching,
// output), so a bench table can be trusted. Timings themselves are never asserted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM without types (the bench runs without a TypeScript loader)
import { measure, median, resolveOptions } from "../../bench/harness/measure.mjs";
// @ts-expect-error plain ESM without types
import { checkTarget, comparablePeers, peerRatio, rateOf } from "../../bench/harness/targets.mjs";
// @ts-expect-error plain ESM without types
import { parsePeerLine, PEER_WORKLOADS } from "../../bench/harness/peers.mjs";
// @ts-expect-error plain ESM without types
import { formatMs, formatRate, renderTable } from "../../bench/harness/table.mjs";
// @ts-expect-error plain ESM without types
import { loadWorkloads, selectWorkloads } from "../../bench/harness/workloads.mjs";

describe("median and repetition rules (as peers.py)", () => {
  it("median of odd and even counts, as Python's statistics.median", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("defaults, and --quick caps maxReps at minReps", () => {
    expect(resolveOptions({}, false)).toMatchObject({ warmup: 1, minReps: 3, maxReps: 9, budgetMs: 4000, capMs: 40000 });
    expect(resolveOptions({ minReps: 5, maxReps: 25 }, true).maxReps).toBe(5);
  });
  it("rejects nonsense options with the option's name", () => {
    expect(() => resolveOptions({ minReps: 0 })).toThrow("measure: minReps must be >= 1, got 0");
    expect(() => resolveOptions({ budgetMs: -1 })).toThrow("measure: option budgetMs must be a number >= 0, got -1");
  });
  it("runs warmup + reps, setup before and teardown after each, and stops at maxReps", async () => {
    const log: string[] = [];
    let n = 0;
    const r = await measure(async (s: number) => { log.push(`run${s}`); return s * 10; },
      { warmup: 1, minReps: 2, maxReps: 4, budgetMs: 1e9, setup: () => { n += 1; log.push(`setup${n}`); return n; }, teardown: (out: number, s: number) => { log.push(`teardown${s}:${out}`); } });
    expect(r.reps).toBe(4);
    expect(r.all_ms).toHaveLength(4);
    expect(log).toEqual(["setup1", "run1", "teardown1:10", "setup2", "run2", "teardown2:20", "setup3", "run3", "teardown3:30",
      "setup4", "run4", "teardown4:40", "setup5", "run5", "teardown5:50"]);
    expect(r.min_ms).toBeLessThanOrEqual(r.median_ms);
  });
  it("stops after minReps once the budget is spent", async () => {
    const r = await measure(() => {}, { warmup: 0, minReps: 3, maxReps: 100, budgetMs: 0 });
    expect(r.reps).toBe(3);
  });
});

const peers = [
  { peer: "numpy", workload: "W2", case: "1024x1024@1024x1024", median_ms: 12 },
  { peer: "torch-2T", workload: "W2", case: "1024x1024@1024x1024", median_ms: 10 },
  { peer: "torch-1T", workload: "W2", case: "1024x1024@1024x1024", median_ms: 14 },
  { peer: "numpy", workload: "W1", case: "end-to-end tanh-xavier (float32, default_rng().standard_normal)", median_ms: 1200 },
  { peer: "torch-2T", workload: "W1", case: "end-to-end tanh-xavier", median_ms: 1000 },
  { peer: "numpy", workload: "W3", case: "error", error: "boom" },
];

describe("peer matching and ratios", () => {
  it("matches the same workload and case name by default", () => {
    expect(comparablePeers({ workload: "W2", case: "1024x1024@1024x1024" }, peers).map((p: { peer: string }) => p.peer)).toEqual(["numpy", "torch-2T", "torch-1T"]);
    expect(comparablePeers({ workload: "W3", case: "1024x1024@1024x1024" }, peers)).toEqual([]);
  });
  it("matches per-peer case names given as strings or RegExps keyed by peer prefix", () => {
    const rec = { workload: "W1", case: "end to end", peerCase: { numpy: /float32/, torch: "end-to-end tanh-xavier" } };
    expect(comparablePeers(rec, peers).map((p: { peer: string }) => p.peer)).toEqual(["numpy", "torch-2T"]);
  });
  it("ratio = fastest peer median / our median (2 means twice as fast)", () => {
    const cmp = comparablePeers({ workload: "W2", case: "1024x1024@1024x1024" }, peers);
    expect(peerRatio({ median_ms: 5 }, cmp)).toEqual({ peer: "torch-2T", peer_ms: 10, ratio: 2 });
    expect(peerRatio({ median_ms: 28 }, cmp, "torch-1T")).toEqual({ peer: "torch-1T", peer_ms: 14, ratio: 0.5 });
    expect(peerRatio({ median_ms: 5 }, [])).toBeUndefined();
  });
});

describe("targets", () => {
  it("max_ms and min_rate pass and fail on the boundary as written (<=, >=)", () => {
    expect(checkTarget({ median_ms: 100 }, { max_ms: 100 })).toEqual({ pass: true, text: "<= 100 ms" });
    expect(checkTarget({ median_ms: 100.5 }, { max_ms: 100 }).pass).toBe(false);
    expect(checkTarget({ median_ms: 1, gflops: 50 }, { min_rate: 50 })).toEqual({ pass: true, text: ">= 50 gflops" });
    expect(checkTarget({ median_ms: 1, gflops: 49.9 }, { min_rate: 50 }).pass).toBe(false);
  });
  it("a peer ratio target is n/a (undefined) without peers, and every condition must hold", () => {
    expect(checkTarget({ median_ms: 10 }, { ratio_vs_best_peer: 0.5 }, undefined)).toEqual({ pass: undefined, text: ">= 0.5x best peer" });
    expect(checkTarget({ median_ms: 10 }, { ratio_vs_best_peer: 0.5, peer: "torch-2T" }, { ratio: 0.6 })).toEqual({ pass: true, text: ">= 0.5x torch-2T" });
    expect(checkTarget({ median_ms: 10 }, { max_ms: 5, ratio_vs_best_peer: 0.5 }, undefined).pass).toBe(false);
  });
  it("rejects unknown target keys, naming the case", () => {
    expect(() => checkTarget({ workload: "W2", case: "x", median_ms: 1 }, { maxms: 3 })).toThrow('bench target for W2 "x": unknown key(s) maxms');
  });
  it("finds the record's rate", () => {
    expect(rateOf({ steps_s: 40 })).toEqual({ key: "steps_s", value: 40 });
    expect(rateOf({ median_ms: 3 })).toBeUndefined();
  });
});

describe("peers.py output and the table", () => {
  it("parses RESULT and INFO lines, ignores anything else", () => {
    expect(parsePeerLine('RESULT {"peer": "numpy", "workload": "W2", "median_ms": 1.5}')).toEqual({ kind: "RESULT", data: { peer: "numpy", workload: "W2", median_ms: 1.5 } });
    expect(parsePeerLine('INFO {"python": "3.11"}')?.kind).toBe("INFO");
    expect(parsePeerLine("Traceback (most recent call last):")).toBeUndefined();
    expect(parsePeerLine("RESULT {broken")).toBeUndefined();
    expect(PEER_WORKLOADS).toEqual(["W1", "W2", "W3", "W4", "W5"]);
  });
  it("formats durations and rates for people", () => {
    expect([formatMs(0.0123), formatMs(12.34), formatMs(1234)]).toEqual(["12.3 µs", "12.3 ms", "1.23 s"]);
    expect([formatRate({ key: "gflops", value: 41.234 }), formatRate({ key: "images_s", value: 61234.4 }), formatRate(undefined)]).toEqual(["41.2 GFLOP/s", "61234 images/s", ""]);
  });
  it("aligns columns", () => {
    expect(renderTable(["a", "bb"], [["xyz", "1"]])).toBe("a    bb\n---  --\nxyz  1");
  });
});

describe("workload discovery", () => {
  it("loads every *.mjs with an id and run, sorted K before W and W2 before W10", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-bench-wl-"));
    try {
      fs.writeFileSync(path.join(dir, "w10.mjs"), 'export const id = "W10"; export function run() {}');
      fs.writeFileSync(path.join(dir, "w2.mjs"), 'export default { id: "W2", title: "matmul", run() {} };');
      fs.writeFileSync(path.join(dir, "k1.mjs"), 'export const id = "K1"; export const title = "kernel"; export async function run() {}');
      fs.writeFileSync(path.join(dir, "notes.txt"), "not a workload");
      const all = await loadWorkloads(dir);
      expect(all.map((w: { id: string; title: string }) => [w.id, w.title])).toEqual([["K1", "kernel"], ["W2", "matmul"], ["W10", "W10"]]);
      expect(selectWorkloads(all, "w2,K1").map((w: { id: string }) => w.id)).toEqual(["K1", "W2"]);
      expect(() => selectWorkloads(all, "W7")).toThrow("bench --only: no workload W7; available: K1, W2, W10");
      fs.writeFileSync(path.join(dir, "bad.mjs"), 'export const id = "oops"; export function run() {}');
      await expect(loadWorkloads(dir)).rejects.toThrow(/bad\.mjs must export id like "K1" or "W2", got "oops"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
