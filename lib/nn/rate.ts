// One way to name a dropout rate that cannot be misread: the lecture's p is the probability of
// KEEPING a unit ("p = 0.5 # probability of keeping a unit active"), PyTorch's p is the
// probability of DROPPING it (nn.Dropout(p=0.5)). So the rate is a required named option:
// `{ keep: 0.8 }` or `{ drop: 0.2 }`, never a bare number.

/** Exactly one of `keep` (the lecture's p) or `drop` (PyTorch's p). */
export type Rate = { keep: number; drop?: never } | { drop: number; keep?: never };

/**
 * The keep probability of a Rate, validated.
 * @example keepProbability("Dropout", { drop: 0.2 }) // 0.8
 */
export function keepProbability(op: string, rate: Rate | undefined): number {
  const r = rate as { keep?: unknown; drop?: unknown; p?: unknown } | undefined;
  const hasKeep = r?.keep !== undefined, hasDrop = r?.drop !== undefined;
  if (hasKeep === hasDrop) {
    const bare = typeof rate === "number" ? `; got the bare number ${rate}, which is ambiguous` : "";
    // { p } is the one spelling both conventions share, so it is exactly the ambiguous one.
    const named = !bare && typeof r === "object" && r !== null && r.p !== undefined ? `; got { p: ${String(r.p)} }, which is ambiguous` : "";
    throw new TypeError(`${op}: pass exactly one of { keep } (the lecture's p: probability of keeping a unit) or { drop } (PyTorch's p: probability of dropping it)${bare}${named}`);
  }
  const v = (hasKeep ? r!.keep : r!.drop) as number;
  if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw new RangeError(`${op}: ${hasKeep ? "keep" : "drop"} must be a probability in [0, 1], got ${String(v)}`);
  const keep = hasKeep ? v : 1 - v;
  return keep;
}

/** Fills `mask` with 1 (keep, probability `keep`) or 0, as the lecture's `np.random.rand(*H.shape) < p`. @example bernoulliMask(new Float64Array(4), 0.5, rng(0)) // e.g. [1, 0, 0, 1] */
export function bernoulliMask(mask: Float64Array, keep: number, rng: { fillUniform(out: Float64Array): Float64Array }): Float64Array {
  rng.fillUniform(mask);
  for (let i = 0; i < mask.length; i++) mask[i] = mask[i] < keep ? 1 : 0;
  return mask;
}
