// JSON Schema (draft-07) fragments of study.yaml for net impact and uncertainty: the top-level keys
// `additionality` and `uncertainty`. Spread into studySchema.properties:
//   properties: { ..., ...netImpactSchema }
// Normalized by ../netImpactConfig.ts. Documented in docs/net-impact.md.

import { label } from './label.ts';

const number = { type: 'number' } as const;

const quantity = {
  anyOf: [{ type: 'number' }, { type: 'string', pattern: '^\\s*[-+]?[0-9][0-9,]*(\\.[0-9]+)?\\s*(万|亿|万亿)?\\s*(元|人|个|家)?\\s*$' }],
} as const;

/** A distribution object; `value`-like fields accept quantities ("2.1万") where `q` is quantity. */
function distribution(q: typeof number | typeof quantity) {
  const obj = (dist: string, fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    type: 'object',
    required: ['dist', ...Object.keys(fields)],
    additionalProperties: false,
    properties: { dist: { const: dist }, ...fields, ...extra },
  });
  const unit = { unit: { enum: ['persons/yuan', 'persons/万元', 'persons/亿元'], description: 'Only for jobs_per_output (required there).' } };
  return {
    description:
      'A fixed number, or {dist: point|uniform|triangular|normal|lognormal, ...}: point {value}; uniform {min, max}; triangular {min, mode, max}; normal {mean, sd}; lognormal {meanlog, sdlog} or {median, sdlog} (log X ~ N(meanlog, sdlog²), median = exp(meanlog)).',
    anyOf: [
      ...(q === number ? [number] : quantity.anyOf),
      obj('point', { value: q }, unit),
      obj('uniform', { min: q, max: q }, unit),
      obj('triangular', { min: q, mode: q, max: q }, unit),
      obj('normal', { mean: q, sd: q }, unit),
      { type: 'object', required: ['dist', 'sdlog'], additionalProperties: false, properties: { dist: { const: 'lognormal' }, meanlog: number, median: q, sdlog: number, ...unit } },
    ],
  };
}

/**
 * A population count that may be uncertain (issue 13 item 3): a count; {value, interval: [low, high]}
 * (drawn as triangular(low, value, high)); or a distribution with an optional `value` (the point
 * estimate; default the distribution's mean, so the simulation is centred on it). A `value` off the
 * distribution's mean or median is allowed and warned about.
 */
export function uncertainCount(description: string) {
  // the distributions other than point, without `unit` (only jobs_per_output has one), with `value`
  const withValue = distribution(quantity)
    .anyOf.slice(quantity.anyOf.length + 1)
    .map((o) => {
      const { unit: _unit, ...properties } = (o as { properties: Record<string, unknown> }).properties;
      return { ...o, properties: { ...properties, value: quantity } };
    });
  return {
    description: `${description} A count; {value, interval: [low, high]} (drawn in the Monte Carlo as triangular(low, value, high)); or a distribution {dist: uniform|triangular|normal|lognormal, …, value?} whose \`value\` (the point estimate) defaults to the distribution's mean.`,
    anyOf: [
      ...quantity.anyOf,
      {
        type: 'object',
        required: ['value', 'interval'],
        additionalProperties: false,
        properties: { value: quantity, interval: { type: 'array', items: quantity, minItems: 2, maxItems: 2, description: '[low, high] around value.' } },
      },
      ...withValue,
    ],
  };
}

const rate = distribution(number);
const rates = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'Additionality rates, each a share in [0, 1] (a number or a distribution).',
  properties: {
    deadweight: { ...rate, description: 'Share of the gross effect that would have happened anyway (the reference case).' },
    displacement: { ...rate, description: 'Share of the effect offset by reductions elsewhere in the economy (e.g. spending diverted from other sellers).' },
    leakage: { ...rate, description: 'Share of the effect that benefits those outside the target area or group.' },
    substitution: { ...rate, description: 'Share of the effect where a firm or person substitutes one activity for a similar one to take advantage of the platform.' },
  },
} as const;

const consumptionRates = {
  ...rates,
  properties: {
    ...rates.properties,
    deadweight: {
      description: 'A rate (number or distribution), or {survey: FIELD}: the spend-weighted share of platform-driven spend that respondents would have spent anyway (consumer-questionnaire share field).',
      anyOf: [...rate.anyOf, { type: 'object', required: ['survey'], additionalProperties: false, properties: { survey: { type: 'string', minLength: 1 } } }],
    },
  },
} as const;

export const netImpactSchema = {
  additionality: {
    type: 'object',
    required: ['source'],
    additionalProperties: false,
    description:
      'Gross → net additional impact (HM Treasury Green Book; HCA Additionality Guide 2014): net = gross × (1 − leakage) × (1 − deadweight) × (1 − displacement) × (1 − substitution), per component and per consumption category.',
    properties: {
      source: { description: 'Where the rates come from (shown beside every net figure): one text, or {zh, en}. Say "illustrative" when they are.', anyOf: [{ type: 'string', minLength: 1 }, label] },
      illustrative: { type: 'boolean', description: 'true when the rates are illustrative assumptions rather than evidence; net figures are then labelled so.' },
      components: {
        type: 'object',
        description: 'Rates by direct-jobs component id; `default` applies to every component for each rate it does not set.',
        additionalProperties: rates,
      },
      consumption: {
        type: 'object',
        description: 'Rates by consumption category id; `default` applies to every category for each rate it does not set.',
        additionalProperties: consumptionRates,
      },
    },
  },
  uncertainty: {
    type: 'object',
    required: ['seed', 'draws', 'level', 'sampling'],
    additionalProperties: false,
    description: 'Monte Carlo over assumptions combined with survey sampling error; tornado and switching values.',
    properties: {
      seed: { type: 'integer', description: 'Seed of the random stream: same seed ⇒ same intervals.' },
      draws: { type: 'integer', minimum: 100, maximum: 10000000 },
      level: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'Level of the percentile intervals, e.g. 0.95.' },
      sampling: { enum: ['normal', 'none'], description: 'normal: each survey-estimated component and category drawn as N(estimate, se²) (independent); none: assumptions only.' },
      parameters: {
        type: 'object',
        description: 'Distributions of study inputs: population.<component>, users, consumption.<category> (given totals), coefficient.<category>, jobs_per_output.',
        propertyNames: { pattern: '^(population\\.[a-z][a-z0-9_]*|users|consumption\\.[a-z][a-z0-9_]*|coefficient\\.[a-z][a-z0-9_]*|jobs_per_output)$' },
        additionalProperties: distribution(quantity),
      },
      tornado: {
        type: 'object',
        required: ['figure'],
        additionalProperties: false,
        properties: {
          figure: { type: 'string', description: 'Figure id whose drivers are ranked, e.g. net.jobs.total.' },
          low: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 0.5, description: 'Lower quantile of each parameter (with `high`: 1 − low).' },
        },
      },
      switching: {
        type: 'array',
        items: {
          type: 'object',
          required: ['parameter', 'figure', 'target'],
          additionalProperties: false,
          properties: {
            parameter: { type: 'string', description: 'Parameter id; `*` matches one segment and moves all matches together (additionality.components.*.displacement).' },
            figure: { type: 'string' },
            target: { ...quantity, description: 'Value of the figure to solve for, in base units or with 万/亿.' },
            range: { type: 'array', items: number, minItems: 2, maxItems: 2, description: 'Search interval of the parameter (default: [0, 1] for rates; required otherwise).' },
          },
        },
      },
    },
  },
} as const;
