// Re-exports only (STYLE rule 11).
export * from "./optimizer.js";
export * from "./sgd.js";
export * from "./adam.js";
export * from "./schedules.js";
