// spillover serve [study.yaml] [--port N] [--root DIR] [--lang zh|en] — the local dashboard.
import { dirname, relative, resolve, sep } from 'node:path';
import { studyArgument, type Register } from './register.ts';
import { commandLang, LANG_HELP, wrapLines } from '../format.ts';

export const register: Register = (program) => {
  program
    .command('serve')
    .description('Open the dashboard on http://127.0.0.1:PORT/: the report\'s views, recomputed in the browser under a scenario (local requests only).')
    .addArgument(studyArgument('study file opened first'))
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', '8750')
    .option('--root <dir>', 'directory whose study files the picker lists (default: the parent of the study\'s directory)')
    .option('--lang <lang>', `language shown first: ${LANG_HELP}`)
    .action(async (study: string, opts: { port: string; root?: string; lang?: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: expected an integer 0–65535, got ${JSON.stringify(opts.port)}`);
      const abs = resolve(study);
      const root = resolve(opts.root ?? dirname(dirname(abs)));
      const rel = relative(root, abs);
      if (rel.startsWith('..') || resolve(root, rel) !== abs) throw new Error(`study ${study} is outside --root ${root}`);
      const { startServer } = await import('../../server/index.ts');
      const lang = commandLang(opts.lang);
      const server = await startServer({ root, study: rel.split(sep).join('/'), port, lang, log: process.env.SPILLOVER_DEBUG ? (l) => process.stderr.write(`${l}\n`) : undefined });
      process.stdout.write(`${wrapLines(lang === 'zh' ? `spillover 仪表板：${server.url}（目录 ${root}；按 Ctrl-C 停止）` : `spillover dashboard: ${server.url}  (root ${root}; Ctrl-C to stop)`)}\n`);
      await new Promise<void>((done) => {
        const stop = () => server.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
};
