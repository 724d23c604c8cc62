// Finding the session's "plotly.js already sent" flag. It lives on the kernel's ONE global
// display channel (kernel-ext/channel.ts keeps that on globalThis under a Symbol.for key so the
// kernel's copy and a notebook's copy of the module share it); lib never imports kernel-ext,
// so it looks the channel up by that key. Outside a kernel there is no channel: each figure
// then embeds plotly.js itself (self-contained, like plotly.py's `to_html(include_plotlyjs=True)`).
import type { PlotlySession } from "./plotly-html.js";

/** Keys under which kernel-ext publishes its display channel on globalThis. */
export const CHANNEL_KEYS = ["deeprob-ts.display.channel", "deeprob-ts.channel"];

/** The running kernel's session state, or undefined outside a kernel. */
export function channelSession(): PlotlySession | undefined {
  for (const k of CHANNEL_KEYS) {
    const ch = (globalThis as Record<symbol, unknown>)[Symbol.for(k)] as { session?: PlotlySession } | undefined;
    if (ch && typeof ch === "object") {
      // The channel owns the object; we only read and set one field on it.
      if (!ch.session || typeof ch.session !== "object") ch.session = {};
      return ch.session;
    }
  }
  return undefined;
}
