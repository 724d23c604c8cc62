// Training curves: a finished history as one figure, and a live figure that redraws in place
// while training runs. Live redraws send only the static PNG (cheap, and it shows everywhere);
// the final redraw sends the full interactive bundle, which is what the saved notebook keeps.
import { Figure } from "./figure.js";
import { channelSink, newDisplayId, type DisplaySink } from "./sink.js";
import { fmt } from "./stats.js";
import type { MimeBundle } from "./types.js";

export type Series = Record<string, number[]>;

/**
 * Named series from a history: `{loss: [...], val_loss: [...]}` (Keras), an object whose
 * `history`/`metrics` field is that, or per-epoch records `[{epoch, loss, acc}, ...]`.
 * @example
 * historySeries([{ epoch: 1, loss: 2 }, { epoch: 2, loss: 1 }]) // { loss: [2, 1] }
 */
export function historySeries(h: unknown): Series {
  if (Array.isArray(h)) {
    const out: Series = {};
    h.forEach((rec, i) => {
      for (const [k, v] of Object.entries(rec ?? {})) {
        if (k === "epoch" || k === "step" || typeof v !== "number") continue;
        (out[k] ??= new Array(i).fill(NaN)).push(v);
      }
      for (const k of Object.keys(out)) if (out[k].length < i + 1) out[k].push(NaN);
    });
    return out;
  }
  if (h && typeof h === "object") {
    const o = h as Record<string, unknown>;
    for (const f of ["history", "metrics", "series"]) if (o[f] && typeof o[f] === "object") return historySeries(o[f]);
    const out: Series = {};
    for (const [k, v] of Object.entries(o)) {
      if (Array.isArray(v) && v.every((x) => typeof x === "number")) out[k] = v;
      else if (ArrayBuffer.isView(v)) out[k] = Array.from(v as unknown as ArrayLike<number>);
    }
    if (Object.keys(out).length) return out;
  }
  throw new Error(`trainingCurves: expected a history ({loss: number[], ...} or [{loss, ...}, ...]), got ${Object.prototype.toString.call(h)}`);
}

/**
 * Loss curves (log scale) on the left, other metrics (accuracy, ...) on the right.
 * @example
 * trainingCurves({ loss: [2.3, 1.1, 0.7], val_loss: [2.4, 1.3, 1.0], acc: [0.1, 0.6, 0.8] })
 */
export function trainingCurves(history: unknown, opts: { title?: string; logLoss?: boolean; x?: number[]; xTitle?: string } = {}): Figure {
  const s = historySeries(history);
  const keys = Object.keys(s);
  const loss = keys.filter((k) => /loss/i.test(k)), other = keys.filter((k) => !/loss/i.test(k));
  const groups = [loss, other].filter((g) => g.length);
  const fig = Figure.subplots(1, groups.length, { title: opts.title ?? "Training curves", width: groups.length > 1 ? 900 : 640, height: 360 });
  groups.forEach((g, i) => {
    const k = i === 0 ? "" : String(i + 1);
    const isLoss = g === loss;
    fig.layout[`xaxis${k}`] = { ...fig.layout[`xaxis${k}`], title: opts.xTitle ?? "epoch" };
    fig.layout[`yaxis${k}`] = { ...fig.layout[`yaxis${k}`], title: isLoss ? "loss" : "metric", type: isLoss && opts.logLoss !== false && s[g[0]].every((v) => !(v <= 0)) ? "log" : "linear" };
    for (const name of g) {
      const y = s[name];
      fig.add({ type: "scatter", x: opts.x ?? y.map((_, j) => j + 1), y, name, mode: y.length <= 30 ? "lines+markers" : "lines" }, i + 1);
    }
  });
  return fig;
}

/** What historyFigure reads from lib/train's History (duck-typed). */
export interface HistoryLike {
  readonly metrics: Record<string, number[]>;
  readonly epochs?: readonly { epoch: number }[];
  readonly stopReason?: string;
  readonly restoredEpoch?: number | null;
}

/**
 * A training history's curves, epochs on x, with how training ended in the title.
 * @example
 * historyFigure(history) // Figure "Training curves (early stopping; weights from epoch 7)": ...
 */
export function historyFigure(h: HistoryLike, opts: { title?: string } = {}): Figure {
  const ended = h.stopReason === "earlyStopping" ? `early stopping${h.restoredEpoch ? `; weights from epoch ${h.restoredEpoch}` : ""}` : h.stopReason === "callback" ? "stopped by a callback" : "";
  const x = h.epochs?.length ? h.epochs.map((e) => e.epoch) : undefined;
  return trainingCurves(h.metrics, { x, title: opts.title ?? `Training curves${ended ? ` (${ended})` : ""}` });
}

/**
 * Training curves that redraw in place during training (throttled), then leave the final
 * interactive figure in the notebook. Outside a kernel it draws nothing until `close()`.
 * @example
 * const live = new LiveCurves({ title: "MLP" });
 * for (let e = 1; e <= 10; e++) live.push({ loss: trainLoss, val_loss: valLoss });
 * live.close();
 */
export class LiveCurves {
  readonly series: Series = {};
  private readonly id = newDisplayId("curves");
  private readonly sink?: DisplaySink;
  private readonly now: () => number;
  private last = -Infinity;
  private shown = false;
  private n = 0;

  constructor(private readonly opts: { title?: string; sink?: DisplaySink; minInterval?: number; now?: () => number; logLoss?: boolean } = {}) {
    this.sink = opts.sink ?? channelSink();
    this.now = opts.now ?? (() => performance.now());
  }

  /** Append one step of values (missing names get a gap) and redraw if due. */
  push(values: Record<string, number>): this {
    for (const [k, v] of Object.entries(values)) {
      if (typeof v !== "number") throw new Error(`LiveCurves.push: value "${k}" must be a number, got ${typeof v}`);
      (this.series[k] ??= new Array(this.n).fill(NaN));
    }
    for (const k of Object.keys(this.series)) this.series[k].push(values[k] ?? NaN);
    this.n++;
    const t = this.now();
    if (t - this.last >= (this.opts.minInterval ?? 1000)) { this.last = t; this.send(this.figure().toPng().toString("base64")); }
    return this;
  }

  figure(): Figure {
    return trainingCurves(this.series, { title: this.opts.title, logLoss: this.opts.logLoss });
  }

  /**
   * The final, full bundle replaces the live picture. Returns nothing, like tqdm's close, so a
   * cell ending in `live.close()` does not show the figure a second time; use `figure()`.
   */
  close(stream: { write(s: string): unknown } = process.stdout): void {
    if (this.sink) { this.emit(this.figure().toBundle()); return; }
    // Outside a kernel: one plain line with the last values, as a log file would want.
    const last = Object.entries(this.series).map(([k, v]) => `${k}=${fmt(v[v.length - 1])}`).join(", ");
    stream.write(`training curves: ${this.n} steps${last ? ", " + last : ""}\n`);
  }

  private send(png: string): void {
    this.emit({ "text/plain": `training curves: ${this.n} steps`, "image/png": png });
  }

  private emit(b: MimeBundle): void {
    if (!this.sink) return;
    this.sink(b, { id: this.id, update: this.shown });
    this.shown = true;
  }
}
