// The kernel's own diagnostics go to the process's real stderr (Jupyter's server log), never
// into a cell: the launcher later routes process.stderr to the current cell, so the original
// write is captured when this module loads, before that happens.
const write = process.stderr.write.bind(process.stderr);

/**
 * Writes one line to the kernel's log (the terminal running Jupyter).
 * @example
 * kernelLog("kernel: unsupported message type debug_request");
 */
export function kernelLog(line: string): void {
  try { write(line.endsWith("\n") ? line : line + "\n"); } catch { /* stderr closed: nothing left to tell */ }
}
