import { describe, expect, it } from "vitest";
import { formatDuration, Progress, progress } from "../../../../lib/display/progress.js";
import type { MimeBundle } from "../../../../lib/display/types.js";

function fakeSink() {
  const calls: { bundle: MimeBundle; id: string; update: boolean }[] = [];
  return { calls, sink: (bundle: MimeBundle, o: { id: string; update: boolean }) => { calls.push({ bundle, ...o }); } };
}

describe("Progress", () => {
  it("shows count, percent, elapsed, rate, ETA and postfix like tqdm", () => {
    let t = 0;
    const { calls, sink } = fakeSink();
    const bar = new Progress({ total: 10, desc: "train", sink, now: () => t });
    for (let i = 0; i < 4; i++) { t += 500; bar.update(); }
    bar.setPostfix({ loss: 0.12345, step: 4 });
    expect(bar.text()).toBe("train:  40%|████      | 4/10 [00:02<00:03, 2.0 it/s, loss=0.1235, step=4]");
    for (let i = 0; i < 6; i++) { t += 500; bar.update(); }
    bar.close();
    const last = calls[calls.length - 1];
    expect(last.bundle["text/plain"]).toBe("train: 100%|██████████| 10/10 [00:05<00:00, 2.0 it/s, loss=0.1235, step=4]");
    expect(last.bundle["text/html"]).toContain("width:100.0%;background:#2ca02c");
  });

  it("updates one output in place: first display, then updates with the same id", () => {
    let t = 0;
    const { calls, sink } = fakeSink();
    const bar = new Progress({ total: 3, sink, now: () => t });
    t += 200; bar.update(); t += 200; bar.update(); t += 200; bar.update(); bar.close();
    expect(calls[0].update).toBe(false);
    expect(calls.slice(1).every((c) => c.update && c.id === calls[0].id)).toBe(true);
  });

  it("throttles redraws to minInterval but always draws completion", () => {
    let t = 0;
    const { calls, sink } = fakeSink();
    const bar = new Progress({ total: 1000, sink, now: () => t, minInterval: 100 });
    for (let i = 0; i < 1000; i++) { t += 1; bar.update(); }
    expect(calls.length).toBe(1 + 9 + 1); // initial, every 100 ms, the 1000th
    expect(calls[calls.length - 1].bundle["text/plain"]).toContain("1000/1000");
  });

  it("turns red when closed before the total (a stopped loop)", () => {
    const { calls, sink } = fakeSink();
    const bar = new Progress({ total: 5, sink, now: () => 0 });
    bar.update(2);
    bar.close();
    expect(calls[calls.length - 1].bundle["text/html"]).toContain("background:#d62728");
  });

  it("outside a kernel writes one final line to files and \\r redraws to terminals", () => {
    let out = "";
    const file = { write: (s: string) => { out += s; } };
    let t = 0;
    const bar = new Progress({ total: 2, now: () => t, stream: file, sink: undefined });
    t += 1000; bar.update(); t += 1000; bar.update(); bar.close();
    expect(out).toBe("100%|██████████| 2/2 [00:02<00:00, 1.0 it/s]\n");
    let tty = "";
    const term = { write: (s: string) => { tty += s; }, isTTY: true };
    const b2 = new Progress({ total: 2, now: () => 0, stream: term });
    b2.update(2); b2.close();
    expect(tty.startsWith("\r")).toBe(true);
    expect(tty.endsWith("\n")).toBe(true);
  });

  it("wraps iterables and closes on break", () => {
    const { calls, sink } = fakeSink();
    for (const x of progress([1, 2, 3, 4], { sink, now: () => 0, desc: "it" })) if (x === 2) break;
    expect(calls[calls.length - 1].bundle["text/plain"]).toMatch(/^it: +25%\|.*\| 1\/4/);
  });

  it("formats durations and rejects a bad total", () => {
    expect(formatDuration(75)).toBe("01:15");
    expect(formatDuration(3725)).toBe("1:02:05");
    expect(formatDuration(NaN)).toBe("?");
    expect(() => new Progress({ total: -1 })).toThrow("Progress: expected total to be a non-negative number, got -1");
  });
});
