// spillover explain ID [study.yaml] — how a figure was derived, with the numbers used.
import { helpIn, consoleWidth, studyArgument, WIDE_HELP, type Register } from './register.ts';
import { commandLang, LANG_HELP, wrapLines } from '../format.ts';
import { asLabel, displayValue } from '../../locale/index.ts';
import type { Figure } from '../../study/types.ts';

export const register: Register = (program, _setExitCode, lang) => {
  const h = helpIn(lang);
  program
    .command('explain')
    .description(h('显示一个指标是如何得出的（公式、输入、计算所依据的指标）。`--list` 列出全部编号。', 'Print how a figure was derived (formula, inputs, the figures it is computed from). `--list` lists the ids.'))
    .argument('[id]', h('指标编号，如 jobs.indirect', 'figure id, e.g. jobs.indirect'))
    .addArgument(studyArgument(lang))
    .option('--list', h('列出全部指标编号', 'list all figure ids'))
    .option('--lang <lang>', LANG_HELP[lang])
    .option('--wide', WIDE_HELP[lang])
    .option('--json', h('以 JSON 输出该指标及其所依据的全部指标（id、label、基本单位的值、unit、显示值、se、df、ci、formula、inputs、from、notes）；与 --list 同用时输出编号、名称和单位', 'print the figure and every figure it is computed from as JSON (id, label, value in base units, unit, display value, se, df, ci, formula, inputs, from, notes); with --list, the ids, labels and units'))
    .action(async (id: string | undefined, study: string, opts: { list?: boolean; lang?: string; wide?: boolean; json?: boolean }) => {
      const lang = commandLang(opts.lang);
      const [{ runStudy }, { derivation, explain }, v, { readFileSync }] = await Promise.all([import('../runStudy.ts'), import('../../study/model/index.ts'), import('../runVouchers.ts'), import('node:fs')]);
      const sections = v.studySections(readFileSync(study, 'utf8'));
      // The derivations need no Monte Carlo over assumptions: skip it. Voucher figures join the others.
      const figures = sections.questionnaires || !sections.transactions ? (await runStudy(study, { uncertainty: false })).results.figures : {};
      if (sections.transactions) Object.assign(figures, (await v.runVoucherStudy(study)).results.vouchers.figures);
      const results = { figures };
      if (opts.json) {
        // Machine output: each figure's record as results.json holds it, its label, formula and text
        // inputs in the chosen language (inputs keyed by id) and its value as the text output shows it (display units).
        const record = ({ id, label, value, unit, formula, inputs, ...rest }: Figure) => {
          const d = displayValue({ value, unit }, lang);
          const inLang = Object.fromEntries(Object.entries(inputs).map(([k, x]) => [k, typeof x === 'number' ? x : asLabel(x)[lang]]));
          return { id, label: label[lang], value, unit, display: { value: d.text, unit: d.unit }, formula: asLabel(formula)[lang], inputs: inLang, ...rest };
        };
        const body = opts.list || !id
          ? { lang, figures: Object.values(figures).map((f) => ({ id: f.id, label: f.label[lang], unit: f.unit })) }
          : { id, lang, figures: derivation(results, id).map(record) };
        process.stdout.write(`${JSON.stringify(body, null, 1)}\n`);
        return;
      }
      if (opts.list || !id) {
        // One figure a line: its id, a tab, its name (cut to fit; --wide for the whole name).
        const width = consoleWidth(opts);
        const fit = (id: string, label: string) => (Number.isFinite(width) ? wrapLines(`${id}\t${label}`.replace('\t', ' '.repeat(8 - (id.length % 8))), width).split('\n')[0] : `${id}\t${label}`);
        process.stdout.write(Object.values(results.figures).map((f) => fit(f.id, f.label[lang])).join('\n') + '\n');
        return;
      }
      process.stdout.write(wrapLines(explain(results, id, lang, displayValue), consoleWidth(opts)) + '\n');
    });
};
