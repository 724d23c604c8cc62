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
