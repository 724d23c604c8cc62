// Where work runs: plain JS, WebAssembly on this thread, or WebAssembly on two threads.
// Each returns false (or undefined) to let the caller run its plain-JS loop.

export { fillWasm as parallelFill } from "./fill-wasm.js";
export { unaryWasm as wasmUnary, binaryWasm as wasmBinary, affineWasm as wasmAffine, reduceWasm as wasmReduce } from "./maps-wasm.js";
export { gemmWasm as wasmGemm } from "./gemm-wasm.js";
