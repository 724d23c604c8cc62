// Random tensors. Every function takes the generator explicitly (`{ rng }`): same seed, same bytes.
import { allocate, checkDType, isFloat, type DType } from "./dtype.js";
import { checkShape, shapeSize } from "./shape.js";
import { Tensor } from "./tensor.js";
import type { ShapeLike } from "./creation.js";

/**
 * The part of lib/random's Generator these functions use (structural, so any object with these
 * methods works; `rng(seed)` from lib/random is the one to pass).
 */
export interface RandomSource {
  fillNormal(out: Float32Array | Float64Array, mean: number, std: number): unknown;
  fillUniform(out: Float32Array | Float64Array, low: number, high: number): unknown;
  integers(low: number, high: number): number;
}

/** Options of random creation: the generator is required. */
export interface RandomOptions { rng: RandomSource; dtype?: DType }

function floatTensor(shape: ShapeLike, options: RandomOptions | undefined, op: string): Tensor {
  if (!options || typeof options !== "object" || !options.rng || typeof options.rng.fillNormal !== "function") {
    throw new TypeError(`${op}: options.rng is required (a generator from rng(seed)), e.g. ${op}([2, 3], { rng: rng(0) })`);
  }
  const dtype = checkDType(options.dtype ?? "float32", op);
  if (!isFloat(dtype)) throw new TypeError(`${op}: dtype must be float32 or float64; got ${dtype}`);
  const s = checkShape(shape, op);
  return new Tensor(allocate(dtype, shapeSize(s), op, false), s);
}

/**
 * Standard normal samples, as np.random.randn / torch.randn.
 * @example randn([16, 4096], { rng: rng(0) }).shape // [16, 4096]
 */
export function randn(shape: ShapeLike, options: RandomOptions): Tensor {
  const t = floatTensor(shape, options, "randn");
  options.rng.fillNormal(t.data as Float32Array | Float64Array, 0, 1);
  return t;
}

/** Uniform samples in [0, 1), as torch.rand. @example rand([2], { rng: rng(0) }) */
export function rand(shape: ShapeLike, options: RandomOptions): Tensor {
  const t = floatTensor(shape, options, "rand");
  options.rng.fillUniform(t.data as Float32Array | Float64Array, 0, 1);
  return t;
}

/** Normal samples with the given mean and standard deviation. @example normal(0, 0.01, [3, 3], { rng: rng(0) }) */
export function normal(mean: number, std: number, shape: ShapeLike, options: RandomOptions): Tensor {
  if (!(std >= 0)) throw new RangeError(`normal: std must be >= 0; got ${std}`);
  const t = floatTensor(shape, options, "normal");
  options.rng.fillNormal(t.data as Float32Array | Float64Array, mean, std);
  return t;
}

/** Uniform samples in [low, high). @example uniform(-1, 1, [3], { rng: rng(0) }) */
export function uniform(low: number, high: number, shape: ShapeLike, options: RandomOptions): Tensor {
  if (!(high >= low)) throw new RangeError(`uniform: expected low <= high; got low=${low}, high=${high}`);
  const t = floatTensor(shape, options, "uniform");
  options.rng.fillUniform(t.data as Float32Array | Float64Array, low, high);
  return t;
}

/**
 * Integers in [low, high) (high exclusive, as NumPy and PyTorch), int32 by default.
 * @example randint(0, 10, [5], { rng: rng(0) }).dtype // "int32"
 */
export function randint(low: number, high: number, shape: ShapeLike, options: RandomOptions): Tensor {
  if (!options || !options.rng || typeof options.rng.integers !== "function") {
    throw new TypeError(`randint: options.rng is required (a generator from rng(seed)), e.g. randint(0, 10, [5], { rng: rng(0) })`);
  }
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
    throw new RangeError(`randint: expected integers low < high; got low=${low}, high=${high}`);
  }
  const dtype = checkDType(options.dtype ?? "int32", "randint");
  const s = checkShape(shape, "randint");
  const t = new Tensor(allocate(dtype, shapeSize(s), "randint"), s);
  for (let i = 0; i < t.data.length; i++) t.data[i] = options.rng.integers(low, high);
  return t;
}
