// A DataLoader over in-memory tensors, as torch.utils.data.DataLoader(TensorDataset(...)):
// batches of rows, reshuffled every epoch from the generator it was given.
import { Tensor } from "../tensor/tensor.js";
import type { Generator } from "../random/index.js";
import { takeRows } from "./rows.js";

/** Options with PyTorch's names. */
export interface DataLoaderOptions {
  batchSize?: number;
  shuffle?: boolean;
  /** Required when shuffle is true; each epoch draws a fresh permutation from it. */
  rng?: Generator;
  dropLast?: boolean;
  /** Applied to every batch (e.g. an augmentation on the images), with the loader's rng. */
  transform?: (batch: Tensor[], rng: Generator | undefined) => Tensor[];
}

/**
 * Iterates over batches [x, y, ...] of the given tensors (same first dimension).
 * @example for (const [xb, yb] of new DataLoader([X, y], { batchSize: 64, shuffle: true, rng: rng(0) })) { ... }
 */
export class DataLoader implements Iterable<Tensor[]> {
  readonly tensors: readonly Tensor[];
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  private readonly rng: Generator | undefined;
  private readonly transform: DataLoaderOptions["transform"];

  constructor(tensors: readonly Tensor[], options: DataLoaderOptions = {}) {
    if (!Array.isArray(tensors) || tensors.length === 0 || !tensors.every((t) => t instanceof Tensor && t.ndim >= 1)) {
      throw new TypeError(`DataLoader: expected an array of tensors sharing their first dimension, e.g. [X, y]`);
    }
    const n = tensors[0].shape[0];
    tensors.forEach((t, i) => { if (t.shape[0] !== n) throw new RangeError(`DataLoader: tensor ${i} has ${t.shape[0]} rows but tensor 0 has ${n}`); });
    this.tensors = tensors.map((t) => t.contiguous());
    this.batchSize = options.batchSize ?? 1;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError(`DataLoader: batchSize must be a positive integer; got ${this.batchSize}`);
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.rng = options.rng;
    if (this.shuffle && (this.rng === undefined || typeof this.rng.permutation !== "function")) {
      throw new TypeError(`DataLoader: shuffle needs a generator: new DataLoader(data, { shuffle: true, rng: rng(seed) })`);
    }
    this.transform = options.transform;
  }

  /** Number of samples. */
  get numSamples(): number { return this.tensors[0].shape[0]; }

  /** Number of batches per epoch, as len(DataLoader). */
  get length(): number {
    const n = this.numSamples;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<Tensor[]> {
    const n = this.numSamples;
    const order = this.shuffle ? this.rng!.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
    for (let b = 0; b < this.length; b++) {
      const idx = order.subarray(b * this.batchSize, Math.min(n, (b + 1) * this.batchSize));
      const batch = this.tensors.map((t) => takeRows(t, idx, "DataLoader"));
      yield this.transform ? this.transform(batch, this.rng) : batch;
    }
  }

  toString(): string {
    return `DataLoader(samples=${this.numSamples}, batchSize=${this.batchSize}, shuffle=${this.shuffle}, dropLast=${this.dropLast}, batches=${this.length})`;
  }
}
