// computeStudy: the platform-impact model of METHOD.md composed from its parts.
// Pure: takes the validated config and the prepared inputs, returns every figure with its derivation.
import type { StudyConfig, StudyInputs, StudyResults, Figure, ComponentRow, ConsumptionRow, Label, Unit, ComponentConfig, QualityRecord } from './types.ts';
import { providerJobs, operatorJobs, type ComponentJobs } from './direct.ts';
import { consumptionTotal } from './consumption.ts';
import { inducedOutput } from './inducedOutput.ts';
import { selectRows, take, numberField } from './select.ts';

type FigureSpec = Omit<Figure, 'id' | 'from'> & { from?: string[] };

const PROVIDER_FORMULA = 'N_k / n_k × Σ_i employees_i × related_share_i';
const OPERATOR_FORMULA = '(Σ_i staff_i / Σ_i accounts_i) × M_j';

/** Estimate one direct-jobs component from its questionnaire (METHOD §1a / §1b). */
export function estimateComponent(c: ComponentConfig, inputs: StudyInputs): ComponentJobs {
  const q = inputs.questionnaires[c.questionnaire];
  if (!q) throw new Error(`${c.yamlPath}: questionnaire "${c.questionnaire}" was not loaded`);
  const ctx = `${c.yamlPath} (${c.id})`;
  const rows = selectRows(q, c.where, ctx);
  const f = (name: string) => take(numberField(q, name, ctx), rows);
  return c.kind === 'provider'
    ? providerJobs(c.population, { employees: f('employees'), relatedShare: f('related_share'), fulltimeShare: f('fulltime_share') }, ctx)
    : operatorJobs(c.population, { accounts: f('accounts'), staff: f('staff'), fulltimeShare: f('fulltime_share') }, ctx);
}

/**
 * computeStudy(config, inputs) → StudyResults with figures keyed by stable ids:
 * jobs.total, jobs.direct(.fulltime|.parttime), jobs.providers, jobs.operators, jobs.<kind>.<id>,
 * jobs.group.<g>, jobs.indirect, consumption.<kind>|.total|.<id>, output.indirect(.<id>),
 * ratio.jobs_per_output, share.providers.
 */
export function computeStudy(config: StudyConfig, inputs: StudyInputs): StudyResults {
  const figures: Record<string, Figure> = {};
  const put = (id: string, f: FigureSpec) => {
    if (figures[id]) throw new Error(`internal: figure ${id} defined twice`);
    figures[id] = { id, from: [], ...f };
  };
  const L = (zh: string, en: string): Label => ({ zh, en });

  // --- Direct jobs -------------------------------------------------------------------------
  const components: ComponentRow[] = [];
  for (const c of [...config.providers, ...config.operators]) {
    const est = estimateComponent(c, inputs);
    const plural = c.kind === 'provider' ? 'providers' : 'operators';
    const base = `jobs.${plural}.${c.id}`;
    const q = config.questionnaires[c.questionnaire];
    const common = { questionnaire: q.file, n: est.n, [c.kind === 'provider' ? 'N_k' : 'M_j']: c.population };
    put(base, {
      value: est.jobs,
      unit: 'persons',
      label: c.label,
      formula: c.kind === 'provider' ? PROVIDER_FORMULA : OPERATOR_FORMULA,
      inputs: common,
    });
    put(`${base}.parttime`, {
      value: est.parttime,
      unit: 'persons',
      label: L(`${c.label.zh}：兼职`, `${c.label.en}: part-time`),
      formula:
        c.kind === 'provider'
          ? 'N_k / n_k × Σ_i employees_i × related_share_i × (1 − fulltime_share_i)'
          : '(Σ_i staff_i × (1 − fulltime_share_i) / Σ_i accounts_i) × M_j',
      inputs: common,
    });
    put(`${base}.fulltime`, {
      value: est.fulltime,
      unit: 'persons',
      label: L(`${c.label.zh}：全职`, `${c.label.en}: full-time`),
      formula: 'jobs − part-time',
      inputs: {},
      from: [base, `${base}.parttime`],
    });
    components.push({ id: c.id, kind: c.kind, label: c.label, groups: c.groups, population: c.population, n: est.n, jobs: est.jobs, fulltime: est.fulltime, parttime: est.parttime });
  }
  const sumOf = (ids: string[]) => ids.reduce((s, id) => s + figures[id].value, 0);
  const compIds = (kind: 'providers' | 'operators') => (kind === 'providers' ? config.providers : config.operators).map((c) => `jobs.${kind}.${c.id}`);
  const sumFigure = (id: string, ids: string[], label: Label, formulaTerm: string) =>
    put(id, { value: sumOf(ids), unit: 'persons', label, formula: ids.length ? `Σ ${formulaTerm}` : '0 (no component declared)', inputs: {}, from: ids });

  sumFigure('jobs.providers', compIds('providers'), L('服务商带动就业', 'Jobs at service providers'), 'jobs_k over provider types');
  sumFigure('jobs.operators', compIds('operators'), L('运营者带动就业', 'Jobs of account operators'), 'jobs_j over account types');
  const allComp = [...compIds('providers'), ...compIds('operators')];
  sumFigure('jobs.direct', ['jobs.providers', 'jobs.operators'], L('直接带动就业', 'Direct jobs'), 'providers + operators');
  sumFigure('jobs.direct.parttime', allComp.map((id) => `${id}.parttime`), L('直接带动就业：兼职', 'Direct jobs: part-time'), 'part-time over components');
  put('jobs.direct.fulltime', {
    value: figures['jobs.direct'].value - figures['jobs.direct.parttime'].value,
    unit: 'persons',
    label: L('直接带动就业：全职', 'Direct jobs: full-time'),
    formula: 'direct − part-time',
    inputs: {},
    from: ['jobs.direct', 'jobs.direct.parttime'],
  });
  for (const [g, { label }] of Object.entries(config.groups)) {
    const ids = components.filter((c) => c.groups.includes(g)).map((c) => `jobs.${c.kind === 'provider' ? 'providers' : 'operators'}.${c.id}`);
    sumFigure(`jobs.group.${g}`, ids, label, `jobs over components in group ${g}`);
  }

  // --- Consumption and induced output -----------------------------------------------------
  const consumption: ConsumptionRow[] = [];
  const cq = config.consumption.questionnaire ? inputs.questionnaires[config.consumption.questionnaire] : undefined;
  for (const cat of config.consumption.categories) {
    const sector = inputs.sectors[cat.id];
    if (!sector) throw new Error(`${cat.yamlPath}: no IO coefficient was prepared for sector ${cat.sector}`);
    let amount: number;
    if (cat.total !== undefined) {
      amount = cat.total;
      put(`consumption.${cat.id}`, { value: amount, unit: 'yuan', label: cat.label, formula: 'given in the study file', inputs: { total: amount } });
    } else {
      if (!cq) throw new Error(`${cat.yamlPath}: the consumer questionnaire was not loaded`);
      const y = numberField(cq, cat.field as string, cat.yamlPath);
      amount = consumptionTotal(config.users as number, y, cat.yamlPath);
      put(`consumption.${cat.id}`, {
        value: amount,
        unit: 'yuan',
        label: cat.label,
        formula: 'U / n × Σ_i spend_i',
        inputs: { U: config.users as number, n: y.length, field: cat.field as string, questionnaire: cq.file },
      });
    }
    const out = inducedOutput([{ amount, coefficient: sector.coefficient, id: cat.id }]);
    put(`output.indirect.${cat.id}`, {
      value: out,
      unit: 'yuan',
      label: L(`${cat.label.zh}：诱发产出`, `${cat.label.en}: induced output`),
      formula: 'C_c × b_s(c)',
      inputs: { b: sector.coefficient, sector: `${sector.code} ${sector.name.zh} ${sector.name.en}` },
      from: [`consumption.${cat.id}`],
    });
    consumption.push({ id: cat.id, label: cat.label, kind: cat.kind, sector: { code: sector.code, index: sector.index, name: sector.name }, amount, coefficient: sector.coefficient, inducedOutput: out, jobs: out * inputs.jobsPerOutput.perYuan });
  }
  const catIds = (kind?: 'information' | 'traditional') => config.consumption.categories.filter((c) => !kind || c.kind === kind).map((c) => `consumption.${c.id}`);
  const moneySum = (id: string, ids: string[], label: Label, formula: string) => put(id, { value: sumOf(ids), unit: 'yuan', label, formula, inputs: {}, from: ids });
  moneySum('consumption.information', catIds('information'), L('信息消费', 'Information consumption'), 'Σ C_c over information categories');
  moneySum('consumption.traditional', catIds('traditional'), L('带动传统消费', 'Traditional consumption driven'), 'Σ C_c over traditional categories');
  moneySum('consumption.total', ['consumption.information', 'consumption.traditional'], L('直接经济贡献（带动消费合计）', 'Direct economic contribution (consumption driven)'), 'D = Σ_c C_c');
  moneySum(
    'output.indirect',
    config.consumption.categories.map((c) => `output.indirect.${c.id}`),
    L('诱发产出（原报告称“间接GDP”）', "Induced output (seed: 'indirect GDP')"),
    'Σ_c C_c × b_s(c), b_s = column sum of (I − A)⁻¹ − I',
  );
  figures['output.indirect'].notes =
    'Intermediate output induced by the consumption, not value added: in a competitive-import table the value-added multiplier is 1 for every sector.';

  // --- Indirect jobs and totals -------------------------------------------------------------
  const jpo = inputs.jobsPerOutput;
  put('ratio.jobs_per_output', { value: jpo.perYuan, unit: 'persons/yuan', label: L('单位产出就业人数', 'Jobs per yuan of output'), formula: jpo.formula, inputs: jpo.inputs, notes: jpo.source });
  put('jobs.indirect', {
    value: figures['output.indirect'].value * jpo.perYuan,
    unit: 'persons',
    label: L('间接带动就业', 'Indirect jobs'),
    formula: 'induced output × jobs per yuan of output',
    inputs: {},
    from: ['output.indirect', 'ratio.jobs_per_output'],
  });
  sumFigure('jobs.total', ['jobs.direct', 'jobs.indirect'], L('带动就业总量', 'Total jobs driven'), 'direct + indirect');
  put('share.providers', {
    value: figures['jobs.providers'].value / figures['jobs.total'].value,
    unit: 'ratio',
    label: L('服务商就业占比', 'Service providers, share of total jobs'),
    formula: 'jobs.providers / jobs.total',
    inputs: {},
    from: ['jobs.providers', 'jobs.total'],
  });

  const quality: QualityRecord[] = Object.values(inputs.questionnaires).map((q) => ({ questionnaire: q.key, file: q.file, rowsRead: q.rowsRead, valid: q.valid, rejected: q.rejected, reasons: q.reasons }));
  const assumptions = [
    'Each questionnaire is a simple random sample of n valid questionnaires from the component population (design weights N/n), as the seed formulas imply.',
    `Coefficients b_s are column sums of B = (I − A)⁻¹ − I of ${inputs.ioSource}; they are treated as fixed (no sampling error).`,
    `Jobs per yuan of induced output: ${jpo.source.replace(/\.$/, '')}.`,
  ];
  return {
    spillover: inputs.version,
    study: { name: config.name, year: config.year, platform: config.platform, source: config.source },
    figures: sortKeys(figures),
    components,
    consumption,
    quality,
    assumptions,
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

export type { Unit };
