// The text/plain repr of a Tensor, NumPy/PyTorch-like, eliding large tensors.
import type { DataArray, DType } from "./dtype.js";
import { shapeSize } from "./shape.js";

/** What format needs from a Tensor (structural, so this file does not import tensor.ts). */
export interface Formattable {
  readonly data: DataArray; readonly shape: readonly number[]; readonly strides: readonly number[];
  readonly offset: number; readonly dtype: DType;
}

/** Print options, as numpy.set_printoptions / torch.set_printoptions (passed, never global). */
export interface PrintOptions { threshold?: number; edgeItems?: number; precision?: number; lineWidth?: number }

const DEFAULTS: Required<PrintOptions> = { threshold: 1000, edgeItems: 3, precision: 4, lineWidth: 80 };

type Cell = number | "...";

// Nested display items: numbers at the leaves, "..." where an axis is elided.
type Nested = Cell | Nested[];

function collect(t: Formattable, summarize: boolean, edge: number): Nested {
  const rec = (ax: number, off: number): Nested => {
    if (ax === t.shape.length) return t.data[off];
    const n = t.shape[ax], s = t.strides[ax];
    const idx: (number | "...")[] = [];
    if (summarize && n > 2 * edge) {
      for (let i = 0; i < edge; i++) idx.push(i);
      idx.push("...");
      for (let i = n - edge; i < n; i++) idx.push(i);
    } else for (let i = 0; i < n; i++) idx.push(i);
    return idx.map((i) => (i === "..." ? "..." : rec(ax + 1, off + i * s)));
  };
  return rec(0, t.offset);
}

function leaves(x: Nested, out: number[]): number[] {
  if (Array.isArray(x)) for (const y of x) leaves(y, out);
  else if (x !== "...") out.push(x);
  return out;
}

// 1.2345e-05 rather than JS's 1.2345e-5, as NumPy and PyTorch print.
function exponential(v: number, precision: number): string {
  return v.toExponential(precision).replace(/e([+-])(\d)$/, "e$10$2");
}

/** Chooses one number format for all shown values, as PyTorch's _Formatter does. */
function makeFormatter(values: number[], dtype: DType, precision: number): (v: number) => string {
  const special = (v: number): string | null => (Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : null);
  if (dtype === "int32" || dtype === "uint8") return (v) => String(v);
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.every((v) => Number.isInteger(v))) {
    const big = finite.some((v) => Math.abs(v) >= 1e8);
    return (v) => special(v) ?? (big ? exponential(v, precision) : `${Object.is(v, -0) ? "-0" : v.toFixed(0)}.`);
  }
  const abs = finite.map(Math.abs).filter((v) => v > 0);
  const max = abs.length ? Math.max(...abs) : 0, min = abs.length ? Math.min(...abs) : 0;
  const sci = max >= 1e8 || min < 1e-4 || max / min > 1e3;
  return (v) => special(v) ?? (sci ? exponential(v, precision) : v.toFixed(precision));
}

function render(x: Nested, fmt: (v: number) => string, width: number, indent: number, lineWidth: number): string {
  if (!Array.isArray(x)) return x === "..." ? "..." : fmt(x).padStart(width);
  if (x.length === 0) return "[]";
  if (x.every((y) => !Array.isArray(y))) {
    const cells = x.map((y) => render(y, fmt, width, indent + 1, lineWidth));
    const lines: string[] = [];
    let line = "";
    for (const c of cells) {
      const piece = line ? `${line}, ${c}` : c;
      if (line && indent + 1 + piece.length + 2 > lineWidth) { lines.push(line + ","); line = c; }
      else line = piece;
    }
    lines.push(line);
    return `[${lines.join("\n" + " ".repeat(indent + 1))}]`;
  }
  const depth = depthOf(x);
  const sep = "," + "\n".repeat(Math.max(1, depth - 1)) + " ".repeat(indent + 1);
  return `[${x.map((y) => render(y, fmt, width, indent + 1, lineWidth)).join(sep)}]`;
}

function depthOf(x: Nested): number {
  let d = 0;
  while (Array.isArray(x)) { d++; x = x.find((y) => y !== "...") ?? 0; }
  return d;
}

/**
 * NumPy/PyTorch-like text of a tensor; above `threshold` elements only `edgeItems` per axis edge
 * are shown and the shape is appended. The dtype is shown unless it is the default float32.
 * @example formatTensor(tensor([[1, 2], [3, 4]])) // "tensor([[1., 2.],\n        [3., 4.]])"
 */
export function formatTensor(t: Formattable, options: PrintOptions = {}): string {
  const o = { ...DEFAULTS, ...options };
  const size = shapeSize(t.shape);
  const summarize = size > o.threshold;
  const suffix: string[] = [];
  if (summarize || size === 0) suffix.push(`shape=[${t.shape.join(", ")}]`);
  if (summarize || t.dtype !== "float32") suffix.push(`dtype=${t.dtype}`);
  const prefix = "tensor(";
  const nested = size === 0 ? [] : collect(t, summarize, o.edgeItems);
  const values = leaves(nested, []);
  const fmt = makeFormatter(values, t.dtype, o.precision);
  const width = values.reduce((w, v) => Math.max(w, fmt(v).length), 0);
  const body = render(nested, fmt, width, prefix.length, o.lineWidth);
  return `${prefix}${body}${suffix.length ? ", " + suffix.join(", ") : ""})`;
}
