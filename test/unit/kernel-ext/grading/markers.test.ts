import { describe, expect, it } from "vitest";
import { hiddenForGrading, keepSolutions, removeHidden, stripSolutions } from "../../../../kernel-ext/grading/markers";

describe("solution and hidden-test markers", () => {
  it("replaces each solution block by a stub at the block's indentation", () => {
    const src = "function f(x: number) {\n  // BEGIN SOLUTION\n  return x + 1;\n  // END SOLUTION\n}\nconst y = 2;\n// BEGIN SOLUTION\nconst z = 3;\n// END SOLUTION";
    expect(stripSolutions(src)).toBe('function f(x: number) {\n  // YOUR CODE HERE\n  throw new Error("not implemented");\n}\nconst y = 2;\n// YOUR CODE HERE\nthrow new Error("not implemented");');
    expect(keepSolutions(src)).toBe("function f(x: number) {\n  return x + 1;\n}\nconst y = 2;\nconst z = 3;");
    expect(stripSolutions("Answer:\n// BEGIN SOLUTION\nBecause.\n// END SOLUTION", true)).toBe("Answer:\nYOUR ANSWER HERE");
  });
  it("removes hidden blocks for students and wraps them in grader.hidden for the autograder", () => {
    const src = 'grader.check("q", (t) => {\n  t.ok(a);\n  // BEGIN HIDDEN TESTS\n  t.ok(b);\n  // END HIDDEN TESTS\n});';
    expect(removeHidden(src)).toBe('grader.check("q", (t) => {\n  t.ok(a);\n});');
    expect(hiddenForGrading(src)).toBe('grader.check("q", (t) => {\n  t.ok(a);\n  grader.hidden(() => {\n  t.ok(b);\n  });\n});');
  });
  it("names the line of an unbalanced marker", () => {
    expect(() => stripSolutions("a\n// BEGIN SOLUTION\nb")).toThrow('"BEGIN SOLUTION" on line 2 is never closed with "// END SOLUTION"');
    expect(() => removeHidden("// END HIDDEN TESTS")).toThrow('"END HIDDEN TESTS" on line 1 without a matching "// BEGIN HIDDEN TESTS"');
    expect(() => stripSolutions("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION")).toThrow('"BEGIN SOLUTION" on line 2 inside the block opened on line 1');
  });
});
