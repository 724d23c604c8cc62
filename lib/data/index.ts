// Re-exports only (STYLE rule 11).
export * from "./image.js";
export * from "./codec.js";
export * from "./paths.js";
export * from "./samples.js";
export * from "./digits-raw.js";
export * from "./tensor-image.js";
export * from "./eigh.js";
export * from "./rows.js";
export * from "./digits.js";
export * from "./dataloader.js";
export * from "./preprocess/index.js";
export * from "./cifar10.js";
export * from "./grid.js";
