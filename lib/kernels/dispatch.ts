// Where work runs: plain JS, WebAssembly on this thread, or WebAssembly on two threads.
// Placeholder until the wasm runtime lands: every function declines and callers use JS.
import type { MatrixView, NumArray } from "./types.js";
import type { UnaryOp } from "./unary.js";
import type { BinaryOp } from "./binary.js";

/** Runs a block fill in wasm when worthwhile; false lets the caller use JS. */
export function parallelFill(_kind: "normal" | "uniform", _out: Float32Array | Float64Array, _k0: number, _k1: number, _a: number, _b: number, _block: number): boolean {
  return false;
}
export function wasmUnary(_op: UnaryOp, _n: number, _x: NumArray, _xo: number, _out: NumArray, _oo: number): boolean {
  return false;
}
export function wasmBinary(_op: BinaryOp, _n: number, _a: NumArray, _ao: number, _as: number, _b: NumArray, _bo: number, _bs: number, _out: NumArray, _oo: number): boolean {
  return false;
}
export function wasmAffine(_n: number, _x: NumArray, _xo: number, _scale: number, _shift: number, _out: NumArray, _oo: number): boolean {
  return false;
}
export function wasmReduce(_op: "sum" | "sumSquares" | "max" | "min", _n: number, _x: NumArray, _xo: number): number | undefined {
  return undefined;
}
export function wasmGemm(_m: number, _n: number, _k: number, _a: MatrixView<Float32Array>, _b: MatrixView<Float32Array>, _c: MatrixView<Float32Array>, _alpha: number, _beta: number): boolean {
  return false;
}
