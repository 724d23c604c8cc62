// The `text/html` of a figure: interactive through plotly.js, offline, never blank.
//
// Size trade-off (measured: plotly.min.js 3.7 is 4.85 MB; a figure's html without it is
// 10-60 kB). Embedding the library in every figure makes a 20-figure notebook ~100 MB; linking
// a CDN breaks offline. So the library travels ONCE per kernel session, as inert text:
//   <script type="text/plain" data-plotly-lib>...plotly.min.js...</script>
// and every figure (the first included) carries a ~1 kB loader that, when `window.Plotly` is
// missing, evaluates the first such carrier found anywhere in the page. That covers a reloaded
// page, an nbconvert HTML file opened from disk, and figures above the carrier (cells run out of
// order: the loader polls until the page has loaded). If no carrier exists at all (its cell was
// cleared or re-run after the library was sent) or scripts never run (untrusted notebook,
// sanitised HTML, PDF), the static image embedded in the same html stays visible: the cost is
// one more copy of the figure's image per figure, the price of never showing a blank cell.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** Where the "library already sent" flag lives: the kernel's display channel passes one in. */
export interface PlotlySession {
  plotlyLibrarySent?: boolean;
  /**
   * Key of the figure whose html carried the library. Re-running that cell replaces its output,
   * so showing the same figure again (same key) carries the library again rather than losing it.
   */
  plotlyCarrierKey?: string;
}

/**
 * The key `figureHtml` gives this figure's containers.
 * @example
 * plotlyKey({ data: [], layout: {} }) // "drf-" + 16 hex digits
 */
export function plotlyKey(plotly: unknown): string {
  return figureKey(scriptSafeJson(plotly));
}

/** "embed": carry plotly.js in this html; "reference": only the loader (library sent earlier). */
export type LibraryMode = "embed" | "reference";

let cachedLibrary: string | undefined;

/**
 * plotly.min.js made safe inside a <script> element (no early "</script" or "<!--").
 * @example
 * plotlyLibrarySource().length // 4851117 (plotly.js 3.7.0)
 */
export function plotlyLibrarySource(): string {
  if (cachedLibrary === undefined) {
    const path = require.resolve("plotly.js-dist-min/plotly.min.js");
    cachedLibrary = readFileSync(path, "utf8").replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
  }
  return cachedLibrary;
}

/**
 * The inert carrier element holding plotly.js for every loader on the page.
 * @example
 * libraryCarrier().startsWith('<script type="text/plain" data-plotly-lib="1">') // true
 */
export function libraryCarrier(): string {
  return `<script type="text/plain" data-plotly-lib="1">${plotlyLibrarySource()}</script>`;
}

/**
 * A short stable key for a figure's JSON: containers are found by it, not by random ids.
 * @example
 * figureKey("{}") // "drf-bf21a9e8fbc5a384"
 */
export function figureKey(json: string): string {
  return "drf-" + createHash("sha1").update(json).digest("hex").slice(0, 16);
}

/** JSON that cannot close the surrounding <script> element. */
function scriptSafeJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

// ES5 on purpose: it runs in whatever browser opens a report. It draws every not-yet-drawn
// container with its key (the same figure may be displayed twice), hides the static image only
// after plotly.js succeeded, and stops polling after ~15 s leaving the image; if a carrier shows
// up later (JupyterLab attaches far-away cells only when scrolled to), the loader that evaluates
// it fires "deeprob-plotly-ready" and the figures that gave up draw then.
const LOADER = `(function(){var K=__KEY__,F=__FIG__,C={displaylogo:false,responsive:false};
function lib(){if(window.Plotly)return true;var s=document.querySelector('script[type="text/plain"][data-plotly-lib]');
if(!s)return false;var e=document.createElement("script");e.text=s.textContent;(document.head||document.body).appendChild(e);
if(window.Plotly&&window.dispatchEvent){try{window.dispatchEvent(new Event("deeprob-plotly-ready"));}catch(x){}}return !!window.Plotly;}
function draw(){var els=document.querySelectorAll('div[data-drfig="'+K+'"]');for(var i=0;i<els.length;i++){(function(el){
if(el.getAttribute("data-drawn"))return;el.setAttribute("data-drawn","1");var p=el.querySelector(".drfig-plot"),img=el.querySelector(".drfig-static");
try{p.style.display="block";window.Plotly.newPlot(p,F.data,F.layout,C).then(function(){if(img)img.style.display="none";},function(){p.style.display="none";});}
catch(err){p.style.display="none";}})(els[i]);}}
var n=0;(function wait(){if(lib())draw();else if(n++<150)setTimeout(wait,100);
else if(window.addEventListener)window.addEventListener("deeprob-plotly-ready",draw);})();})();`;

/**
 * The html of one figure: static image (visible until plotly.js draws), plot container and
 * loader; with `library: "embed"` also the plotly.js carrier.
 * @example
 * figureHtml({ data: [], layout: { width: 100, height: 80 } }, { library: "reference", image: { mime: "image/png", base64: "iVBOR..." }, alt: "empty" })
 * // '<div class="deeprob-figure" data-drfig="drf-..." ...><img class="drfig-static" ...>...</div><script>...</script>'
 */
export function figureHtml(
  plotly: { data: unknown[]; layout: Record<string, unknown> },
  opts: { library: LibraryMode; image?: { mime: string; base64: string }; alt: string },
): string {
  const json = scriptSafeJson(plotly);
  const key = figureKey(json);
  const w = Number(plotly.layout.width) || 640, h = Number(plotly.layout.height) || 400;
  const alt = opts.alt.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const img = opts.image
    ? `<img class="drfig-static" src="data:${opts.image.mime};base64,${opts.image.base64}" alt="${alt}" width="${w}" height="${h}" style="max-width:100%;height:auto">`
    : "";
  const carrier = opts.library === "embed" ? libraryCarrier() : "";
  const loader = LOADER.replace("__KEY__", JSON.stringify(key)).replace("__FIG__", () => json);
  return `<div class="deeprob-figure" data-drfig="${key}" style="max-width:${w}px">${img}<div class="drfig-plot" style="display:none;width:${w}px;height:${h}px"></div></div>${carrier}<script type="text/javascript">${loader}</script>`;
}
