#!/usr/bin/env node
// The `deeprob-ts` command. Each subcommand lives in kernel-ext/commands/<name>.ts and
// exports `register(program)`; this file only wires them (one concept, one file).
import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { CommandError, EXIT } from "./commands/command-error.js";
import { commands } from "./commands/index.js";
import { packageRoot } from "./jupyter-env.js";

function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/**
 * The `deeprob-ts` program with every subcommand registered.
 * @example buildProgram().commands.map((c) => c.name()) // => ["install", "lab", "run"]
 */
export function buildProgram(): Command {
  const program = new Command("deeprob-ts")
    .description("TypeScript kernel for Jupyter with rich display, and the deeprob-ts course tools")
    .version(packageVersion(), "-V, --version", "print the deeprob-ts version")
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/**
 * Parses `argv` and runs the command; resolves to the process exit code (never throws).
 * @example await main(["node", "deeprob-ts", "run", "missing.ipynb"]) // => 2, after printing the error
 */
export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err: unknown) {
    const e = err as { code?: string; exitCode?: number; message?: string };
    // commander throws for --help / --version with exitCode 0, and has already printed the
    // usage error otherwise: a usage error is bad input (2), as for any Unix tool.
    if (typeof e.code === "string" && e.code.startsWith("commander.")) return e.exitCode === 0 ? 0 : EXIT.badInput;
    // A CommandError's message already names the command and says what to do.
    if (err instanceof CommandError) {
      process.stderr.write(`deeprob-ts ${e.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`deeprob-ts: ${e instanceof Error ? e.stack ?? e.message : String(err)}\n`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code));
}
