// Re-exports only (STYLE rule 11).
export * from "./dtype.js";
export * from "./shape.js";
export * from "./strided.js";
export * from "./views.js";
export * from "./format.js";
export * from "./tensor.js";
export * from "./creation.js";
export * from "./random.js";
