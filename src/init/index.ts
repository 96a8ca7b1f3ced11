// spillover init: scaffolding of a new study (Node side; templates are generated from code).
export { instrument, parseComponents, ROLES, PROVIDER_TYPES, ACCOUNT_TYPES, CATEGORIES, type Instrument, type Question, type Role, type Lang, type Text } from './instruments.ts';
export { studyYaml, enumAt, type StudyYamlOptions } from './studyYaml.ts';
export { templateCsv } from './templateCsv.ts';
export { templateWorkbook, allowedRange, VALIDATED_ROWS } from './templateWorkbook.ts';
export { studyReadme } from './studyReadme.ts';
export { scaffoldStudy, type ScaffoldOptions } from './scaffoldStudy.ts';
export { writeScaffold } from './writeScaffold.ts';
