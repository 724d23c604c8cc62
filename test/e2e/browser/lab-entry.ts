// Browser entry for the JupyterLab rendering test: JupyterLab 4's own output area and
// renderers (@jupyterlab/outputarea + @jupyterlab/rendermime with the default sanitizer), as a
// notebook panel uses them, without the rest of JupyterLab. No Plotly MIME extension is
// installed, exactly like a JupyterLab without jupyterlab-plotly.
import { OutputArea, OutputAreaModel } from "@jupyterlab/outputarea";
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import { Widget } from "@lumino/widgets";
import "@jupyterlab/outputarea/style/index.css";

declare global {
  interface Window { renderOutputs(outputs: unknown[], trusted: boolean): string[] }
}

/** Render nbformat outputs into a new output area; returns the MIME type chosen for each. */
window.renderOutputs = (outputs, trusted) => {
  const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories });
  const model = new OutputAreaModel({ trusted });
  const area = new OutputArea({ model, rendermime });
  const host = document.createElement("div");
  host.className = trusted ? "trusted-area" : "untrusted-area";
  document.body.appendChild(host);
  Widget.attach(area, host);
  model.fromJSON(outputs as never);
  return outputs.map((o) => rendermime.preferredMimeType((o as { data: Record<string, unknown> }).data ?? {}, trusted ? "any" : "ensure") ?? "none");
};
