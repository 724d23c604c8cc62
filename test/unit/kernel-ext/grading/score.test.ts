import { describe, expect, it } from "vitest";
import { readVerdicts, safeError, scoreQuestion } from "../../../../kernel-ext/grading/score";
import { gradescopeResults, feedbackHtml } from "../../../../kernel-ext/grading/results";
import { isolatedArgv } from "../../../../kernel-ext/grading/isolation";
import { testCellCode, preambleCode } from "../../../../kernel-ext/grading/runtime";
import { csvField, submissionName } from "../../../../kernel-ext/commands/grade";

const q = { id: "q1", points: 4, code: "", studentCode: "" };
const ok = { type: "question" as const, id: "q1", status: "ok" as const, error: null, seconds: 1 };
const o = (passed: boolean, score: number, points: number, hidden = false) => ({ name: hidden ? "secret" : "pub", passed, score, points, message: passed ? "ok" : "wrong", hidden });

describe("readVerdicts", () => {
  it("keeps only the first line carrying a question's token and id; forged lines are ignored", () => {
    const tokens = new Map([["tok1", "q1"]]);
    const text = [
      '{"token":"forged","id":"q1","outcomes":[],"error":null}',
      "not json",
      '{"token":"tok1","id":"q2","outcomes":[],"error":null}',
      '{"token":"tok1","id":"q1","outcomes":[{"name":"a","passed":true,"score":1,"points":1,"message":"","hidden":false}],"error":null}',
      '{"token":"tok1","id":"q1","outcomes":[],"error":"late"}',
    ].join("\n");
    const v = readVerdicts(text, tokens);
    expect([...v.keys()]).toEqual(["q1"]);
    expect(v.get("q1")!.outcomes.length).toBe(1);
  });
});

describe("scoreQuestion", () => {
  it("scales assertion points to the question's points and hides hidden tests' messages", () => {
    const r = scoreQuestion(q, ok, { token: "t", id: "q1", error: null, outcomes: [o(true, 1, 1), o(false, 0, 1, true)] });
    expect([r.score, r.status]).toEqual([2, "failed"]);
    expect(r.output).toBe("✓ pub [1/1]: ok\n✗ hidden test: secret [0/1]: failed");
  });
  it("keeps earned points when the tests stop, and scores timeouts, deaths and missing verdicts 0", () => {
    expect(scoreQuestion(q, ok, { token: "t", id: "q1", error: "Error: not implemented", outcomes: [o(true, 1, 1)] }).score).toBe(1);
    expect(scoreQuestion(q, { ...ok, status: "timeout" }, undefined).output).toMatch(/^timed out: /);
    expect(scoreQuestion(q, { ...ok, status: "dead" }, undefined).score).toBe(0);
    expect(scoreQuestion(q, { ...ok, status: "error", error: "\x1b[31mTSError: 3:1 - Cannot find name 'relu'.\x1b[0m" }, undefined).output)
      .toBe("the tests could not run: TSError: 3:1 - Cannot find name 'relu'.\n(is every function the question asks for defined, with the given name, in a cell that runs without errors?)");
    expect(safeError("a\nb\nc\nd")).toBe("a\nb\nc");
  });
});

describe("Gradescope results and feedback", () => {
  it("has the fields the specification names, and escapes the page", () => {
    const r = gradescopeResults([{ id: "q<1>", score: 1.5, maxScore: 2, status: "failed", output: "x < y" }], ["note"], 3.21);
    expect(r).toEqual({ score: 1.5, max_score: 2, execution_time: 3.21, output: "Score: 1.5/2\nnote", visibility: "visible", stdout_visibility: "hidden",
      tests: [{ name: "q<1>", number: "1", score: 1.5, max_score: 2, status: "failed", output: "x < y", visibility: "visible" }] });
    const html = feedbackHtml("hw", r);
    expect(html).toContain("q&lt;1&gt; — 1.5/2");
    expect(html).not.toContain("<script");
  });
});

describe("grade command helpers and the kernel cells", () => {
  it("quotes CSV fields and names submissions uniquely", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(3)).toBe("3");
    expect(submissionName("/s/alice/hw 1.ipynb", "/s")).toBe("alice__hw_1");
  });
  it("wraps the kernel in namespaces that mask the bundle, and binds grader to the cell's token", () => {
    const argv = isolatedArgv(["/usr/bin/node", "/l.js", "{connection_file}"], ["/"]);
    expect(argv.slice(0, 8)).toEqual(["unshare", "--user", "--map-root-user", "--mount", "--pid", "--fork", "--mount-proc", "--kill-child"]);
    expect(argv.slice(-5)).toEqual(["1", "/", "/usr/bin/node", "/l.js", "{connection_file}"]);
    expect(testCellCode("n1", "tok", "grader.check();")).toBe('{\nconst __grading = (globalThis as any)["__deeprob_grader_n1"];\n__grading.restore();\n' +
      'const grader: import("deeprob-ts").grading.Grader = __grading.grader("tok");\ngrader.check();\n}');
    expect(preambleCode("/r.js", "n1", "/v")).toBe('require("/r.js").install({"nonce":"n1","verdictFile":"/v"});');
  });
});

describe("chooseIsolation", () => {
  it("honours DEEPROB_GRADE_ISOLATION and drops to nobody as root without namespaces", async () => {
    const { chooseIsolation, unprivilegedArgv } = await import("../../../../kernel-ext/grading/isolation");
    expect(chooseIsolation({ DEEPROB_GRADE_ISOLATION: "user" }, 1000)).toBe("user");
    expect(chooseIsolation({ DEEPROB_GRADE_ISOLATION: "none" }, 0)).toBe("none");
    expect(unprivilegedArgv(["/usr/bin/node", "l.js"])).toEqual(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", "/usr/bin/node", "l.js"]);
  });
});
