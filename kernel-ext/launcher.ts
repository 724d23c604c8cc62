// The kernel process Jupyter starts (kernel.json argv: node launcher.js {connection_file}):
// binds the sockets, routes stdout/stderr and stray errors to the cell that caused them, and
// keeps the process alive through every user mistake.
import fs from "node:fs";
import path from "node:path";
import { currentWriter } from "./channel";
import { saveCodeCaches } from "./code-cache";
import { createConverter } from "./converter";
import { thrownError, type CellLookup } from "./errors";
import { createExecutor, type Executor } from "./executor";
import { Kernel } from "./kernel";
import { kernelLog } from "./log";
import { installRuntimeResolution, PACKAGE_ENTRY, PACKAGE_ROOT } from "./resolve";
import { readConnectionFile, serve } from "./server";

type Write = typeof process.stdout.write;

/** Sends process.stdout/stderr writes to the current cell; before any cell, to the real stream. */
function routeStream(stream: NodeJS.WriteStream, name: "stdout" | "stderr"): void {
  const original = stream.write.bind(stream) as Write;
  stream.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => {
    const w = currentWriter();
    if (!w) return (original as (...a: unknown[]) => boolean)(chunk, encoding, cb);
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === "string" ? encoding as BufferEncoding : "utf8");
    w.stream(name, text);
    const done = typeof encoding === "function" ? encoding : cb;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  }) as Write;
}

function reportStray(kind: string, e: unknown, cells?: CellLookup): void {
  const err = thrownError(e, cells);
  const text = `${kind}: ${err.traceback.join("\n")}\n`;
  const w = currentWriter();
  if (w) w.stream("stderr", text);
  else kernelLog(text);
}

/**
 * Exits when the process that started us (the Jupyter server) is gone, as ipykernel's parent
 * poller does: a SIGKILLed server must not leave kernels running forever.
 */
function exitWithParent(exit: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    let alive = process.ppid === parent;
    if (alive) {
      // EPERM: the parent exists but belongs to another user (the grader runs kernels as nobody).
      try { process.kill(parent, 0); } catch (e) { alive = (e as NodeJS.ErrnoException).code === "EPERM"; }
    }
    if (!alive) {
      kernelLog(`deeprob-ts kernel: parent process ${parent} is gone; exiting`);
      exit();
    }
  }, 1000);
  timer.unref();
}

/**
 * Starts the kernel for the connection file in argv[2].
 * @example
 * // kernel.json: ["/usr/bin/node", "/repo/dist/kernel-ext/launcher.js", "{connection_file}"]
 * await main(["node", "launcher.js", "/run/jupyter/kernel-1.json"]);
 */
export async function main(argv: string[] = process.argv): Promise<void> {
  const file = argv[2];
  if (!file) throw new Error("usage: node launcher.js <connection_file> (Jupyter passes {connection_file})");
  const conn = readConnectionFile(file);
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };
  installRuntimeResolution();
  routeStream(process.stdout, "stdout");
  routeStream(process.stderr, "stderr");
  // A timer or promise from an earlier cell must never take the kernel down.
  let executor: Executor | null = null;
  process.on("uncaughtException", (e) => reportStray("Uncaught exception (from async code)", e, executor?.cells));
  process.on("unhandledRejection", (e) => reportStray("Unhandled promise rejection", e, executor?.cells));

  // The converter (a TypeScript watch program) takes seconds to build: it parses lib.es2022,
  // @types/node and our declarations. It is built right after the sockets are bound, and at the
  // latest before the first kernel_info_reply, so "idle" means cells run at full speed.
  let warm = false;
  const getExecutor = () => (executor ??= createExecutor(process.cwd(), createConverter()));
  const warmUp = () => {
    if (warm) return;
    warm = true;
    try {
      getExecutor();
      saveCodeCaches();
    } catch (e) {
      // Reported again, as the cell's error, when a cell needs the converter.
      kernelLog(`deeprob-ts kernel: warm-up failed: ${(e as Error).stack ?? String(e)}`);
    }
    // Load the library now too, so the first `import "deeprob-ts"` cell costs no require time.
    try { require(PACKAGE_ENTRY); } catch (e) { kernelLog(`deeprob-ts kernel: cannot preload ${PACKAGE_ENTRY}: ${(e as Error).message}`); }
  };
  const lazy: Executor = {
    execute: (src, o) => getExecutor().execute(src, o),
    inspect: (src, pos) => getExecutor().inspect(src, pos),
    complete: (src, pos) => getExecutor().complete(src, pos),
    interrupt: () => executor?.interrupt(),
    close: () => executor?.close(),
  };
  let server: { close(): void } | null = null;
  const kernel = new Kernel({
    executor: lazy,
    version: pkg.version,
    warmUp,
    onShutdown: () => {
      // Let the shutdown_reply leave before the sockets close; timers of user code must not keep us alive.
      setTimeout(() => { lazy.close(); server?.close(); process.exit(0); }, 50);
    },
  });
  process.on("SIGINT", () => lazy.interrupt());
  exitWithParent(() => { lazy.close(); server?.close(); process.exit(0); });
  server = await serve(conn, kernel.handle);
  setImmediate(warmUp);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    kernelLog(`deeprob-ts kernel: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  });
}
