// CIFAR-10, binary version (https://www.cs.toronto.edu/~kriz/cifar.html, cifar-10-binary.tar.gz),
// read from a folder the user names; nothing is downloaded. Each record is 1 label byte then
// 3072 pixel bytes: the 1024 red, then green, then blue values of a 32x32 image, row by row.
import * as fs from "node:fs";
import * as path from "node:path";
import { Tensor } from "../tensor/tensor.js";

export const CIFAR10_CLASSES = Object.freeze(["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]);
export const CIFAR10_TRAIN_FILES = Object.freeze(["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"]);
export const CIFAR10_TEST_FILE = "test_batch.bin";
const RECORD = 1 + 3 * 32 * 32;

/** Images (uint8) and labels (int32) of CIFAR-10. */
export interface CIFAR10 {
  /** [N, 32, 32, 3] (layout "NHWC", default) or [N, 3, 32, 32] ("NCHW"). */
  images: Tensor;
  labels: Tensor;
  classes: readonly string[];
}

/**
 * Parses the records of one binary batch (any number of whole records).
 * @example readCIFAR10Batch(fs.readFileSync("data_batch_1.bin"), "data_batch_1.bin").labels.length // 10000
 */
export function readCIFAR10Batch(bytes: Uint8Array, name = "batch"): { pixelsCHW: Uint8Array; labels: Int32Array } {
  if (bytes.length === 0 || bytes.length % RECORD !== 0) {
    throw new RangeError(`loadCIFAR10: ${name} has ${bytes.length} bytes, not a whole number of ${RECORD}-byte records (1 label byte + 3072 pixel bytes); the file is truncated or not the binary version (a full batch is 30730000 bytes)`);
  }
  const n = bytes.length / RECORD;
  const labels = new Int32Array(n), pixelsCHW = new Uint8Array(n * 3072);
  for (let i = 0; i < n; i++) {
    const label = bytes[i * RECORD];
    if (label > 9) throw new RangeError(`loadCIFAR10: ${name} record ${i} has label ${label}; CIFAR-10 labels are 0..9 (is this CIFAR-100?)`);
    labels[i] = label;
    pixelsCHW.set(bytes.subarray(i * RECORD + 1, (i + 1) * RECORD), i * 3072);
  }
  return { pixelsCHW, labels };
}

/**
 * Loads the training batches (train: true, default) or the test batch from `dir`.
 * @example const { images, labels } = loadCIFAR10("/data/cifar-10-batches-bin"); images.shape // [50000, 32, 32, 3]
 */
export function loadCIFAR10(dir: string, options: { train?: boolean; layout?: "NHWC" | "NCHW"; batches?: readonly number[] } = {}): CIFAR10 {
  if (typeof dir !== "string") throw new TypeError(`loadCIFAR10: pass the folder holding the binary batches (e.g. "cifar-10-batches-bin"); got ${typeof dir}`);
  const train = options.train ?? true;
  const layout = options.layout ?? "NHWC";
  if (layout !== "NHWC" && layout !== "NCHW") throw new RangeError(`loadCIFAR10: layout must be "NHWC" or "NCHW"; got ${JSON.stringify(layout)}`);
  const hint = `download "CIFAR-10 binary version" (cifar-10-binary.tar.gz) from https://www.cs.toronto.edu/~kriz/cifar.html on a machine with network access and extract it; the folder holds data_batch_1.bin ... data_batch_5.bin and test_batch.bin`;
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`loadCIFAR10: folder ${JSON.stringify(dir)} does not exist; ${hint}`);
  let files: string[];
  if (!train) files = [CIFAR10_TEST_FILE];
  else {
    const which = options.batches ?? [1, 2, 3, 4, 5];
    if (!which.every((b) => Number.isInteger(b) && b >= 1 && b <= 5)) throw new RangeError(`loadCIFAR10: batches must be numbers 1..5; got ${JSON.stringify(which)}`);
    files = which.map((b) => CIFAR10_TRAIN_FILES[b - 1]);
  }
  const missing = files.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length > 0) throw new Error(`loadCIFAR10: ${missing.join(", ")} not found in ${JSON.stringify(dir)}; ${hint}`);
  const parts = files.map((f) => readCIFAR10Batch(fs.readFileSync(path.join(dir, f)), f));
  const n = parts.reduce((s, p) => s + p.labels.length, 0);
  const labels = new Int32Array(n), pixels = new Uint8Array(n * 3072);
  let at = 0;
  for (const p of parts) {
    labels.set(p.labels, at);
    if (layout === "NCHW") pixels.set(p.pixelsCHW, at * 3072);
    else {
      // planar R, G, B -> interleaved HWC
      for (let i = 0; i < p.labels.length; i++) {
        const src = i * 3072, dst = (at + i) * 3072;
        for (let q = 0; q < 1024; q++) {
          pixels[dst + q * 3] = p.pixelsCHW[src + q];
          pixels[dst + q * 3 + 1] = p.pixelsCHW[src + 1024 + q];
          pixels[dst + q * 3 + 2] = p.pixelsCHW[src + 2048 + q];
        }
      }
    }
    at += p.labels.length;
  }
  return {
    images: new Tensor(pixels, layout === "NHWC" ? [n, 32, 32, 3] : [n, 3, 32, 32]),
    labels: new Tensor(labels, [n]),
    classes: CIFAR10_CLASSES,
  };
}
