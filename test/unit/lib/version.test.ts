import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { version } from "../../../lib/index.js";

describe("lib version", () => {
  it("matches package.json so notebooks report the release they run", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8"));
    expect(version).toBe(pkg.version);
  });
});
