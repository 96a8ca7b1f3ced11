// spillover plan [study.yaml] — interval half-width against sample size per component, simulated
// from the study's valid questionnaires, and the Neyman allocation for a target precision.
import { consoleWidth, studyArgument, WIDE_HELP, type Register } from './register.ts';
import { commandLang, LANG_HELP, textTable, wrapLines } from '../format.ts';
import { toDisplay } from '../../locale/index.ts';

function numberOption(name: string, v: string, check: (x: number) => boolean, expected: string): number {
  const x = Number(v);
  if (!check(x)) throw new Error(`--${name}: expected ${expected}, got ${JSON.stringify(v)}`);
  return x;
}

export const register: Register = (program) => {
  program
    .command('plan')
    .description('Plan the next survey: per component, the confidence-interval half-width against sample size (predicted and simulated by resampling the valid questionnaires), and the Neyman allocation for a target precision on direct jobs.')
    .addArgument(studyArgument())
    .option('--sizes <list>', 'planned sample sizes per component, comma-separated', '50,100,200,400,800,1600')
    .option('--reps <n>', 'simulated surveys per component and size', '1000')
    .option('--seed <n>', 'random seed (same seed, same output)', '1')
    .option('--level <p>', 'confidence level', '0.95')
    .option('--target <share>', 'target half-width as a share of the estimate (0.05 = ±5%)', '0.05')
    .option('--lang <lang>', LANG_HELP)
    .option('--json', 'print the plan as JSON')
    .option('--wide', WIDE_HELP)
    .action(async (study: string, opts: Record<string, string | boolean | undefined>) => {
      const lang = commandLang(opts.lang as string);
      const sizes = String(opts.sizes).split(',').map((s) => numberOption('sizes', s.trim(), (x) => Number.isInteger(x) && x >= 2, 'integers ≥ 2'));
      const options = {
        sizes,
        reps: numberOption('reps', String(opts.reps), (x) => Number.isInteger(x) && x >= 2, 'an integer ≥ 2'),
        seed: numberOption('seed', String(opts.seed), Number.isInteger, 'an integer'),
        level: numberOption('level', String(opts.level), (x) => x > 0 && x < 1, 'a number in (0, 1)'),
        target: numberOption('target', String(opts.target), (x) => x > 0, 'a share > 0, e.g. 0.05'),
      };
      const [{ loadStudyInputs }, { planCoverage, planSamples, planSurvey, COVERAGE_WARN, COVERAGE_REPS, COVERAGE_BOOT_REPS, COVERAGE_BOOT_REPLICATES }] = await Promise.all([import('../../data/loadStudyInputs.ts'), import('../../study/plan/index.ts')]);
      const prepared = await loadStudyInputs(study);
      const { config } = prepared.study;
      const coverage = planCoverage(config, prepared.inputs, sizes, options.level);
      const plan = planSurvey(planSamples(config, prepared.inputs), options, coverage);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
        return;
      }
      const width = consoleWidth(opts as { wide?: boolean });
      const wan = (v: number) => toDisplay('persons', v).toFixed(2);
      const pct = (v: number, est: number) => `${((100 * v) / est).toFixed(1)}%`;
      const pct1 = (v: number) => `${(100 * v).toFixed(1)}%`;
      const zh = lang === 'zh';
      const out: string[] = [];
      out.push(`${prepared.study.display}:\n${Math.round(plan.level * 100)}% CI half-width by sample size (persons in 万 = 10,000; ${plan.reps} simulated surveys per cell, random stream ${plan.seed})`);
      for (const c of plan.components) {
        out.push('', `${c.label[lang]} (${c.kind}, ${c.id}): estimate ${wan(c.estimate)} 万 from n = ${c.n0} valid questionnaires; n for ±${plan.target * 100}%: ${c.required}`);
        const cov = c.rows.some((r) => r.coverage);
        if (cov) {
          const lvl = Math.round(plan.level * 100);
          const m = c.interval === 'bootstrap-t' ? 'bootstrap-t' : zh ? 't 区间' : 't (Wald)';
          out.push(zh
            ? `区间：${m}；偏差（均值/真值 − 1、中位数/真值）与 ${lvl}% 区间覆盖率：从现有问卷模拟`
            : `Interval: ${m}; bias (mean/truth − 1, median/truth) and coverage of the ${lvl}% interval simulated from the current questionnaires`);
        }
        const head = zh
          ? ['n', '预测 ±（万）', '预测 ±（%）', '模拟 ±（万）', '模拟分位 ±（万）', ...(cov ? ['偏差', '中位数/真值', '覆盖率'] : [])]
          : ['n', 'predicted ± (万)', 'predicted ± (%)', 'simulated ± (万)', 'simulated pct. ± (万)', ...(cov ? ['bias', 'median/truth', 'coverage'] : [])];
        out.push(
          textTable(
            head,
            c.rows.map((r) => [
              String(r.n), wan(r.predicted), pct(r.predicted, c.estimate), wan(r.simulated), wan(r.simulatedPercentile),
              ...(cov ? (r.coverage ? [`${r.coverage.relativeBias >= 0 ? '+' : ''}${pct1(r.coverage.relativeBias)}`, r.coverage.medianRatio.toFixed(2), `${pct1(r.coverage.coverage)}${r.coverage.coverage < COVERAGE_WARN ? ' ⚠' : ''}`] : ['', '', '']) : []),
            ]),
            [0, 1, 2, 3, 4, 5, 6, 7],
            { width, wrap: [1, 2, 3, 4, 5, 6, 7] },
          ),
        );
      }
      const a = plan.allocation;
      out.push('', `Neyman allocation for ±${plan.target * 100}% on direct jobs (${wan(a.total)} 万): n = ${a.n}, achieved ± ${wan(a.halfWidth)} 万`);
      out.push(textTable(['component', 'n_h', 'take all'], a.strata.map((s) => [s.id, String(s.n), s.takeAll ? 'yes' : '']), [1], { width, wrap: [0] }));
      out.push('', ...plan.notes.map((n) => `• ${n}`));
      if (coverage.length > 0) out.push(zh
        ? `• 偏差与覆盖率：把现有问卷当作总体，每个 n 有放回抽取 n 份问卷、重算估计值和该组成部分声明的区间（t 区间 ${COVERAGE_REPS} 次；bootstrap-t ${COVERAGE_BOOT_REPS} 次、每次 ${COVERAGE_BOOT_REPLICATES} 个重复），统计区间包含全样本值的比例；低于 90% 标 ⚠。重尾数据在小 n 时中位数低于真值、漏在区间上方。`
        : `• Bias and coverage: the current questionnaires as the population; at each n, n questionnaires drawn with replacement, the estimate and the component's declared interval recomputed (t interval: ${COVERAGE_REPS} surveys; bootstrap-t: ${COVERAGE_BOOT_REPS} surveys of ${COVERAGE_BOOT_REPLICATES} replicates), and the share of intervals containing the full-sample value counted; ⚠ below 90%. With heavy tails the median estimate is below the truth at small n and the misses are above the interval.`);
      process.stdout.write(`${wrapLines(out.join('\n'), width)}\n`);
    });
};
