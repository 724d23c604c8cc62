// Typed Plotly traces and layout: the subset the course's figures use. Field names follow
// plotly.js so a figure serialises to `application/vnd.plotly.v1+json` almost verbatim and a
// student can look any option up in Plotly's reference.

/** A Jupyter MIME bundle: MIME type -> data. `text/plain` is always present (STYLE rule 9). */
export type MimeBundle = { "text/plain": string } & Record<string, unknown>;

export type Numeric = ArrayLike<number>;

interface TraceBase {
  /** Legend entry; traces without a name are left out of the legend. */
  name?: string;
  showlegend?: boolean;
  /** Subplot axes, Plotly style: "x", "x2", ... and "y", "y2", ... */
  xaxis?: string;
  yaxis?: string;
  opacity?: number;
}

export type Dash = "solid" | "dash" | "dot";

export interface ScatterTrace extends TraceBase {
  type: "scatter";
  /** Defaults to 0, 1, 2, ... as in Plotly. */
  x?: Numeric;
  y: Numeric;
  mode?: "lines" | "markers" | "lines+markers";
  line?: { color?: string; width?: number; dash?: Dash };
  marker?: { color?: string; size?: number };
}

export interface BarTrace extends TraceBase {
  type: "bar";
  x: ArrayLike<number> | readonly string[];
  y: Numeric;
  /** Bar width in x units (numeric x only); default: the smallest gap between x values. */
  width?: number;
  marker?: { color?: string | readonly string[] };
}

export interface HistogramTrace extends TraceBase {
  type: "histogram";
  x: Numeric;
  /** Number of equal bins between min and max (default 30). */
  nbinsx?: number;
  /** Explicit bins; overrides nbinsx. */
  xbins?: { start: number; end: number; size: number };
  histnorm?: "" | "probability" | "probability density";
  marker?: { color?: string };
}

export type Colorscale = "Viridis" | "RdBu" | "Greys" | "Hot" | readonly (readonly [number, string])[];

export interface HeatmapTrace extends TraceBase {
  type: "heatmap";
  /** Row-major values; row 0 is drawn at the bottom unless the y axis is reversed (Plotly). */
  z: readonly Numeric[];
  x?: readonly (number | string)[];
  y?: readonly (number | string)[];
  colorscale?: Colorscale;
  zmin?: number;
  zmax?: number;
  showscale?: boolean;
  colorbar?: { title?: string };
}

export interface ImageTrace extends TraceBase {
  type: "image";
  /** A `data:image/png;base64,...` URI (see `imageSource`). */
  source: string;
  /** Pixel size of the source image; the axes span [-0.5, width - 0.5] as in Plotly. */
  width: number;
  height: number;
}

export type Trace = ScatterTrace | BarTrace | HistogramTrace | HeatmapTrace | ImageTrace;

export interface Axis {
  title?: string;
  range?: readonly [number, number];
  type?: "linear" | "log";
  /** "reversed" draws the axis upside down (matrices, images). */
  autorange?: boolean | "reversed";
  /** Fraction of the figure this axis spans (subplots). */
  domain?: readonly [number, number];
  /** The axis this one is drawn against, Plotly style ("y2" for "x2"). */
  anchor?: string;
  showgrid?: boolean;
  zeroline?: boolean;
  tickvals?: readonly number[];
  ticktext?: readonly string[];
  /** Keep pixels square against this axis (images): Plotly's scaleanchor. */
  scaleanchor?: string;
  showticklabels?: boolean;
}

export interface Annotation {
  x: number;
  y: number;
  text: string;
  /** "paper" places in figure fractions; otherwise an axis name such as "x2". */
  xref?: string;
  yref?: string;
  showarrow?: boolean;
  /** Which edge of the text block sits at y (plotly.js's default "middle"; subplot titles "bottom"). */
  yanchor?: "top" | "middle" | "bottom";
  font?: { size?: number; color?: string };
}

export interface Layout {
  title?: string;
  width?: number;
  height?: number;
  showlegend?: boolean;
  barmode?: "group" | "overlay" | "stack";
  bargap?: number;
  annotations?: readonly Annotation[];
  margin?: { l?: number; r?: number; t?: number; b?: number };
  /** Subplot grid; the helpers fill axis domains explicitly so both renderers agree. */
  grid?: { rows: number; columns: number };
  /** xaxis, yaxis, xaxis2, yaxis2, ... */
  [axis: `xaxis${string}` | `yaxis${string}`]: Axis | undefined;
}

/** The figure as data: what both renderers (plotly.js and the static SVG) draw. */
export interface FigureSpec {
  data: readonly Trace[];
  layout: Layout;
}
