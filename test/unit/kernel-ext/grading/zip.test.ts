// The autograder.zip writer, read back by real readers: Python's zipfile (CRC checked by
// testzip) and Info-ZIP's unzip, which restores the Unix modes Gradescope needs.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zipBytes, type ZipEntry } from "../../../../kernel-ext/grading/zip";

const PY = "/usr/bin/python3";
let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "deeprob-zip-")); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Incompressible but fixed bytes: SHA-256 of 0, 1, ... 31 back to back.
const random = Buffer.concat(Array.from({ length: 32 }, (_, i) => crypto.createHash("sha256").update(String(i)).digest()));
const entries: ZipEntry[] = [
  { name: "setup.sh", data: Buffer.from("#!/usr/bin/env bash\n" + "echo setup\n".repeat(50)), mode: 0o755 },
  { name: "run_autograder", data: Buffer.from("#!/usr/bin/env bash\nexit 0\n"), mode: 0o755 },
  { name: "tests.json", data: Buffer.from(JSON.stringify({ hidden: "ünïcode ✓" })), mode: 0o600 },
  { name: "deeprob-ts-0.1.0.tgz", data: random },
  { name: "empty.txt", data: Buffer.alloc(0) },
];

describe("zipBytes", () => {
  it("writes an archive Python's zipfile reads back byte for byte, with CRCs, modes and methods", () => {
    const file = path.join(dir, "a.zip");
    fs.writeFileSync(file, zipBytes(entries));
    const py = `
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({"bad": z.testzip(), "entries": [[i.filename, i.external_attr >> 16, i.compress_type, z.read(i).hex()] for i in z.infolist()]}))`;
    const r = spawnSync(PY, ["-c", py, file], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { bad: string | null; entries: [string, number, number, string][] };
    expect(got.bad).toBeNull();
    expect(got.entries.map((e) => [e[0], e[1], e[3]])).toEqual(entries.map((e) => [e.name, 0o100000 | (e.mode ?? 0o644), e.data.toString("hex")]));
    // Deflated where it saves space (the repetitive script), stored where it does not (short
    // texts, whose deflate stream is longer than they are; random bytes; empty).
    expect(got.entries.map((e) => e[2])).toEqual([8, 0, 0, 0, 0]);
  });

  it("keeps executable bits through unzip, and the same input gives the same bytes", () => {
    const file = path.join(dir, "b.zip");
    fs.writeFileSync(file, zipBytes(entries));
    const out = path.join(dir, "b");
    const r = spawnSync("unzip", ["-q", file, "-d", out], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(fs.statSync(path.join(out, "setup.sh")).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(out, "tests.json")).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(out, "tests.json"), "utf8")).toBe(JSON.stringify({ hidden: "ünïcode ✓" }));
    expect(zipBytes(entries).equals(fs.readFileSync(file))).toBe(true);
  });

  it("is a valid empty archive with no entries (just the end record)", () => {
    expect(zipBytes([]).toString("hex")).toBe("504b0506" + "00".repeat(18));
  });

  it("refuses names that would escape the folder or collide", () => {
    const d = Buffer.from("x");
    expect(() => zipBytes([{ name: "../evil", data: d }])).toThrow('zip: entry name "../evil" must be a relative path with "/" separators and no ".."');
    expect(() => zipBytes([{ name: "/etc/passwd", data: d }])).toThrow('zip: entry name "/etc/passwd" must be a relative path');
    expect(() => zipBytes([{ name: "a", data: d }, { name: "a", data: d }])).toThrow('zip: entry "a" appears twice');
  });
});
