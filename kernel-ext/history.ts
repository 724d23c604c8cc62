// The session's input history for history_request (tail, range, search), kept in memory as
// IPython's HistoryManager keeps the current session. Pure data structure.

export interface HistoryEntry { session: number; line: number; input: string; output: string | null }
/** One row of history_reply: [session, line, input] or [session, line, [input, output]]. */
export type HistoryRow = [number, number, string | [string, string | null]];

export interface HistoryRequest {
  output?: boolean;
  hist_access_type?: string;
  session?: number;
  start?: number;
  stop?: number;
  n?: number | null;
  pattern?: string;
  unique?: boolean;
}

/** This kernel's session number (IPython numbers sessions from 1; requests use 0 for "current"). */
export const SESSION = 1;

/**
 * fnmatch-style glob (`*`, `?`) as IPython's history search uses, anchored at both ends.
 * @example
 * globToRegExp("a*b?").test("axxbc") // => true
 */
export function globToRegExp(pattern: string): RegExp {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${re}$`);
}

export class History {
  private readonly entries: HistoryEntry[] = [];

  /** Records a cell's input (and later its text/plain result) under its execution count. */
  add(line: number, input: string): HistoryEntry {
    const e: HistoryEntry = { session: SESSION, line, input, output: null };
    this.entries.push(e);
    return e;
  }

  /**
   * Answers a history_request.
   * @example
   * h.query({ hist_access_type: "tail", n: 1 }) // => [[1, 3, "x + 1"]]
   */
  query(req: HistoryRequest): HistoryRow[] {
    const row = (e: HistoryEntry): HistoryRow => [e.session, e.line, req.output ? [e.input, e.output] : e.input];
    const n = typeof req.n === "number" && req.n >= 0 ? req.n : null;
    const last = (xs: HistoryEntry[]) => (n === null ? xs : n === 0 ? [] : xs.slice(-n));
    switch (req.hist_access_type) {
      case "tail":
        return last(this.entries).map(row);
      case "range": {
        const session = req.session ?? 0;
        if (session !== 0 && session !== SESSION) return [];
        const start = req.start ?? 0;
        const stop = req.stop ?? Infinity;
        return this.entries.filter((e) => e.line >= start && e.line < stop).map(row);
      }
      case "search": {
        const re = globToRegExp(req.pattern ?? "*");
        let hits = this.entries.filter((e) => re.test(e.input));
        if (req.unique) {
          const seen = new Set<string>();
          // Keep the most recent occurrence of each input, in history order.
          hits = hits.reverse().filter((e) => (seen.has(e.input) ? false : (seen.add(e.input), true))).reverse();
        }
        return last(hits).map(row);
      }
      default:
        return [];
    }
  }
}
