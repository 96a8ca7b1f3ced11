// What the questionnaire readers tell the user about how a file was read, in zh and en: the encoding
// chosen, rows set aside by skip_rows, optional fields not found, sums in floating point, ClickHouse.
// The console (check), the report and results.json show them in the run's language.
import type { Label } from '../locale/index.ts';

/** encodingNote('gb18030', 2) → 'encoding auto: read as gb18030 (not valid UTF-8 at row 2)'; without a row, the whole file was UTF-8. */
export function encodingNote(used: 'utf-8' | 'gb18030', row?: number): Label {
  return used === 'utf-8'
    ? { zh: '编码自动识别：按 UTF-8 读取（整个文件都是有效的 UTF-8）', en: 'encoding auto: read as utf-8 (the whole file is valid UTF-8)' }
    : { zh: `编码自动识别：按 GB18030 读取（第 ${row} 行不是有效的 UTF-8）`, en: `encoding auto: read as gb18030 (not valid UTF-8 at row ${row})` };
}

/**
 * skippedRowsNote(2, [{row: 2, text: '说明'}]) → the rows skip_rows set aside, each with its first 60 characters;
 * none when skip_rows is 0. Says so when the file has fewer rows than skip_rows.
 */
export function skippedRowsNote(skip: number, skipped: { row: number; text: string }[]): Label[] {
  if (skip === 0) return [];
  const text = (s: { text: string }) => `"${s.text.length > 60 ? `${s.text.slice(0, 60)}…` : s.text}"`;
  const few = skipped.length > 0 && skipped.length < skip;
  if (skipped.length === 0) return [{ zh: `skip_rows: ${skip}：表头之后没有可跳过的行`, en: `skip_rows: ${skip}: no row after the header to skip` }];
  return [{
    zh: `skip_rows: ${skip}：以下行不是答卷，已跳过：${skipped.map((s) => `第 ${s.row} 行 ${text(s)}`).join('，')}${few ? `（文件中只有 ${skipped.length} 个非空行）` : ''}`,
    en: `skip_rows: ${skip}: skipped as not answers: ${skipped.map((s) => `row ${s.row} ${text(s)}`).join(', ')}${few ? ` (only ${skipped.length} non-blank row${skipped.length > 1 ? 's' : ''} in the file)` : ''}`,
  }];
}

/** unmappedFieldNote('fulltime_share') → the optional field has no column in the file and counts as missing. */
export const unmappedFieldNote = (field: string): Label => ({
  zh: `可选字段 "${field}" 在文件中没有对应的列：每一行都按缺失处理`,
  en: `optional field "${field}" is not mapped: treated as missing in every row`,
});

/** The exact sums overflowed DECIMAL(38) and were computed in doubles. */
export const floatSumsNote: Label = {
  zh: '合计超出 DECIMAL(38) 的范围，改用浮点数计算（末几位在多次运行之间可能不同）',
  en: 'sums exceeded DECIMAL(38) range; computed in floating point (the last digits may vary between runs)',
};

/** A questionnaire screened and summed in ClickHouse (`where`: the server, `table`: database.table). */
export const clickhouseSummedNote = (where: string, table: string): Label => ({
  zh: `在 ClickHouse 中读取：${where}，表 ${table}；在那里筛查并求和`,
  en: `read in ClickHouse: ${where}, table ${table}; screened and summed there`,
});

/** A questionnaire's rows read from ClickHouse (`rows` rows, `blank` of them blank). */
export const clickhouseReadNote = (where: string, table: string, rows: number, blank: number): Label => ({
  zh: `从 ClickHouse 读取：${where}，表 ${table}（${rows} 行，其中空行 ${blank} 行）`,
  en: `read from ClickHouse: ${where}, table ${table} (${rows} rows, ${blank} blank)`,
});

/** Only the first `listed` of `rejected` rejected rows came back from ClickHouse (all are counted). */
export const rejectionsListedNote = (listed: number, rejected: number): Label => ({
  zh: `剔除行只列出前 ${listed} 行（共 ${rejected} 行，全部计入剔除原因）`,
  en: `rejected rows listed: the first ${listed} of ${rejected} (all counted in the reasons)`,
});
