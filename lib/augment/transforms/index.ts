// Re-exports only (STYLE rule 11).
export { Transform, checkRng, type ImageMeta, type ImageLike, type Applied } from "./transform.js";
export * from "./compose.js";
export * from "./flips.js";
export * from "./crops.js";
export * from "./color-jitter.js";
export * from "./auto-augment.js";
export * from "./erasing.js";
export * from "./random-affine.js";
export * from "./lighting.js";
export * from "./normalize.js";
export * from "./mix.js";
export * from "./test-time.js";
export * from "./random-apply.js";
export * from "./color-random.js";
export * from "./auto-augment-policy.js";
