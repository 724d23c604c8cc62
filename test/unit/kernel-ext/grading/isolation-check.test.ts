// The "user" isolation preflight, checked for real as nobody (setpriv) on a temp layout with a
// 0700 folder, a 0600 file, a non-executable "node" and a symlink into the private folder.
// Needs root (setpriv to another uid); elsewhere the suite is skipped, and says so.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessMessage, kernelUserProblem, requireProblem } from "../../../../kernel-ext/grading/isolation-check";

const ROOT = process.getuid?.() === 0;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-iso-check-"));
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, "private", "pkg"), { recursive: true });
  fs.writeFileSync(path.join(dir, "private", "pkg", "launcher.js"), "module.exports = 1;");
  fs.chmodSync(path.join(dir, "private"), 0o700);
  fs.mkdirSync(path.join(dir, "open", "pkg"), { recursive: true });
  fs.writeFileSync(path.join(dir, "open", "pkg", "ok.js"), "module.exports = require('./secret.js');");
  fs.writeFileSync(path.join(dir, "open", "pkg", "secret.js"), "module.exports = 2;", { mode: 0o600 });
  fs.writeFileSync(path.join(dir, "open", "pkg", "plain.js"), "module.exports = 3;");
  fs.writeFileSync(path.join(dir, "open", "node"), "#!/bin/sh\n", { mode: 0o644 });
  fs.symlinkSync(path.join(dir, "private", "pkg"), path.join(dir, "open", "linked"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!ROOT)("kernelUserProblem (as nobody, through setpriv)", () => {
  it("finds nothing wrong with readable files and an executable node", () => {
    expect(kernelUserProblem([{ path: process.execPath, exec: true }, { path: path.join(dir, "open", "pkg", "plain.js") }])).toBeNull();
  });
  it("names the 0700 folder on the way to a file", () => {
    const launcher = path.join(dir, "private", "pkg", "launcher.js");
    expect(kernelUserProblem([{ path: launcher }])).toEqual({ needed: launcher, blocked: path.join(dir, "private"), missing: "search", mode: "0700" });
  });
  it("names an unreadable file and a node binary without the execute bit", () => {
    const secret = path.join(dir, "open", "pkg", "secret.js");
    expect(kernelUserProblem([{ path: secret }])).toEqual({ needed: secret, blocked: secret, missing: "read", mode: "0600" });
    const node = path.join(dir, "open", "node");
    expect(kernelUserProblem([{ path: node, exec: true }])).toEqual({ needed: node, blocked: node, missing: "execute", mode: "0644" });
  });
  it("asks only search permission of a folder the kernel passes through", () => {
    const passage = path.join(dir, "passage");
    fs.mkdirSync(passage, { mode: 0o711 });
    fs.chmodSync(passage, 0o711);
    expect(kernelUserProblem([{ path: passage, dir: true }])).toBeNull();
    expect(kernelUserProblem([{ path: path.join(dir, "private"), dir: true }])).toEqual({ needed: path.join(dir, "private"), blocked: path.join(dir, "private"), missing: "search", mode: "0700" });
  });
  it("follows a symlink into a private folder", () => {
    const viaLink = path.join(dir, "open", "linked", "launcher.js");
    expect(kernelUserProblem([{ path: viaLink }])).toEqual({ needed: path.join(dir, "private", "pkg", "launcher.js"), blocked: path.join(dir, "private"), missing: "search", mode: "0700" });
  });
});

describe.skipIf(!ROOT)("requireProblem (node as nobody)", () => {
  it("finds the private file a module requires, which the path list did not name", () => {
    const secret = path.join(dir, "open", "pkg", "secret.js");
    expect(requireProblem([path.join(dir, "open", "pkg", "plain.js")])).toBeNull();
    expect(requireProblem([path.join(dir, "open", "pkg", "ok.js")])).toEqual({ needed: secret, blocked: secret, missing: "read", mode: "0600" });
  });
});

describe("accessMessage", () => {
  it("says who cannot do what, what would happen, and the fixes with real option names", () => {
    expect(accessMessage({ needed: "/home/ta/course/dist/kernel-ext/launcher.js", blocked: "/home/ta", missing: "search", mode: "0700" }, "/home/ta/course")).toBe(
      'grade: isolation "user" runs the kernels as nobody (uid 65534), who cannot search the folder /home/ta (mode 0700), on the way to /home/ta/course/dist/kernel-ext/launcher.js; ' +
      "every kernel would fail to start and every question would score 0. Fix one of: `chmod o+x /home/ta` (and `chmod -R o+rX /home/ta/course` if its files are private too); " +
      "install deeprob-ts where everyone can read it (`npm install -g <deeprob-ts-*.tgz>`, as the Gradescope setup.sh does); " +
      "or run with --isolation namespaces (where user namespaces work) or, for trusted submissions only, --isolation none.");
    expect(accessMessage({ needed: "/opt/node", blocked: "/opt/node", missing: "execute", mode: "0644" }, "/r")).toContain("who cannot execute /opt/node (mode 0644); every kernel");
  });
});
