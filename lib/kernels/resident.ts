// Resident storage: large float32 tensors live in the wasm memory itself, so kernels (and
// the worker thread) read and write them in place instead of copying them in and out.
//
// Lifetime: a block is released when its view is garbage-collected (FinalizationRegistry).
// Finalizers run between tasks, never inside a running cell, so a long synchronous loop only
// takes memory; past the budget, allocation falls back to ordinary JS arrays (the kernels'
// copying path, same results). A subarray of a resident view keeps its parent alive, so a
// block is never reused while any view of it is reachable.
import * as os from "node:os";
import { heap, memoryBuffer, runtime } from "./runtime.js";

/** Storage below this size stays in JS: copying it costs little and the registry has a per-object cost. */
export const RESIDENT_MIN_BYTES = 64 * 1024;

function defaultBudget(): number {
  const mb = Number(process.env.DEEPROB_HEAP_MB);
  if (process.env.DEEPROB_HEAP_MB !== undefined && Number.isFinite(mb) && mb >= 0) return mb * 2 ** 20;
  return Math.min(2 * 2 ** 30, os.totalmem() / 4);
}

let budget = defaultBudget();
let residentBytes = 0;

const registry = new FinalizationRegistry<{ addr: number; bytes: number }>(({ addr, bytes }) => {
  residentBytes -= bytes;
  heap().release(addr);
});

// V8 schedules garbage collection by the memory it knows about; a view into wasm memory looks
// like a few bytes, so dead tensors would pile up to the budget before a collection. Each view
// carries a never-touched buffer of its size (capped, below) that V8 counts as external memory,
// so collections come about as often as for ordinary arrays. allocUnsafeSlow, not new
// ArrayBuffer: it mallocs without zero-filling, where calloc memsets reused heap chunks (below
// glibc's 32 MB mmap threshold that costs 0.2-3 ms per 8 MB, measured in the W4 CNN step).
// The ballast is capped at BALLAST_CAP: V8 runs a full collection for every 64 MB of new
// external memory, so a full-size ballast made each 4096x4096 tensor (64 MiB) cost one full GC
// (~9 ms with its side effects, on the critical path of both threads); capped, one GC per two.
// Measured: 60 cells of 4096x4096 randn + mul_ 14% faster, the W1 study ~8%; the price is
// later reclamation: 100 cells of 4096x4096 randn peak at 384 MB resident instead of 192 (a
// 16 MiB cap: 640).
const BALLAST_CAP = 32 * 2 ** 20;
const ballast = new WeakMap<object, Buffer>();

// A resident view's subarrays must keep it (and so its block) alive: V8 only keeps the buffer
// alive, and the buffer here is all of wasm memory.
const parents = new WeakMap<object, object>();
function residentSubarray(this: Float32Array, begin?: number, end?: number): Float32Array {
  const v = Float32Array.prototype.subarray.call(this, begin, end) as Float32Array;
  parents.set(v, this);
  Object.defineProperty(v, "subarray", { value: residentSubarray });
  return v;
}

/**
 * A float32 array of `n` elements in wasm memory, zero-filled when `zero`, or null when it is
 * small, wasm is unavailable, or the resident budget is spent (the caller then uses `new
 * Float32Array(n)`).
 * @example residentFloat32(1 << 20, true)?.length // 1048576
 */
export function residentFloat32(n: number, zero: boolean): Float32Array | null {
  const bytes = n * 4;
  if (bytes < RESIDENT_MIN_BYTES || residentBytes + bytes > budget || runtime() === null) return null;
  const h = heap(), addr = h.alloc(bytes);
  if (addr < 0) return null;
  const view = new Float32Array(memoryBuffer(), addr, n);
  if (zero && !h.fresh) view.fill(0);
  residentBytes += bytes;
  registry.register(view, { addr, bytes });
  ballast.set(view, Buffer.allocUnsafeSlow(Math.min(bytes, BALLAST_CAP)));
  Object.defineProperty(view, "subarray", { value: residentSubarray });
  return view;
}

/**
 * Sets how many bytes of tensor storage may live in wasm memory (default: a quarter of RAM, at
 * most 2 GiB; environment DEEPROB_HEAP_MB). 0 keeps every tensor in ordinary JS memory.
 * Memory once used stays with the process (wasm memory cannot shrink), like a caching allocator.
 * @example setResidentBudget(512 * 2 ** 20)
 */
export function setResidentBudget(bytes: number): void {
  if (!(bytes >= 0)) throw new RangeError(`setResidentBudget: expected a byte count >= 0, got ${bytes}`);
  budget = bytes;
}

/** Bytes of tensor storage now resident in wasm memory, and the budget. @example residentStats().bytes // 0 */
export function residentStats(): { bytes: number; budget: number } {
  return { bytes: residentBytes, budget };
}
