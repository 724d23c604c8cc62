// Re-exports only (STYLE rule 11).
export { Generator, rng } from "./generator.js";
export type { GeneratorState, FloatArray } from "./generator.js";
