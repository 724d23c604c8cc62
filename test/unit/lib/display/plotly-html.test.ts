import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { figureHtml, figureKey, libraryCarrier, plotlyLibrarySource } from "../../../../lib/display/plotly-html.js";

const LIB_PATH = require.resolve("plotly.js-dist-min/plotly.min.js");
const fig = { data: [{ type: "scatter", y: [1, 2] }], layout: { width: 300, height: 200 } };
const image = { mime: "image/png", base64: "iVBORw0KGgo=" };

describe("figureHtml", () => {
  it("embeds plotly.js once as inert text when asked, and only a loader otherwise", () => {
    const lib = readFileSync(LIB_PATH, "utf8");
    const embed = figureHtml(fig, { library: "embed", image, alt: "a" });
    const ref = figureHtml(fig, { library: "reference", image, alt: "a" });
    expect(embed).toContain('<script type="text/plain" data-plotly-lib="1">');
    expect(embed.length - ref.length).toBe(libraryCarrier().length);
    expect(plotlyLibrarySource().length).toBe(lib.length); // the source has no "</script" or "<!--" to escape
    expect(ref).not.toContain("data-plotly-lib=");
    expect(ref).toContain("window.Plotly.newPlot");
  });

  it("shows the static image until plotly.js draws, sized like the chart", () => {
    const h = figureHtml(fig, { library: "reference", image, alt: 'say "hi" <b>' });
    expect(h).toMatch(/<img class="drfig-static" src="data:image\/png;base64,iVBORw0KGgo=" alt="say &#34;hi&#34; &#60;b&#62;" width="300" height="200"/);
    expect(h).toMatch(/<div class="drfig-plot" style="display:none;width:300px;height:200px">/);
  });

  it("keys containers by content, so the same figure shown twice draws both and ids are stable", () => {
    const a = figureHtml(fig, { library: "reference", image, alt: "" });
    const b = figureHtml(fig, { library: "reference", image, alt: "" });
    expect(a).toBe(b);
    const other = figureHtml({ ...fig, layout: { width: 301, height: 200 } }, { library: "reference", image, alt: "" });
    expect(figureKey("x")).toMatch(/^drf-[0-9a-f]{16}$/);
    expect(other.match(/data-drfig="([^"]+)"/)![1]).not.toBe(a.match(/data-drfig="([^"]+)"/)![1]);
  });

  it("cannot be broken out of by data containing </script>", () => {
    const h = figureHtml({ data: [], layout: { title: { text: "</script><script>alert(1)</script>" } } }, { library: "reference", alt: "" });
    expect(h.match(/<\/script>/g)!.length).toBe(1);
    expect(h).toContain("\\u003c/script>");
  });
});
