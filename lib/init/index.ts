// Re-exports only (STYLE rule 11).
export * from "./gain.js";
export * from "./fan.js";
export * from "./initializers.js";
export * from "./orthogonal.js";
