// Re-exports only (STYLE rule 11).
export * from "./batches.js";
export * from "./history.js";
export * from "./fit.js";
