// The deeprob-ts tarball for the Gradescope bundle: the tar reader against GNU tar's output,
// the package checks, and a real `npm pack` of this checkout (what `assign` bundles).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTarball, putTarball, tarMembers } from "../../../../kernel-ext/grading/package-tarball";
import { packageRoot } from "../../../../kernel-ext/jupyter-env";

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-tarball-")); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A .tgz made by GNU tar from `files` (paths under package/), in pax format as npm writes. */
function gnuTar(name: string, files: Record<string, string>): string {
  const src = path.join(dir, name + ".src");
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(src, f)), { recursive: true });
    fs.writeFileSync(path.join(src, f), text);
  }
  const out = path.join(dir, name + ".tgz");
  const r = spawnSync("tar", ["--format=pax", "-czf", out, "-C", src, ...Object.keys(files)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return out;
}

const LONG = "package/dist/" + "a-very-long-folder-name/".repeat(6) + "deep.js"; // > 100 bytes: a pax path record
const GOOD = {
  "package/package.json": JSON.stringify({ name: "deeprob-ts", version: "9.8.7" }),
  "package/dist/kernel-ext/cli.js": "cli", "package/dist/kernel-ext/launcher.js": "launcher",
  "package/dist/kernel-ext/grading/runtime.js": "runtime", "package/dist/lib/index.js": "lib",
  [LONG]: "deep",
};

describe("tarMembers", () => {
  it("reads GNU tar's members, long pax paths and contents included", () => {
    const members = tarMembers(fs.readFileSync(gnuTar("good", GOOD)));
    expect(Object.fromEntries(members.map((m) => [m.path, m.data.toString("utf8")]))).toEqual(GOOD);
    expect(LONG.length).toBeGreaterThan(100);
  });
});

describe("checkTarball", () => {
  it("gives the version and file list of a deeprob-ts package", () => {
    const info = checkTarball(gnuTar("ok", GOOD));
    expect(info.version).toBe("9.8.7");
    expect(info.files).toContain("dist/kernel-ext/cli.js");
  });
  it("names what is wrong with other tarballs", () => {
    const other = gnuTar("other", { "package/package.json": JSON.stringify({ name: "left-pad", version: "1.0.0" }) });
    expect(() => checkTarball(other)).toThrow(`${other}: not a deeprob-ts package (package/package.json names "left-pad")`);
    const unbuilt = gnuTar("unbuilt", { "package/package.json": GOOD["package/package.json"], "package/dist/lib/index.js": "" });
    expect(() => checkTarball(unbuilt)).toThrow(`${unbuilt}: the package lacks dist/kernel-ext/cli.js, dist/kernel-ext/launcher.js, dist/kernel-ext/grading/runtime.js; it was packed without a build`);
    const text = path.join(dir, "notes.tgz");
    fs.writeFileSync(text, "not gzip");
    expect(() => checkTarball(text)).toThrow(`${text}: not a readable .tgz (`);
  });
});

describe("putTarball", () => {
  it("copies a given tarball under its package name, replacing older ones, even when it is one of them", () => {
    const dest = path.join(dir, "bundle-given");
    fs.mkdirSync(dest);
    fs.writeFileSync(path.join(dest, "deeprob-ts-0.0.1.tgz"), "old");
    const given = path.join(dest, "deeprob-ts-latest.tgz");
    fs.copyFileSync(gnuTar("given", GOOD), given);
    const r = putTarball(dest, { root: dir, given });
    expect(r.file).toBe(path.join(dest, "deeprob-ts-9.8.7.tgz"));
    expect(fs.readdirSync(dest)).toEqual(["deeprob-ts-9.8.7.tgz"]);
    expect(checkTarball(r.file).version).toBe("9.8.7");
    expect(() => putTarball(dest, { root: dir, given: path.join(dir, "none.tgz") })).toThrow(`--package ${path.join(dir, "none.tgz")}: no such file`);
  });

  it("refuses to pack a package folder that was never built", () => {
    const root = path.join(dir, "unbuilt-root");
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "deeprob-ts", version: "0.0.0" }));
    expect(() => putTarball(dir, { root })).toThrow(`${root} has no dist/ (${path.join(root, "dist", "kernel-ext", "cli.js")} is missing): run \`npm run build\` there, or pass --package <deeprob-ts-*.tgz>`);
  });

  it("packs this checkout with npm: the compiled package and its data, no tests, sources or solutions", () => {
    const root = packageRoot();
    const dest = path.join(dir, "bundle-packed");
    fs.mkdirSync(dest);
    const version = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
    const r = putTarball(dest, { root });
    expect(r.file).toBe(path.join(dest, `deeprob-ts-${version}.tgz`));
    // GNU tar's listing of the same file agrees with ours.
    const listed = spawnSync("tar", ["-tzf", r.file], { encoding: "utf8" }).stdout.trim().split("\n").map((p) => p.replace(/^package\//, "")).sort();
    expect([...r.files].sort()).toEqual(listed);
    for (const f of ["package.json", "README.md", "dist/kernel-ext/cli.js", "dist/kernel-ext/launcher.js", "dist/kernel-ext/index.d.ts", "dist/kernel-ext/grading/runtime.js",
      "dist/lib/index.js", "notebooks/data/digits/digits.csv.gz", "notebooks/data/images/chelsea.png"]) expect(r.files, f).toContain(f);
    expect(r.files.filter((f) => /^(test|lib|kernel-ext|node_modules|notebooks\/homework)\//.test(f) || f.endsWith(".map") || f === "tsconfig.json")).toEqual([]);
  });
});
