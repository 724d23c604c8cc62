import { describe, expect, test } from "vitest";
import { globToRegExp, History, SESSION } from "../../../kernel-ext/history";

function sample(): History {
  const h = new History();
  ["a = 1", "6 * 7", "b = a + 1", "6 * 7"].forEach((code, i) => h.add(i + 1, code));
  h.add(5, "x").output = "'x'";
  return h;
}

describe("History", () => {
  test("tail: the last n inputs as [session, line, input]", () => {
    expect(sample().query({ hist_access_type: "tail", n: 2 })).toEqual([[SESSION, 4, "6 * 7"], [SESSION, 5, "x"]]);
    expect(sample().query({ hist_access_type: "tail", n: 0 })).toEqual([]);
  });

  test("output: true pairs each input with its text/plain output", () => {
    expect(sample().query({ hist_access_type: "tail", n: 1, output: true })).toEqual([[SESSION, 5, ["x", "'x'"]]]);
  });

  test("range: lines start <= line < stop of this session (0 means current)", () => {
    expect(sample().query({ hist_access_type: "range", session: 0, start: 2, stop: 4 })).toEqual([[SESSION, 2, "6 * 7"], [SESSION, 3, "b = a + 1"]]);
    expect(sample().query({ hist_access_type: "range", session: SESSION, start: 5, stop: 6 })).toEqual([[SESSION, 5, "x"]]);
    expect(sample().query({ hist_access_type: "range", session: 99, start: 1, stop: 9 })).toEqual([]);
  });

  test("search: glob over inputs, unique keeps the latest, n the last matches", () => {
    expect(sample().query({ hist_access_type: "search", pattern: "6*" })).toEqual([[SESSION, 2, "6 * 7"], [SESSION, 4, "6 * 7"]]);
    expect(sample().query({ hist_access_type: "search", pattern: "6*", unique: true })).toEqual([[SESSION, 4, "6 * 7"]]);
    expect(sample().query({ hist_access_type: "search", pattern: "*=*", n: 1 })).toEqual([[SESSION, 3, "b = a + 1"]]);
  });

  test("an unknown access type gives no rows", () => {
    expect(sample().query({ hist_access_type: "bogus" })).toEqual([]);
  });
});

describe("globToRegExp", () => {
  test("* and ? as fnmatch, anchored, other characters literal", () => {
    expect(globToRegExp("a*b?").test("axxbc")).toBe(true);
    expect(globToRegExp("a*b?").test("axxb")).toBe(false);
    expect(globToRegExp("1+1").test("1+1")).toBe(true);
    expect(globToRegExp("1+1").test("11")).toBe(false);
    expect(globToRegExp("f(*)").test("f(\nx)")).toBe(true);
  });
});
