// Teaching the kernel to draw library values (IPython's display_formatter.for_type): Tensor and
// History by class; gradient-check results (plain objects) and history-shaped objects by their
// fields (duck typing). kernel-ext/index.ts calls registerFormatters(registerFormatter, display).
import { inspect } from "node:util";
import { Tensor } from "../tensor/index.js";
import { History } from "../train/index.js";
import { historyFigure, historySeries, trainingCurves } from "./curves.js";
import { gradCheckBundle, isGradCheckLike } from "./gradcheck-view.js";
import { attachChannelDisplay, type ChannelDisplay } from "./sink.js";
import { tensorBundle } from "./tensor-view.js";
import type { MimeBundle } from "./types.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Register = (cls: abstract new (...args: any[]) => any, fn: (value: any) => MimeBundle | Promise<MimeBundle>) => unknown;

/**
 * A training history: a `history`/`metrics` field of number arrays with a loss among them.
 * @example
 * isHistoryLike({ history: { loss: [1, 0.5] } }) // true
 */
export function isHistoryLike(v: unknown): boolean {
  if (!v || typeof v !== "object" || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  const inner = o.history ?? o.metrics;
  if (!inner || typeof inner !== "object") return false;
  try { return Object.keys(historySeries(inner)).some((k) => /loss/i.test(k)); } catch { return false; }
}

/** The kernel's plain text for values no view claims (same as its default: util.inspect). */
function plain(v: unknown): MimeBundle {
  const s = inspect(v);
  return { "text/plain": s.length > 100_000 ? s.slice(0, 100_000) + "\n..." : s };
}

/**
 * Register the library's views with the kernel; `display` lets live outputs (progress bars,
 * live curves) update in place through the kernel's display channel.
 * @example
 * registerFormatters(registerFormatter, display); // in kernel-ext/index.ts
 */
export function registerFormatters(register: Register, display?: ChannelDisplay): void {
  register(Tensor, (t: Tensor) => tensorBundle(t));
  register(History, (h: History) => historyFigure(h).toBundle());
  // Plain objects have only Object as class: this view claims the two duck-typed shapes and
  // gives every other object the kernel's usual text.
  register(Object, (v: unknown) => {
    if (isGradCheckLike(v)) return gradCheckBundle(v);
    if (isHistoryLike(v)) return trainingCurves(v).toBundle();
    return plain(v);
  });
  if (display) attachChannelDisplay(display);
}
