// Re-exports only (STYLE rule 11).
export * from "./functional/index.js";
