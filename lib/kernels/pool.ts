// One worker thread running the same wasm module over the same shared memory. The calling
// thread is the second compute thread (this machine has two cores), so a parallel call is:
// post the worker's half, run ours, wait for the worker. The worker is unref'd: it never
// keeps the process (a notebook kernel, vitest) alive.
import { Worker } from "node:worker_threads";
import { runtime, WORKER_FAILED } from "./runtime.js";
import { WA } from "./wasm-api.js";

// The worker's program. It is a fixed string (not generated code) so that it loads the same
// from dist/ and from the TS sources under vitest; all computation is in the wasm module.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, ctl, args, failed } = workerData;
const instance = new WebAssembly.Instance(module, {
  env: { memory, abort() { throw new Error("wasm abort"); } },
  host: { exp: Math.exp, log1p: Math.log1p },
});
const fns = workerData.names.map((n) => instance.exports[n]);
Atomics.store(ctl, 2, 1);
let seen = 0;
for (;;) {
  Atomics.wait(ctl, 0, seen);
  seen = Atomics.load(ctl, 0);
  try {
    const f = fns[args[0]];
    const n = args[1];
    const a = [];
    for (let i = 0; i < n; i++) a.push(args[2 + i]);
    f(...a);
  } catch (e) {
    Atomics.store(new Int32Array(memory.buffer, failed, 1), 0, 1);
    Atomics.store(ctl, 3, 1);
  }
  Atomics.store(ctl, 1, seen);
  Atomics.notify(ctl, 1);
}
`;

// ctl[0]: job sequence (caller increments); ctl[1]: last finished job; ctl[2]: ready; ctl[3]: failed.
let worker: Worker | null | undefined;
let ctl: Int32Array;
let args: Float64Array;
let names: string[] = [];

/** Starts the worker (once); it becomes ready asynchronously, and work runs on one thread until then. */
export function startWorker(): void {
  if (worker !== undefined) return;
  const rt = runtime();
  if (rt === null || process.env.DEEPROB_THREADS === "1") { worker = null; return; }
  try {
    ctl = new Int32Array(new SharedArrayBuffer(16));
    args = new Float64Array(new SharedArrayBuffer(8 * 32));
    names = WA.Module.exports(rt.module).filter((e) => e.kind === "function").map((e) => e.name);
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: rt.module, memory: rt.memory, ctl, args, names, failed: WORKER_FAILED } });
    worker.unref();
    worker.on("error", () => { worker = null; });
    worker.on("exit", () => { worker = null; });
  } catch {
    worker = null;
  }
}

let maxThreads = 2;

/**
 * Caps the threads kernels use, as torch.set_num_threads: 1 keeps all work on the calling
 * thread, 2 (the default) adds the worker. Results are identical either way.
 * @example setNumThreads(1); // e.g. to measure single-thread speed
 */
export function setNumThreads(n: number): void {
  if (n !== 1 && n !== 2) throw new RangeError(`setNumThreads: expected 1 or 2 (this library uses at most two threads), got ${n}`);
  maxThreads = n;
}

/** The thread cap set by setNumThreads (default 2). @example getNumThreads() // 2 */
export function getNumThreads(): number {
  return maxThreads;
}

/** Whether the worker can take work now (false until it has instantiated the module). */
export function workerReady(): boolean {
  if (maxThreads === 1) return false;
  if (worker === undefined) startWorker();
  return worker != null && Atomics.load(ctl, 2) === 1 && Atomics.load(ctl, 3) === 0;
}

/**
 * Resolves true once the worker thread is ready (large kernels run on one thread until
 * then), or false if there is none after `timeoutMs`. Benchmarks and tests await it.
 * @example await threadsReady(); // then time matmuls
 */
export async function threadsReady(timeoutMs = 10_000): Promise<boolean> {
  const saved = maxThreads;
  maxThreads = 2;
  try {
    const end = Date.now() + timeoutMs;
    while (!workerReady()) {
      if (worker === null || Date.now() > end) return false;
      await new Promise((r) => setTimeout(r, 5));
    }
    return true;
  } finally {
    maxThreads = saved;
  }
}

/** A call of the wasm module: [export name, ...args], as the worker receives it. */
export type Job = [string, ...number[]];

/** Runs a job on this thread (the same call runPair hands the worker). @example runHere(["axpy_f32", n, 2, px, py]) */
export function runHere([name, ...a]: Job): void {
  (runtime()!.exports as unknown as Record<string, (...v: number[]) => void>)[name](...a);
}

/**
 * Runs `mine` on this thread and `theirs` = [export name, ...args] on the worker at the same
 * time; returns when both are done. Callers check workerReady() first.
 */
export function runPair(theirs: Job, mine: () => void): void {
  const [name, ...a] = theirs;
  args[0] = names.indexOf(name);
  args[1] = a.length;
  for (let i = 0; i < a.length; i++) args[2 + i] = a[i];
  const seq = Atomics.load(ctl, 0) + 1;
  Atomics.store(ctl, 0, seq);
  Atomics.notify(ctl, 0);
  try {
    mine();
  } finally {
    while (Atomics.load(ctl, 1) !== seq) Atomics.wait(ctl, 1, Atomics.load(ctl, 1), 50);
  }
  if (Atomics.load(ctl, 3) !== 0) throw new Error(`kernels: the worker thread failed in ${name}; later calls run on one thread`);
}
