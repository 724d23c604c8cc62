// A progress bar like tqdm.notebook: count, percentage, elapsed, rate, ETA and a postfix
// (loss=..., acc=...). In a notebook it is one output updated in place through a display id,
// throttled so a fast loop does not flood the browser, and left complete (or red when stopped
// early) in the saved notebook. Outside a kernel it writes plain text: "\r" redraws on a
// terminal, a single final line when output goes to a file (no control-character spam).
import { channelSink, newDisplayId, type DisplaySink } from "./sink.js";
import type { MimeBundle } from "./types.js";

export interface ProgressOptions {
  total?: number;
  desc?: string;
  /** Where updates go; default: the kernel's display channel, else plain text. */
  sink?: DisplaySink;
  /** Milliseconds clock (default performance.now); tests pass a fake one. */
  now?: () => number;
  /** Minimum milliseconds between redraws (default 100, as tqdm's mininterval). */
  minInterval?: number;
  /** Text stream outside a kernel (default process.stdout). */
  stream?: { write(s: string): unknown; isTTY?: boolean };
}

/**
 * "mm:ss" or "h:mm:ss", as tqdm.
 * @example
 * formatDuration(75) // "01:15"
 */
export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec)) return "?";
  const s = Math.max(0, Math.round(sec));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const mmss = `${String(m).padStart(2, "0")}:${String(r).padStart(2, "0")}`;
  return h ? `${h}:${mmss}` : mmss;
}

function fmtValue(v: unknown): string {
  return typeof v === "number" ? (Number.isInteger(v) ? String(v) : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4)) : String(v);
}

/**
 * A progress bar updated in place.
 * @example
 * const bar = new Progress({ total: 100, desc: "epoch 1" });
 * for (let i = 0; i < 100; i++) { bar.update(1); bar.setPostfix({ loss: 0.5 }); }
 * bar.close(); // "epoch 1: 100%|██████████| 100/100 [00:01<00:00, 99.8 it/s, loss=0.5000]"
 */
export class Progress {
  n = 0;
  readonly total?: number;
  readonly desc: string;
  postfix: Record<string, unknown> = {};
  private readonly id = newDisplayId("progress");
  private readonly sink?: DisplaySink;
  private readonly now: () => number;
  private readonly start: number;
  private lastDraw = -Infinity;
  private shown = false;
  private closed = false;
  private readonly opts: ProgressOptions;

  constructor(opts: ProgressOptions = {}) {
    if (opts.total !== undefined && !(Number.isFinite(opts.total) && opts.total >= 0)) {
      throw new Error(`Progress: expected total to be a non-negative number, got ${opts.total}`);
    }
    this.opts = opts;
    this.total = opts.total;
    this.desc = opts.desc ?? "";
    this.sink = opts.sink ?? channelSink();
    this.now = opts.now ?? (() => performance.now());
    this.start = this.now();
    this.draw(true);
  }

  /** Advance by `k` (default 1). */
  update(k = 1): this {
    this.n += k;
    this.draw(false);
    return this;
  }

  /** Show key=value pairs after the rate (tqdm's set_postfix). */
  setPostfix(values: Record<string, unknown>): this {
    this.postfix = { ...values };
    this.draw(false);
    return this;
  }

  /** Final redraw; the output stays in the notebook. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.draw(true);
    const s = this.opts.stream ?? process.stdout;
    if (!this.sink) s.write(s.isTTY ? "\n" : this.text() + "\n");
  }

  /** The status line, tqdm's format. */
  text(): string {
    const el = (this.now() - this.start) / 1000;
    const rate = el > 0 ? this.n / el : NaN;
    const rateS = Number.isFinite(rate) ? (rate >= 1 || rate === 0 ? `${rate.toFixed(1)} it/s` : `${(1 / rate).toFixed(2)} s/it`) : "? it/s";
    const post = Object.entries(this.postfix).map(([k, v]) => `${k}=${fmtValue(v)}`).join(", ");
    const d = this.desc ? `${this.desc}: ` : "";
    if (this.total === undefined) return `${d}${this.n}it [${formatDuration(el)}, ${rateS}${post ? ", " + post : ""}]`;
    const f = this.total ? Math.min(1, this.n / this.total) : 1;
    const eta = rate > 0 ? (this.total - this.n) / rate : NaN;
    const full = Math.floor(f * 10);
    const bar = "█".repeat(full) + (full < 10 ? " ".repeat(10 - full) : "");
    return `${d}${String(Math.floor(f * 100)).padStart(3)}%|${bar}| ${this.n}/${this.total} [${formatDuration(el)}<${formatDuration(eta)}, ${rateS}${post ? ", " + post : ""}]`;
  }

  /** The notebook form: an HTML bar (no script: shows in untrusted notebooks too) and text. */
  bundle(): MimeBundle {
    const f = this.total ? Math.min(1, this.n / this.total) : this.total === 0 ? 1 : 0;
    const stopped = this.closed && this.total !== undefined && this.n < this.total;
    const color = stopped ? "#d62728" : this.closed ? "#2ca02c" : "#1f77b4";
    const txt = this.text().replace(/&/g, "&amp;").replace(/</g, "&lt;");
    const bar = this.total === undefined ? "" : `<span style="display:inline-block;width:240px;height:12px;background:#e5e5e5;vertical-align:middle;margin:0 6px"><span class="progress-fill" style="display:block;height:12px;width:${(f * 100).toFixed(1)}%;background:${color}"></span></span>`;
    return { "text/plain": this.text(), "text/html": `<div class="deeprob-progress" style="font-family:monospace;font-size:12px">${bar}${txt}</div>` };
  }

  private draw(force: boolean): void {
    const t = this.now();
    if (!force && t - this.lastDraw < (this.opts.minInterval ?? 100) && !(this.total !== undefined && this.n >= this.total)) return;
    this.lastDraw = t;
    if (this.sink) {
      this.sink(this.bundle(), { id: this.id, update: this.shown });
      this.shown = true;
      return;
    }
    const s = this.opts.stream ?? process.stdout;
    if (s.isTTY) s.write("\r" + this.text());
  }
}

/**
 * Iterate with a progress bar (tqdm's `for x in tqdm(xs)`); the bar closes when the loop ends,
 * also on break or throw.
 * @example
 * for (const batch of progress(batches, { desc: "train" })) { ... }
 */
export function* progress<T>(items: Iterable<T>, opts: ProgressOptions = {}): Generator<T> {
  const total = opts.total ?? ((items as { length?: number }).length ?? (items as { size?: number }).size);
  const bar = new Progress({ ...opts, total: typeof total === "number" ? total : undefined });
  try {
    for (const x of items) { yield x; bar.update(1); }
  } finally {
    bar.close();
  }
}
