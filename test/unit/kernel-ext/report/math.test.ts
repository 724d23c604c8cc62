// Math typeset at export time (MathJax 3 on the server): markdown TeX becomes SVG, code and its
// outputs keep every byte, a bad formula is shown red and reported, the page needs no MathJax.
import { describe, expect, it } from "vitest";
import { stripMathJax, typesetMath } from "../../../../kernel-ext/report/math";

// The shapes nbconvert's `lab` template writes (copied from a real export, trimmed).
const MATHJAX_HEAD = `<!-- Load mathjax -->
    <script src="file:///usr/share/javascript/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"> </script>
    <!-- MathJax configuration -->
    <script type="text/x-mathjax-config">
    init_mathjax = function() { MathJax.Hub.Config({ tex2jax: { inlineMath: [ ['$','$'], ["\\\\(","\\\\)"] ] } }); }
    init_mathjax();
    </script>
    <!-- End of mathjax configuration --></head>`;
const markdownCell = (html: string) =>
  `<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell">\n<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput " data-mime-type="text/markdown">\n${html}\n</div>\n</div>`;
const output = (mime: string, cls: string, html: string) =>
  `<div class="jp-OutputArea-child">\n<div class="${cls} jp-OutputArea-output" data-mime-type="${mime}">\n${html}\n</div>\n</div>`;
const CODE_INPUT = `<div class=" highlight hl-ipython3"><pre><span></span><span class="n">console</span><span class="o">.</span><span class="n">log</span><span class="p">(</span><span class="s1">'$5 and $6 $</span><span class="se">\\\\</span><span class="s1">sigma$'</span><span class="p">)</span>\n</pre></div>`;
const TEXT_OUTPUT = output("text/plain", "jp-RenderedText", "<pre>$5 and $6 $\\sigma$ &lt;b&gt; \\(x\\)\n</pre>");
const HTML_OUTPUT = output("text/html", "jp-RenderedHTMLCommon jp-RenderedHTML", "<div>costs $5 or $6 and $y$</div><script>var s = '$\\\\alpha$';</script>");
const page = (body: string) => `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8" />\n<title>t</title>\n${MATHJAX_HEAD}\n<body class="jp-Notebook" data-jp-theme-light="true">\n${body}\n</body>\n</html>\n`;

const count = (text: string, marker: string) => text.split(marker).length - 1;
const withoutSvg = (html: string) => html.replace(/<svg[\s\S]*?<\/svg>/g, "");

describe("typesetMath", () => {
  const MARKDOWN = markdownCell(
    '<h1 id="Sigmoid">Sigmoid<a class="anchor-link" href="#Sigmoid">&#182;</a></h1><p>Inline $\\sigma(x) = 1/(1+e^{-x})$ and \\(a&lt;b\\), a price \\$5,</p>\n' +
      "$$\\frac{\\partial L}{\\partial w} = x$$<p>\\[ y = Wx \\]</p>\n\\begin{align} a &amp;= b \\\\ c &amp;= d \\end{align}\n<p><code>$x$</code></p><pre><code>$not math$</code></pre>",
  );
  const source = page(MARKDOWN + "\n" + CODE_INPUT + "\n" + TEXT_OUTPUT + "\n" + HTML_OUTPUT);

  it("turns every formula in a markdown cell into SVG: 2 inline, 3 display, escapes and code left as text", async () => {
    const r = await typesetMath(source);
    expect(r.errors).toEqual([]);
    expect(r.formulas).toBe(5);
    expect(count(r.html, '<mjx-container class="MathJax" jax="SVG"')).toBe(5);
    expect(count(r.html, 'jax="SVG" display="true"')).toBe(3);
    expect(r.html.match(/<mjx-container[^>]*><svg [^>]*aria-hidden="true"/g)).toHaveLength(5); // each one drawn as an SVG
    const text = withoutSvg(r.html.slice(r.html.indexOf("<body"), r.html.indexOf(CODE_INPUT))); // the markdown cell
    for (const raw of ["\\sigma", "\\frac", "\\[", "\\begin{align}", "\\(a"]) expect(text, raw).not.toContain(raw);
    expect(text).toContain("a price <span>$</span>5,"); // \$ is a literal dollar, as in Jupyter
    expect(text).toContain("<p><code>$x$</code></p><pre><code>$not math$</code></pre>");
  });

  it("leaves code, text/plain and text/html outputs byte-identical", async () => {
    const r = await typesetMath(source);
    expect(count(r.html, CODE_INPUT)).toBe(1);
    expect(count(r.html, TEXT_OUTPUT)).toBe(1);
    expect(count(r.html, HTML_OUTPUT)).toBe(1);
    // Everything after the markdown cell is the original tail, byte for byte.
    expect(r.html.endsWith(source.slice(source.indexOf(MARKDOWN) + MARKDOWN.length))).toBe(true);
  });

  it("typesets text/markdown and text/latex outputs, as Jupyter does", async () => {
    const r = await typesetMath(page(output("text/markdown", "jp-RenderedMarkdown", "<p>md $y^2$</p>") + output("text/latex", "jp-RenderedLatex", "$z^2$")));
    expect(r.formulas).toBe(2);
    expect(count(r.html, "<mjx-container")).toBe(2);
  });

  it("keeps the meaning for screen readers: hidden MathML beside an aria-hidden SVG", async () => {
    const r = await typesetMath(page(markdownCell("<p>$\\sigma(x)$</p>")));
    expect(r.html).toMatch(/<svg[^>]*aria-hidden="true"/);
    expect(r.html).toMatch(/<mjx-assistive-mml[^>]*><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML"><mi>σ<\/mi><mo stretchy="false">\(<\/mo><mi>x<\/mi><mo stretchy="false">\)<\/mo><\/math><\/mjx-assistive-mml>/);
  });

  it("makes the page self-contained: one style sheet, one glyph cache, every glyph reference resolves", async () => {
    const r = await typesetMath(source);
    expect(count(r.html, 'id="MJX-SVG-styles"')).toBe(1);
    expect(r.html.indexOf('id="MJX-SVG-styles"')).toBeLessThan(r.html.indexOf("</head>"));
    expect(count(r.html, 'id="MJX-SVG-global-cache"')).toBe(1);
    const refs = [...r.html.matchAll(/xlink:href="#([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    const ids = new Set([...r.html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
    expect(refs.filter((id) => !ids.has(id))).toEqual([]);
  });

  it("a TeX error shows that formula's source in red and is reported; the other formulas still render", async () => {
    const r = await typesetMath(page(markdownCell("<p>good $a^2$, bad $\\frac{1}$, unknown $\\notamacro x$, good $b_1$</p>")));
    expect(r.formulas).toBe(4);
    expect(r.errors.map((e) => e.tex)).toEqual(["\\frac{1}", "\\notamacro x"]);
    expect(r.errors[0].message).toMatch(/argument/i);
    expect(r.errors[1].message).toContain("Undefined control sequence \\notamacro");
    const body = r.html.slice(r.html.indexOf("<body"));
    expect(count(body, '<g data-mml-node="merror"')).toBe(2);
    expect(count(body, '<text data-variant="-explicitFont" transform="scale(1,-1)" font-size="884px">\\frac{1}</text>')).toBe(1);
    // noerrors: the source itself is what is drawn (hidden MathML carries it as text), red by the style sheet.
    expect(r.html).toContain("<merror data-mjx-error=");
    expect(r.html).toContain("<mtext>\\frac{1}</mtext>");
    expect(r.html).toContain('g[data-mml-node="merror"] > g {\n  fill: red;');
  });

  it("a page without math is returned unchanged", async () => {
    const plain = page(markdownCell("<p>no math, $5 only</p>") + TEXT_OUTPUT);
    const r = await typesetMath(plain);
    expect(r).toEqual({ html: plain, formulas: 0, errors: [] });
  });

  it("numbers align rows per page (AMS numbering, as nbconvert configured MathJax 2)", async () => {
    const r = await typesetMath(page(markdownCell("\\begin{align} a &amp;= b \\\\ c &amp;= d \\end{align}")));
    expect(r.html).toContain("<mtext>(1)</mtext>");
    expect(r.html).toContain("<mtext>(2)</mtext>");
  });
});

describe("stripMathJax", () => {
  it("removes nbconvert's MathJax loader and configuration and nothing else", () => {
    const html = page(markdownCell("<p>$x$</p>"));
    const out = stripMathJax(html);
    expect(out).not.toMatch(/MathJax|file:\/\/|\/usr\/share\/javascript/);
    expect(out).toBe(html.replace(MATHJAX_HEAD, "</head>"));
  });

  it("the documented example", () => {
    expect(stripMathJax('<!-- Load mathjax -->\n<script src="x/MathJax.js"></script>\n<!-- End of mathjax configuration --></head>')).toBe("</head>");
  });
});
