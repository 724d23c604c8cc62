// Re-exports only (STYLE rule 11): the deterministic kernels, as torchvision.transforms.v2.functional.
export * from "./util.js";
export * from "./flip.js";
export * from "./crop.js";
export * from "./pad.js";
export * from "./resize.js";
export * from "./affine.js";
export * from "./color.js";
export * from "./hue.js";
export * from "./pointops.js";
export * from "./histogram.js";
export * from "./sharpness.js";
