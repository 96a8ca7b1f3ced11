// Which parts a study file has (transactions, questionnaires), read before anything else: `spillover run` loads the
// transaction machinery (src/data/voucherStudy.ts and what it imports) only for a study that has transactions.
import { relative, resolve } from 'node:path';
import { readStudyText } from './readStudyText.ts';
import { MAX_YAML_ALIASES } from '../study/config/yamlLimits.ts';
import { studyDocument } from '../study/config/studyDocument.ts';
import { plainYaml } from '../study/config/plainYaml.ts';

/** Whether a study file has a `transactions:` section, and whether it has questionnaires. */
export function studySections(text: string): { transactions: boolean; questionnaires: boolean } {
  let raw: Record<string, unknown> | null;
  try {
    raw = (plainYaml(text)?.value ?? studyDocument(text).doc.toJS({ maxAliasCount: MAX_YAML_ALIASES })) as Record<string, unknown> | null;
  } catch {
    // not readable YAML (or over the limits): the study parser reports it with file, line and limit
    return { transactions: false, questionnaires: true };
  }
  return { transactions: !!raw && typeof raw === 'object' && raw.transactions !== undefined, questionnaires: !!raw && typeof raw === 'object' && raw.questionnaires !== undefined };
}

/** studySections of the study file at `path`, read as every study file is (a folder, size, encoding refused by name). */
export function readStudySections(path: string): { transactions: boolean; questionnaires: boolean } {
  const abs = resolve(path);
  const shown = relative(process.cwd(), abs) || abs;
  return studySections(readStudyText(abs, shown.startsWith('..') ? abs : shown));
}

