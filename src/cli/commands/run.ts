// spillover run [study.yaml] [--out DIR] [--lang zh|en]
import { basename, dirname, join, relative, resolve } from 'node:path';
import { helpIn, consoleWidth, studyArgument, WIDE_HELP, type Register } from './register.ts';
import { BUILTINS, packageRoot } from '../../data/packagePaths.ts';
import { commandLang, LANG_HELP } from '../format.ts';
import type { Rejection } from '../../data/index.ts';
import type { PreparedStudy } from '../../data/loadStudyInputs.ts';
import type { StudyResults } from '../../study/types.ts';
import { errorSentence, errorText } from '../../locale/errorText.ts';
import type { Label } from '../../locale/lang.ts';

export const register: Register = (program, _setExitCode, lang) => {
  const h = helpIn(lang);
  program
    .command('run')
    .description(h('运行研究：估计每个指标，写出 results.json、report.html、tables.xlsx、图表 SVG、CSV 表和 rejected.csv（默认：自带的微信 2019 示例）。', 'Run a study: estimate every figure, write results.json, report.html, tables.xlsx, chart SVGs, CSV tables and rejected.csv (default: the bundled WeChat 2019 example).'))
    .addArgument(studyArgument(lang))
    .option('--out <dir>', h('输出文件夹：新的、空的，或以前运行写过的（默认：out/<研究文件夹名>）', 'output directory: new, empty, or written by an earlier run (default: out/<study directory name>)'))
    .option('--lang <lang>', h(`终端输出的语言：${LANG_HELP.zh}`, `console language: ${LANG_HELP.en}`))
    .option('--charts <list>', h('charts/ 下的图表图片：svg、png（需要 Chromium）或 none', 'chart images under charts/: svg, png (needs Chromium) or none'), 'svg')
    .option('--wide', WIDE_HELP[lang])
    .option('--json', h('以 JSON 输出主要指标（id、label、基本单位的值、unit、se、ci），而不是表格', 'print the headline figures as JSON (id, label, value in base units, unit, se, ci) instead of tables'))
    .option('--quiet', h('终端上不显示进度行', 'no progress line on the terminal'))
    .action(async (study: string, opts: { out?: string; lang?: string; charts: string; wide?: boolean; json?: boolean; quiet?: boolean }) => {
      const lang = commandLang(opts.lang);
      const [{ runStudy }, { coverageTable, headlineTable, qualityTable, uncertaintyTable, wrapLines }, { tables, rejectedCsv }, { checkOutputFolder, writeOutputSet }, { earlyArtifacts, reportArtifacts, parseChartFormats }] = await Promise.all([
        import('../runStudy.ts'),
        import('../format.ts'),
        import('../outputs.ts'),
        import('../outputSet.ts'),
        import('../artifacts.ts'),
      ]);
      const charts = parseChartFormats(opts.charts);
      const out = resolve(opts.out ?? `out/${basename(dirname(resolve(study)))}`);
      const cwd = process.cwd();
      const display = (p: string) => (relative(cwd, resolve(p)).startsWith('..') ? resolve(p) : relative(cwd, resolve(p)) || '.');
      const builtins = Object.values(BUILTINS).map((p) => join(packageRoot, p));
      // Before any work: --out may not be (or hold) the study, its data, the current directory or a file.
      checkOutputFolder(out, { cwd, inputs: [resolve(study), ...builtins], display });
      // A study may have transactions only, questionnaires only, or both (the voucher measures).
      // The transaction machinery (runVouchers and what it imports) is loaded only for a study that has transactions.
      const { readStudySections } = await import('../../data/studySections.ts');
      const { existsSync } = await import('node:fs');
      // DuckDB spills beyond its memory limit to a private folder beside the outputs (on their disk), removed after reading
      const spill = { spillParent: existsSync(dirname(out)) ? dirname(out) : undefined };
      const sections = readStudySections(study);
      const v = sections.transactions ? await import('../runVouchers.ts') : null;
      const { textTable } = await import('../format.ts');
      // Progress on a terminal (stderr): each long step (reading the transactions, reading and screening each file,
      // the Monte Carlo, the charts, PNG export, the workbook, writing) on one line redrawn, with counts, rate and time left.
      const { createProgress, runSteps } = await import('../progress.ts');
      const progress = createProgress({ quiet: opts.quiet });
      const steps = runSteps(progress, lang);
      let vouchers;
      try {
        vouchers = v ? await v.runVoucherStudy(study, { ...spill, onTransactions: steps.onTransactions }) : undefined;
      } finally {
        progress.done();
      }
      if (vouchers) checkOutputFolder(out, { cwd, inputs: [resolve(study), ...v!.voucherInputs(vouchers.config, vouchers.dir)], display });
      if (vouchers && !sections.questionnaires) {
        const files = v!.voucherFiles(vouchers.results, lang, { report: true });
        writeOutputSet(out, files);
        if (opts.json) {
          const figures = Object.values(vouchers.results.vouchers.figures).map((f) => ({ id: f.id, label: f.label[lang], value: f.value, unit: f.unit, se: f.se ?? null, ci: f.ci ?? null }));
          process.stdout.write(`${JSON.stringify({ study: vouchers.results.study, figures, quality: vouchers.results.vouchers.quality, outputs: out, files: Object.keys(files).sort() }, null, 1)}\n`);
          return;
        }
        process.stdout.write(`${v!.voucherTable(vouchers.results, lang, textTable, consoleWidth(opts))}\n\n`);
        process.stdout.write(`${wrapLines((lang === 'zh' ? `输出目录：${out}` : `Outputs: ${out}`), consoleWidth(opts))}\n  ${Object.keys(files).sort().join('\n  ')}\n`);
        return;
      }
      const zh = lang === 'zh';
      let ran, early;
      const artifactContext = (results: StudyResults, prepared: PreparedStudy) => ({ results, prepared, lang, charts, onStep: steps.onStep, vouchers: vouchers?.results.vouchers });
      try {
        // the charts are drawn while the coverage check's thread finishes (they do not read it)
        const whileChecking = async (results: StudyResults, prepared: PreparedStudy) => void (early = await earlyArtifacts(artifactContext(results, prepared)));
        ran = await runStudy(study, { onRead: steps.onRead, onReadFiles: steps.onReadFiles, onProgress: steps.onProgress, coverageThread: true, whileChecking, ...spill });
      } catch (e) {
        progress.done();
        // Screening ran but the run failed: its rejections go to a separate, clearly named folder.
        const rejections = (e as { rejections?: Rejection[] }).rejections;
        if (e instanceof Error && rejections) {
          const failed = `${out}-failed-run`;
          try {
            checkOutputFolder(failed, { cwd, inputs: [resolve(study), ...builtins], display });
            writeOutputSet(failed, { 'rejected.csv': rejectedCsv(rejections, lang), 'error.txt': `${errorSentence(e, lang)}\n` });
            addNote(e, {
              zh: `\n  （没有写出结果；筛查剔除的 ${rejections.length} 行在 ${display(failed)}/rejected.csv）`,
              en: `\n  (no outputs written; the ${rejections.length} rejected row(s) of screening are in ${display(failed)}/rejected.csv)`,
            });
          } catch (w) {
            addNote(e, { zh: `\n  （rejected.csv 也没能写出：${errorText(w, 'zh')}）`, en: `\n  (rejected.csv could not be written either: ${errorText(w, 'en')})` });
          }
        }
        throw e;
      }
      const { results, prepared } = ran;
      const { config, dir } = prepared.study;
      const read = [...Object.values(config.questionnaires).flatMap((q) => (q.source ? [] : [q.file])), config.io.table, config.jobsPerOutput.method === 'ratio' ? undefined : config.jobsPerOutput.employment];
      const inputs = read.filter((p): p is string => typeof p === 'string' && !p.startsWith('builtin:')).map((p) => resolve(dir, p));
      checkOutputFolder(out, { cwd, inputs: [prepared.study.path, ...inputs, ...builtins], display });
      const files: Record<string, string | Uint8Array> = tables(results, prepared.rejections, lang);
      Object.assign(files, await reportArtifacts(artifactContext(results, prepared), early!));
      if (vouchers) Object.assign(files, v!.voucherFiles(vouchers.results, lang, { report: false }));
      progress.step(zh ? '写出结果' : 'writing outputs', Object.keys(files).length, zh ? '个文件' : 'files');
      writeOutputSet(out, files);
      progress.set(Object.keys(files).length);
      progress.done();
      const noSe = Object.values(results.figures).filter((f) => f.seNote);
      for (const q of results.quality) for (const w of q.warnings ?? []) process.stderr.write(zh ? `spillover: 警告：${q.file}：${w.zh}\n` : `spillover: warning: ${q.file}: ${w.en}\n`);
      for (const w of results.uncertainty?.warnings ?? []) process.stderr.write(`${wrapLines(`spillover: ${lang === 'zh' ? '警告：' : 'warning: '}${w[lang]}`, consoleWidth(opts))}\n`);
      if (noSe.length > 0) process.stderr.write(`${zh ? `spillover: 警告：${noSe.length} 个指标没有标准误：` : `spillover: warning: ${noSe.length} figure(s) without a standard error:`}\n${noSe.map((f) => `  ${f.id}: ${f.seNote![lang]}`).join('\n')}\n`);
      if (opts.json) {
        const figures = Object.values(results.figures).map((f) => ({ id: f.id, label: f.label[lang], value: f.value, unit: f.unit, se: f.se ?? null, ci: f.ci ?? null }));
        process.stdout.write(`${JSON.stringify({ study: results.study, figures, quality: results.quality, outputs: out, files: Object.keys(files).sort() }, null, 1)}\n`);
        return;
      }
      const width = consoleWidth(opts);
      const unc = uncertaintyTable(results, lang, width);
      const cov = coverageTable(results, lang, width);
      process.stdout.write(`${headlineTable(results, lang, width)}\n\n${cov ? `${cov}\n\n` : ''}${unc ? `${unc}\n\n` : ''}${qualityTable(results.quality, lang, width)}\n\n`);
      if (vouchers) process.stdout.write(`${v!.voucherTable(vouchers.results, lang, textTable, width)}\n\n`);
      process.stdout.write(`${wrapLines((lang === 'zh' ? `输出目录：${out}` : `Outputs: ${out}`), width)}\n  ${Object.keys(files).sort().join('\n  ')}\n`);
    });
};

/** Adds a sentence to an error in both languages: `.message` stays the English text, errorText gives either. */
function addNote(e: Error, note: Label): void {
  const zh = errorText(e, 'zh');
  e.message += note.en;
  Object.assign(e, { texts: { zh: zh + note.zh, en: e.message } });
}
