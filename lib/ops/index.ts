// Re-exports only (STYLE rule 11). Loading this module also installs the Tensor methods (methods.ts).
export { asTensor, type TensorLike } from "./convert.js";
export * from "./binary.js";
export * from "./unary.js";
export * from "./reduce.js";
export { variance as var } from "./reduce.js";
export * from "./matmul.js";
export * from "./inplace.js";
export * from "./join.js";
export * from "./indexing.js";
export * from "./compare.js";
export * from "./methods.js";
