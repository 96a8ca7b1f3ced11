// Public face of src/study, the platform-impact model (pure; no Node APIs). Grouped by folder:
//   config/       study.yaml → StudyConfig (schema, parser, additionality and uncertainty sections)
//   model/        StudyConfig + StudyInputs → StudyResults (figures, net impact, uncertainty, scenarios, series)
//   inputs/       what src/data read → StudyInputs (fields per role, category IO responses, jobs per output)
//   uncertainty/  distributions, Monte Carlo, tornado, switching values (generic)
//   plan/         survey planning (half-widths, Neyman allocation)
//   audit/        consistency of published figures
// The browser (web/) imports the folder it needs (model/) so the YAML parser and ajv stay out of its bundle.
export * from './config/index.ts';
export * from './model/index.ts';
export * from './inputs/index.ts';
export * from './uncertainty/index.ts';
export * from './plan/index.ts';
export * from './audit/index.ts';
