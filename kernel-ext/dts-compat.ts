// The library's declarations are emitted by TypeScript 5.9, cells are checked by tslab's
// TypeScript 5.0. Since TS 5.7 typed arrays are generic (`Float32Array<ArrayBuffer>`) and tsc
// writes that into .d.ts; TS 5.0's lib declares them without type parameters, so it reports
// "Type 'Float32Array' is not generic" and the member's type silently becomes an error type.
// Reading our dist .d.ts through this rewrite gives 5.0 the same types it would have written.

const TYPED = "Int8Array|Uint8Array|Uint8ClampedArray|Int16Array|Uint16Array|Int32Array|Uint32Array|Float32Array|Float64Array|BigInt64Array|BigUint64Array|DataView";
const GENERIC_TYPED_ARRAY = new RegExp(`\\b(${TYPED})<\\s*(?:ArrayBuffer|ArrayBufferLike|SharedArrayBuffer)\\s*>`, "g");

/**
 * Removes the buffer type argument of typed arrays (TS >= 5.7 syntax) from declaration text.
 * @example
 * downlevelDeclarations("data: Float32Array<ArrayBuffer>;") // => "data: Float32Array;"
 */
export function downlevelDeclarations(text: string): string {
  return text.replace(GENERIC_TYPED_ARRAY, "$1");
}
