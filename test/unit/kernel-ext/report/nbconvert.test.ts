// The pure parts of the report exporter: nbconvert's config and the require.js inlining.
import { describe, expect, it } from "vitest";
import { inlineRequireJs, nbconvertConfig, relinkNotebooks } from "../../../../kernel-ext/report/nbconvert";

describe("nbconvertConfig", () => {
  it("always enables the TagRemovePreprocessor with the three tags, and links no MathJax (math is typeset at export)", () => {
    const c = nbconvertConfig({ noInput: false, staticFigures: false });
    expect(c).toContain("c.TagRemovePreprocessor.enabled = True");
    expect(c).toContain("c.TagRemovePreprocessor.remove_cell_tags = {'remove-cell'}");
    expect(c).toContain("c.TagRemovePreprocessor.remove_input_tags = {'remove-input'}");
    expect(c).toContain("c.TagRemovePreprocessor.remove_all_outputs_tags = {'remove-output'}");
    expect(c).not.toContain("mathjax");
    expect(c).not.toContain("exclude_input");
    expect(c).not.toContain("display_data_priority");
  });

  it("--no-input excludes inputs and prompts; static figures put PNG before text/html", () => {
    const c = nbconvertConfig({ noInput: true, staticFigures: true });
    expect(c).toContain("c.TemplateExporter.exclude_input = True");
    const priority = /display_data_priority = \[(.*)\]/.exec(c)![1];
    expect(priority.indexOf("'image/png'")).toBeLessThan(priority.indexOf("'text/html'"));
  });
});

describe("inlineRequireJs", () => {
  it("replaces the CDN script tag with the source inline and escapes a closing script tag", () => {
    const page = '<head><script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script></head>';
    expect(inlineRequireJs(page, 'var r = "</script>";')).toBe('<head><script>var r = "<\\/script>";</script></head>');
  });

  it("leaves a page without require.js unchanged", () => {
    const page = '<script src="file:///usr/share/javascript/mathjax/MathJax.js"></script>';
    expect(inlineRequireJs(page, "x")).toBe(page);
  });
});

describe("relinkNotebooks", () => {
  it("points relative notebook links at the sibling reports and leaves other links alone", () => {
    const page = '<a href="01-act.ipynb">1</a> <a href="02-pre.ipynb#top">2</a> <a href="https://x.org/a.ipynb">3</a> <a href="sub/c.ipynb">4</a> <a href="d.md">5</a>';
    expect(relinkNotebooks(page, ".html")).toBe('<a href="01-act.html">1</a> <a href="02-pre.html#top">2</a> <a href="https://x.org/a.ipynb">3</a> <a href="sub/c.ipynb">4</a> <a href="d.md">5</a>');
    expect(relinkNotebooks('<a href="01-act.ipynb">', ".pdf")).toBe('<a href="01-act.pdf">');
  });
});
