// Re-exports only (STYLE rule 11).
export * from "./outcome.js";
export * from "./values.js";
export * from "./assertions.js";
export * from "./context.js";
export * from "./check-result.js";
export * from "./grader.js";
