// The order in which a reader of the seed expects the headline figures: jobs (total, direct and its
// split, providers and operators with their components, groups, indirect), then consumption.
import type { StudyResults } from '../types.ts';

/**
 * Figure ids of jobs and consumption in reading order (ids the results may lack included; filter them).
 * Example (the bundled study): ['jobs.total', 'jobs.direct', …, 'jobs.indirect', 'consumption.total',
 * 'consumption.information', 'consumption.traffic', …, 'output.indirect'].
 */
export function readingOrder(r: Pick<StudyResults, 'figures' | 'components' | 'consumption'>): string[] {
  return [
    'jobs.total',
    'jobs.direct',
    'jobs.direct.fulltime',
    'jobs.direct.parttime',
    'jobs.providers',
    ...r.components.filter((c) => c.kind === 'provider').map((c) => `jobs.providers.${c.id}`),
    'jobs.operators',
    ...r.components.filter((c) => c.kind === 'operator').map((c) => `jobs.operators.${c.id}`),
    ...Object.keys(r.figures).filter((k) => k.startsWith('jobs.group.')),
    'jobs.indirect',
    'consumption.total',
    'consumption.information',
    ...r.consumption.filter((c) => c.kind === 'information').map((c) => `consumption.${c.id}`),
    'consumption.traditional',
    ...r.consumption.filter((c) => c.kind === 'traditional').map((c) => `consumption.${c.id}`),
    'output.indirect',
  ];
}
