// Reads the shipped UCI digits (scikit-learn's `load_digits`): 1797 rows of 64 pixels (0..16) then
// the label. Kept apart from the Tensor-returning loader so the parsing is testable on its own.
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { shippedFile } from "./paths.js";

export const DIGITS_SAMPLES = 1797;
export const DIGITS_FEATURES = 64;

/** The digits as flat typed arrays: X row-major [n, 64] float32 in 0..16, y int32 in 0..9. */
export interface DigitsArrays {
  X: Float32Array;
  y: Int32Array;
  n: number;
}

let cached: DigitsArrays | undefined;

/**
 * Parses `digits.csv.gz` text: 65 comma-separated integers a line. Throws naming the bad line.
 * @example parseDigitsCSV("0,".repeat(64) + "3\n").y // Int32Array [3]
 */
export function parseDigitsCSV(text: string): DigitsArrays {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const n = lines.length;
  const X = new Float32Array(n * DIGITS_FEATURES);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cells = lines[i].split(",");
    if (cells.length !== DIGITS_FEATURES + 1) {
      throw new Error(`loadDigits: line ${i + 1} has ${cells.length} values; expected ${DIGITS_FEATURES} pixels and a label`);
    }
    for (let j = 0; j < DIGITS_FEATURES; j++) X[i * DIGITS_FEATURES + j] = Number(cells[j]);
    const label = Number(cells[DIGITS_FEATURES]);
    if (!Number.isInteger(label) || label < 0 || label > 9) throw new Error(`loadDigits: line ${i + 1} has label ${cells[DIGITS_FEATURES]}; expected 0..9`);
    y[i] = label;
  }
  return { X, y, n };
}

/** Reads and caches the shipped file (returns copies, so callers may mutate them). */
export function readDigits(): DigitsArrays {
  if (cached === undefined) {
    const text = zlib.gunzipSync(fs.readFileSync(shippedFile("digits", "digits.csv.gz"))).toString("utf8");
    cached = parseDigitsCSV(text);
    if (cached.n !== DIGITS_SAMPLES) throw new Error(`loadDigits: expected ${DIGITS_SAMPLES} rows in digits.csv.gz; got ${cached.n}`);
  }
  return { X: cached.X.slice(), y: cached.y.slice(), n: cached.n };
}
