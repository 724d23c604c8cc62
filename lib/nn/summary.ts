// A layer-by-layer table of a Sequential model (as Keras' model.summary() / torchinfo):
// each layer's output shape for a given input shape, and its parameter count.
import { zeros } from "../tensor/index.js";
import type { Module } from "./module.js";
import { Sequential } from "./sequential.js";

/** One row of a summary. */
export interface LayerSummary { readonly index: number; readonly layer: string; readonly outputShape: readonly number[]; readonly params: number }

/**
 * Runs zeros of `inputShape` through the model in eval mode and reports each top-level layer.
 * @example
 * summary(mlp, [1, 64]).text
 * // #  layer                 output shape   params
 * // 0  Linear(in_features=64, ...)  [1, 128]  8320 ...
 */
export function summary(model: Module, inputShape: readonly number[]): { rows: LayerSummary[]; total: number; text: string } {
  const layers = model instanceof Sequential ? model.layers : [model];
  let h = zeros([...inputShape], { dtype: model.parameters()[0]?.data.dtype ?? "float32" });
  const rows: LayerSummary[] = layers.map((l, index) => {
    h = l.forward(h, { training: false });
    return { index, layer: l.toString().split("\n")[0], outputShape: h.shape, params: l.numParameters() };
  });
  const total = rows.reduce((s, r) => s + r.params, 0);
  const cells = rows.map((r) => [String(r.index), r.layer, `[${r.outputShape.join(", ")}]`, r.params.toLocaleString("en-US")]);
  const head = ["#", "layer", "output shape", "params"];
  const width = head.map((t, c) => Math.max(t.length, ...cells.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((t, c) => (c === 3 ? t.padStart(width[c]) : t.padEnd(width[c]))).join("  ").trimEnd();
  const text = [line(head), ...cells.map(line), `total parameters: ${total.toLocaleString("en-US")} (input [${inputShape.join(", ")}])`].join("\n");
  return { rows, total, text };
}
