// Net additional figures beside the gross ones (ids net.*), each labelled "net additional" and
// carrying the rates it used; gross and net are never added together.
import type { StudyConfig } from '../config/types.ts';
import type { Figure, StudyInputs, StudyResults } from './types.ts';
import { RATES } from '../config/netImpactConfig.ts';
import type { NetImpactConfig } from '../config/types.ts';
import { studyModel } from './studyModel.ts';

const FACTOR = '(1 − leakage)(1 − deadweight)(1 − displacement)(1 − substitution)';

/**
 * netFigures(config, results, net, inputs?) → figures keyed net.<gross id>: net.jobs.total,
 * net.jobs.direct(.fulltime|.parttime), net.jobs.providers, net.jobs.operators, net.jobs.<kind>.<id>,
 * net.jobs.group.<g>, net.consumption.<id>|.information|.traditional|.total,
 * net.output.indirect(.<id>), net.jobs.indirect. Call after computeStudy and merge into
 * results.figures. Per component and category (HCA Additionality Guide 2014; Green Book 2022):
 *   net = gross × (1 − L)(1 − D)(1 − Dp)(1 − S)
 * and net indirect jobs follow from net consumption through the same b_s and jobs-per-output ratio.
 * Rates given as distributions enter at their mean (see studyModel). Returns {} when the study has
 * no `additionality`. Direct net figures need rates for every component, indirect ones for every
 * category (the normalizer enforces this when the section is present).
 * Example: one component with gross 1000 jobs and rates L 0.1, D 0.2, Dp 0.25, S 0 → net 540.
 */
export function netFigures(config: StudyConfig, results: StudyResults, net: NetImpactConfig, inputs?: StudyInputs): Record<string, Figure> {
  const add = net.additionality;
  if (!add) return {};
  const model = studyModel(config, results, { additionality: add }, inputs);
  const v = model.evaluate(model.central);
  const rateOf = (id: string) => model.central[model.parameters.findIndex((p) => p.id === id)];
  const note = `${add.illustrative ? 'ILLUSTRATIVE assumptions, not estimates. ' : ''}Additionality rates: ${add.source}.`;
  const tag = add.illustrative ? { zh: '（示意性假设）', en: ' (illustrative assumptions)' } : { zh: '', en: '' };
  const out: Record<string, Figure> = {};
  for (const id of model.outputs.filter((o) => o.startsWith('net.'))) {
    const grossId = id.slice(4);
    const gross = results.figures[grossId];
    if (!gross) throw new Error(`netFigures: results have no gross figure ${grossId}`);
    const f: Figure = {
      id,
      value: v[id],
      unit: gross.unit,
      label: { zh: `净新增${gross.label.zh}${tag.zh}`, en: `Net additional: ${gross.label.en}${tag.en}` },
      formula: '',
      inputs: {},
      from: [grossId],
      notes: note,
    };
    const item = /^net\.(?:jobs\.(?:providers|operators)|consumption)\.([a-z][a-z0-9_]*)$/.exec(id);
    const section = id.startsWith('net.consumption.') ? 'consumption' : 'components';
    if (item && (add[section][item[1]] !== undefined)) {
      const specs = add[section][item[1]];
      f.formula = `gross × ${FACTOR}`;
      f.inputs = { gross: gross.value, ...Object.fromEntries(RATES.map((r) => [r, rateOf(specs[r].parameter)])), factor: model.factor(model.central, section, item[1]) };
    } else if (id === 'net.jobs.direct.parttime') {
      f.formula = `Σ_k part-time_k × ${FACTOR}_k`;
    } else {
      // Same formula as the gross figure, over the net figures it is made of.
      f.formula = `${gross.formula}, over net figures`;
      f.from = gross.from.map((g) => (g.startsWith('ratio.') ? g : `net.${g}`));
    }
    out[id] = f;
  }
  return out;
}
