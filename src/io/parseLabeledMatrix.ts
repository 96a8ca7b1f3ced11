// Read a pandas-style labelled matrix (MultiIndex rows and columns) from delimited text (internal).
import { parseCell, parseCsv } from './parseCsv.ts';
import { LocalizedError } from '../locale/errorText.ts';

/** Row and column keys (one string per index level) and the row-major values. */
export interface LabeledMatrix {
  rowKeys: string[][];
  colKeys: string[][];
  values: Float64Array;
}

/**
 * Layout written by pandas `DataFrame.to_csv(sep='\t')` for MultiIndex axes, as in pymrio's
 * `save_all(format='txt')`: one line per column level (level name, blanks up to the row-index
 * width, then the keys), one line of row-index names (then blanks), then data lines (row keys,
 * then values). With a single column level and no blank line, the first line holds the index
 * names followed by the column keys; `rowLevels` then tells how many leading cells are keys.
 * Failures: ragged lines, no data, non-numeric values → Error naming source, row and column.
 */
export function parseLabeledMatrix(text: string, source: string, rowLevels?: number): LabeledMatrix {
  const lines = parseCsv(text, source, '\t');
  const blankTail = (r: string[], from: number): boolean => r.slice(from).every((c) => c.trim() === '');
  let nameRow = lines.findIndex((r) => r.length > 1 && r[0].trim() !== '' && blankTail(r, firstBlank(r)) && firstBlank(r) < r.length);
  let ni: number;
  let colRows: string[][];
  if (nameRow >= 0) {
    ni = firstBlank(lines[nameRow]);
    colRows = lines.slice(0, nameRow);
    if (colRows.length === 0) throw new LocalizedError({ zh: `${source}：索引名行（第 ${nameRow + 1} 行）之前没有列标题行`, en: `${source}: no column header line before the index-name line ${nameRow + 1}` });
  } else {
    if (rowLevels === undefined) throw new LocalizedError({ zh: `${source}：无法判断行索引的宽度（没有索引名行）；请传入 rowLevels`, en: `${source}: cannot tell row-index width (no index-name line); pass rowLevels` });
    ni = rowLevels;
    nameRow = 0;
    colRows = [lines[0]];
  }
  const data = lines.slice(nameRow + 1);
  if (data.length === 0) throw new LocalizedError({ zh: `${source}：没有数据行`, en: `${source}: no data lines` });
  const width = colRows[0].length;
  const colKeys: string[][] = [];
  for (let j = ni; j < width; j++) colKeys.push(colRows.map((r) => (r[j] ?? '').trim()));
  const m = colKeys.length;
  const values = new Float64Array(data.length * m);
  const rowKeys = data.map((r, i) => {
    if (r.length !== width) throw new LocalizedError({ zh: `${source}：第 ${nameRow + i + 2} 行：有 ${r.length} 个单元格，应为 ${width} 个`, en: `${source}: line ${nameRow + i + 2}: ${r.length} cells, expected ${width}` });
    const key = r.slice(0, ni).map((c) => c.trim());
    for (let j = 0; j < m; j++) values[i * m + j] = parseCell(r[ni + j], source, key.join('/'), colKeys[j].join('/'));
    return key;
  });
  return { rowKeys, colKeys, values };
}

function firstBlank(r: string[]): number {
  const k = r.findIndex((c) => c.trim() === '');
  return k < 0 ? r.length : k;
}
