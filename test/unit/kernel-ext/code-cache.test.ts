import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { cacheDir, cacheFileFor, codeCacheStatus, requireCached, saveCodeCaches } from "../../../kernel-ext/code-cache";

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

describe("code cache", () => {
  test("lives per user and is keyed by size, mtime and Node version", () => {
    expect(cacheDir({}, "/home/u")).toBe("/home/u/.cache/deeprob-ts");
    expect(cacheDir({ XDG_CACHE_HOME: "/xc" }, "/home/u")).toBe("/xc/deeprob-ts");
    expect(cacheFileFor("/nm/typescript.js", { size: 10, mtimeMs: 5.7 }, "/c", "v20.20.0")).toBe("/c/typescript.js-10-5-v20.20.0.v8");
  });

  test("a module loads from source, the cache is saved, and a second load hits it with the same exports", () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "cc-"));
    dirs.push(d);
    const file = path.join(d, "mod.js");
    const body = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} + ${i}; }`).join("\n");
    fs.writeFileSync(file, `${body}\nexports.answer = f6(7); exports.dir = __dirname; exports.path = require("node:path").sep;`);
    const cache = path.join(d, "cache");
    const first = requireCached(file, cache) as { answer: number; dir: string; path: string };
    expect(first).toEqual({ answer: 48, dir: d, path: "/" });
    expect(codeCacheStatus(file)).toBe("miss");
    saveCodeCaches();
    const cached = cacheFileFor(file, fs.statSync(file), cache);
    expect(fs.statSync(cached).size).toBeGreaterThan(0);
    delete require.cache[file];
    const second = requireCached(file, cache) as { answer: number };
    expect(second.answer).toBe(48);
    expect(codeCacheStatus(file)).toBe("hit");
    delete require.cache[file];
  });

  test("a module that throws is not left in require.cache", () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "cc-"));
    dirs.push(d);
    const file = path.join(d, "bad.js");
    fs.writeFileSync(file, `throw new Error("broken module");`);
    expect(() => requireCached(file, path.join(d, "cache"))).toThrow("broken module");
    expect(require.cache[file]).toBeUndefined();
  });
});
