// The fused CIFAR recipe (batched.ts) through the wasm kernel (lib/kernels/wasm/augment.as),
// split by image between this thread and the worker. Parameters are drawn before this runs, so
// the bytes are the same for one or two threads, and the same as the JS path (tests pin both).
import type { CropFlipJitterParams } from "./batched.js";
import { addressOf, alloc, f32, f64, resetArena, runtime, u8 } from "../kernels/runtime.js";
import { residentFloat32 } from "../kernels/resident.js";
import { runPair, workerReady } from "../kernels/pool.js";

/** f64 values per image in the kernel's parameter block (wasm/augment.as NP). */
const NP = 6;
/** Scratch bytes per thread (wasm/augment.as AUGMENT_SCRATCH). */
const SCRATCH = 8192;
/** Below this many images one thread does it all (a worker wake-up costs tens of microseconds, an image ~5 us). */
const MIN_THREAD_IMAGES = 64;
/** Images per claimed block: 16 CIFAR outputs are 192 KiB, still in the L2 cache when copied out. */
const BLOCK = 16;
/** Wasm memory one pass may take (source + output); a CIFAR batch of up to 2184 images is one pass. */
const MAX_CHUNK_BYTES = 32 << 20;

/**
 * A Float32Array whose memory is not zeroed first (every element is written below). Measured here:
 * `new Float32Array(3M)` is calloc'd and most calls fault in fresh zero pages (5-8 ms of system
 * time per 12 MB batch on this VM, more than the kernel itself); malloc'd memory from
 * Buffer.allocUnsafeSlow is more often reused from freed earlier batches (GC timing decides).
 */
function uninitializedF32(len: number): Float32Array {
  return new Float32Array(Buffer.allocUnsafeSlow(len * 4).buffer, 0, len);
}

/**
 * Runs the kernel on `n` images (uint8 HWC, `side` square, contiguous from `src[so]`) into a new
 * float32 array, or into `target.data` from `target.offset` (returned either way); null when this
 * engine has no wasm SIMD, so the caller runs the JS reference.
 * All data movement is here: copy the batch and parameters in, compute, copy the result out.
 *
 * With two threads, both claim blocks of images from one atomic counter, and this thread also
 * copies finished blocks out (only it can write the JS result array): copying out a fresh 12 MB
 * array costs about as much as computing it, so a fixed half/half split would leave the worker idle.
 */
export function cropFlipJitterWasm(src: Uint8Array, so: number, n: number, side: number, params: CropFlipJitterParams,
  target?: { data: Float32Array; offset: number }): Float32Array | null {
  if (runtime() === null) return null;
  const inPer = side * side * 3, per = params.size * params.size * 3;
  // A new output lives in wasm memory when the resident budget allows (the kernel then writes
  // it in place, and reused heap blocks fault in no pages); else uninitialized JS memory.
  const out = target?.data ?? residentFloat32(n * per, false) ?? uninitializedF32(n * per), base = target?.offset ?? 0;
  // Chunks bound the wasm memory a call takes (it never shrinks): all of CIFAR's 50k images at
  // once would otherwise keep ~770 MB.
  const chunk = Math.max(1, Math.floor(MAX_CHUNK_BYTES / (inPer + 4 * per)));
  for (let i0 = 0; i0 < n; i0 += chunk) runChunk(src, so + i0 * inPer, i0, Math.min(chunk, n - i0), side, params, out, base);
  return out;
}

// Images [i0, i0 + n) (source from src[so]) into out[base + i0 * per ...).
function runChunk(src: Uint8Array, so: number, i0: number, n: number, side: number, params: CropFlipJitterParams, out: Float32Array, base: number): void {
  const rt = runtime()!;
  const S = params.size, inPer = side * side * 3, per = S * S * 3, blocks = Math.ceil(n / BLOCK), o0 = base + i0 * per;
  resetArena();
  const resident = addressOf(out);
  const pSrc = alloc(n * inPer), pPar = alloc(n * NP * 8), pOut = resident >= 0 ? resident + o0 * 4 : alloc(n * per * 4), pScr = alloc(2 * SCRATCH);
  const pCtl = alloc(4 * (1 + blocks));
  u8().set(src.subarray(so, so + n * inPer), pSrc);
  const P = f64(), q = pPar >>> 3;
  for (let i = 0; i < n; i++) {
    const r = q + i * NP, j = i0 + i;
    P[r] = params.top[j]; P[r + 1] = params.left[j]; P[r + 2] = params.flip[j]; P[r + 3] = params.brightnessFirst[j];
    P[r + 4] = params.brightness[j]; P[r + 5] = params.contrast[j];
  }
  const kernel = rt.exports.crop_flip_jitter_u8 as (...a: number[]) => void;
  const mem = f32();
  // ctl[0]: next unclaimed block; ctl[1 + b]: block b done
  const ctl = new Int32Array(rt.memory.buffer, pCtl, 1 + blocks).fill(0);
  const compute = (b: number): void => {
    kernel(pSrc, side, S, params.padding, pPar, b * BLOCK, Math.min(n, (b + 1) * BLOCK), pOut, pScr);
    Atomics.store(ctl, 1 + b, 1);
  };
  const copyOut = (b: number): void => {
    if (resident >= 0) return; // written in place
    const e0 = b * BLOCK * per, e1 = Math.min(n, (b + 1) * BLOCK) * per;
    out.set(mem.subarray((pOut >>> 2) + e0, (pOut >>> 2) + e1), o0 + e0);
  };
  const shared = (): void => {
    for (let next = 0; next < blocks;) {
      if (Atomics.load(ctl, 1 + next) === 1) { copyOut(next++); continue; }
      const b = Atomics.add(ctl, 0, 1);
      if (b < blocks) { compute(b); continue; }
      // the worker holds block `next`; if it has failed, do the block here (same bytes)
      if (Atomics.wait(ctl, 1 + next, 0, 50) === "timed-out" && !workerReady()) compute(next);
    }
  };
  if (n >= MIN_THREAD_IMAGES && workerReady()) {
    runPair(["crop_flip_jitter_claim", pSrc, side, S, params.padding, pPar, n, BLOCK, pOut, pScr + SCRATCH, pCtl], shared);
  } else {
    shared();
  }
}
