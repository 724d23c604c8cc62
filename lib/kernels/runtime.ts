// The WebAssembly runtime: one shared WA.Memory, an instance on this thread, and
// (pool.ts) one worker thread with its own instance over the same memory.
//
// Data movement, decided by measurement (see lib/kernels/README.md): tensors stay ordinary JS
// typed arrays. GEMM copies its operands into wasm memory (O(mk + kn) next to O(mkn) work, and
// it packs them anyway); maps, reductions and fills stream through wasm memory in chunks that
// stay in cache, so the extra copies cost little next to the main-memory traffic.
import * as v8 from "node:v8";
import { RELAXED_SIMD_WASM, SIMD_WASM } from "./wasm-bytes.generated.js";
import { WA, type WasmMemory, type WasmModule } from "./wasm-api.js";
import { ZIG32, ZIG64 } from "./ziggurat.js";
import { Heap } from "./heap.js";

/** The functions the AssemblyScript module exports (pointers are byte addresses). */
export interface KernelExports {
  gemm_f32(m: number, k: number, a: number, ars: number, acs: number, b: number, brs: number, bcs: number,
    c: number, ldc: number, n0: number, n1: number, ap: number, bp: number, tile: number): void;
  [name: string]: (...args: number[]) => number | void;
}

const PAGE = 65536;
/** Bytes below this are the module's own (stub runtime, no data segments); fixed tables follow. */
export const TABLES = 64 * 1024;
/** An i32 the GEMM worker waits on: rows of B copied so far (pipelined copy-in). */
export const READY = 120 * 1024;
/** An i32 the worker sets to 1 when a job fails, so that a kernel spinning on the worker's progress stops (traps) instead of hanging. */
export const WORKER_FAILED = READY + 4;
/** Per-thread fixed scratch (GEMM A panel block and edge tile): 2 x 256 KiB after the tables. */
export const SCRATCH = [128 * 1024, 384 * 1024];
/** Start of the heap (resident tensors and the per-call scratch arena). */
const HEAP_BASE = 1024 * 1024;
/** The memory's maximum (65535 pages: the most a 32-bit memory may declare), also the heap's limit. */
const MAX_PAGES = 65535;
/** The arena keeps one chunk of this size between calls; larger needs take extra chunks, freed at the next call. */
const ARENA_CHUNK = 8 << 20;

/** Host functions the module imports: V8's own Math, so wasm and JS slow paths agree bit for bit. */
export const HOST_IMPORTS = { exp: Math.exp, log1p: Math.log1p };

export interface Runtime {
  readonly module: WasmModule;
  readonly memory: WasmMemory;
  readonly exports: KernelExports;
  /** Whether the module uses relaxed-SIMD fused multiply-add. */
  readonly relaxed: boolean;
}

let rt: Runtime | null | undefined;
let theHeap: Heap;
/** Every buffer object the memory has handed out (a new one after each growth): views over them are resident. */
const memoryBuffers = new WeakSet<object>();

function compile(): { module: WasmModule; relaxed: boolean } {
  // Node 20 gates relaxed SIMD behind a V8 flag. Setting it at run time affects only modules
  // compiled afterwards; if the flag or the engine refuses, fall back to plain SIMD mul + add.
  const relaxedBytes = Buffer.from(RELAXED_SIMD_WASM, "base64");
  if (process.env.DEEPROB_WASM_RELAXED !== "0") {
    try {
      if (!WA.validate(relaxedBytes)) v8.setFlagsFromString("--experimental-wasm-relaxed-simd");
      if (WA.validate(relaxedBytes)) return { module: new WA.Module(relaxedBytes), relaxed: true };
    } catch { /* fall through to plain SIMD */ }
  }
  return { module: new WA.Module(Buffer.from(SIMD_WASM, "base64")), relaxed: false };
}

/** The runtime, created on first use; null when this engine has no WebAssembly SIMD. */
export function runtime(): Runtime | null {
  if (rt !== undefined) return rt;
  try {
    const { module, relaxed } = compile();
    const memory = new WA.Memory({ initial: 64, maximum: MAX_PAGES, shared: true });
    const instance = new WA.Instance(module, { env: { memory, abort: () => { throw new Error("wasm abort"); } }, host: HOST_IMPORTS });
    rt = { module, memory, exports: instance.exports as unknown as KernelExports, relaxed };
    theHeap = new Heap(memory, HEAP_BASE, MAX_PAGES * PAGE);
    // The ziggurat tables, once, where wasm/rng.as reads them (memory is shared by all threads).
    const tab = new Float64Array(memory.buffer, TABLES, 6 * 256);
    [ZIG32.k, ZIG32.w, ZIG32.f, ZIG64.k, ZIG64.w, ZIG64.f].forEach((t, i) => tab.set(t, i * 256));
    // (k32[i], w32[i]) interleaved after them: the SIMD normal fill loads a lane's pair at once.
    const kw = new Float64Array(memory.buffer, TABLES + 6 * 2048, 2 * 256);
    for (let i = 0; i < 256; i++) { kw[2 * i] = ZIG32.k[i]; kw[2 * i + 1] = ZIG32.w[i]; }
  } catch {
    rt = null;
  }
  return rt;
}

// Typed views over all of wasm memory, one per element type, recreated after growth (a grown
// shared memory hands out a new, longer buffer object).
const views = new Map<Function, ArrayBufferView>();
function wholeMemory<T extends ArrayBufferView>(C: new (buffer: ArrayBufferLike) => T): T {
  const buf = rt!.memory.buffer;
  let v = views.get(C) as T | undefined;
  if (v === undefined || v.buffer !== buf || v.byteLength !== buf.byteLength) { v = new C(buf); views.set(C, v); }
  return v;
}

/** A Float32Array over all of wasm memory. */
export function f32(): Float32Array<ArrayBufferLike> {
  return wholeMemory(Float32Array);
}

/** A Float64Array over all of wasm memory. */
export function f64(): Float64Array<ArrayBufferLike> {
  return wholeMemory(Float64Array);
}

/** A Uint8Array over all of wasm memory. */
export function u8(): Uint8Array<ArrayBufferLike> {
  return wholeMemory(Uint8Array);
}

/** The heap over wasm memory (call runtime() first and check it is not null). */
export function heap(): Heap {
  return theHeap;
}

/** The current buffer of wasm memory, remembered so that views over it are known to be resident. */
export function memoryBuffer(): ArrayBufferLike {
  const buf = rt!.memory.buffer;
  memoryBuffers.add(buf);
  return buf;
}

/**
 * The byte address of `a`'s first element if it is a view into wasm memory (a resident
 * tensor's storage or a subarray of it), else -1.
 * @example addressOf(new Float32Array(4)) // -1
 */
export function addressOf(a: ArrayBufferView): number {
  return memoryBuffers.has(a.buffer) ? a.byteOffset : -1;
}

// The arena: bump allocation in heap chunks. The first chunk is kept between calls; any
// further ones are released at the start of the next call.
const chunks: { addr: number; size: number }[] = [];
let bump = 0, end = 0;

/** Starts a new call's arena: everything allocated by the previous call is released. */
export function resetArena(): void {
  while (chunks.length > 1) theHeap.release(chunks.pop()!.addr);
  bump = chunks.length ? chunks[0].addr : 0;
  end = chunks.length ? chunks[0].addr + chunks[0].size : 0;
}

/** Allocates `bytes` (64-byte aligned) in the arena, growing memory as needed; returns the byte address. */
export function alloc(bytes: number): number {
  let p = Math.ceil(bump / 64) * 64;
  while (chunks.length === 0 || p + bytes > end) {
    const size = chunks.length === 0 ? ARENA_CHUNK : Math.max(bytes, 1 << 20);
    const a = theHeap.alloc(size);
    if (a < 0) {
      throw new RangeError(`kernels: out of WebAssembly memory for a ${(bytes / 2 ** 20).toFixed(1)} MiB scratch buffer (${(theHeap.usedBytes / 2 ** 30).toFixed(2)} GiB in use); drop references to large tensors you no longer need`);
    }
    chunks.push({ addr: a, size });
    p = a;
    end = a + size;
  }
  bump = p + bytes;
  return p;
}
