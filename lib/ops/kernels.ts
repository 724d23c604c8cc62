// The one seam between ops and the hot loops. Ops call only these names; they point at the
// FALLBACK plain-JS loops (fallback.ts) until lib/kernels provides faster equivalents.
export { binaryStrided, unaryStrided, sumStrided, sumSquaredDeviations, argExtremeStrided, gemm } from "./fallback.js";
export type { BinaryName, UnaryName } from "./fallback.js";
