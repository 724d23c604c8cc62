// A minimal SVG writer: escaped text and attributes, numbers rounded to 0.01 px so files stay
// small and byte-identical across runs (no floating-point noise in saved notebooks).

/** Escape text for XML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Round a coordinate to 0.01 px. */
export function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

type Attrs = Record<string, string | number | undefined>;

/** `<name a="..."/>` or `<name ...>children</name>`; undefined attributes are dropped. */
export function el(name: string, attrs: Attrs, children?: string): string {
  let s = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    s += ` ${k}="${typeof v === "number" ? n(v) : esc(v)}"`;
  }
  return children === undefined ? s + "/>" : `${s}>${children}</${name}>`;
}

/** A text element; `cls` lets tests find labels by role. */
export function text(x: number, y: number, s: string, attrs: Attrs = {}): string {
  return el("text", { x, y, ...attrs }, esc(s));
}

/** Rough width of a DejaVu Sans string at `size` px: enough to lay out legends and margins. */
export function textWidth(s: string, size: number): number {
  return s.length * size * 0.6;
}
