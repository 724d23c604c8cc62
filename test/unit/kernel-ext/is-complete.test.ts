import { describe, expect, test } from "vitest";
import { converterModule, parseErrorCount } from "../../../kernel-ext/converter";
import { isComplete } from "../../../kernel-ext/is-complete";

// tslab's own incompleteness check and TypeScript 5.0's parser (no type checking, no I/O).
const check = (code: string) => isComplete(code, converterModule().isCompleteCode, parseErrorCount);

describe("isComplete", () => {
  test("complete code", () => {
    for (const code of ["1 + 1", "const a = 1;", "function f(x: number) { return x; }", ""]) expect(check(code)).toEqual({ status: "complete" });
  });

  test("incomplete code, with the indent for the next line", () => {
    expect(check("for (let i = 0; i < 3; i++) {")).toEqual({ status: "incomplete", indent: "  " });
    expect(check("const xs = [1,")).toMatchObject({ status: "incomplete" });
  });

  test("invalid code: a syntax error more typing cannot fix", () => {
    for (const code of ["let = ;", "1 +* 2", "const 3x = 1;", "}"]) expect(check(code)).toEqual({ status: "invalid" });
  });
});
