import { afterEach, describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { tensor, Tensor } from "../../../../lib/tensor/index.js";
import { registerFormatters } from "../../../../lib/display/formatters.js";
import { CHANNEL_KEY } from "../../../../lib/display/session.js";
import { channelSink } from "../../../../lib/display/sink.js";

type Fn = (v: unknown) => Record<string, unknown>;

function collect() {
  const map = new Map<unknown, Fn>();
  registerFormatters((cls, fn) => { map.set(cls, fn as Fn); });
  return map;
}

describe("registerFormatters", () => {
  afterEach(() => { delete (globalThis as Record<symbol, unknown>)[CHANNEL_KEY]; });

  it("registers a Tensor view", () => {
    const f = collect().get(Tensor)!;
    expect(f(tensor([1, 2]))["text/plain"]).toContain("shape=[2] float32 mean=1.5");
  });

  it("draws duck-typed gradient checks and histories; other objects keep the kernel's text", () => {
    const f = collect().get(Object)!;
    const gc = { name: "W", shape: [1], relError: new Float64Array([1e-9]), maxRelError: 1e-9, argmax: 0, tolerance: 1e-6, passed: true };
    expect(f(gc)["text/plain"]).toContain("gradcheck W [1]: PASS");
    expect(f({ history: { loss: [1, 0.5] } })).toHaveProperty("application/vnd.plotly.v1+json");
    expect(f({ a: 1, b: [2] })).toEqual({ "text/plain": inspect({ a: 1, b: [2] }) });
  });

  it("hands live outputs the kernel's display function through the channel", () => {
    const sent: unknown[] = [];
    (globalThis as Record<symbol, unknown>)[CHANNEL_KEY] = { latest: {} };
    registerFormatters(() => undefined, (v, o) => { sent.push([v, o]); });
    channelSink()!({ "text/plain": "x" }, { id: "p1", update: true });
    expect(sent).toEqual([[{ "text/plain": "x" }, { id: "p1", update: true }]]);
  });
});

describe("History view", () => {
  it("draws lib/train's History with epochs on x and how training ended in the title", async () => {
    const { History } = await import("../../../../lib/train/index.js");
    const h = new History();
    for (let e = 1; e <= 3; e++) h.push({ epoch: e, loss: 1 / e, accuracy: e / 4, valLoss: 1.2 / e, valAccuracy: e / 5, lr: 0.1, steps: 10 * e, seconds: 0 });
    h.stopReason = "earlyStopping";
    h.restoredEpoch = 2;
    const f = collect().get(History)!;
    const b = f(h) as { "application/vnd.plotly.v1+json": { data: { name: string; x: number[] }[]; layout: { title: { text: string } } } };
    const json = b["application/vnd.plotly.v1+json"];
    expect(json.layout.title.text).toBe("Training curves (early stopping; weights from epoch 2)");
    expect(json.data.map((t) => t.name)).toEqual(["loss", "val_loss", "accuracy", "val_accuracy"]);
    expect(json.data[0].x).toEqual([1, 2, 3]);
  });
});
