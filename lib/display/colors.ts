// Colours shared by both renderers. Every trace gets an explicit colour and every heatmap an
// explicit colorscale when the figure is serialised, so plotly.js and the static SVG agree
// whatever plotly.js's defaults or templates are.

/** plotly.js's default colorway (D3 category10). */
export const COLORWAY: readonly string[] = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
];

type Stops = readonly (readonly [number, string])[];

/** Named colorscales with plotly.js's stops. */
export const COLORSCALES: Readonly<Record<string, Stops>> = {
  Viridis: [
    [0, "#440154"], [0.06274509803921569, "#48186a"], [0.12549019607843137, "#472d7b"],
    [0.18823529411764706, "#424086"], [0.25098039215686274, "#3b528b"], [0.3137254901960784, "#33638d"],
    [0.3764705882352941, "#2c728e"], [0.4392156862745098, "#26828e"], [0.5019607843137255, "#21918c"],
    [0.5647058823529412, "#1fa088"], [0.6274509803921569, "#28ae80"], [0.6901960784313725, "#3fbc73"],
    [0.7529411764705882, "#5ec962"], [0.8156862745098039, "#84d44b"], [0.8784313725490196, "#addc30"],
    [0.9411764705882353, "#d8e219"], [1, "#fde725"],
  ],
  RdBu: [
    [0, "rgb(5,10,172)"], [0.35, "rgb(106,137,247)"], [0.5, "rgb(190,190,190)"],
    [0.6, "rgb(220,170,132)"], [0.7, "rgb(230,145,90)"], [1, "rgb(178,10,28)"],
  ],
  Greys: [[0, "rgb(0,0,0)"], [1, "rgb(255,255,255)"]],
  Hot: [[0, "rgb(0,0,0)"], [0.3, "rgb(230,0,0)"], [0.6, "rgb(255,210,0)"], [1, "rgb(255,255,255)"]],
};

/**
 * Resolve a colorscale name or stop list to stops; unknown names fail naming the choices.
 * @example
 * colorscaleStops("Greys") // [[0, "rgb(0,0,0)"], [1, "rgb(255,255,255)"]]
 */
export function colorscaleStops(scale: string | Stops | undefined): Stops {
  if (scale === undefined) return COLORSCALES.Viridis;
  if (typeof scale !== "string") return scale;
  const s = COLORSCALES[scale];
  if (!s) throw new Error(`colorscale: unknown name "${scale}"; expected one of ${Object.keys(COLORSCALES).join(", ")} or a list of [fraction, color] stops`);
  return s;
}

/**
 * Parse "#rgb", "#rrggbb" or "rgb(r,g,b)" to [r, g, b] in 0..255.
 * @example
 * parseColor("#1f77b4") // [31, 119, 180]
 */
export function parseColor(c: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? hex[1].split("").map((d) => d + d).join("") : hex[1];
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
  }
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(c);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`parseColor: expected "#rrggbb" or "rgb(r,g,b)", got "${c}"`);
}

/**
 * Colour at fraction t in [0, 1] of a colorscale, linearly interpolated in RGB as plotly.js does.
 * @example
 * colorAt("Greys", 0.5) // "rgb(128,128,128)"
 */
export function colorAt(scale: string | Stops | undefined, t: number): string {
  const stops = colorscaleStops(scale);
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  let i = 1;
  while (i < stops.length - 1 && stops[i][0] < x) i++;
  const [t0, c0] = stops[i - 1];
  const [t1, c1] = stops[i];
  const f = t1 > t0 ? (x - t0) / (t1 - t0) : 0;
  const a = parseColor(c0), b = parseColor(c1);
  const m = a.map((v, k) => Math.round(v + (b[k] - v) * f));
  return `rgb(${m[0]},${m[1]},${m[2]})`;
}
