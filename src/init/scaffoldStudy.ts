// Every file of a new study, as name → contents (nothing is written here; see writeScaffold).
import { studyYaml } from './studyYaml.ts';
import { templateCsv } from './templateCsv.ts';
import { templateWorkbook } from './templateWorkbook.ts';
import { studyReadme } from './studyReadme.ts';
import type { Lang, Role } from './instruments.ts';

export interface ScaffoldOptions {
  lang: Lang;
  /** instruments to include, in ROLES order; at least one of providers, operators */
  roles: Role[];
  /** study year written to study.yaml */
  year: number;
  /** $schema reference for editors (path relative to the study directory, or URL); null omits it */
  schemaRef: string | null;
}

/**
 * scaffoldStudy(options) → { 'study.yaml', 'README.md', 'questionnaires.xlsx', 'data/<role>.csv' … }.
 * `spillover check` passes on the result (tested); same options ⇒ byte-identical files.
 */
export async function scaffoldStudy(o: ScaffoldOptions): Promise<Record<string, string | Uint8Array>> {
  const files: Record<string, string | Uint8Array> = {
    'study.yaml': studyYaml(o),
    'README.md': studyReadme(o.roles, o.lang),
    'questionnaires.xlsx': await templateWorkbook(o.roles, o.lang),
  };
  for (const r of o.roles) files[`data/${r}.csv`] = templateCsv(r, o.lang);
  return files;
}
