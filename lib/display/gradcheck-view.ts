// A gradient-check result renders as PASS/FAIL with its worst element and a heatmap of
// per-element relative error on a log10 scale (CS231n: < 1e-7 right, > 1e-2 a bug).
import { Figure } from "./figure.js";
import { fmt } from "./stats.js";
import { esc } from "./svg.js";
import type { MimeBundle } from "./types.js";

/** The fields of lib/nn's GradCheckResult this view reads (duck-typed). */
export interface GradCheckLike {
  name: string;
  shape: readonly number[];
  relError: ArrayLike<number>;
  maxRelError: number;
  argmax: number;
  tolerance: number;
  passed: boolean;
}

/**
 * @example
 * isGradCheckLike(nn.gradCheck(f, grad, x)) // true
 */
export function isGradCheckLike(v: unknown): v is GradCheckLike {
  const o = v as GradCheckLike;
  return !!o && typeof o === "object" && typeof o.passed === "boolean" && typeof o.maxRelError === "number" && !!o.relError && typeof o.relError.length === "number" && Array.isArray(o.shape);
}

/** Rows x cols to lay the errors out: the shape when 2-D, else near-square folding. */
function grid(shape: readonly number[], n: number): [number, number] {
  if (shape.length === 2 && shape[0] * shape[1] === n) return [shape[0], shape[1]];
  if (shape.length > 2) { const r = shape[0]; return [r, n / r]; }
  const c = n <= 32 ? n : Math.ceil(Math.sqrt(n));
  return [Math.ceil(n / c), c];
}

/**
 * The heatmap figure of log10 relative errors.
 * @example
 * gradCheckFigure(result).toString() // 'Figure "gradcheck W: PASS ...": 1 trace (heatmap), ...'
 */
export function gradCheckFigure(r: GradCheckLike): Figure {
  const n = r.relError.length;
  const [rows, cols] = grid(r.shape, n);
  const z = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => {
    const k = i * cols + j;
    return k < n ? Math.log10(Math.max(r.relError[k], 1e-16)) : NaN;
  }));
  const verdict = r.passed ? "PASS" : "FAIL";
  const fig = new Figure([{ type: "heatmap", z, colorscale: "Hot", zmin: -16, zmax: 0, colorbar: { title: "log10 rel" } }], {
    title: `gradcheck ${r.name}: ${verdict} (max rel error ${fmt(r.maxRelError)})`,
    width: Math.min(760, Math.max(420, 24 * cols + 220)), height: Math.min(560, Math.max(260, 24 * rows + 120)),
    yaxis: { autorange: "reversed", showgrid: false, title: "row" }, xaxis: { showgrid: false, title: "column" },
  });
  return fig;
}

/**
 * Text, an html verdict with the static heatmap, and the heatmap's PNG/SVG.
 * @example
 * gradCheckBundle(result)["text/plain"] // "gradcheck W [3, 4]: PASS, max relative error 2.1e-9 at element 5 (tolerance 1e-6)"
 */
export function gradCheckBundle(r: GradCheckLike): MimeBundle {
  const verdict = r.passed ? "PASS" : "FAIL";
  const line = `gradcheck ${r.name} [${r.shape.join(", ")}]: ${verdict}, max relative error ${fmt(r.maxRelError)} at element ${r.argmax} (tolerance ${fmt(r.tolerance)})`;
  const fig = gradCheckFigure(r);
  const svg = fig.toSvg();
  let png: string | undefined;
  try { png = fig.toPng().toString("base64"); } catch { png = undefined; }
  const color = r.passed ? "#2ca02c" : "#d62728";
  const img = png ? `data:image/png;base64,${png}` : `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
  const html = `<div class="deeprob-gradcheck"><div style="font-family:monospace"><span style="background:${color};color:#fff;padding:1px 6px;border-radius:3px">${verdict}</span> ${esc(line)}</div><img src="${img}" alt="${esc(line)}"></div>`;
  const b: MimeBundle = { "text/plain": line, "text/html": html, "image/svg+xml": svg };
  if (png) b["image/png"] = png;
  return b;
}
