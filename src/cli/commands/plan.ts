// spillover plan [study.yaml] — interval half-width against sample size per component, simulated
// from the study's valid questionnaires, and the Neyman allocation for a target precision.
import { helpIn, consoleWidth, studyArgument, WIDE_HELP, type Register } from './register.ts';
import { commandLang, LANG_HELP, textTable, wrapLines } from '../format.ts';
import { toDisplay } from '../../locale/index.ts';
import { LocalizedError, type Label } from '../../locale/index.ts';

function numberOption(name: string, v: string, check: (x: number) => boolean, expected: Label): number {
  const x = Number(v);
  if (!check(x)) throw new LocalizedError({ zh: `--${name}：应为${expected.zh}，而不是 ${JSON.stringify(v)}`, en: `--${name}: expected ${expected.en}, got ${JSON.stringify(v)}` });
  return x;
}

export const register: Register = (program, _setExitCode, lang) => {
  const h = helpIn(lang);
  program
    .command('plan')
    .description(h('规划下一次调查：按组成部分给出置信区间半宽与样本量的关系（预测值，以及对有效问卷重抽样的模拟值），以及使直接就业达到目标精度的 Neyman 分配。', 'Plan the next survey: per component, the confidence-interval half-width against sample size (predicted and simulated by resampling the valid questionnaires), and the Neyman allocation for a target precision on direct jobs.'))
    .addArgument(studyArgument(lang))
    .option('--sizes <list>', h('每个组成部分计划的样本量，逗号分隔', 'planned sample sizes per component, comma-separated'), '50,100,200,400,800,1600')
    .option('--reps <n>', h('每个组成部分和样本量模拟的调查次数', 'simulated surveys per component and size'), '1000')
    .option('--seed <n>', h('随机数种子（同一种子，同一输出）', 'random seed (same seed, same output)'), '1')
    .option('--level <p>', h('置信水平', 'confidence level'), '0.95')
    .option('--target <share>', h('目标半宽占估计值的比例（0.05 = ±5%）', 'target half-width as a share of the estimate (0.05 = ±5%)'), '0.05')
    .option('--lang <lang>', LANG_HELP[lang])
    .option('--json', h('以 JSON 输出规划', 'print the plan as JSON'))
    .option('--wide', WIDE_HELP[lang])
    .action(async (study: string, opts: Record<string, string | boolean | undefined>) => {
      const lang = commandLang(opts.lang as string);
      const sizes = String(opts.sizes).split(',').map((s) => numberOption('sizes', s.trim(), (x) => Number.isInteger(x) && x >= 2, { zh: ' ≥ 2 的整数', en: 'integers ≥ 2' }));
      const options = {
        sizes,
        reps: numberOption('reps', String(opts.reps), (x) => Number.isInteger(x) && x >= 2, { zh: ' ≥ 2 的整数', en: 'an integer ≥ 2' }),
        seed: numberOption('seed', String(opts.seed), Number.isInteger, { zh: '整数', en: 'an integer' }),
        level: numberOption('level', String(opts.level), (x) => x > 0 && x < 1, { zh: ' (0, 1) 内的数', en: 'a number in (0, 1)' }),
        target: numberOption('target', String(opts.target), (x) => x > 0, { zh: ' > 0 的比例，如 0.05', en: 'a share > 0, e.g. 0.05' }),
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
      const zh = lang === 'zh';
      // Jobs in 万个 (zh) or thousand jobs (en), two decimals.
      const wan = (v: number) => (zh ? toDisplay('persons', v).toFixed(2) : (v / 1e3).toFixed(1));
      const unit = zh ? '万个' : 'thousand jobs';
      const kind = (k: string) => (zh ? (k === 'provider' ? '服务商' : '运营者') : k);
      const pct = (v: number, est: number) => `${((100 * v) / est).toFixed(1)}%`;
      const pct1 = (v: number) => `${(100 * v).toFixed(1)}%`;
      const out: string[] = [];
      const lvl = Math.round(plan.level * 100);
      out.push(zh
        ? `${prepared.study.display}:\n${lvl}% 置信区间半宽（±，单位${unit}）与样本量；每格模拟 ${plan.reps} 次调查，随机数流 ${plan.seed}`
        : `${prepared.study.display}:\n${lvl}% CI half-width (±, in ${unit}) by sample size; ${plan.reps} simulated surveys per cell, random stream ${plan.seed}`);
      for (const c of plan.components) {
        out.push('', zh
          ? `${c.label[lang]}（${kind(c.kind)}，${c.id}）：估计值 ${wan(c.estimate)} ${unit}，有效问卷 n = ${c.n0}；达到 ±${plan.target * 100}% 需要 n = ${c.required}`
          : `${c.label[lang]} (${kind(c.kind)}, ${c.id}): estimate ${wan(c.estimate)} ${unit} from n = ${c.n0} valid questionnaires; n for ±${plan.target * 100}%: ${c.required}`);
        const cov = c.rows.some((r) => r.coverage);
        if (cov) {
          const m = c.interval === 'bootstrap-t' ? 'bootstrap-t' : zh ? 't 区间' : 't (Wald)';
          out.push(zh
            ? `区间：${m}；偏差（均值/真值 − 1、中位数/真值）与 ${lvl}% 区间覆盖率：从现有问卷模拟`
            : `Interval: ${m}; bias (mean/truth − 1, median/truth) and coverage of the ${lvl}% interval simulated from the current questionnaires`);
        }
        const head = zh
          ? ['n', '预测 ±', '预测 ±%', '模拟 ±', '模拟分位 ±', ...(cov ? ['偏差', '中位数/真值', '覆盖率'] : [])]
          : ['n', 'predicted ±', 'predicted %', 'simulated ±', 'sim. pct. ±', ...(cov ? ['bias', 'med./truth', 'coverage'] : [])];
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
      out.push('', zh
        ? `Neyman 分配：直接带动就业（${wan(a.total)} ${unit}）达到 ±${plan.target * 100}%：n = ${a.n}，实际 ± ${wan(a.halfWidth)} ${unit}`
        : `Neyman allocation for ±${plan.target * 100}% on direct jobs (${wan(a.total)} ${unit}): n = ${a.n}, achieved ± ${wan(a.halfWidth)} ${unit}`);
      out.push(textTable(zh ? ['组成部分', 'n_h', '全部调查'] : ['component', 'n_h', 'take all'], a.strata.map((s) => [s.id, String(s.n), s.takeAll ? (zh ? '是' : 'yes') : '']), [1], { width, wrap: [0] }));
      out.push('', ...plan.notes.map((n) => `• ${n[lang]}`));
      if (coverage.length > 0) out.push(zh
        ? `• 偏差与覆盖率：把现有问卷当作总体，每个 n 有放回抽取 n 份问卷、重算估计值和该组成部分声明的区间（t 区间 ${COVERAGE_REPS} 次；bootstrap-t ${COVERAGE_BOOT_REPS} 次、每次 ${COVERAGE_BOOT_REPLICATES} 个重复），统计区间包含全样本值的比例；低于 90% 标 ⚠。重尾数据在小 n 时中位数低于真值、漏在区间上方。`
        : `• Bias and coverage: the current questionnaires as the population; at each n, n questionnaires drawn with replacement, the estimate and the component's declared interval recomputed (t interval: ${COVERAGE_REPS} surveys; bootstrap-t: ${COVERAGE_BOOT_REPS} surveys of ${COVERAGE_BOOT_REPLICATES} replicates), and the share of intervals containing the full-sample value counted; ⚠ below 90%. With heavy tails the median estimate is below the truth at small n and the misses are above the interval.`);
      process.stdout.write(`${wrapLines(out.join('\n'), width)}\n`);
    });
};
