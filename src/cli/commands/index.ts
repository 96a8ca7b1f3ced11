// Registry of subcommands. Each command file exports `register(program, setExitCode)`.
import { Argument, type Command } from 'commander';
import { DEFAULT_STUDY } from '../paths.ts';
import { CONSOLE_WIDTH } from '../fitTable.ts';
import { register as run } from './run.ts';
import { register as check } from './check.ts';
import { register as explain } from './explain.ts';
import { register as io } from './io.ts';
import { register as survey } from './survey.ts';
import { register as audit } from './audit.ts';
import { register as plan } from './plan.ts';
import { register as serve } from './serve.ts';
import { register as init } from './init.ts';
import { register as load } from './load.ts';

/**
 * The optional [study] argument: defaults to the bundled example, shown in help as words (not its
 * absolute path, which differs from one installation to another).
 */
export function studyArgument(description = 'study file'): Argument {
  return new Argument('[study]', description).default(DEFAULT_STUDY, 'the bundled example study');
}

/** Help of --wide, the option of every command that prints tables. */
export const WIDE_HELP = 'every column on one line per row (default: fit 80 columns)';

/** The width a command's console output is fitted to: 80 columns, or unlimited with --wide. */
export const consoleWidth = (opts: { wide?: boolean }): number => (opts.wide ? Infinity : CONSOLE_WIDTH);

export type Register = (program: Command, setExitCode: (code: number) => void) => void;

export const commands: Register[] = [run, check, explain, io, survey, audit, plan, serve, init, load];
