import path from "node:path";
import { describe, expect, test } from "vitest";
import { mapRequest, packagePaths, PACKAGE_NAME } from "../../../kernel-ext/resolve";

describe("resolve", () => {
  test("compiler paths point at dist's declarations, absolute", () => {
    expect(packagePaths("/repo")).toEqual({ "deeprob-ts": ["/repo/dist/kernel-ext/index"], "deeprob-ts/*": ["/repo/*"] });
  });

  test("runtime requests for the package map into the package; others are left alone", () => {
    expect(PACKAGE_NAME).toBe("deeprob-ts");
    expect(mapRequest("deeprob-ts", "/repo")).toBe(path.join("/repo", "dist", "kernel-ext", "index.js"));
    expect(mapRequest("deeprob-ts/dist/lib/index.js", "/repo")).toBe("/repo/dist/lib/index.js");
    expect(mapRequest("deeprob-tsx", "/repo")).toBeNull();
    expect(mapRequest("./deeprob-ts", "/repo")).toBeNull();
  });
});
