// A block allocator over the wasm memory above its fixed area. Two users: resident tensor
// storage (resident.ts; freed when the tensor is garbage-collected) and the per-call scratch
// arena (runtime.ts). Blocks are few and large, so a sorted free list with best fit and
// coalescing is plenty; freed memory stays mapped, so reusing it costs no page faults (on this
// VM a fresh 64 MB costs ~45 ms of faults, as much as filling it with normals).
import type { WasmMemory } from "./wasm-api.js";

const PAGE = 65536;
/** Block alignment and size granularity: a cache line (and a multiple of every SIMD width). */
export const ALIGN = 64;

interface Span { addr: number; size: number }

/** A first-class heap over `memory` from byte `base` up; `limit` caps the memory it may grow to. */
export class Heap {
  private readonly free: Span[] = [];
  private readonly used = new Map<number, number>();
  private top: number;
  /** Whether the last alloc came from never-used memory (which WebAssembly guarantees is zero). */
  fresh = false;

  constructor(private readonly memory: WasmMemory, base: number, private readonly limit: number) {
    this.top = base;
  }

  /** Bytes currently handed out. */
  get usedBytes(): number {
    let s = 0;
    for (const v of this.used.values()) s += v;
    return s;
  }

  /** Allocates `bytes` (rounded up to ALIGN); returns the byte address, or -1 if memory cannot grow enough. */
  alloc(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const f = this.free[i];
      if (f.size >= size && (best < 0 || f.size < this.free[best].size)) best = i;
    }
    if (best >= 0) {
      const f = this.free[best], addr = f.addr;
      let got = f.size;
      if (f.size - size >= ALIGN) { f.addr += size; f.size -= size; got = size; } else this.free.splice(best, 1);
      this.used.set(addr, got);
      this.fresh = false;
      return addr;
    }
    // No free block fits: take from the top, reusing a free block that ends there.
    const last = this.free[this.free.length - 1];
    const start = last && last.addr + last.size === this.top ? last.addr : this.top;
    if (!this.reserve(start + size)) return -1;
    if (start !== this.top) this.free.pop();
    this.fresh = start === this.top;
    this.top = start + size;
    this.used.set(start, size);
    return start;
  }

  /** Returns a block from alloc to the heap. Freeing an unknown address is a bug and throws. */
  release(addr: number): void {
    const size = this.used.get(addr);
    if (size === undefined) throw new Error(`kernels heap: release of unknown block ${addr}`);
    this.used.delete(addr);
    let lo = 0, hi = this.free.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.free[mid].addr < addr) lo = mid + 1; else hi = mid; }
    const span: Span = { addr, size };
    this.free.splice(lo, 0, span);
    const next = this.free[lo + 1];
    if (next && span.addr + span.size === next.addr) { span.size += next.size; this.free.splice(lo + 1, 1); }
    const prev = this.free[lo - 1];
    if (prev && prev.addr + prev.size === span.addr) { prev.size += span.size; this.free.splice(lo, 1); }
  }

  // Grows the memory to hold `end` bytes; false past the limit or when the engine refuses.
  private reserve(end: number): boolean {
    if (end > this.limit) return false;
    const have = this.memory.buffer.byteLength;
    if (end <= have) return true;
    // Grow in steps of at least 1/8 of the current size: fewer grow calls, bounded waste.
    const want = Math.min(this.limit, Math.max(end, have + have / 8));
    try {
      this.memory.grow(Math.ceil((want - have) / PAGE));
      return true;
    } catch {
      try {
        this.memory.grow(Math.ceil((end - have) / PAGE));
        return true;
      } catch {
        return false;
      }
    }
  }
}
