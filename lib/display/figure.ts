// Figure: typed Plotly traces + layout that render themselves in Jupyter as a bundle every
// front end can show: Plotly JSON (JupyterLab/VS Code with the Plotly renderer), offline
// interactive HTML (trusted notebooks, nbconvert HTML), PNG and SVG (untrusted notebooks, PDF,
// GitHub), and text.
import { figureHtml, plotlyKey, type LibraryMode, type PlotlySession } from "./plotly-html.js";
import { svgToPng } from "./raster.js";
import { renderSvg } from "./render-svg.js";
import { applyGrid, resolveFigure } from "./resolve.js";
import { channelSession } from "./session.js";
import { toPlotly } from "./to-plotly.js";
import type { FigureSpec, Layout, MimeBundle, Trace } from "./types.js";

export const DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

export interface BundleOptions {
  /** Force the library mode; by default decided by `session` (embed once, then reference). */
  library?: LibraryMode;
  /** Session state holding the "library sent" flag; default: the kernel channel's, if any. */
  session?: PlotlySession;
  /** Static images to include (default both). */
  png?: boolean;
  svg?: boolean;
}

const VALID_TYPES = new Set(["scatter", "bar", "histogram", "heatmap", "image"]);

function checkTrace(t: Trace, i: number): void {
  if (!t || typeof t !== "object" || !VALID_TYPES.has((t as { type: string }).type)) {
    throw new Error(`Figure: trace ${i} must have type scatter, bar, histogram, heatmap or image, got ${JSON.stringify((t as { type?: unknown })?.type)}`);
  }
  if (t.type === "scatter" && t.x && t.x.length !== t.y.length) throw new Error(`Figure: scatter trace ${i} has ${t.x.length} x values but ${t.y.length} y values`);
  const arr = (v: unknown) => !!v && typeof v === "object" && typeof (v as ArrayLike<unknown>).length === "number";
  const need = (ok: boolean, what: string, got: unknown) => {
    if (!ok) throw new Error(`Figure: ${t.type} trace ${i} needs ${what}, got ${got === null ? "null" : Array.isArray(got) ? "an array" : typeof got}`);
  };
  if (t.type === "scatter") need(arr(t.y), "y as an array of numbers", t.y);
  if (t.type === "bar") { need(arr(t.x), "x as an array", t.x); need(arr(t.y), "y as an array of numbers", t.y); }
  if (t.type === "histogram") need(arr(t.x), "x as an array of numbers", t.x);
  if (t.type === "heatmap") need(arr(t.z) && Array.from(t.z as ArrayLike<unknown>).every(arr), "z as rows of numbers (number[][])", t.z);
  if (t.type === "image") need(typeof t.source === "string" && t.source.startsWith("data:image/"), "source as a data:image/... URI (see imageTrace)", t.source);
  if (t.type === "bar" && t.x.length !== t.y.length) throw new Error(`Figure: bar trace ${i} has ${t.x.length} x values but ${t.y.length} y values`);
}

/**
 * A chart made of Plotly-style traces; a cell's last value `fig` draws it.
 * @example
 * const fig = new Figure([{ type: "scatter", x: [0, 1, 2], y: [0, 1, 4], name: "x^2" }], { title: "Squares" });
 * fig.toString() // 'Figure "Squares": 1 trace (scatter), 640x400'
 */
export class Figure {
  readonly data: Trace[];
  readonly layout: Layout;

  constructor(data: readonly Trace[] = [], layout: Layout = {}) {
    data.forEach(checkTrace);
    this.data = [...data];
    this.layout = { ...layout };
  }

  /** A rows x columns grid of subplots; trace k goes to subplot `xaxis: "x<k>"`, `yaxis: "y<k>"`. */
  static subplots(rows: number, columns: number, layout: Layout = {}): Figure {
    const fig = new Figure([], { ...layout, grid: { rows, columns } });
    applyGrid(fig.layout, rows, columns);
    return fig;
  }

  /** Add a trace, optionally into subplot `k` (1-based, row-major). Returns this for chaining. */
  add(trace: Trace, subplot?: number): this {
    const t = { ...trace };
    if (subplot !== undefined) {
      const g = this.layout.grid;
      if (!g || !Number.isInteger(subplot) || subplot < 1 || subplot > g.rows * g.columns) {
        throw new Error(`Figure.add: subplot ${subplot} does not exist; the grid is ${g ? `${g.rows}x${g.columns} (1..${g.rows * g.columns})` : "not set (use Figure.subplots)"}`);
      }
      const s = subplot === 1 ? "" : String(subplot);
      t.xaxis = `x${s}`;
      t.yaxis = `y${s}`;
    }
    checkTrace(t, this.data.length);
    this.data.push(t);
    return this;
  }

  /** The explicit form both renderers draw. */
  resolved(): FigureSpec {
    return resolveFigure({ data: this.data, layout: this.layout });
  }

  /** `{data, layout}` for plotly.js. */
  toPlotly(): ReturnType<typeof toPlotly> {
    return toPlotly(this.resolved());
  }

  /** A standalone SVG drawn without a browser. */
  toSvg(): string {
    return renderSvg(this.resolved());
  }

  /** PNG bytes of the static rendering (`scale` 2 for a sharper picture). */
  toPng(scale = 1): Buffer {
    return svgToPng(this.toSvg(), scale);
  }

  /** The interactive html; `library: "embed"` makes it self-contained. */
  toHtml(library: LibraryMode = "embed"): string {
    const svg = this.toSvg();
    return figureHtml(this.toPlotly(), { library, image: staticImage(svg, safePng(svg)), alt: this.toString() });
  }

  /** The full MIME bundle; see `BundleOptions` for how plotly.js is sent once per session. */
  toBundle(opts: BundleOptions = {}): MimeBundle {
    const session = opts.session ?? channelSession();
    const plotly = this.toPlotly();
    const key = plotlyKey(plotly);
    const library: LibraryMode = opts.library ?? (session?.plotlyLibrarySent && session.plotlyCarrierKey !== key ? "reference" : "embed");
    const svg = this.toSvg();
    const png = safePng(svg);
    const bundle: MimeBundle = {
      "text/plain": this.toString() + (png ? "" : " (no PNG: DejaVu Sans font missing; run npm run setup)"),
      "application/vnd.plotly.v1+json": plotly,
      "text/html": figureHtml(plotly, { library, image: staticImage(svg, png), alt: this.toString() }),
    };
    if (png && opts.png !== false) bundle["image/png"] = png.toString("base64");
    if (opts.svg !== false) bundle["image/svg+xml"] = svg;
    if (library === "embed" && session) { session.plotlyLibrarySent = true; session.plotlyCarrierKey = key; }
    return bundle;
  }

  /** Jupyter's display protocol (Deno convention); the kernel may pass its session. */
  [DISPLAY](ctx?: { session?: PlotlySession }): MimeBundle {
    return this.toBundle({ session: ctx?.session });
  }

  toString(): string {
    const types = this.data.map((t) => t.type);
    const counts = [...new Set(types)].map((t) => { const k = types.filter((x) => x === t).length; return k > 1 ? `${t} x${k}` : t; });
    const r = this.resolved().layout;
    const title = this.layout.title ? ` "${this.layout.title}"` : "";
    return `Figure${title}: ${this.data.length} trace${this.data.length === 1 ? "" : "s"}${counts.length ? ` (${counts.join(", ")})` : ""}, ${r.width}x${r.height}`;
  }
}

/** PNG of the SVG, or undefined when no font is installed (the SVG still carries the chart). */
function safePng(svg: string): Buffer | undefined {
  try { return svgToPng(svg); } catch { return undefined; }
}

/** The smaller of the PNG and SVG as the html's fallback picture (SVG wins for line charts). */
function staticImage(svg: string, png: Buffer | undefined): { mime: string; base64: string } {
  const s = Buffer.from(svg).toString("base64");
  if (!png) return { mime: "image/svg+xml", base64: s };
  const p = png.toString("base64");
  return p.length <= s.length ? { mime: "image/png", base64: p } : { mime: "image/svg+xml", base64: s };
}
