// spillover check study.yaml — validate the study file and its data without estimating.
import { consoleWidth, studyArgument, WIDE_HELP, type Register } from './register.ts';
import { commandLang, LANG_HELP, qualityTable, textTable, wrapLines } from '../format.ts';
import { toDisplay } from '../../locale/index.ts';

export const register: Register = (program, setExitCode) => {
  program
    .command('check')
    .description('Validate a study file and screen its questionnaires without estimating; exit 0 when usable.')
    .addArgument(studyArgument())
    .option('--lang <lang>', LANG_HELP)
    .option('--wide', WIDE_HELP)
    .option('--json', 'print the screening counts and the sectors as JSON')
    .action(async (study: string, opts: { lang?: string; wide?: boolean; json?: boolean }) => {
      const lang = commandLang(opts.lang);
      const { loadStudyInputs } = await import('../../data/loadStudyInputs.ts');
      const p = await loadStudyInputs(study);
      const c = p.study.config;
      const sectors = Object.entries(p.inputs.sectors).map(([cat, s]) => [cat, s.code, `${s.name.zh} ${s.name.en}`.trim(), s.coefficient.toFixed(9)]);
      const quality = p.loaded.map((q) => {
        const warnings = p.inputs.questionnaires[q.key]?.warnings;
        return { questionnaire: q.key, file: q.file, rowsRead: q.rowsRead, valid: q.valid, rejected: q.rejected, reasons: q.reasons, ...(warnings ? { warnings } : {}) };
      });
      for (const q of quality) for (const w of q.warnings ?? []) process.stderr.write(`spillover: warning: ${q.file}: ${w}\n`);
      const width = consoleWidth(opts);
      const empty = quality.filter((q) => q.valid === 0);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ study: p.study.display, valid: empty.length === 0, quality, sectors: p.inputs.sectors, jobsPerOutput: p.inputs.jobsPerOutput }, null, 1)}\n`);
        if (empty.length > 0) setExitCode(1);
        return;
      }
      const say = (text: string) => process.stdout.write(`${wrapLines(text, width)}\n`);
      say(`${p.study.display}:\n${lang === 'zh' ? '配置有效' : 'study file is valid'} (${c.providers.length} provider + ${c.operators.length} operator components, ${c.consumption.categories.length} consumption categories)\n`);
      process.stdout.write(`${qualityTable(quality, lang, width)}\n\n`);
      // The readers' notes (encoding chosen, rows skipped by skip_rows).
      const notes = p.loaded.flatMap((q) => (q.source?.notes ?? []).map((n) => `  ${q.key}: ${n}`));
      if (notes.length > 0) say(`${notes.join('\n')}\n`);
      process.stdout.write(`${textTable(lang === 'zh' ? ['消费类别', '部门编号', '部门', '完全消耗系数（列和）'] : ['Category', 'Sector', 'Name', 'Column sum of B'], sectors, [3], { width, wrap: [2] })}\n`);
      for (const q of empty) {
        const top = Object.entries(q.reasons).sort((a, b) => b[1] - a[1])[0];
        process.stderr.write(`spillover: ${q.file}: no valid questionnaire (${q.rowsRead} rows read${top ? `, most rejected for ${top[0]}: ${top[1]}` : ''}); see the rejections with spillover run\n`);
      }
      if (empty.length > 0) setExitCode(1);
      say(`\n${lang === 'zh' ? '单位产出就业' : 'Jobs per output'}: ${p.inputs.jobsPerOutput.method === 'sector' ? 'sector employment coefficients' : `${toDisplay('perYuan', p.inputs.jobsPerOutput.perYuan).toFixed(2)} persons/亿元`} (${p.inputs.jobsPerOutput.source})`);
    });
};
