// The subcommands, in the order `--help` lists them. Add one line per new command.
import type { Command } from "commander";

export type Register = (program: Command) => void;

export const commands: Register[] = [];
