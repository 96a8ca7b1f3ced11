// The `spillover` command line: one file per subcommand under ./commands, registered here.
import { CommanderError } from 'commander';
import { commands } from './commands/index.ts';
import { describeFsError, fsCallWords } from './outputSet.ts';
import { version } from '../data/packagePaths.ts';
import { argvLang } from './format.ts';
import { CONSOLE_WIDTH, wrapLines } from './fitTable.ts';
import { errorSentence } from '../locale/errorText.ts';
import { commandClass, helpWords } from './commanderWords.ts';

export async function main(argv: string[]): Promise<number> {
  // `spillover … | head`: a closed pipe ends the output quietly instead of a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  // One language for the help, commander's errors and ours: --lang, else SPILLOVER_LANG, else the
  // locale (as every command resolves it), read from argv before commander parses it.
  const lang = argvLang(argv);
  const zh = lang === 'zh';
  const Program = commandClass(lang);
  const program = new Program('spillover')
    .description(zh ? '数字平台生态带动的就业和经济活动：调查 + 投入产出，附不确定性。' : 'Jobs and economic activity driven by a digital platform ecosystem: surveys + input-output, with uncertainty.')
    .version(version, '-V, --version', zh ? '显示版本号' : 'print the version')
    .helpOption('-h, --help', zh ? '显示帮助' : 'display help for command')
    .helpCommand(zh ? 'help [命令]' : 'help [command]', zh ? '显示某个命令的帮助' : 'display help for command')
    .exitOverride()
    // Help wraps at 80 columns (narrower on a narrower terminal): the same text in every terminal,
    // pipe and generated doc page.
    .configureHelp({ helpWidth: Math.min(80, (process.stdout.isTTY && process.stdout.columns) || 80), ...helpWords(lang) })
    .showHelpAfterError();
  let code = 0;
  for (const register of commands) register(program, (c) => { code = c; }, lang);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    // A file-system error that no command explained still says which path and why, in words.
    const fsError = e as NodeJS.ErrnoException;
    const explained = fsError && typeof fsError.code === 'string' && /^E[A-Z]+$/.test(fsError.code) && fsError.syscall ? describeFsError(e, fsCallWords(fsError.syscall)) : e;
    // In the command's language: its --lang, else SPILLOVER_LANG, else the locale (as every command resolves it).
    // On a terminal wrapped at 80 columns (narrower on a narrower one), as the help is; piped, one line per error.
    const text = `spillover: ${errorSentence(explained, lang)}`;
    process.stderr.write(`${process.stderr.isTTY ? wrapLines(text, Math.min(CONSOLE_WIDTH, process.stderr.columns || CONSOLE_WIDTH)) : text}\n`);
    if (process.env.SPILLOVER_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
  return code;
}
