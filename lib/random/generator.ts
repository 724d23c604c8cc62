// The seeded, splittable random generator every random function in lib takes explicitly
// (STYLE rule 6): `rng(seed)`, as NumPy's `default_rng(seed)`.
import { nextU32 } from "../kernels/xoshiro.js";
import { normal32, normal64, u53 } from "../kernels/fill-js.js";
import { fillNormalBlocks, fillUniformBlocks } from "../kernels/fill.js";
import { fromSeed, fromSpawn, type SeedMaterial } from "./seed.js";
import { beta, gamma, integers, shuffle } from "./sampling.js";

/** A generator's complete state; plain JSON, so it can be saved with a checkpoint. */
export interface GeneratorState {
  readonly bitGenerator: "xoshiro128**";
  /** The four 32-bit words of the xoshiro128** state. */
  readonly state: readonly number[];
  /** The 128-bit key children are spawned from. */
  readonly key: readonly number[];
  /** How many children have been spawned so far. */
  readonly spawned: number;
}

/** Float arrays the fill methods write into. */
export type FloatArray = Float32Array | Float64Array;

function checkFloatArray(op: string, out: unknown): asserts out is FloatArray {
  if (!(out instanceof Float32Array || out instanceof Float64Array)) {
    const got = out === null ? "null" : typeof out === "object" ? (out as object).constructor?.name : typeof out;
    throw new TypeError(`${op}: expected a Float32Array or Float64Array to fill, got ${got}`);
  }
}

function checkFinite(op: string, name: string, v: number): void {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`${op}: ${name} must be a finite number, got ${v}`);
}

/**
 * A xoshiro128** generator with a 128-bit key for spawning. Scalar draws use the main stream;
 * fills draw a 64-bit key from it and generate fixed-size blocks from derived streams, so a
 * fill's bytes never depend on the worker-thread count.
 */
export class Generator {
  /** @internal the live xoshiro128** state */
  readonly s = new Uint32Array(4);
  private key: number[];
  private spawned = 0;

  /** @internal use `rng(seed)` */
  constructor(material: SeedMaterial) {
    this.s.set(material.state);
    this.key = material.key.slice();
  }

  /** Next raw unsigned 32-bit output. @example rng(0).nextUint32() // an integer in [0, 2^32) */
  nextUint32(): number {
    return nextU32(this.s);
  }

  /** A float64 in [0, 1) with 53 random bits. @example rng(0).random() // 0 <= x < 1 */
  random(): number {
    return u53(this.s);
  }

  /** A float64 uniform in [low, high). @example rng(0).uniform(-1, 1) */
  uniform(low = 0, high = 1): number {
    checkFinite("uniform", "low", low);
    checkFinite("uniform", "high", high);
    const x = low + (high - low) * u53(this.s);
    return x >= high && high > low ? high - (high - low) * Number.EPSILON : x;
  }

  /** A normal variate (ziggurat, 52-bit magnitude). @example rng(0).normal() // standard normal */
  normal(mean = 0, std = 1): number {
    checkFinite("normal", "mean", mean);
    checkFinite("normal", "std", std);
    if (std < 0) throw new RangeError(`normal: std must be >= 0, got ${std}`);
    return mean + std * normal64(this.s);
  }

  /** A float32-resolution standard normal (one 32-bit draw on the fast path). @internal */
  normal32(): number {
    return normal32(this.s);
  }

  /**
   * A uniform integer in [low, high) (high exclusive, as NumPy); `integers(n)` is [0, n).
   * @example rng(0).integers(0, 6) // a die face minus one
   */
  integers(low: number, high?: number): number {
    if (high === undefined) { high = low; low = 0; }
    return integers(this, low, high);
  }

  /** 1 with probability p, else 0 (as torch.bernoulli). @example rng(0).bernoulli(0.5) // 0 or 1 */
  bernoulli(p: number): number {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli: p must be in [0, 1], got ${p}`);
    return u53(this.s) < p ? 1 : 0;
  }

  /** Gamma(shape, scale) by Marsaglia & Tsang (2000). @example rng(0).gamma(2) // mean 2 */
  gamma(shape: number, scale = 1): number {
    return gamma(this, shape, scale);
  }

  /** Beta(a, b) (Joehnk's method when a, b <= 1, as NumPy). @example rng(0).beta(0.2, 0.2) // mixup weight */
  beta(a: number, b: number): number {
    return beta(this, a, b);
  }

  /** Exponential(scale) by inversion. @example rng(0).exponential(1) // mean 1 */
  exponential(scale = 1): number {
    checkFinite("exponential", "scale", scale);
    if (scale < 0) throw new RangeError(`exponential: scale must be >= 0, got ${scale}`);
    return -scale * Math.log1p(-u53(this.s));
  }

  /**
   * Fills `out` with uniforms in [low, high) and returns it (24 random bits per float32,
   * 53 per float64). Advances this generator by two outputs whatever out.length is.
   * @example rng(0).fillUniform(new Float32Array(4), -1, 1)
   */
  fillUniform<T extends FloatArray>(out: T, low = 0, high = 1): T {
    checkFloatArray("fillUniform", out);
    checkFinite("fillUniform", "low", low);
    checkFinite("fillUniform", "high", high);
    if (high < low) throw new RangeError(`fillUniform: expected low <= high, got low=${low}, high=${high}`);
    fillUniformBlocks(out, nextU32(this.s), nextU32(this.s), low, high);
    return out;
  }

  /**
   * Fills `out` with normals of the given mean and std and returns it (ziggurat; float32
   * fills use one 32-bit draw per value on the fast path). Large fills run on two threads
   * with identical bytes. Advances this generator by two outputs whatever out.length is.
   * @example rng(0).fillNormal(new Float32Array(16 * 4096)) // randn
   */
  fillNormal<T extends FloatArray>(out: T, mean = 0, std = 1): T {
    checkFloatArray("fillNormal", out);
    checkFinite("fillNormal", "mean", mean);
    checkFinite("fillNormal", "std", std);
    if (std < 0) throw new RangeError(`fillNormal: std must be >= 0, got ${std}`);
    fillNormalBlocks(out, nextU32(this.s), nextU32(this.s), mean, std);
    return out;
  }

  /** A random permutation of 0..n-1. @example rng(0).permutation(5) // e.g. Int32Array [3, 0, 4, 1, 2] */
  permutation(n: number): Int32Array {
    if (!Number.isSafeInteger(n) || n < 0 || n > 2 ** 31 - 1) throw new RangeError(`permutation: n must be an integer in [0, 2^31), got ${n}`);
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return shuffle(this, p);
  }

  /** Shuffles an array or typed array in place (Fisher-Yates) and returns it. @example rng(0).shuffle([1, 2, 3]) */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    return shuffle(this, array);
  }

  /**
   * `n` independent child generators; this generator's own stream is not advanced (as
   * NumPy's spawn). Children are derived from (key, spawn counter), so the i-th spawn is
   * always the same child.
   * @example const [a, b] = rng(0).spawn(2); // one per data-loader worker
   */
  spawn(n: number): Generator[] {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`spawn: n must be a non-negative integer, got ${n}`);
    const out: Generator[] = [];
    for (let i = 0; i < n; i++) out.push(new Generator(fromSpawn(this.key, this.spawned++)));
    return out;
  }

  /** The full state as plain JSON. @example const st = g.getState(); g.random(); g.setState(st); // replays */
  getState(): GeneratorState {
    return { bitGenerator: "xoshiro128**", state: Array.from(this.s), key: this.key.slice(), spawned: this.spawned };
  }

  /** Restores a state from getState(). @example g.setState(saved) */
  setState(state: GeneratorState): void {
    const words = (w: unknown) => Array.isArray(w) && w.length === 4 && w.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32);
    if (state === null || typeof state !== "object" || state.bitGenerator !== "xoshiro128**" || !words(state.state) || !words(state.key)
        || !Number.isSafeInteger(state.spawned) || state.spawned < 0 || state.state.every((x) => x === 0)) {
      throw new TypeError(`setState: expected { bitGenerator: "xoshiro128**", state: 4 uint32 (not all 0), key: 4 uint32, spawned: integer >= 0 }, got ${JSON.stringify(state)}`);
    }
    this.s.set(state.state);
    this.key = state.key.slice();
    this.spawned = state.spawned;
  }

  /** An independent copy with the same state. @example const g2 = g.clone(); g.random() === g2.random() // true */
  clone(): Generator {
    const g = new Generator({ key: this.key, state: Array.from(this.s) });
    g.spawned = this.spawned;
    return g;
  }

  toString(): string {
    return `Generator(xoshiro128**, state=[${Array.from(this.s, (w) => "0x" + w.toString(16).padStart(8, "0")).join(", ")}])`;
  }
}

/**
 * A new generator from a seed (non-negative integer), as NumPy's `default_rng(seed)`.
 * @example const g = rng(42); g.normal(); // the same value on every machine
 */
export function rng(seed: number | bigint): Generator {
  return new Generator(fromSeed(seed));
}
