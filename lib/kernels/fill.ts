// Block-structured random fills: the contract that makes a fill's bytes independent of the
// thread count. A fill of n elements keyed by (k0, k1) is cut into blocks of FILL_BLOCK
// elements; block b draws from its own xoshiro128** stream blockState(k0, k1, b). Any thread
// may fill any block, and the result is the same.
import { blockState } from "./xoshiro.js";
import { fillNormalJs, fillUniformJs } from "./fill-js.js";
import { parallelFill } from "./dispatch.js";

/** Elements per independent block stream (fixed forever: changing it changes every seeded result). */
export const FILL_BLOCK = 65536;

/**
 * Fills `out` with normal variates mean + std * z, z from the ziggurat, from the block
 * streams of key (k0, k1). Large fills run in WebAssembly on two threads.
 * @example const out = new Float32Array(3); fillNormalBlocks(out, 7, 9, 0, 1); // same bytes for the same key, always
 */
export function fillNormalBlocks(out: Float32Array | Float64Array, k0: number, k1: number, mean: number, std: number): void {
  if (parallelFill("normal", out, k0, k1, mean, std, FILL_BLOCK)) return;
  fillBlocksJs(out, k0, k1, mean, std, fillNormalJs);
}

/**
 * Fills `out` with uniform variates in [low, high) from the block streams of key (k0, k1).
 * @example const out = new Float64Array(3); fillUniformBlocks(out, 7, 9, 0, 1); // values in [0, 1)
 */
export function fillUniformBlocks(out: Float32Array | Float64Array, k0: number, k1: number, low: number, high: number): void {
  if (parallelFill("uniform", out, k0, k1, low, high, FILL_BLOCK)) return;
  fillBlocksJs(out, k0, k1, low, high, fillUniformJs);
}

type BlockFill = (out: Float32Array | Float64Array, start: number, end: number, s: Uint32Array, a: number, b: number) => void;

function fillBlocksJs(out: Float32Array | Float64Array, k0: number, k1: number, a: number, b: number, fill: BlockFill): void {
  const s = new Uint32Array(4);
  for (let start = 0, block = 0; start < out.length; start += FILL_BLOCK, block++) {
    blockState(k0, k1, block, s);
    fill(out, start, Math.min(out.length, start + FILL_BLOCK), s, a, b);
  }
}
