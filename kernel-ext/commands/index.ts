// The subcommands, in the order `--help` lists them. Add one line per new command.
import type { Command } from "commander";
import { register as install } from "./install.js";
import { register as lab } from "./lab.js";
import { register as run } from "./run.js";
import { register as assign } from "./assign.js";
import { register as grade } from "./grade.js";
import { register as report } from "./report.js";

export type Register = (program: Command) => void;

export const commands: Register[] = [install, lab, run, assign, grade, report];
