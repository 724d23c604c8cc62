// Locating nbconvert's rendered MIME bundles by string offsets (the rest of the page is never re-serialized).
import { describe, expect, it } from "vitest";
import { mimeRegions } from "../../../../kernel-ext/report/html-regions";

const inner = (html: string, types: string[]) => mimeRegions(html, types).map((r) => html.slice(r.start, r.end));

describe("mimeRegions", () => {
  it("gives the inner HTML of each matching div, in page order, with its MIME type", () => {
    const page = '<div data-mime-type="text/markdown"><p>a</p></div><div data-mime-type="text/plain"><pre>b</pre></div><div class="x" data-mime-type="text/latex">$c$</div>';
    expect(inner(page, ["text/markdown", "text/latex"])).toEqual(["<p>a</p>", "$c$"]);
    expect(mimeRegions(page, ["text/latex"])[0].mimeType).toBe("text/latex");
    expect(inner(page, ["image/png"])).toEqual([]);
  });

  it("balances nested divs and ignores div tags inside comments, scripts and styles", () => {
    const body = '<div><div>x</div></div><!-- </div> --><script>var s = "</div>";</script><style>/* </div> */</style><p>end</p>';
    const page = `<div data-mime-type="text/markdown">${body}</div><p>after</p>`;
    expect(inner(page, ["text/markdown"])).toEqual([body]);
  });

  it("skips an element that is never closed instead of running to the end of the page", () => {
    const page = '<div data-mime-type="text/markdown"><div>open</div><p>no close</p>';
    expect(mimeRegions(page, ["text/markdown"])).toEqual([]);
  });

  it("the documented example", () => {
    expect(mimeRegions('<div data-mime-type="text/markdown"><p>$x$</p></div>', ["text/markdown"])).toEqual([{ start: 36, end: 46, mimeType: "text/markdown" }]);
  });
});
