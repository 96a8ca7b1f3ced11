// spillover explain ID [study.yaml] — how a figure was derived, with the numbers used.
import type { Register } from './index.ts';
import { DEFAULT_STUDY } from '../paths.ts';
import { displayValue, parseLang } from '../../locale/index.ts';

export const register: Register = (program) => {
  program
    .command('explain')
    .description('Print how a figure was derived (formula, inputs, the figures it is computed from). `--list` lists the ids.')
    .argument('[id]', 'figure id, e.g. jobs.indirect')
    .argument('[study]', 'study file', DEFAULT_STUDY)
    .option('--list', 'list all figure ids')
    .option('--lang <lang>', 'zh or en', 'en')
    .action(async (id: string | undefined, study: string, opts: { list?: boolean; lang: string }) => {
      const lang = parseLang(opts.lang);
      const [{ runStudy }, { explain }] = await Promise.all([import('../runStudy.ts'), import('../../study/explain.ts')]);
      // The derivations need no Monte Carlo over assumptions: skip it.
      const { results } = await runStudy(study, { uncertainty: false });
      if (opts.list || !id) {
        process.stdout.write(Object.values(results.figures).map((f) => `${f.id}\t${f.label[lang]}`).join('\n') + '\n');
        return;
      }
      process.stdout.write(explain(results, id, lang, displayValue) + '\n');
    });
};
