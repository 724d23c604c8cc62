// The kernel's request handlers: execute (queue, execute_input, execute_result, error,
// stop_on_error), kernel_info, complete, inspect, is_complete, history, comms, interrupt and
// shutdown. Sockets live in server.ts; cells run in executor.ts; output routing in channel.ts.
import { runInCell, formatters, isDisplayHandle, type CellWriter } from "./channel";
import { cellTypeScriptVersion, converterModule, parseErrorCount } from "./converter";
import { errorLine, format } from "./format";
import type { ErrorContent } from "./errors";
import type { Executor } from "./executor";
import { History } from "./history";
import { isComplete } from "./is-complete";
import type { Channel, Transport } from "./server";
import { PROTOCOL_VERSION, type Message } from "./wire";
import { kernelLog } from "./log";

export interface KernelOptions {
  executor: Executor;
  version: string;
  /** Builds what cells need (idempotent, synchronous); done before the kernel_info_reply. */
  warmUp(): void;
  /** Called after shutdown_reply is sent. */
  onShutdown(restart: boolean): void;
}

// A stream buffer is flushed at this size even while synchronous code still runs.
const STREAM_FLUSH_BYTES = 64 * 1024;

// How long after a stop_on_error failure a request sent before it is still aborted.
const ABORT_WINDOW_MS = 5_000;

// `name?` or `obj.member??`: help, as IPython.
const HELP = /^\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\?{1,2}\s*$/;

interface ExecuteRequest { code?: string; silent?: boolean; store_history?: boolean; stop_on_error?: boolean; user_expressions?: Record<string, string> }

/** One cell's iopub writer: streams are coalesced and flushed before any other output. */
function cellWriter(t: Transport, req: Message<unknown>): CellWriter & { flush(): void } {
  const buf = { stdout: "", stderr: "" };
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    for (const name of ["stdout", "stderr"] as const) {
      if (buf[name] === "") continue;
      t.publish(req, "stream", { name, text: buf[name] });
      buf[name] = "";
    }
  };
  return {
    flush,
    stream(name, text) {
      buf[name] += text;
      if (buf[name].length >= STREAM_FLUSH_BYTES) flush();
      else if (!scheduled) { scheduled = true; setImmediate(flush); }
    },
    display(content, update) { flush(); t.publish(req, update ? "update_display_data" : "display_data", content); },
    clear(wait) { flush(); t.publish(req, "clear_output", { wait }); },
  };
}

/**
 * The kernel_info_reply content.
 * @example
 * kernelInfo("0.1.0").language_info // => { name: "typescript", version: "5.0.4", ... }
 */
export function kernelInfo(version: string): Record<string, unknown> {
  const ts = cellTypeScriptVersion();
  return {
    status: "ok",
    protocol_version: PROTOCOL_VERSION,
    implementation: "deeprob-ts",
    implementation_version: version,
    language_info: {
      name: "typescript", version: ts, mimetype: "text/typescript", file_extension: ".ts",
      // "typescript", not the MIME "text/typescript": Notebook 6 resolves the mode by name via
      // CodeMirror's meta.js (TypeScript -> javascript.js, application/typescript), while the
      // MIME is unknown to meta.js and makes it fetch a nonexistent mode/text/typescript file.
      // JupyterLab finds "typescript" by name too.
      pygments_lexer: "typescript", codemirror_mode: "typescript",
    },
    debugger: false,
    banner: `deeprob-ts ${version}: TypeScript ${ts} (strict) on Node ${process.version}, built on tslab 1.0.22`,
    help_links: [
      { text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/intro.html" },
      { text: "Node.js API", url: "https://nodejs.org/docs/latest-v20.x/api/" },
    ],
  };
}

/**
 * The request handlers of one kernel process; `handle` is what server.ts calls per request.
 * @example
 * const kernel = new Kernel({ executor, version: "0.1.0", onShutdown: () => process.exit(0) });
 * await serve(readConnectionFile(file), kernel.handle);
 */
export class Kernel {
  private count = 0;
  private queue: Promise<void> = Promise.resolve();
  /** Bumped when a cell fails with stop_on_error: requests queued before that are aborted. */
  private abortEpoch = 0;
  /** When the last stop_on_error failure happened (ms since epoch), or -Infinity. */
  private failedAt = -Infinity;
  private readonly history = new History();

  constructor(private readonly opts: KernelOptions) {}

  /** Dispatches one request; busy/idle brackets every request as IPython does. */
  handle = async (channel: Channel, req: Message, t: Transport): Promise<void> => {
    const type = req.header.msg_type;
    if (type === "execute_request") return this.enqueue(req as Message<ExecuteRequest>, t);
    t.publish(req, "status", { execution_state: "busy" });
    try {
      this.handleOther(channel, type, req, t);
    } finally {
      t.publish(req, "status", { execution_state: "idle" });
    }
  };

  private handleOther(_channel: Channel, type: string, req: Message, t: Transport): void {
    const c = req.content as Record<string, unknown>;
    switch (type) {
      case "kernel_info_request": {
        // Frontends treat the first kernel_info_reply as "ready": be ready (converter built,
        // library loaded) before saying so, so the first cells run at full speed.
        this.opts.warmUp();
        return t.reply(req, "kernel_info_reply", kernelInfo(this.opts.version));
      }
      case "is_complete_request": return t.reply(req, "is_complete_reply", isComplete(String(c.code ?? ""), converterModule().isCompleteCode, parseErrorCount));
      case "complete_request": {
        const code = String(c.code ?? "");
        const pos = typeof c.cursor_pos === "number" ? c.cursor_pos : code.length;
        const r = this.opts.executor.complete(code, pos);
        return t.reply(req, "complete_reply", { status: "ok", matches: r.candidates, cursor_start: r.start, cursor_end: r.end, metadata: {} });
      }
      case "inspect_request": {
        const code = String(c.code ?? "");
        const pos = typeof c.cursor_pos === "number" ? c.cursor_pos : code.length;
        const text = this.quickInfo(code, pos);
        return t.reply(req, "inspect_reply", { status: "ok", found: text !== "", data: text ? { "text/plain": text } : {}, metadata: {} });
      }
      case "history_request": return t.reply(req, "history_reply", { status: "ok", history: this.history.query(c) });
      case "comm_info_request": return t.reply(req, "comm_info_reply", { status: "ok", comms: {} });
      case "comm_open":
        // No comm targets exist (no widgets): close it, as ipykernel does for an unknown target.
        return t.publish(req, "comm_close", { comm_id: c.comm_id, data: {} });
      case "comm_msg": case "comm_close": return;
      case "interrupt_request":
        this.opts.executor.interrupt();
        return t.reply(req, "interrupt_reply", { status: "ok" });
      case "shutdown_request": {
        const restart = c.restart === true;
        t.reply(req, "shutdown_reply", { status: "ok", restart });
        this.opts.onShutdown(restart);
        return;
      }
      default:
        kernelLog(`kernel: unsupported message type ${type}`);
    }
  }

  /** The checker's quick info (type and JSDoc) at `pos`, or "". */
  private quickInfo(code: string, pos: number): string {
    const info = this.opts.executor.inspect(code, pos);
    const { printQuickInfo } = require("tslab/dist/inspect") as { printQuickInfo(i: unknown): string };
    return info ? printQuickInfo(info) : "";
  }

  private enqueue(req: Message<ExecuteRequest>, t: Transport): Promise<void> {
    const epoch = this.abortEpoch;
    const sentAt = Date.parse(req.header.date ?? "");
    const receivedAt = Date.now();
    // Like ipykernel: abort what was queued before the failure, including requests the client
    // had already sent while the failing cell blocked the event loop (sent before the failure,
    // read just after it; the window bounds the trust in the client's clock).
    const sentBeforeFailure = () => sentAt < this.failedAt && receivedAt - this.failedAt < ABORT_WINDOW_MS;
    const run = () => (epoch < this.abortEpoch || sentBeforeFailure() ? this.abort(req, t) : this.execute(req, t));
    const done = this.queue.then(run, run);
    this.queue = done.catch(() => {});
    return done;
  }

  private abort(req: Message<ExecuteRequest>, t: Transport): void {
    t.publish(req, "status", { execution_state: "busy" });
    t.reply(req, "execute_reply", { status: "aborted", execution_count: this.count, user_expressions: {}, payload: [] });
    t.publish(req, "status", { execution_state: "idle" });
  }

  private async execute(req: Message<ExecuteRequest>, t: Transport): Promise<void> {
    const code = String(req.content.code ?? "");
    const silent = req.content.silent === true;
    const storeHistory = !silent && req.content.store_history !== false;
    t.publish(req, "status", { execution_state: "busy" });
    if (storeHistory) this.count++;
    const n = this.count;
    if (!silent) t.publish(req, "execute_input", { code, execution_count: n });
    const entry = storeHistory ? this.history.add(n, code) : null;
    const writer = cellWriter(t, req);
    let error: ErrorContent | null = null;
    const help = HELP.exec(code);
    if (help) {
      // `name?` as in IPython: the type and docs of `name`, shown in the pager.
      const text = this.quickInfo(help[1], help[1].length) || `No information found for ${help[1]}`;
      t.reply(req, "execute_reply", { status: "ok", execution_count: n, user_expressions: {}, payload: [{ source: "page", data: { "text/plain": text }, start: 0 }] });
      t.publish(req, "status", { execution_state: "idle" });
      return;
    }
    try {
      const outcome = await runInCell(writer, () => this.opts.executor.execute(code, { filename: `cell[${n}]` }));
      if (outcome.status === "error") error = outcome.error;
      else if (outcome.hasValue && !silent && !isDisplayHandle(outcome.value)) {
        const r = await runInCell(writer, () => format(outcome.value, formatters()));
        writer.flush();
        t.publish(req, "execute_result", { execution_count: n, data: r.content.data, metadata: r.content.metadata });
        if (entry) entry.output = String(r.content.data["text/plain"] ?? "");
        for (const e of r.errors) writer.stream("stderr", e + "\n");
      }
    } catch (e) {
      // The compiler itself failed (a tslab bug); report it as the cell's error, keep the kernel.
      error = { ename: "InternalError", evalue: errorLine(e), traceback: [`InternalError: ${errorLine(e)}`, String((e as Error)?.stack ?? "")] };
    }
    writer.flush();
    if (error) {
      t.publish(req, "error", error);
      if (req.content.stop_on_error !== false) { this.abortEpoch++; this.failedAt = Date.now(); }
      t.reply(req, "execute_reply", { status: "error", execution_count: n, ...error });
    } else {
      const user_expressions = await this.userExpressions(req.content.user_expressions, writer);
      writer.flush();
      t.reply(req, "execute_reply", { status: "ok", execution_count: n, user_expressions, payload: [] });
    }
    t.publish(req, "status", { execution_state: "idle" });
  }

  /**
   * IPython's user_expressions: after a cell that succeeded, each expression is evaluated and
   * answered in the reply as a mime bundle (status ok) or as its error; none is published, and
   * a failing one stops nothing.
   */
  private async userExpressions(exprs: Record<string, string> | undefined, writer: CellWriter): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [name, src] of Object.entries(exprs ?? {})) {
      try {
        const o = await runInCell(writer, () => this.opts.executor.execute(String(src), { filename: `user_expressions[${name}]` }));
        if (o.status === "error") { out[name] = { status: "error", ...o.error }; continue; }
        const r = await runInCell(writer, () => format(o.hasValue ? o.value : undefined, formatters()));
        out[name] = { status: "ok", data: r.content.data, metadata: r.content.metadata };
      } catch (e) {
        out[name] = { status: "error", ename: "InternalError", evalue: errorLine(e), traceback: [`InternalError: ${errorLine(e)}`] };
      }
    }
    return out;
  }
}
