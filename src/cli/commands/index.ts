// Registry of subcommands. Each command file exports `register(program, setExitCode)`.
import type { Command } from 'commander';

export type Register = (program: Command, setExitCode: (code: number) => void) => void;

export const commands: Register[] = [];
