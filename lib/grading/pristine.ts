// The builtins the grading helpers use, captured when this module first loads. The grader loads
// lib/grading before any student code runs, so a submission that later reassigns Math.abs,
// Number.isNaN or JSON.stringify cannot change how its answers are compared (nbgrader and
// otter-grader compare with whatever the student's session left behind).

/** Pristine copies of the builtins the assertion helpers rely on. */
export const P = Object.freeze({
  abs: Math.abs,
  max: Math.max,
  min: Math.min,
  sqrt: Math.sqrt,
  isNaN: Number.isNaN,
  isFinite: Number.isFinite,
  isArray: Array.isArray,
  isView: ArrayBuffer.isView,
  stringify: JSON.stringify,
  freeze: Object.freeze,
  String,
  Float64Array,
});
