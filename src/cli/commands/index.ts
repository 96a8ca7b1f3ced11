// Registry of subcommands. Each command file exports `register(program, setExitCode)`.
import type { Command } from 'commander';
import { register as run } from './run.ts';
import { register as check } from './check.ts';
import { register as explain } from './explain.ts';
import { register as io } from './io.ts';

export type Register = (program: Command, setExitCode: (code: number) => void) => void;

export const commands: Register[] = [run, check, explain, io];
