// Math in reports is typeset at export time with MathJax 3 (mathjax-full) on the server: TeX
// in markdown becomes SVG inside the HTML file, so the report needs no MathJax, no fonts and
// no network when it is opened (a student's laptop, a course website, a PDF printer).
// Only what Jupyter itself typesets is touched: markdown cells and text/markdown or text/latex
// outputs. Code, text/plain and text/html outputs (Plotly, tables, "$5 and $6") keep every byte.
import type { MmlNode } from "mathjax-full/js/core/MmlTree/MmlNode.js";
import { mimeRegions } from "./html-regions.js";

/** The MIME types whose rendered HTML Jupyter typesets as math (markdown cells are text/markdown). */
export const MATH_MIME_TYPES = ["text/markdown", "text/latex"] as const;

/** A formula MathJax could not parse; it is shown as its TeX source in red instead. */
export interface MathError {
  tex: string;
  message: string;
}

export interface TypesetResult {
  html: string;
  /** Formulas typeset (escaped `\$` not counted), including those shown as errors. */
  formulas: number;
  errors: MathError[];
}

// Delimiters as nbconvert's MathJax 2 configuration (and JupyterLab) have them.
const TEX_OPTIONS = {
  inlineMath: [["$", "$"], ["\\(", "\\)"]],
  displayMath: [["$$", "$$"], ["\\[", "\\]"]],
  processEscapes: true,
  processEnvironments: true,
  tags: "ams",
};
// A cheap test so pages without math skip loading MathJax at all.
const MAY_HOLD_MATH = /\$|\\\(|\\\[|\\begin\{/;
const REGION_ATTR = "data-deeprob-math-region";

/**
 * Removes the MathJax 2 loader and configuration that nbconvert's template writes into <head>
 * (the math is already typeset, and its file:// or CDN URL would not load elsewhere).
 * @example stripMathJax('<!-- Load mathjax -->\n<script src="x/MathJax.js"></script>\n<!-- End of mathjax configuration --></head>') // "</head>"
 */
export function stripMathJax(html: string): string {
  return html
    .replace(/<!-- Load mathjax -->[\s\S]*?<!-- End of mathjax configuration -->\s*/, "")
    .replace(/<script\b[^>]*\bsrc="[^"]*MathJax\.js[^"]*"[^>]*>\s*<\/script>\s*/g, "")
    .replace(/<script type="text\/x-mathjax-config">[\s\S]*?<\/script>\s*/g, "");
}

/** MathJax's modules, loaded only when a page has math (they take a moment to load). */
async function loadMathJax() {
  const [core, tex, svg, lite, handlers, a11y, packages] = await Promise.all([
    import("mathjax-full/js/mathjax.js"),
    import("mathjax-full/js/input/tex.js"),
    import("mathjax-full/js/output/svg.js"),
    import("mathjax-full/js/adaptors/liteAdaptor.js"),
    import("mathjax-full/js/handlers/html.js"),
    import("mathjax-full/js/a11y/assistive-mml.js"),
    import("mathjax-full/js/input/tex/AllPackages.js"),
  ]);
  return { mathjax: core.mathjax, TeX: tex.TeX, SVG: svg.SVG, liteAdaptor: lite.liteAdaptor, RegisterHTMLHandler: handlers.RegisterHTMLHandler, AssistiveMmlHandler: a11y.AssistiveMmlHandler, AllPackages: packages.AllPackages };
}

/**
 * Typesets the TeX in `html`'s markdown (and text/markdown, text/latex outputs) as SVG with
 * MathJax 3: one shared glyph cache and style sheet are added to the page, and each formula
 * keeps its meaning for screen readers as hidden MathML. A formula with a TeX error is drawn
 * as its source in red (MathJax's `noerrors`) and reported in `errors`; the rest still renders.
 * @example const r = await typesetMath(page); r.formulas // 12, r.errors // [] ; r.html has <mjx-container> and no "$\\sigma"
 */
export async function typesetMath(html: string): Promise<TypesetResult> {
  const regions = mimeRegions(html, MATH_MIME_TYPES).filter((r) => MAY_HOLD_MATH.test(html.slice(r.start, r.end)));
  if (!regions.length) return { html, formulas: 0, errors: [] };
  const mj = await loadMathJax();
  const adaptor = mj.liteAdaptor();
  const handler = mj.RegisterHTMLHandler(adaptor);
  mj.AssistiveMmlHandler(handler);
  try {
    // `noundefined` is left out so that an unknown macro is an error (red source, a warning)
    // rather than silently drawn as its name.
    const tex = new mj.TeX({ ...TEX_OPTIONS, packages: mj.AllPackages.filter((p) => p !== "noundefined") });
    const svg = new mj.SVG({ fontCache: "global" });
    // All regions go into one document so formulas share one glyph cache, one style sheet and
    // one equation numbering, like the live notebook.
    const body = regions.map((r, i) => `<div ${REGION_ATTR}="${i}">${html.slice(r.start, r.end)}</div>`).join("");
    const doc = mj.mathjax.document(`<!DOCTYPE html><html><head></head><body>${body}</body></html>`, { InputJax: tex, OutputJax: svg });
    doc.render();

    // Dollars that were never math (prices): the page stays exactly as it was.
    if (!Array.from(doc.math).length) return { html, formulas: 0, errors: [] };
    const errors: MathError[] = [];
    let formulas = 0;
    for (const item of doc.math) {
      if (item.display === null) continue; // an escaped \$, not a formula
      formulas++;
      item.root.walkTree((node) => {
        // Every node of a MathML tree is an MmlNode; walkTree is typed for generic trees.
        if (node.isKind("merror")) errors.push({ tex: item.math, message: String((node as MmlNode).attributes.get("data-mjx-error") ?? "TeX error") });
      });
    }

    const typeset = new Map<number, string>();
    let extraBody = "";
    for (const child of adaptor.childNodes(adaptor.body(doc.document))) {
      if (adaptor.kind(child) === "#text") continue;
      const el = child as Parameters<typeof adaptor.innerHTML>[0];
      const index = adaptor.getAttribute(el, REGION_ATTR);
      if (index !== null && index !== undefined && index !== "") typeset.set(Number(index), adaptor.innerHTML(el));
      else extraBody += adaptor.outerHTML(el); // the hidden SVG holding the shared glyphs
    }
    const head = adaptor.innerHTML(adaptor.head(doc.document)); // MathJax's style sheet

    let out = html;
    for (let i = regions.length - 1; i >= 0; i--) {
      const inner = typeset.get(i);
      if (inner !== undefined) out = out.slice(0, regions[i].start) + inner + out.slice(regions[i].end);
    }
    return { html: insertIntoPage(out, head, extraBody), formulas, errors };
  } finally {
    mj.mathjax.handlers.unregister(handler);
  }
}

/** Puts `head` before `</head>` and `body` right after the `<body …>` tag. */
function insertIntoPage(html: string, head: string, body: string): string {
  const headEnd = html.indexOf("</head>");
  if (headEnd < 0) throw new Error("typesetMath: the page has no </head> to put MathJax's style sheet in");
  let out = html.slice(0, headEnd) + head + "\n" + html.slice(headEnd);
  const bodyTag = /<body\b[^>]*>/g;
  bodyTag.lastIndex = headEnd;
  const m = bodyTag.exec(out);
  if (!m) throw new Error("typesetMath: the page has no <body> to put MathJax's glyph cache in");
  const at = m.index + m[0].length;
  out = out.slice(0, at) + body + out.slice(at);
  return out;
}
