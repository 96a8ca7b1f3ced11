// commander's own words in the command line's language: its parse errors (unknown option, missing
// argument, unknown command, excess arguments, …) and the titles and defaults of --help. English is
// commander's text unchanged; Chinese is ours, built from the names commander's message carries.
import { Command, Help, type Argument, type Option } from 'commander';
import type { Lang } from '../locale/lang.ts';
import { width } from './fitTable.ts';

const q = (s: string) => s; // names (options, commands, values) are kept as commander quotes them

/**
 * A commander error message in Chinese, from its code and its English text; null when the code is not
 * one we word (the English is then shown). commanderZh('commander.unknownOption', "error: unknown option
 * '--wdie'\n(Did you mean --wide?)") → "错误：未知的选项 '--wdie'\n（是否要用 --wide？）".
 */
export function commanderZh(code: string | undefined, message: string): string | null {
  const [first, ...rest] = message.split('\n');
  const hint = rest.join('\n').replace(/^\(Did you mean (?:one of )?(.*)\?\)$/, (_m, names: string) => `（是否要用 ${names}？）`);
  const withHint = (s: string) => (hint ? `${s}\n${hint}` : s);
  let m: RegExpMatchArray | null;
  switch (code) {
    case 'commander.unknownOption':
      return (m = first.match(/^error: unknown option (.*)$/)) ? withHint(`错误：未知的选项 ${q(m[1])}`) : null;
    case 'commander.unknownCommand':
      return (m = first.match(/^error: unknown command (.*)$/)) ? withHint(`错误：未知的命令 ${q(m[1])}`) : null;
    case 'commander.missingArgument':
      return (m = first.match(/^error: missing required argument (.*)$/)) ? `错误：缺少必需的参数 ${q(m[1])}` : null;
    case 'commander.optionMissingArgument':
      return (m = first.match(/^error: option (.*) argument missing$/)) ? `错误：选项 ${q(m[1])} 缺少取值` : null;
    case 'commander.missingMandatoryOptionValue':
      return (m = first.match(/^error: required option (.*) not specified$/)) ? `错误：没有给出必需的选项 ${q(m[1])}` : null;
    case 'commander.excessArguments':
      return (m = first.match(/^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/))
        ? `错误：${m[1] ? `${m[1]} 的` : ''}参数太多：应有 ${m[2]} 个，实有 ${m[3]} 个。`
        : null;
    case 'commander.conflictingOption':
      return (m = first.match(/^error: (?:option )?(.*) cannot be used with (?:option )?(.*)$/)) ? `错误：${m[1]} 不能与 ${m[2]} 同用` : null;
    case 'commander.invalidArgument':
      return (m = first.match(/^error: option (.*) argument (.*) is invalid\.(.*)$/)) ? `错误：选项 ${m[1]} 的取值 ${m[2]} 无效。${m[3]}` : null;
    default:
      return null;
  }
}

const CLOSING = /[，。；：、）」』》！？,.;:)]/;
const OPENING = /[（「『《(]$/;

/**
 * wrapChinese(text, max) → lines of at most `max` columns (a Chinese character is two), broken at spaces
 * or between Chinese characters, never before closing punctuation (，。；）…) or after opening punctuation
 * (（「…), never inside a Latin word unless the word alone is wider than the line.
 * wrapChinese('以 JSON 输出结果。', 12) → ['以 JSON 输出', '结果。'].
 */
export function wrapChinese(text: string, max: number): string[] {
  const units: string[] = [];
  for (const ch of text) {
    const prev = units[units.length - 1];
    const space = ch === ' ';
    const joins = prev !== undefined && (space ? /^ +$/.test(prev) : !/^ +$/.test(prev) && (CLOSING.test(ch) || OPENING.test(prev) || (width(ch) === 1 && width(prev.slice(-1)) === 1)));
    if (joins) units[units.length - 1] += ch;
    else units.push(ch);
  }
  const lines: string[] = [];
  let line = '';
  for (const u of units) {
    if (line !== '' && width(line + u) > max && !/^ +$/.test(u)) {
      lines.push(line.trimEnd());
      line = '';
    }
    if (line === '' && /^ +$/.test(u) && lines.length > 0) continue;
    line += u;
  }
  lines.push(line.trimEnd());
  return lines;
}

const TITLES: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Arguments:': '参数：', 'Commands:': '命令：', 'Global Options:': '全局选项：' };
const EXTRA: Record<string, string> = { default: '默认', choices: '可选', preset: '预设', env: '环境变量' };
/** commander's "text (default: x)" → "text（默认：x）". */
const extraZh = (s: string) =>
  s.replace(/ ?\(((?:default|choices|preset|env): .*)\)$/, (_m, inner: string) => `（${inner.replace(/\b(default|choices|preset|env): /g, (_w, k: string) => `${EXTRA[k]}：`).replace(/, (?=默认|可选|预设|环境变量)/g, '，')}）`);

/** Settings of configureHelp for a language: the titles, usage placeholders and defaults in Chinese under zh. */
export function helpWords(lang: Lang): Partial<Help> {
  if (lang === 'en') return {};
  return {
    styleTitle: (title: string) => TITLES[title] ?? title,
    // Chinese characters take two columns and a line may break between them (commander counts one
    // column a character and breaks at spaces only).
    displayWidth: (str: string) => width(str),
    boxWrap(this: Help, str: string, w: number) {
      return w < this.minWidthToWrap ? str : str.split('\n').flatMap((para) => wrapChinese(para, w)).join('\n');
    },
    commandUsage(this: Help, cmd: Command) {
      return Help.prototype.commandUsage.call(this, cmd).replace('[options]', '[选项]').replace('[command]', '[命令]');
    },
    optionDescription(this: Help, option: Option) {
      return extraZh(Help.prototype.optionDescription.call(this, option));
    },
    argumentDescription(this: Help, argument: Argument) {
      return extraZh(Help.prototype.argumentDescription.call(this, argument));
    },
    subcommandTerm(this: Help, cmd: Command) {
      return Help.prototype.subcommandTerm.call(this, cmd).replace('[options]', '[选项]');
    },
  };
}

/**
 * The program's Command class for a language: its subcommands are of the same class, and every parse
 * error commander raises is worded in that language before it is printed.
 */
export function commandClass(lang: Lang): typeof Command {
  class WordedCommand extends Command {
    override createCommand(name?: string): Command {
      return new WordedCommand(name);
    }
    override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
      const zh = lang === 'zh' ? commanderZh(errorOptions?.code, message) : null;
      return super.error(zh ?? message, errorOptions);
    }
  }
  return WordedCommand;
}
