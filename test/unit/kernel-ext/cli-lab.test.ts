// kernel-ext/commands/lab.ts: the pure pieces (server command line, URL, port parsing).
import { describe, expect, it } from "vitest";
import { parsePort, serverArgs, serverUrl } from "../../../kernel-ext/commands/lab";

describe("serverArgs", () => {
  it("starts Notebook 6 on 127.0.0.1 with our token, folder and no port fallback", () => {
    expect(serverArgs("notebook", { dir: "/nb", port: 8890, token: "t0k", browser: false })).toEqual([
      "-m", "notebook", "--ip=127.0.0.1", "--port=8890", "--NotebookApp.port_retries=0", "--NotebookApp.token=t0k",
      "--NotebookApp.notebook_dir=/nb", "--NotebookApp.open_browser=False",
    ]);
  });
  it("uses ServerApp options for JupyterLab, and allows root only when asked", () => {
    const args = serverArgs("jupyterlab", { dir: "/nb", port: 9000, token: "x", browser: true, root: true });
    expect(args.slice(0, 2)).toEqual(["-m", "jupyterlab"]);
    expect(args).toContain("--ServerApp.root_dir=/nb");
    expect(args).toContain("--ServerApp.open_browser=True");
    expect(args).toContain("--ServerApp.allow_root=True");
    expect(serverArgs("jupyterlab", { dir: "/nb", port: 9000, token: "x", browser: true }).some((a) => a.includes("allow_root"))).toBe(false);
  });
});

describe("serverUrl", () => {
  it("points at /tree for Notebook and /lab for JupyterLab, with the token", () => {
    expect(serverUrl("notebook", 8888, "abc")).toBe("http://127.0.0.1:8888/tree?token=abc");
    expect(serverUrl("jupyterlab", 8899, "abc")).toBe("http://127.0.0.1:8899/lab?token=abc");
  });
});

describe("parsePort", () => {
  it("accepts 1..65535", () => {
    expect(parsePort("1")).toBe(1);
    expect(parsePort("65535")).toBe(65535);
  });
  it.each(["0", "65536", "-1", "80.5", "abc", ""])("rejects %j with a message naming --port and the value", (bad) => {
    expect(() => parsePort(bad)).toThrow(`lab: --port expects a port number 1-65535, got "${bad}"`);
  });
});
