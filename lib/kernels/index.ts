// Re-exports only (STYLE rule 11). The kernel API other folders build on: pure functions over
// typed arrays with explicit sizes, offsets and strides (see lib/README.md).
export { gemm } from "./gemm.js";
export type { GemmOptions } from "./gemm.js";
export { unary, unaryScalar, UNARY_OPS } from "./unary.js";
export type { UnaryOp } from "./unary.js";
export { binary, binaryScalar, affine, BINARY_OPS } from "./binary.js";
export type { BinaryOp } from "./binary.js";
export { sum, sumSquares, max, min, argmax, dot } from "./reduce.js";
export { erf, erfc, normalCdf } from "./erf.js";
export { fillNormalBlocks, fillUniformBlocks, FILL_BLOCK } from "./fill.js";
export type { MatrixView, NumArray, FloatArray } from "./types.js";
export { setNumThreads, getNumThreads, threadsReady } from "./pool.js";
export { setResidentBudget, residentStats } from "./resident.js";
export { maxPool2x2, maxPool2x2Backward } from "./maxpool.js";
export { axpy } from "./axpy.js";
export { reluBackwardNaN } from "./relu-backward.js";
export { im2col, col2im, planeSums, swapAxes } from "./im2col.js";
export type { WindowGeometry } from "./im2col.js";
export { isResident } from "./nn-wasm.js";
