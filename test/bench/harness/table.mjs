// Human-readable output: one aligned row per measurement. Pure string building.

/** 0.0123 -> "12.3 µs", 12.3 -> "12.3 ms", 1234 -> "1.23 s". */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return "-";
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

const UNITS = { gflops: "GFLOP/s", gelem_s: "Gelem/s", steps_s: "steps/s", images_s: "images/s" };

/** { gflops: 41.234 } -> "41.2 GFLOP/s". */
export function formatRate(rate) {
  if (!rate) return "";
  const v = rate.value;
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 3;
  return `${v.toFixed(digits)} ${UNITS[rate.key] ?? rate.key}`;
}

/** Aligns rows (arrays of strings) under headers; long cells are not truncated. */
export function renderTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? "").length)));
  const line = (cells) => cells.map((c, i) => String(c ?? "").padEnd(widths[i])).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
