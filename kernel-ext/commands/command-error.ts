// How a command fails: a message for the user and an exit code, without a stack trace.
// cli.ts prints `message` as is (it already names the command) and exits with `exitCode`.

/** Exit codes shared by `run` and `lab` (documented in their --help). */
export const EXIT = { ok: 0, failed: 1, badInput: 2, environment: 3, interrupted: 130 } as const;

/**
 * A user-facing failure.
 * @example throw new CommandError("run: hw1.ipynb: no such file", EXIT.badInput)
 */
export class CommandError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = "CommandError";
  }
}
