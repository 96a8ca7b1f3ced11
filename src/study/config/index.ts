// Public face of study/config: study.yaml → a validated StudyConfig (pure: text in, value out).
//   parseStudy      YAML text → StudyConfig; every error names the file, the YAML path and its line
//   studyDocument   the YAML document of a study text, parsed once (parseStudy, parseTransactions, run)
//   studySchema     the JSON Schema the parser validates against (docs/study-file.md is generated from it)
//   netImpactConfig the `additionality` and `uncertainty` sections, normalized (RATES: their order)
//   types           StudyConfig and its parts
export { parseStudy, ConfigError, formatPath, lineOf } from './parseStudy.ts';
export { studySchema } from './schema.ts';
export { RATES, normalizeNetImpact } from './netImpactConfig.ts';
export { MAX_YAML_ALIASES, MAX_YAML_DEPTH, yamlNesting } from './yamlLimits.ts';
export { studyDocument } from './studyDocument.ts';
export type * from './types.ts';
