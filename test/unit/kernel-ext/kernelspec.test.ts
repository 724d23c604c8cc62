import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { installKernelSpec, kernelsDir, kernelSpec, staleReason, DISPLAY_NAME } from "../../../kernel-ext/kernelspec";

const spec = kernelSpec({ nodePath: "/usr/bin/node", launcherPath: "/repo/dist/kernel-ext/launcher.js", version: "0.1.0" });

describe("kernelSpec", () => {
  test("starts the launcher with an absolute node, is interrupted by signal, and is named", () => {
    expect(spec).toEqual({
      argv: ["/usr/bin/node", "/repo/dist/kernel-ext/launcher.js", "{connection_file}"],
      display_name: "TypeScript (deeprob-ts)",
      language: "typescript",
      interrupt_mode: "signal",
      metadata: { "deeprob-ts": { version: "0.1.0", launcher: "/repo/dist/kernel-ext/launcher.js" } },
    });
    expect(DISPLAY_NAME).toBe("TypeScript (deeprob-ts)");
  });

  test("rejects relative paths, naming the argument", () => {
    expect(() => kernelSpec({ nodePath: "node", launcherPath: "/l.js", version: "1" }))
      .toThrow('kernelSpec: nodePath must be an absolute path, got "node"');
  });
});

describe("kernelsDir", () => {
  test("per user by default: JUPYTER_DATA_DIR, then XDG_DATA_HOME/jupyter, then ~/.local/share/jupyter", () => {
    expect(kernelsDir({}, {}, "/home/u")).toBe("/home/u/.local/share/jupyter/kernels/deeprob-ts");
    expect(kernelsDir({ user: true }, { XDG_DATA_HOME: "/x" }, "/home/u")).toBe("/x/jupyter/kernels/deeprob-ts");
    expect(kernelsDir({}, { JUPYTER_DATA_DIR: "/d", XDG_DATA_HOME: "/x" }, "/home/u")).toBe("/d/kernels/deeprob-ts");
  });

  test("--prefix and --dir", () => {
    expect(kernelsDir({ prefix: "/opt/env" }, {}, "/h")).toBe("/opt/env/share/jupyter/kernels/deeprob-ts");
    expect(kernelsDir({ dir: "/k/here" }, {}, "/h")).toBe("/k/here");
  });

  test("at most one target", () => {
    expect(() => kernelsDir({ user: true, dir: "/k" }, {}, "/h")).toThrow("install: choose at most one of --user, --prefix and --dir");
  });
});

describe("staleReason", () => {
  const all = () => true;
  test("null when identical; a reason when new, different, invalid, or pointing at a missing path", () => {
    expect(staleReason(JSON.stringify(spec), spec, all)).toBeNull();
    expect(staleReason(null, spec, all)).toBe("new");
    expect(staleReason("{oops", spec, all)).toBe("the old kernel.json was not valid JSON");
    expect(staleReason(JSON.stringify({ ...spec, display_name: "x" }), spec, all)).toBe("the old kernelspec differed");
    const old = { ...spec, argv: ["/usr/bin/node", "/old/checkout/launcher.js", "{connection_file}"] };
    expect(staleReason(JSON.stringify(old), spec, (p) => p !== "/old/checkout/launcher.js"))
      .toBe("the old kernelspec pointed to a missing path: /old/checkout/launcher.js");
  });
});

describe("installKernelSpec", () => {
  const dirs: string[] = [];
  afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
  const tmp = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), "ks-")); dirs.push(d); return path.join(d, "deeprob-ts"); };

  test("installs, then leaves an identical spec alone (idempotent)", () => {
    const dir = tmp();
    // Paths that exist, as they do for a built checkout.
    const spec = kernelSpec({ nodePath: process.execPath, launcherPath: __filename, version: "0.1.0" });
    expect(installKernelSpec(dir, spec)).toEqual({ dir, status: "installed", reason: null });
    const written = fs.readFileSync(path.join(dir, "kernel.json"), "utf8");
    expect(JSON.parse(written)).toEqual(spec);
    expect(fs.readFileSync(path.join(dir, "logo-svg.svg"), "utf8")).toMatch(/^<svg /);
    expect(installKernelSpec(dir, spec)).toEqual({ dir, status: "unchanged", reason: null });
    expect(fs.readFileSync(path.join(dir, "kernel.json"), "utf8")).toBe(written);
    expect(fs.readdirSync(dir).sort()).toEqual(["kernel.json", "logo-32x32.png", "logo-64x64.png", "logo-svg.svg"]); // no temp files left
    // Real PNGs of the stated size: the IHDR width and height (big-endian at bytes 16 and 20).
    for (const size of [32, 64]) {
      const png = fs.readFileSync(path.join(dir, `logo-${size}x${size}.png`));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  test("replaces a spec pointing at a missing launcher and says so", () => {
    const dir = tmp();
    fs.mkdirSync(dir, { recursive: true });
    const missing = path.join(dir, "no-such-launcher.js");
    fs.writeFileSync(path.join(dir, "kernel.json"), JSON.stringify({ ...spec, argv: [process.execPath, missing, "{connection_file}"] }));
    const r = installKernelSpec(dir, spec);
    expect(r).toEqual({ dir, status: "replaced", reason: `the old kernelspec pointed to a missing path: ${missing}` });
    expect(JSON.parse(fs.readFileSync(path.join(dir, "kernel.json"), "utf8"))).toEqual(spec);
  });
});
