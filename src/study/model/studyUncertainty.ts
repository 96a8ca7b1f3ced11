// The study's uncertainty analysis as one call: Monte Carlo intervals for every gross and net
// figure, a tornado of the drivers and the declared switching values (study.yaml `uncertainty`).
import type { StudyConfig } from '../config/types.ts';
import type { StudyUncertainty } from './types.ts';
import type { Distribution } from '../uncertainty/distributions.ts';
import type { Label } from '../../locale/index.ts';
import type { StudyFigureModel } from './studyFigureModel.ts';
import { monteCarlo, type McInterval, type ReplicateGroup } from '../uncertainty/monteCarlo.ts';
import { tornado, type TornadoRow } from '../uncertainty/tornado.ts';
import { switchingValue } from '../uncertainty/switchingValue.ts';
import { centringWarnings } from './centringWarnings.ts';
import { LocalizedError } from '../../locale/errorText.ts';

/** Relative tolerance of switching values: the root is found to 1e-9 × the width of the search range. */
export const SWITCHING_TOLERANCE = 1e-9;
/** Draws between progress callbacks. */
export const MC_CHUNK = 1000;

/** Survey replicate estimates of some figures (ids as in results.figures), from one replicate design. */
export interface FigureReplicates {
  figures: string[];
  /** values[f][r]: replicate r's estimate of figures[f]. */
  values: Float64Array[];
  /** Variance multiplier of the design (JK1 (R − 1)/R, bootstrap 1/(R − 1), BRR 1/R). */
  scale: number;
}

export interface StudyUncertaintyOptions {
  onProgress?: (done: number, total: number) => void;
  /** Draw these survey figures from replicate estimates (jointly per group) instead of N(estimate, se²). */
  replicates?: FigureReplicates[];
}

/**
 * studyUncertainty(config, {model}, options?) → StudyUncertainty, from the study's `uncertainty`
 * (and `additionality`) settings, over the run's one model (studyFigureModel). Parameters whose
 * selector contains `*` (one id segment) move together in switching values. Fails when the study has
 * no `uncertainty` section, when a tornado or switching figure is not one the model varies, when a
 * switching selector matches no parameter, when a replicate figure is not a survey-estimated
 * component or category, or as monteCarlo / switchingValue do.
 */
export function studyUncertainty(config: StudyConfig, { model }: Pick<StudyFigureModel, 'model'>, options: StudyUncertaintyOptions = {}): StudyUncertainty {
  const u = config.uncertainty;
  if (!u) throw new LocalizedError({ zh: `${config.source}：没有 \`uncertainty\` 部分`, en: `${config.source}: no \`uncertainty\` section` });
  for (const t of [...(u.tornado ? [u.tornado.figure] : []), ...u.switching.map((s) => s.figure)])
    if (!model.outputs.includes(t)) throw new LocalizedError({ zh: `uncertainty：指标 "${t}" 不是模型计算的指标；可用的有：${model.outputs.join(', ')}`, en: `uncertainty: figure "${t}" is not one the model computes; available: ${model.outputs.join(', ')}` });
  const centralFigures = model.evaluate(model.central);
  const replicated = new Set<string>();
  const replicates: ReplicateGroup[] = (options.replicates ?? []).map((g) => {
    const parameters = g.figures.map((id) => {
      const pid = `sampling.${id}`;
      if (!model.parameters.some((p) => p.id === pid)) throw new LocalizedError({ zh: `replicates：${id} 不是本研究由调查估计的组成部分或类别`, en: `replicates: ${id} is not a survey-estimated component or category of this study` });
      replicated.add(pid);
      return pid;
    });
    return { parameters, values: g.values, centre: g.figures.map((id) => model.values.get(id) as number), scale: g.scale };
  });
  // A figure drawn from replicates leaves the jointly normal group.
  const normalGroups = model.normalGroups.flatMap((g) => {
    const keep = g.parameters.map((p, i) => (replicated.has(p) ? -1 : i)).filter((i) => i >= 0);
    if (keep.length === g.parameters.length) return [g];
    if (keep.length === 0) return [];
    const k = g.parameters.length;
    return [{ parameters: keep.map((i) => g.parameters[i]), mean: keep.map((i) => g.mean[i]), cov: Float64Array.from(keep.flatMap((a) => keep.map((b) => g.cov[a * k + b]))) }];
  });
  const mc = monteCarlo({
    parameters: model.parameters,
    evaluate: model.evaluate,
    evaluateInto: model.evaluateInto,
    outputs: model.outputs,
    draws: u.draws,
    seed: u.seed,
    level: u.level,
    normalGroups,
    replicates,
    chunk: MC_CHUNK,
    onProgress: options.onProgress,
  });
  const intervals = Object.fromEntries(model.outputs.map((id) => [id, { central: centralFigures[id], ...mc.intervals[id] }]));
  const switching = u.switching.map((s) => {
    const re = new RegExp(`^${s.parameter.split('.').map((seg) => (seg === '*' ? '[^.]+' : seg.replace(/[^a-z0-9_]/gi, '\\$&'))).join('\\.')}$`);
    const idx = model.parameters.flatMap((p, i) => (re.test(p.id) ? [i] : []));
    if (idx.length === 0) throw new LocalizedError({ zh: `uncertainty.switching：参数 "${s.parameter}" 不匹配 ${model.parameters.map((p) => p.id).join(', ')} 中的任何一个`, en: `uncertainty.switching: parameter "${s.parameter}" matches none of ${model.parameters.map((p) => p.id).join(', ')}` });
    const range = s.range ?? [0, 1];
    const f = (v: number) => {
      const x = Float64Array.from(model.central);
      for (const i of idx) x[i] = v;
      return model.evaluate(x)[s.figure];
    };
    const tol = SWITCHING_TOLERANCE * (range[1] - range[0]);
    const r = switchingValue(f, s.target, range, tol);
    return { parameter: s.parameter, matched: idx.map((i) => model.parameters[i].id), figure: s.figure, target: s.target, value: r.value, figureAt: r.figure, tolerance: tol, iterations: r.iterations };
  });
  const lo = +(((1 - u.level) / 2) * 100).toPrecision(10);
  const hi = +(((1 + u.level) / 2) * 100).toPrecision(10);
  const joint = model.normalGroups.length > 0;
  const notes: Label[] = [
    {
      zh: `蒙特卡洛：${u.draws} 次抽取，随机数流 ${u.seed}；${Math.round(u.level * 100)}% 区间为第 ${lo} 和第 ${hi} 百分位数（R 分位数第 7 类）。`,
      en: `Monte Carlo: ${u.draws} draws, random stream ${u.seed}; ${Math.round(u.level * 100)}% intervals are the ${lo}th and ${hi}th percentiles (R quantile type 7).`,
    },
    u.sampling === 'normal'
      ? {
        zh: `问卷抽样误差：各组成部分按 N(估计值, se²) 独立抽取（各部分来自不同的层或问卷）${joint ? '；由消费者问卷估计的各消费类别联合正态，取各自基于设计的标准误及受访者消费回答之间的相关' : '；由问卷估计的各类别相互独立'}。`,
        en: `Survey sampling error: each component drawn as N(estimate, se²), independently (components are separate strata or questionnaires)${joint ? '; the consumption categories estimated from the consumer questionnaire jointly normal, with the design-based se of each and the correlation of the respondents\' spend answers' : '; survey-estimated categories independently'}.`,
      }
      : { zh: '不含问卷抽样误差（uncertainty.sampling: none）：区间只反映所声明的假设。', en: 'Survey sampling error is NOT included (uncertainty.sampling: none): intervals reflect the stated assumptions only.' },
    { zh: '兼职比例以及以单个数值给出的输入保持固定。抽到 [0, 1] 以外的比率（仅问卷比例）截断到该范围。', en: 'Part-time shares, and inputs given as a single number, are held fixed. Rates drawn outside [0, 1] (survey shares only) are clamped.' },
  ];
  const warnings = centringWarnings(model.parameters);
  return {
    draws: u.draws,
    seed: u.seed,
    level: u.level,
    sampling: u.sampling,
    parameters: model.parameters.map(({ id, kind, distribution, central }) => ({ id, kind, distribution, central })),
    intervals,
    ...(u.tornado ? { tornado: tornado(model.parameters, model.central, model.evaluate, u.tornado.figure, u.tornado.low) } : {}),
    switching,
    notes,
    ...(warnings.length ? { warnings } : {}),
  };
}
