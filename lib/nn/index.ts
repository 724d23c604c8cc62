// Re-exports only (STYLE rule 11).
export * from "./erf.js";
export * from "./activations.js";
export * from "./gradcheck.js";
export * from "./gradcheck-module.js";
export * from "./module.js";
export * from "./activation-layers.js";
export * from "./linear.js";
export * from "./sequential.js";
export * from "./flatten.js";
export * from "./losses.js";
export * from "./regularizers.js";
