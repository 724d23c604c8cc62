// `deeprob-ts --help` and each command's --help, from the compiled CLI as a user runs it.
import { describe, expect, it } from "vitest";
import { runCli } from "./fixtures/env";

describe("deeprob-ts --help", () => {
  it("lists every command and exits 0", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: deeprob-ts \[options\] \[command\]/);
    for (const cmd of ["install", "lab [options] [dir]", "run [options] <notebooks...>"]) expect(r.stdout).toContain(cmd);
  });

  it("lab --help documents the folder, --port, --no-browser and exit codes", async () => {
    const r = await runCli(["lab", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: deeprob-ts lab \[options\] \[dir\]/);
    for (const s of ["-p, --port <port>", "--no-browser", "Ctrl-C shuts the server and its kernels down", "Exit codes: 0 ok"]) expect(r.stdout).toContain(s);
  });

  it("run --help documents --out, --inplace, --timeout, the default output name and exit codes", async () => {
    const r = await runCli(["run", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: deeprob-ts run \[options\] <notebooks\.\.\.>/);
    for (const s of ["-o, --out <path>", "--inplace", "--timeout <seconds>", "--allow-errors", "<name>.nbconvert.ipynb", "Exit codes: 0 ok, 1 a cell failed"]) {
      expect(r.stdout).toContain(s);
    }
  });

  it("an unknown command or option: exit 2 with the usage", async () => {
    const r = await runCli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    const r2 = await runCli(["run", "--bogus", "x.ipynb"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("unknown option '--bogus'");
  });

  it("--version prints package.json's version", async () => {
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
