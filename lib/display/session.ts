// Finding the session's "plotly.js already sent" flag. It lives on the kernel's ONE global
// display channel (kernel-ext/channel.ts keeps its state on globalThis under
// Symbol.for("deeprob-ts.channel") so every copy of the module shares it); lib never imports
// kernel-ext, so it looks the channel up by that key and keeps one field, `session`, on it.
// Outside a kernel (no cell has run) each figure embeds plotly.js itself: self-contained, like
// plotly.py's `to_html(include_plotlyjs=True)`.
import type { PlotlySession } from "./plotly-html.js";

export const CHANNEL_KEY = Symbol.for("deeprob-ts.channel");

/** The running kernel's session state, or undefined outside a kernel. */
export function channelSession(): PlotlySession | undefined {
  const ch = (globalThis as Record<symbol, unknown>)[CHANNEL_KEY] as { latest?: unknown; session?: PlotlySession } | undefined;
  // `latest` is the last cell's writer: null until the kernel ran a cell, so plain node and
  // vitest (where the module may be loaded but nothing is sent to a notebook) embed.
  if (!ch || typeof ch !== "object" || !ch.latest) return undefined;
  if (!ch.session || typeof ch.session !== "object") ch.session = {};
  return ch.session;
}
