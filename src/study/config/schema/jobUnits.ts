// JSON Schema (draft-07) fragment of study.yaml: the top-level key `job_units` (FTE basis).
// Spread into studySchema.properties: properties: { ..., ...jobUnitsSchema }. Normalized by
// jobUnitsBasis in ../jobUnits.ts. Questionnaire fields used when mapped (type number):
// hours_per_week or days_per_year (per position) and platform_jobs_held (≥ 1).
export const jobUnitsSchema = {
  job_units: {
    type: 'object',
    required: ['fte_basis'],
    additionalProperties: false,
    description: 'Report full-time equivalents and headcount beside positions (jobs).',
    properties: {
      fte_basis: {
        description: 'Hours per week of a full-time position, or days per year (e.g. {hours_per_week: 40} or {days_per_year: 250}).',
        anyOf: [
          { type: 'object', required: ['hours_per_week'], additionalProperties: false, properties: { hours_per_week: { type: 'number', exclusiveMinimum: 0, maximum: 168 } } },
          { type: 'object', required: ['days_per_year'], additionalProperties: false, properties: { days_per_year: { type: 'number', exclusiveMinimum: 0, maximum: 366 } } },
        ],
      },
    },
  },
} as const;
