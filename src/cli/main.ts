// The `spillover` command line: one file per subcommand under ./commands, registered here.
import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.ts';
import { describeFsError } from './outputSet.ts';
import { version } from '../data/packagePaths.ts';
import { argvLang } from './format.ts';
import { errorText } from '../locale/errorText.ts';

export async function main(argv: string[]): Promise<number> {
  // `spillover … | head`: a closed pipe ends the output quietly instead of a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const program = new Command('spillover')
    .description('Jobs and economic activity driven by a digital platform ecosystem: surveys + input-output, with uncertainty.')
    .version(version, '-V, --version', 'print the version')
    .exitOverride()
    // Help wraps at 80 columns (narrower on a narrower terminal): the same text in every terminal,
    // pipe and generated doc page.
    .configureHelp({ helpWidth: Math.min(80, (process.stdout.isTTY && process.stdout.columns) || 80) })
    .showHelpAfterError();
  let code = 0;
  for (const register of commands) register(program, (c) => { code = c; });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    // A file-system error that no command explained still says which path and why, in words.
    const fsError = e as NodeJS.ErrnoException;
    const explained = fsError && typeof fsError.code === 'string' && /^E[A-Z]+$/.test(fsError.code) && fsError.syscall ? describeFsError(e, `cannot ${fsError.syscall}`) : e;
    // In the command's language: its --lang, else SPILLOVER_LANG, else the locale (as every command resolves it).
    process.stderr.write(`spillover: ${errorText(explained, argvLang(argv))}\n`);
    if (process.env.SPILLOVER_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
  return code;
}
