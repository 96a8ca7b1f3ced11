// questionnaires.xlsx: one sheet per instrument, laid out as the data (header row + example rows) so it
// can be filled in and read directly (`sheet: providers`), with each header's question, type and
// allowed range as a cell note and as Excel data validation on the answer cells; a last sheet
// "questions" lists every question. Deterministic bytes (fixed dates and zip times).
import ExcelJS from 'exceljs';
import { fixZipTimestamps } from '../report/fixZipTimestamps.ts';
import { instrument, type Lang, type Question, type Role } from './instruments.ts';
import { safeCell } from '../data/spreadsheetCell.ts';

const DATE = new Date(Date.UTC(2020, 0, 1));
/** Rows that carry data validation (header is row 1). */
export const VALIDATED_ROWS = 2000;

const T = {
  zh: { type: '类型', range: '允许的取值', unit: '单位', required: '必填', optional: '选填（附加字段）', yes: '是', sheet: '工作表', column: '列名（表头）', field: 'spillover 字段', question: '问题', examples: '示例行为虚构数据，填写前请删除。' },
  en: { type: 'type', range: 'allowed values', unit: 'unit', required: 'required', optional: 'optional (extra field)', yes: 'yes', sheet: 'sheet', column: 'column (header)', field: 'spillover field', question: 'question', examples: 'The example rows are made up; delete them before filling in.' },
} as const;

/** "0–1 (or 60%)", "≥ 0", "开发服务商 | 支付服务商", "unique" … */
export function allowedRange(q: Question, lang: Lang): string {
  if (q.type === 'id') return lang === 'zh' ? '每份问卷唯一，不可为空' : 'unique per questionnaire, not empty';
  if (q.levels) return q.levels[lang].join(' | ');
  if (q.type === 'share') return lang === 'zh' ? '0–1（或百分数，如 60%）' : '0–1 (or a percentage such as 60%)';
  if (q.min !== undefined && q.max !== undefined) return `${q.min}–${q.max}`;
  if (q.min !== undefined) return `≥ ${q.min}`;
  return '';
}

function note(q: Question, lang: Lang): string {
  const t = T[lang];
  return [
    q.question[lang],
    `${t.type}: ${q.type}${q.builtin ? ` (${t.required})` : ` (${t.optional})`}`,
    `${t.range}: ${allowedRange(q, lang)}`,
    ...(q.unit ? [`${t.unit}: ${q.unit[lang]}`] : []),
  ].join('\n');
}

function validation(q: Question, lang: Lang): ExcelJS.DataValidation | null {
  const base = { allowBlank: !q.builtin, showErrorMessage: true, errorTitle: q.header[lang], error: `${allowedRange(q, lang)}` };
  if (q.levels) return { ...base, type: 'list', formulae: [`"${q.levels[lang].join(',')}"`] };
  if (q.type === 'share') return { ...base, type: 'decimal', operator: 'between', formulae: [0, 1] };
  if (q.type === 'number' && q.min !== undefined) return { ...base, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [q.min] };
  return null;
}

const colLetter = (i: number) => String.fromCharCode(65 + i);

/**
 * templateWorkbook(roles, lang) → bytes of questionnaires.xlsx. Sheet names are the role keys
 * (providers, operators, consumers), then "questions". Same arguments ⇒ same bytes.
 */
export async function templateWorkbook(roles: Role[], lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'spillover';
  wb.lastModifiedBy = 'spillover';
  wb.created = DATE;
  wb.modified = DATE;
  const t = T[lang];
  const guide: (string | number)[][] = [];
  for (const role of roles) {
    const ins = instrument(role, lang);
    const ws = wb.addWorksheet(role);
    ws.columns = ins.questions.map((q) => ({ width: Math.max(12, Math.min(40, q.header[lang].length * (lang === 'zh' ? 2.2 : 1.2))) }));
    const header = ws.addRow(ins.questions.map((q) => safeCell(q.header[lang])));
    header.font = { bold: true };
    ins.questions.forEach((q, k) => {
      header.getCell(k + 1).note = note(q, lang);
      const v = validation(q, lang);
      if (v) (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${colLetter(k)}2:${colLetter(k)}${VALIDATED_ROWS}`, v);
      guide.push([role, q.header[lang], q.field === '@id' ? `id` : q.field, q.question[lang], q.type, allowedRange(q, lang), q.unit?.[lang] ?? '', q.builtin ? t.yes : '']);
    });
    for (let i = 0; i < ins.questions[0].examples.length; i++) {
      const row = ws.addRow(ins.questions.map((q) => safeCell(q.examples[i])));
      ins.questions.forEach((q, k) => {
        if (q.type === 'share') row.getCell(k + 1).numFmt = '0%';
      });
    }
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const g = wb.addWorksheet('questions');
  g.columns = [{ width: 12 }, { width: 28 }, { width: 16 }, { width: 60 }, { width: 10 }, { width: 30 }, { width: 14 }, { width: 8 }];
  g.addRow([t.sheet, t.column, t.field, t.question, t.type, t.range, t.unit, t.required]).font = { bold: true };
  g.addRows(guide.map((r) => r.map(safeCell)));
  g.addRow([]);
  g.addRow([t.examples]);
  g.views = [{ state: 'frozen', ySplit: 1 }];
  const buf = await wb.xlsx.writeBuffer();
  return fixZipTimestamps(new Uint8Array(buf as ArrayBuffer));
}
