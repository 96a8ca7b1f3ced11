// spillover run [study.yaml] [--out DIR] [--lang zh|en]
import { basename, dirname, resolve } from 'node:path';
import type { Register } from './index.ts';
import { DEFAULT_STUDY } from '../paths.ts';
import { parseLang } from '../format.ts';

export const register: Register = (program) => {
  program
    .command('run')
    .description('Run a study: estimate every figure, write results.json, CSV tables and rejected.csv (default: the bundled WeChat 2019 example).')
    .argument('[study]', 'study file', DEFAULT_STUDY)
    .option('--out <dir>', 'output directory (default: out/<study directory name>)')
    .option('--lang <lang>', 'console language: zh or en', 'zh')
    .option('--charts <list>', 'chart images under charts/: svg, png (needs Chromium) or none', 'svg')
    .action(async (study: string, opts: { out?: string; lang: string; charts: string }) => {
      const lang = parseLang(opts.lang);
      const [{ runStudy }, { headlineTable, qualityTable, uncertaintyTable }, { tables, writeOutputSet }, { artifactProducers, parseChartFormats }] = await Promise.all([
        import('../runStudy.ts'),
        import('../format.ts'),
        import('../outputs.ts'),
        import('../artifacts.ts'),
      ]);
      const charts = parseChartFormats(opts.charts);
      const { results, prepared } = await runStudy(study);
      const out = resolve(opts.out ?? `out/${basename(dirname(resolve(study)))}`);
      const files: Record<string, string | Uint8Array> = tables(results, prepared.rejections);
      for (const produce of artifactProducers) Object.assign(files, await produce({ results, prepared, lang, charts }));
      writeOutputSet(out, files);
      const unc = uncertaintyTable(results, lang);
      process.stdout.write(`${headlineTable(results, lang)}\n\n${unc ? `${unc}\n\n` : ''}${qualityTable(results.quality, lang)}\n\n`);
      process.stdout.write(`${lang === 'zh' ? '输出目录' : 'Outputs'}: ${out}\n  ${Object.keys(files).sort().join('\n  ')}\n`);
    });
};
