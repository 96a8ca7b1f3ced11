// What every subcommand file uses: the contract `register(program, setExitCode)`, the optional
// [study] argument, and the --wide option with the console width it sets.
import { Argument, type Command } from 'commander';
import { DEFAULT_STUDY } from '../../data/packagePaths.ts';
import { CONSOLE_WIDTH } from '../fitTable.ts';

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
