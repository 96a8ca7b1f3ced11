// spillover check study.yaml — validate the study file and its data without estimating.
import { helpIn, consoleWidth, studyArgument, WIDE_HELP, type Register } from './register.ts';
import { commandLang, LANG_HELP, qualityTable, textTable, wrapLines } from '../format.ts';
import { DISPLAY, rejectionName, toDisplay } from '../../locale/index.ts';

export const register: Register = (program, setExitCode, lang) => {
  const h = helpIn(lang);
  program
    .command('check')
    .description(h('校验研究文件并筛查其问卷和交易数据；不写任何文件；可用时以 0 退出。', 'Validate a study file and screen its questionnaires and transactions; writes nothing; exit 0 when usable.'))
    .addArgument(studyArgument(lang))
    .option('--lang <lang>', LANG_HELP[lang])
    .option('--wide', WIDE_HELP[lang])
    .option('--json', h('以 JSON 输出筛查计数和部门', 'print the screening counts and the sectors as JSON'))
    .action(async (study: string, opts: { lang?: string; wide?: boolean; json?: boolean }) => {
      const lang = commandLang(opts.lang);
      const width = consoleWidth(opts);
      // A study may have transactions only, questionnaires only, or both: check what it has.
      const { readStudySections } = await import('../../data/studySections.ts');
      const sections = readStudySections(study);
      if (sections.transactions) {
        const usable = await checkTransactions(study, lang, width, opts.json === true, !sections.questionnaires);
        if (!usable) setExitCode(1);
        if (!sections.questionnaires) return;
      }
      const { loadStudyInputs } = await import('../../data/loadStudyInputs.ts');
      const p = await loadStudyInputs(study);
      const c = p.study.config;
      const sectors = Object.entries(p.inputs.sectors).map(([cat, s]) => {
        // several sectors (or the price bridge): how many, the full mapping is in the report's methodology
        const n = new Set((s.demand ?? []).map((d) => d.code)).size;
        const several = lang === 'zh' ? `${n} 个部门（见报告的部门映射表）` : `${n} sectors (see the report's sector mapping)`;
        return [cat, n > 1 ? `${s.code}…` : s.code, n > 1 ? several : s.name[lang] || s.name.zh || s.name.en, s.coefficient.toFixed(9)];
      });
      const quality = p.loaded.map((q) => {
        const { warnings, ruleReasons } = p.inputs.questionnaires[q.key] ?? {};
        return { questionnaire: q.key, file: q.file, rowsRead: q.rowsRead, valid: q.valid, rejected: q.rejected, reasons: q.reasons, ...(ruleReasons ? { ruleReasons } : {}), ...(warnings ? { warnings } : {}) };
      });
      for (const q of quality) for (const w of q.warnings ?? []) process.stderr.write(lang === 'zh' ? `spillover: 警告：${q.file}：${w.zh}\n` : `spillover: warning: ${q.file}: ${w.en}\n`);
      const empty = quality.filter((q) => q.valid === 0);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ study: p.study.display, valid: empty.length === 0, quality, sectors: p.inputs.sectors, jobsPerOutput: p.inputs.jobsPerOutput }, null, 1)}\n`);
        if (empty.length > 0) setExitCode(1);
        return;
      }
      const say = (text: string) => process.stdout.write(`${wrapLines(text, width)}\n`);
      const parts = lang === 'zh' ? `（服务商组成部分 ${c.providers.length} 个，运营者组成部分 ${c.operators.length} 个，消费类别 ${c.consumption.categories.length} 个）` : ` (${c.providers.length} provider + ${c.operators.length} operator components, ${c.consumption.categories.length} consumption categories)`;
      say(`${p.study.display}${lang === 'zh' ? '：\n配置有效' : ':\nstudy file is valid'}${parts}\n`);
      process.stdout.write(`${qualityTable(quality, lang, width)}\n\n`);
      // The readers' notes (encoding chosen, rows skipped by skip_rows).
      const notes = p.loaded.flatMap((q) => (q.source?.notes ?? []).map((n) => `  ${q.key}: ${n[lang]}`));
      if (notes.length > 0) say(`${notes.join('\n')}\n`);
      process.stdout.write(`${textTable(lang === 'zh' ? ['消费类别', '部门编号', '部门', '完全消耗系数（列和）'] : ['Category', 'Sector', 'Name', 'Column sum of B'], sectors, [3], { width, wrap: [2] })}\n`);
      for (const q of empty) {
        const top = Object.entries(q.reasons).sort((a, b) => b[1] - a[1])[0];
        process.stderr.write(
          lang === 'zh'
            ? `spillover: ${q.file}：没有有效问卷（读取 ${q.rowsRead} 行${top ? `，剔除最多的原因：${rejectionName(top[0], lang, q.ruleReasons)}，${top[1]} 行` : ''}）；用 spillover run 查看剔除明细（rejected.csv）\n`
            : `spillover: ${q.file}: no valid questionnaire (${q.rowsRead} rows read${top ? `; most rejections: ${rejectionName(top[0], lang, q.ruleReasons)} (${top[1]})` : ''}); see the rejections with spillover run (rejected.csv)\n`,
        );
      }
      if (empty.length > 0) setExitCode(1);
      const jpo = p.inputs.jobsPerOutput;
      const jpoText = jpo.method === 'sector' ? (lang === 'zh' ? '分部门就业系数' : 'sector employment coefficients') : `${toDisplay('perYuan', jpo.perYuan, lang).toFixed(2)} ${DISPLAY[lang].perYuan.unit}`;
      // the source after the figure, not in brackets: a source often has brackets of its own
      say(lang === 'zh' ? `\n单位产出就业：${jpoText}。来源：${jpo.source.zh}` : `\nJobs per output: ${jpoText}. Source: ${jpo.source.en}`);
    });
};

/**
 * The transaction part of `check`: the mapping and programmes validated, the file read and screened
 * (rows read, used, left out by cause, refunds) and the voucher comparisons formed, so a programme whose
 * dates fall outside the data or an empty comparison group is reported here, not at `run`.
 * Returns whether any transaction is usable.
 */
async function checkTransactions(study: string, lang: 'zh' | 'en', width: number, json: boolean, only: boolean): Promise<boolean> {
  const [{ runVoucherStudy }, { faultName, transactionQualityNotes }] = await Promise.all([import('../../data/voucherStudy.ts'), import('../../study/vouchers/qualityNotes.ts')]);
  const { results, config } = await runVoucherStudy(study);
  const q = results.vouchers.quality;
  const reasons = Object.fromEntries(Object.entries(q.excluded).filter(([, n]) => n > 0));
  if (json) {
    if (only) process.stdout.write(`${JSON.stringify({ study, valid: q.used > 0, transactions: q }, null, 1)}\n`);
    else process.stderr.write(`${JSON.stringify({ transactions: q })}\n`);
    return q.used > 0;
  }
  const programmes = config.programmes.length;
  process.stdout.write(`${wrapLines(lang === 'zh' ? `${results.study.name.zh}：\n交易数据可用${programmes ? `（${programmes} 个发放计划）` : ''}` : `${results.study.name.en}:\ntransactions are usable${programmes ? ` (${programmes} ${programmes === 1 ? 'programme' : 'programmes'})` : ''}`, width)}\n`);
  const header = lang === 'zh' ? ['交易文件', '读取行数', '使用', '未用', '原因'] : ['Transactions', 'Rows read', 'Used', 'Left out', 'Reasons'];
  const row = [q.file, String(q.rowsRead), String(q.used), String(q.rowsRead - q.used), Object.entries(reasons).map(([k, v]) => `${faultName(k, lang)}${lang === 'zh' ? '：' : ': '}${v}`).join(lang === 'zh' ? '，' : ', ')];
  process.stdout.write(`${textTable(header, [row], [1, 2, 3], { width, wrap: [0, 4] })}\n`);
  const refunds = lang === 'zh' ? `退款 ${q.refunds} 笔，已从消费中扣除` : `${q.refunds} refunds netted out of spending`;
  const notes = [refunds, ...transactionQualityNotes(q).map((n) => n[lang])].map((n) => `  · ${n}`).join('\n');
  process.stdout.write(`${wrapLines(notes, width)}\n\n`);
  if (q.used === 0) process.stderr.write(`spillover: ${q.file}: no usable transaction (${q.rowsRead} rows read)\n`);
  return q.used > 0;
}
