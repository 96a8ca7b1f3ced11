// spillover serve [study.yaml] [--port N] [--root DIR] [--lang zh|en] — the local dashboard.
import { dirname, relative, resolve, sep } from 'node:path';
import { helpIn, studyArgument, type Register } from './register.ts';
import { commandLang, LANG_HELP, wrapLines } from '../format.ts';
import { LocalizedError } from '../../locale/errorText.ts';

export const register: Register = (program, _setExitCode, lang) => {
  const h = helpIn(lang);
  program
    .command('serve')
    .description(h('在 http://127.0.0.1:PORT/ 打开仪表板：报告的各个视图，在浏览器中按情景重新计算（只接受本机请求）。', 'Open the dashboard on http://127.0.0.1:PORT/: the report\'s views, recomputed in the browser under a scenario (local requests only).'))
    .addArgument(studyArgument(lang, h('最先打开的研究文件', 'study file opened first')))
    .option('--port <n>', h('127.0.0.1 上的端口（0 = 任一空闲端口）', 'port on 127.0.0.1 (0 = any free port)'), '8750')
    .option('--root <dir>', h('选择器列出其中研究文件的文件夹（默认：研究文件夹的上一级）', 'directory whose study files the picker lists (default: the parent of the study\'s directory)'))
    .option('--lang <lang>', h(`最先显示的语言：${LANG_HELP.zh}`, `language shown first: ${LANG_HELP.en}`))
    .action(async (study: string, opts: { port: string; root?: string; lang?: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new LocalizedError({ zh: `--port：应为 0–65535 的整数，而不是 ${JSON.stringify(opts.port)}`, en: `--port: expected an integer 0–65535, got ${JSON.stringify(opts.port)}` });
      const abs = resolve(study);
      const root = resolve(opts.root ?? dirname(dirname(abs)));
      const rel = relative(root, abs);
      if (rel.startsWith('..') || resolve(root, rel) !== abs) throw new LocalizedError({ zh: `研究文件 ${study} 不在 --root ${root} 之内`, en: `study ${study} is outside --root ${root}` });
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
