// Per-epoch training metrics, as Keras' History: one record per epoch, plus helpers to read a
// metric as a series (for training curves) and find the best epoch.
import { inspect } from "node:util";

/** One epoch's metrics. Validation entries are present when validation data was given. */
export interface EpochRecord {
  /** 1-based epoch number. */
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  /** Learning rate used during the epoch. */
  readonly lr: number;
  /** Optimizer steps so far. */
  readonly steps: number;
  /** Wall time of the epoch in seconds (informational only). */
  readonly seconds: number;
}

export type Metric = "loss" | "accuracy" | "valLoss" | "valAccuracy" | "lr";

/** The metrics of a training run. @example const h = await fit(model, opts); h.metric("valAccuracy"); h.best("valLoss") */
export class History {
  readonly epochs: EpochRecord[] = [];
  /** Why training ended: "completed", "earlyStopping" or "callback". */
  stopReason: "completed" | "earlyStopping" | "callback" = "completed";
  /** Epoch whose parameters the model holds when early stopping restored the best ones. */
  restoredEpoch: number | null = null;

  /** Appends an epoch record. */
  push(r: EpochRecord): void { this.epochs.push(r); }

  /**
   * A metric as a series over epochs (NaN where absent), for plotting.
   * @example history.metric("valAccuracy") // [0.91, 0.95, ...]
   */
  metric(name: Metric): number[] {
    return this.epochs.map((e) => (e[name] ?? NaN) as number);
  }

  /**
   * The best epoch by a metric (lowest loss, highest accuracy).
   * @example history.best("valLoss").epoch
   */
  best(name: Metric): EpochRecord | undefined {
    const max = name === "accuracy" || name === "valAccuracy";
    let best: EpochRecord | undefined;
    for (const e of this.epochs) {
      const v = e[name];
      if (v === undefined || Number.isNaN(v)) continue;
      if (!best || (max ? v > (best[name] as number) : v < (best[name] as number))) best = e;
    }
    return best;
  }

  /**
   * The series by Keras' names (loss, accuracy, val_loss, val_accuracy; validation only when
   * present): what lib/display's training-curve formatter draws when a History is a cell's value.
   * @example history.metrics.val_loss // [0.9, 0.5, ...]
   */
  get metrics(): Record<string, number[]> {
    const out: Record<string, number[]> = { loss: this.metric("loss"), accuracy: this.metric("accuracy") };
    if (this.epochs.some((e) => e.valLoss !== undefined)) {
      out.val_loss = this.metric("valLoss");
      out.val_accuracy = this.metric("valAccuracy");
    }
    return out;
  }

  /** The last epoch's record. */
  get last(): EpochRecord | undefined { return this.epochs[this.epochs.length - 1]; }

  toJSON(): { epochs: EpochRecord[]; stopReason: string; restoredEpoch: number | null } {
    return { epochs: this.epochs, stopReason: this.stopReason, restoredEpoch: this.restoredEpoch };
  }

  /** A small table, one line per epoch. */
  toString(): string {
    const f = (v: number | undefined, d = 4) => (v === undefined ? "-" : v.toFixed(d));
    const lines = this.epochs.map((e) => `${String(e.epoch).padStart(5)}  ${f(e.loss)}  ${f(e.accuracy)}  ${f(e.valLoss)}  ${f(e.valAccuracy)}  ${e.lr.toPrecision(3)}`);
    return [`History (${this.epochs.length} epochs, ${this.stopReason})`, "epoch  loss    acc     val_loss val_acc lr", ...lines].join("\n");
  }

  [inspect.custom](): string { return this.toString(); }
}
