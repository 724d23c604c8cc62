// The slice of the WebAssembly JS API the runtime uses. The project compiles with lib ES2022
// only (no DOM typings, where TypeScript declares WebAssembly), so it is typed here instead of
// widening the shared tsconfig.

/** A compiled module (structured-cloneable to worker threads). */
export interface WasmModule { readonly __brand?: "WebAssembly.Module" }

/** A (shared) linear memory. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

interface WasmApi {
  Module: { new (bytes: Uint8Array): WasmModule; exports(m: WasmModule): { name: string; kind: string }[] };
  Instance: new (m: WasmModule, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
}

/** globalThis.WebAssembly, typed. */
export const WA: WasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
