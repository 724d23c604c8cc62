// Timing loop shared by every workload: the same rules as test/bench/peers.py's `measure`
// (warmup, then at least minReps and at most maxReps repetitions, stopping once the time budget
// is spent) so that our medians and the NumPy/PyTorch medians are comparable.
import { performance } from "node:perf_hooks";

/** Median of a non-empty list of numbers (mean of the middle two for even lengths, as Python's statistics.median). */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Default repetition rules; `quick` caps maxReps at minReps, as `peers.py --quick` does.
 * @example resolveOptions({ maxReps: 25 }, true) // -> { warmup: 1, minReps: 3, maxReps: 3, budgetMs: 4000, capMs: 40000 }
 */
export function resolveOptions(opts = {}, quick = false) {
  const o = { warmup: 1, minReps: 3, maxReps: 9, budgetMs: 4000, capMs: 40000, ...opts };
  for (const k of ["warmup", "minReps", "maxReps", "budgetMs", "capMs"]) {
    if (!Number.isFinite(o[k]) || o[k] < 0) throw new Error(`measure: option ${k} must be a number >= 0, got ${o[k]}`);
  }
  if (o.minReps < 1) throw new Error(`measure: minReps must be >= 1, got ${o.minReps}`);
  if (o.maxReps < o.minReps) o.maxReps = o.minReps;
  if (quick) o.maxReps = o.minReps;
  return o;
}

/**
 * Times `fn` (sync or async). `setup()` runs untimed before each repetition and its value is
 * passed to `fn`; `teardown(fnResult, setupValue)` runs untimed after it (e.g. shut a kernel down).
 * Returns { median_ms, min_ms, reps, all_ms } in peers.py's field names.
 * @example await measure(() => 1 + 1, { minReps: 3 }) // -> { median_ms: 0.0004, min_ms: ..., reps: 9, all_ms: [...] }
 */
export async function measure(fn, opts = {}, quick = false) {
  if (typeof fn !== "function") throw new Error(`measure: expected a function to time, got ${typeof fn}`);
  const o = resolveOptions(opts, quick);
  const once = async () => {
    const state = o.setup ? await o.setup() : undefined;
    const t0 = performance.now();
    let out = fn(state);
    if (out && typeof out.then === "function") out = await out;
    const dt = performance.now() - t0;
    if (o.teardown) await o.teardown(out, state);
    // Untimed: one turn of the event loop between repetitions, as between notebook cells, so
    // finalizers run (resident tensor storage returns to the heap; Python frees by refcount).
    await new Promise((r) => setImmediate(r));
    return dt;
  };
  for (let i = 0; i < o.warmup; i++) await once();
  const ts = [];
  let spent = 0;
  while (ts.length < o.maxReps && ((ts.length < o.minReps && spent < o.capMs) || spent < o.budgetMs)) {
    const dt = await once();
    ts.push(dt);
    spent += dt;
  }
  return { median_ms: median(ts), min_ms: Math.min(...ts), reps: ts.length, all_ms: ts.map((t) => Math.round(t * 1000) / 1000) };
}
