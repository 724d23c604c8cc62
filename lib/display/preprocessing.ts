// The preprocessing slide as a figure: the same 2-D point cloud original, zero-centred,
// normalised, decorrelated (rotated onto the covariance eigenvectors, PCA) and whitened
// (unit covariance), each panel with equal axes so the shape change is visible.
import { Figure } from "./figure.js";
import { subplotTitles } from "./subplot-titles.js";
import { isTensorLike, type TensorLike } from "./image-convert.js";

export interface PreprocessStages {
  original: [number[], number[]];
  zeroCentered: [number[], number[]];
  normalized: [number[], number[]];
  decorrelated: [number[], number[]];
  whitened: [number[], number[]];
}

function columns(data: TensorLike | readonly (readonly [number, number])[]): [number[], number[]] {
  if (isTensorLike(data)) {
    if (data.shape.length !== 2 || data.shape[1] !== 2) throw new Error(`preprocessingFigure: expected an N x 2 tensor, got shape [${data.shape.join(", ")}]`);
    const v = data.toTypedArray();
    const n = data.shape[0];
    return [Array.from({ length: n }, (_, i) => v[2 * i]), Array.from({ length: n }, (_, i) => v[2 * i + 1])];
  }
  if (!Array.isArray(data) || data.some((p) => !p || p.length !== 2)) throw new Error("preprocessingFigure: expected N points [x, y] or an N x 2 tensor");
  return [data.map((p) => p[0]), data.map((p) => p[1])];
}

/**
 * The five stages in float64: X - mean, / std, rotate by the covariance eigenvectors, and
 * scale each principal axis by 1 / sqrt(eigenvalue) (CS231n's PCA and whitening, ddof = 0).
 * @example
 * preprocessStages([[0, 0], [2, 2], [4, 4.5]]).zeroCentered[0] // [-2, 0, 2]
 */
export function preprocessStages(data: TensorLike | readonly (readonly [number, number])[]): PreprocessStages {
  const [x, y] = columns(data);
  const n = x.length;
  if (n < 2) throw new Error(`preprocessingFigure: expected at least 2 points, got ${n}`);
  const mx = x.reduce((a, b) => a + b, 0) / n, my = y.reduce((a, b) => a + b, 0) / n;
  const cx = x.map((v) => v - mx), cy = y.map((v) => v - my);
  const sx = Math.sqrt(cx.reduce((a, v) => a + v * v, 0) / n) || 1, sy = Math.sqrt(cy.reduce((a, v) => a + v * v, 0) / n) || 1;
  const a = cx.reduce((s, v) => s + v * v, 0) / n, c = cy.reduce((s, v) => s + v * v, 0) / n;
  const b = cx.reduce((s, v, i) => s + v * cy[i], 0) / n;
  // Eigen-decomposition of the symmetric 2x2 covariance [[a, b], [b, c]] in closed form.
  const tr = (a + c) / 2, det = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  const l1 = tr + det, l2 = Math.max(tr - det, 0);
  const th = 0.5 * Math.atan2(2 * b, a - c);
  const [u1x, u1y, u2x, u2y] = [Math.cos(th), Math.sin(th), -Math.sin(th), Math.cos(th)];
  const p1 = cx.map((v, i) => v * u1x + cy[i] * u1y), p2 = cx.map((v, i) => v * u2x + cy[i] * u2y);
  const eps = 1e-12;
  return {
    original: [x, y],
    zeroCentered: [cx, cy],
    normalized: [cx.map((v) => v / sx), cy.map((v) => v / sy)],
    decorrelated: [p1, p2],
    whitened: [p1.map((v) => v / Math.sqrt(l1 + eps)), p2.map((v) => v / Math.sqrt(l2 + eps))],
  };
}

/**
 * Five scatter panels, one per preprocessing stage.
 * @example
 * preprocessingFigure(points) // Figure "Data preprocessing": 5 traces (scatter x5), 1100x300
 */
export function preprocessingFigure(data: TensorLike | readonly (readonly [number, number])[], opts: { title?: string } = {}): Figure {
  const s = preprocessStages(data);
  const panels: [string, [number[], number[]]][] = [
    ["original", s.original], ["zero-centered", s.zeroCentered], ["normalized", s.normalized],
    ["decorrelated", s.decorrelated], ["whitened", s.whitened],
  ];
  const fig = Figure.subplots(1, 5, { title: opts.title ?? "Data preprocessing", width: 1100, height: 300 });
  panels.forEach(([, [px, py]], i) => {
    // Equal ranges on both axes, including 0, so the shape and the origin read correctly.
    let m = 0;
    for (let k = 0; k < px.length; k++) m = Math.max(m, Math.abs(px[k]), Math.abs(py[k]));
    const lo = i === 0 ? Math.min(0, ...px, ...py) : -m * 1.1, hi = i === 0 ? Math.max(0, ...px, ...py) * 1.1 : m * 1.1;
    const k = i === 0 ? "" : String(i + 1);
    fig.layout[`xaxis${k}`] = { ...fig.layout[`xaxis${k}`], range: [lo, hi] };
    fig.layout[`yaxis${k}`] = { ...fig.layout[`yaxis${k}`], range: [lo, hi] };
    fig.add({ type: "scatter", x: px, y: py, mode: "markers", marker: { size: 4, color: "#1f77b4" }, opacity: 0.7 }, i + 1);
  });
  subplotTitles(fig, panels.map(([t]) => t));
  return fig;
}
