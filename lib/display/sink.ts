// Where live outputs (progress bars, training curves) go. In the kernel: the ONE display
// channel's `display(bundle, {id, update})`, which kernel-ext hands over when it wires the
// formatters (see registerFormatters) and which is kept on the channel itself, not in a module
// global. Tests pass their own sink. Outside a kernel there is none: callers print plain text.
import { randomBytes } from "node:crypto";
import { CHANNEL_KEY } from "./session.js";
import type { MimeBundle } from "./types.js";

/** Sends a bundle as a new output (`update: false`) or replaces output `id` in place. */
export type DisplaySink = (bundle: MimeBundle, opts: { id: string; update: boolean }) => void;

/** The kernel's display function as kernel-ext/channel.ts exports it. */
export type ChannelDisplay = (value: unknown, opts: { id?: string; update?: boolean }) => unknown;

interface ChannelLike { latest?: unknown; deeprobDisplay?: ChannelDisplay }

function channel(): ChannelLike | undefined {
  const ch = (globalThis as Record<symbol, unknown>)[CHANNEL_KEY];
  return ch && typeof ch === "object" ? (ch as ChannelLike) : undefined;
}

/** Remember the kernel's display function on the channel (called by registerFormatters). */
export function attachChannelDisplay(display: ChannelDisplay): void {
  const ch = channel();
  if (ch) ch.deeprobDisplay = display;
}

/** The kernel's sink when running inside a cell, else undefined. */
export function channelSink(): DisplaySink | undefined {
  const ch = channel();
  const d = ch?.deeprobDisplay;
  if (!ch?.latest || typeof d !== "function") return undefined;
  return (bundle, opts) => { d(bundle, { id: opts.id, update: opts.update }); };
}

/** A fresh display id (ids only, not numeric randomness: lib's rng rule does not apply). */
export function newDisplayId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString("hex")}`;
}
