// Re-exports only (STYLE rule 11).
export * from "./matrix.js";
export * from "./standardize.js";
export * from "./pca.js";
export * from "./channel.js";
export * from "./serialize.js";
