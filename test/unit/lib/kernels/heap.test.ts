import { describe, expect, it } from "vitest";
import { ALIGN, Heap } from "../../../../lib/kernels/heap.js";

// A stand-in memory with the WebAssembly.Memory surface the heap uses (grow in 64 KiB pages).
function fakeMemory(pages = 1): { buffer: ArrayBuffer; grow(n: number): number; grows: number } {
  return {
    buffer: new ArrayBuffer(pages * 65536),
    grows: 0,
    grow(n: number) { const old = this.buffer.byteLength / 65536; this.buffer = new ArrayBuffer((old + n) * 65536); this.grows++; return old; },
  };
}

describe("Heap: the block allocator over wasm memory", () => {
  it("hands out aligned, disjoint blocks from the base up and grows memory when needed", () => {
    const mem = fakeMemory(), h = new Heap(mem, 1024, 1 << 30);
    const a = h.alloc(10), b = h.alloc(100_000), c = h.alloc(1);
    expect([a, b, c]).toEqual([1024, 1024 + ALIGN, 1024 + ALIGN + Math.ceil(100_000 / ALIGN) * ALIGN]);
    expect(mem.buffer.byteLength).toBeGreaterThanOrEqual(c + ALIGN);
    expect(h.usedBytes).toBe(ALIGN + Math.ceil(100_000 / ALIGN) * ALIGN + ALIGN);
    expect(h.fresh).toBe(true);
  });

  it("reuses freed blocks best-fit, splits them, and says they are not fresh (not zero)", () => {
    const h = new Heap(fakeMemory(), 0, 1 << 30);
    const a = h.alloc(4096), b = h.alloc(1024), c = h.alloc(2048); h.alloc(64);
    h.release(a); h.release(c);
    // 1500 bytes fit both holes; best fit is c's 2048, not a's 4096.
    expect(h.alloc(1500)).toBe(c);
    expect(h.fresh).toBe(false);
    // The rest of c's hole (2048 - 1536 = 512) is still free for a small request.
    expect(h.alloc(512)).toBe(c + 1536);
    expect(b).toBe(4096);
  });

  it("coalesces neighbours on release, so a freed run serves one larger request", () => {
    const h = new Heap(fakeMemory(), 0, 1 << 30);
    const a = h.alloc(1024), b = h.alloc(1024), c = h.alloc(1024); h.alloc(64);
    h.release(a); h.release(c); h.release(b);
    expect(h.alloc(3072)).toBe(a);
    expect(h.usedBytes).toBe(3072 + 64);
  });

  it("extends a free block at the top instead of leaving it stranded", () => {
    const mem = fakeMemory(), h = new Heap(mem, 0, 1 << 30);
    h.alloc(1024); const b = h.alloc(1024);
    h.release(b);
    expect(h.alloc(4096)).toBe(b);
  });

  it("returns -1 past its limit instead of throwing, and throws on a double release", () => {
    const h = new Heap(fakeMemory(), 0, 2 * 65536);
    const a = h.alloc(65536);
    expect(h.alloc(2 * 65536)).toBe(-1);
    h.release(a);
    expect(() => h.release(a)).toThrow(/unknown block/);
  });
});
