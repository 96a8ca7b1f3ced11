// What every subcommand file uses: the contract `register(program, setExitCode)`, the optional
// [study] argument, and the --wide option with the console width it sets.
import { Argument, type Command } from 'commander';
import { DEFAULT_STUDY } from '../../data/packagePaths.ts';
import { CONSOLE_WIDTH } from '../fitTable.ts';
import type { Label, Lang } from '../../locale/lang.ts';

/**
 * The optional [study] argument: defaults to the bundled example, shown in help as words (not its
 * absolute path, which differs from one installation to another).
 */
export function studyArgument(lang: Lang, description = lang === 'zh' ? '研究文件' : 'study file'): Argument {
  return new Argument('[study]', description).default(DEFAULT_STUDY, lang === 'zh' ? '自带的示例研究' : 'the bundled example study');
}

/** Help of --wide, the option of every command that prints tables. */
export const WIDE_HELP: Label = { zh: '每行显示全部列（默认：适应 80 列宽）', en: 'every column on one line per row (default: fit 80 columns)' };

/** The help texts of a command in the language of the command line: h('研究文件', 'study file'). */
export const helpIn = (lang: Lang) => (zh: string, en: string): string => (lang === 'zh' ? zh : en);

/** The width a command's console output is fitted to: 80 columns, or unlimited with --wide. */
export const consoleWidth = (opts: { wide?: boolean }): number => (opts.wide ? Infinity : CONSOLE_WIDTH);

/** A subcommand's registration: its help in `lang` (the command line's language, see argvLang). */
export type Register = (program: Command, setExitCode: (code: number) => void, lang: Lang) => void;
