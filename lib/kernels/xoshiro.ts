// xoshiro128** (Blackman & Vigna 2018) and the 32-bit mixer that derives independent
// block streams. Shared by lib/random (the Generator) and the fill kernels; the AssemblyScript
// twin in lib/kernels/wasm/rng.ts must stay bit-identical to these functions.

/** Golden-ratio increment (Weyl sequence), as in SplitMix. */
const GOLDEN = 0x9e3779b9;

/**
 * A strong 32-bit finaliser ("lowbias32", Wellons' hash-prospector): every input bit
 * affects every output bit, so consecutive block indices give unrelated seeds.
 * @example mix32(0) // 0 ; mix32(1) // 0x8ebb7c03 style avalanche, never equal to 1
 */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  x ^= x >>> 15;
  return x >>> 0;
}

/**
 * The xoshiro128** state of block `block` of a fill keyed by (k0, k1), written into `out`
 * (4 words). Each block of a large fill has its own stream, so the bytes of a fill do not
 * depend on how blocks are split across threads.
 * @example const s = new Uint32Array(4); blockState(1, 2, 0, s); // s is a non-zero state
 */
export function blockState(k0: number, k1: number, block: number, out: Uint32Array): void {
  const h = mix32(k0 ^ mix32(k1 ^ mix32((block ^ 0x85ebca6b) >>> 0)));
  let any = 0;
  for (let i = 0; i < 4; i++) {
    out[i] = mix32((h + Math.imul(i + 1, GOLDEN)) >>> 0);
    any |= out[i];
  }
  // The all-zero state is xoshiro's one fixed point; a hash hitting it is astronomically
  // unlikely, but the guard is free.
  if (any === 0) out[0] = 1;
}

/**
 * Advances a xoshiro128** state held in a Uint32Array(4) and returns the next output.
 * Hot loops inline this step on local variables instead (see ziggurat.ts).
 * @example const s = Uint32Array.of(1, 2, 3, 4); nextU32(s) // 11520 (reference C output)
 */
export function nextU32(s: Uint32Array): number {
  const s0 = s[0], s1 = s[1];
  const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  let s2 = s[2] ^ s0, s3 = s[3] ^ s1;
  s[1] = s1 ^ s2;
  s[0] = s0 ^ s3;
  s2 ^= t;
  s3 = rotl(s3, 11);
  s[2] = s2;
  s[3] = s3;
  return r;
}

/** 32-bit rotate left. */
export function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];

/**
 * Advances the state by 2^64 steps (the reference `jump()`), giving a non-overlapping
 * subsequence: 2^64 outputs separate the two streams.
 * @example const s = Uint32Array.of(1, 2, 3, 4); jump(s); // s now 2^64 outputs ahead
 */
export function jump(s: Uint32Array): void {
  let a = 0, b = 0, c = 0, d = 0;
  for (const word of JUMP) {
    for (let bit = 0; bit < 32; bit++) {
      if ((word >>> bit) & 1) { a ^= s[0]; b ^= s[1]; c ^= s[2]; d ^= s[3]; }
      nextU32(s);
    }
  }
  s[0] = a; s[1] = b; s[2] = c; s[3] = d;
}
