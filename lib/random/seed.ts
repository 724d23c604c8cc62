// Seeding: a user seed (or a parent key plus a spawn counter) is hashed with SplitMix64, the
// seeder the xoshiro authors recommend, into a 128-bit key (for spawning) and a 128-bit
// xoshiro128** state. BigInt is fine here: this runs once per generator, never per draw.

const MASK64 = (1n << 64n) - 1n;

function splitmix64(x: bigint): bigint {
  let z = (x + 0x9e3779b97f4a7c15n) & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** A generator's key (for spawning) and initial xoshiro128** state, 4 unsigned 32-bit words each. */
export interface SeedMaterial {
  key: number[];
  state: number[];
}

/** Folds 64-bit chunks through SplitMix64 into one 64-bit digest. */
function digest(chunks: bigint[]): bigint {
  let h = 0x243f6a8885a308d3n; // pi's fraction: a nothing-up-my-sleeve start
  for (const c of chunks) h = splitmix64(h ^ (c & MASK64));
  return h;
}

/** Expands a 64-bit digest into key and state words (SplitMix64 outputs 1-2 and 3-4). */
function expand(h: bigint): SeedMaterial {
  const words: number[] = [];
  let x = h;
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    const z = splitmix64(x);
    words.push(Number(z & 0xffffffffn), Number(z >> 32n));
  }
  const state = words.slice(4);
  if (!state.some((w) => w !== 0)) state[0] = 1; // xoshiro's one forbidden state
  return { key: words.slice(0, 4), state };
}

/**
 * Seed material for a user seed: a non-negative integer (number up to 2^53 - 1, or bigint
 * of any size).
 * @example fromSeed(42).state.length // 4
 */
export function fromSeed(seed: number | bigint): SeedMaterial {
  let big: bigint;
  if (typeof seed === "number") {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`rng: seed must be a non-negative integer (at most 2^53 - 1, or a bigint), got ${seed}`);
    }
    big = BigInt(seed);
  } else if (typeof seed === "bigint") {
    if (seed < 0n) throw new RangeError(`rng: seed must be a non-negative integer, got ${seed}n`);
    big = seed;
  } else {
    throw new TypeError(`rng: seed must be a non-negative integer (number or bigint), got ${typeof seed}`);
  }
  const chunks: bigint[] = [];
  do { chunks.push(big & MASK64); big >>= 64n; } while (big > 0n);
  return expand(digest(chunks));
}

/**
 * Seed material for child `index` spawned from a parent key: children of one parent, and
 * of different parents, get unrelated streams (NumPy's SeedSequence.spawn in spirit).
 * @example fromSpawn([1, 2, 3, 4], 0).key // differs from fromSpawn([1, 2, 3, 4], 1).key
 */
export function fromSpawn(key: readonly number[], index: number): SeedMaterial {
  const k = key.map((w) => BigInt(w >>> 0));
  // Tag 1 keeps spawn digests apart from seed digests of the same numbers.
  return expand(digest([k[0] | (k[1] << 32n), k[2] | (k[3] << 32n), BigInt(index), 1n]));
}
