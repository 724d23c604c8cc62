// Notebooks for the display end-to-end tests, built in code so each test states what it shows.
import fs from "node:fs";

export interface Nb { cells: { cell_type: string; id: string; metadata: object; source: string; outputs?: unknown[]; execution_count?: number | null }[] }

/** An nbformat 4.5 notebook for our kernel from code cell sources. */
export function notebook(sources: string[]): object {
  return {
    cells: sources.map((source, i) => ({ cell_type: "code", id: `c${i}`, metadata: {}, source, outputs: [], execution_count: null })),
    metadata: {
      kernelspec: { display_name: "TypeScript (deeprob-ts)", language: "typescript", name: "deeprob-ts" },
      language_info: { name: "typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

export function writeNotebook(file: string, sources: string[]): string {
  fs.writeFileSync(file, JSON.stringify(notebook(sources), null, 1));
  return file;
}

/** Cells drawing each kind of figure the course uses (6 figures, one of them shown twice). */
export const FIGURE_CELLS = [
  `import * as dr from "deeprob-ts";`,
  `dr.plot.linePlot([{ y: [2.3, 1.2, 0.8, 0.6], name: "train" }, { y: [2.4, 1.4, 1.1, 1.0], name: "val" }], { title: "Loss", xTitle: "epoch", logY: true })`,
  `new dr.plot.Figure([{ type: "bar", x: ["a", "b", "c"], y: [3, 1, 2] }], { title: "Bars" })`,
  `dr.plot.heatmap([[1, 0.5, 0], [0.5, 1, 0.2], [0, 0.2, 1]], { title: "Covariance", colorscale: "RdBu", symmetric: true })`,
  `dr.plot.activationGallery([{ name: "ReLU", f: (x: number) => Math.max(0, x), df: (x: number) => (x > 0 ? 1 : 0) }, { name: "tanh", f: Math.tanh, df: (x: number) => 1 - Math.tanh(x) ** 2 }])`,
  `const g = dr.rng(0);\nconst hs = [1, 0.5, 0.25].map((s) => Array.from({ length: 500 }, () => Math.tanh(s * g.normal())));\ndr.plot.layerHistograms(hs, { title: "tanh activations" })`,
  `const fig = dr.plot.trainingCurves({ loss: [2, 1, 0.5], acc: [0.2, 0.6, 0.9] });\ndr.display(fig);\nfig`,
];

/** 13 more figures from one cell, so FIGURE_CELLS + this make a 20-figure notebook. */
export const MORE_FIGURES_CELL =
  `for (let k = 1; k <= 13; k++) dr.display(new dr.plot.Figure([{ type: "scatter", y: [0, k, 2 * k, k], mode: "lines+markers", name: "k=" + k }], { title: "Figure " + (7 + k) }));`;

/** The notebook every display test uses: 20 figures. */
export const TWENTY_FIGURES = [...FIGURE_CELLS, MORE_FIGURES_CELL];
