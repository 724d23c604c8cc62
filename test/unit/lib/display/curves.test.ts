import { describe, expect, it } from "vitest";
import { historySeries, LiveCurves, trainingCurves } from "../../../../lib/display/curves.js";
import type { MimeBundle } from "../../../../lib/display/types.js";
import { marks, texts } from "./svg-helpers.js";

describe("training curves", () => {
  it("reads Keras-style dicts, wrapped histories and per-epoch records", () => {
    expect(historySeries({ loss: [2, 1] })).toEqual({ loss: [2, 1] });
    expect(historySeries({ history: { loss: new Float64Array([3, 2]) } })).toEqual({ loss: [3, 2] });
    expect(historySeries([{ epoch: 1, loss: 2 }, { epoch: 2, loss: 1, acc: 0.5 }])).toEqual({ loss: [2, 1], acc: [NaN, 0.5] });
    expect(() => historySeries(42)).toThrow("trainingCurves: expected a history ({loss: number[], ...} or [{loss, ...}, ...]), got [object Number]");
  });

  it("puts losses on a log axis at left and other metrics at right", () => {
    const fig = trainingCurves({ loss: [2.3, 1.1, 0.7], val_loss: [2.4, 1.3, 1.0], acc: [0.1, 0.6, 0.8] });
    expect(fig.data.map((t) => [t.name, t.xaxis, t.yaxis])).toEqual([["loss", "x", "y"], ["val_loss", "x", "y"], ["acc", "x2", "y2"]]);
    expect(fig.layout.yaxis?.type).toBe("log");
    expect(fig.layout.yaxis2?.type).toBe("linear");
    const svg = fig.toSvg();
    expect(marks(svg, "path", "trace-line")).toHaveLength(3);
    expect(texts(svg, "legendtext")).toEqual(["loss", "val_loss", "acc"]);
  });

  it("live curves send PNG redraws in place, then the full figure at close", () => {
    let t = 0;
    const calls: { b: MimeBundle; id: string; update: boolean }[] = [];
    const live = new LiveCurves({ sink: (b, o) => calls.push({ b, ...o }), now: () => t, minInterval: 1000 });
    live.push({ loss: 2 }); t += 500; live.push({ loss: 1.5 }); t += 600; live.push({ loss: 1, val_loss: 1.2 });
    expect(calls.map((c) => Object.keys(c.b).sort().join())).toEqual(["image/png,text/plain", "image/png,text/plain"]);
    live.close();
    const last = calls[calls.length - 1];
    expect(last.b).toHaveProperty("application/vnd.plotly.v1+json");
    expect(last.b).toHaveProperty("text/html");
    expect(calls.map((c) => c.update)).toEqual([false, true, true]);
    expect(new Set(calls.map((c) => c.id)).size).toBe(1);
    expect(live.series).toEqual({ loss: [2, 1.5, 1], val_loss: [NaN, NaN, 1.2] });
    expect(() => live.push({ loss: "x" as unknown as number })).toThrow('LiveCurves.push: value "loss" must be a number, got string');
  });

  it("outside a kernel writes one plain line at close", () => {
    let out = "";
    const live = new LiveCurves({ sink: undefined });
    live.push({ loss: 2 }); live.push({ loss: 0.5, acc: 0.75 });
    live.close({ write: (s: string) => { out += s; } });
    expect(out).toBe("training curves: 2 steps, loss=0.5, acc=0.75\n");
  });
});
