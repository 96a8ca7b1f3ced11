// CSV twin of a questionnaire sheet: the header row spillover maps in study.yaml, then the example rows.
import { instrument, type Lang, type Role } from './instruments.ts';
import { csvField } from '../data/spreadsheetCell.ts';

/**
 * templateCsv(role, lang) → UTF-8 CSV text with a BOM (so Excel shows Chinese), CRLF line ends: the
 * instrument's column headers in `lang` and its example rows (shares as fractions).
 * Example: templateCsv('operators', 'en') starts "\uFEFFResponse ID,Account type,Accounts run,…".
 */
export function templateCsv(role: Role, lang: Lang): string {
  const qs = instrument(role, lang).questions;
  const rows = [qs.map((q) => q.header[lang])];
  for (let i = 0; i < qs[0].examples.length; i++) rows.push(qs.map((q) => String(q.examples[i])));
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
