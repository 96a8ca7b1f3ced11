// Parse the NBS-style 2017 149-sector table (data/china-io-2017/china-io-2017-149.csv) into an IOTable.
import type { Account, FinalDemandRole, IOTable, Label, ValueAddedRole } from './types.ts';
import { parseCell, parseCsv, tableFault, uniqueCodes, zhRow } from './parseCsv.ts';
import { LocalizedError } from '../locale/errorText.ts';

const VALUE_ADDED: [string, ValueAddedRole][] = [
  ['VA001', 'compensation'],
  ['VA002', 'taxes'],
  ['VA003', 'depreciation'],
  ['VA004', 'surplus'],
];
const FINAL_DEMAND: [string, FinalDemandRole][] = [
  ['FU101', 'household'],
  ['FU102', 'household'],
  ['FU103', 'government'],
  ['FU201', 'investment'],
  ['FU202', 'inventory'],
  ['EX', 'exports'],
];
const FINAL_DEMAND_LABELS: Record<string, Label> = {
  FU101: { zh: '农村居民消费支出', en: 'Rural household consumption' },
  FU102: { zh: '城镇居民消费支出', en: 'Urban household consumption' },
  FU103: { zh: '政府消费支出', en: 'Government consumption' },
  FU201: { zh: '固定资本形成总额', en: 'Gross fixed capital formation' },
  FU202: { zh: '存货变动', en: 'Changes in inventories' },
  EX: { zh: '出口', en: 'Exports' },
};

/**
 * Parse the NBS competitive-import table layout: a header `Code,Description,DescriptionInChinese,
 * 001..nnn,…,FU101,FU102,FU103,FU201,FU202,EX,…,IM,GO`, sector rows 001..nnn in the same order as
 * the sector columns, then value-added rows VA001..VA004 (other rows such as TII, TVA, TI and
 * total columns such as TIU, THC, TFU are read by checkBalance, not here).
 * Z[i*n+j] = intermediate use of product i by sector j; x = GO; imports = IM; unit 万元.
 * Source: 国家统计局, 2017年全国投入产出表 (149 部门); layout described in data/china-io-2017/README.md.
 * Failures (Error naming `source`, row and column): a missing column or row, a row code twice, sector columns and rows
 * that differ in number or order, a non-numeric cell where a value is read, a negative
 * intermediate flow or negative gross output.
 * Example: parseNbsTable(text, 'china-io-2017-149.csv').n → 149; .codes[122] → '123'.
 */
export function parseNbsTable(text: string, source = 'NBS table'): IOTable {
  const rows = parseCsv(text, source);
  if (rows.length < 2) throw tableFault.noDataRows(source);
  const header = rows[0].map((h) => h.trim());
  const col = (name: string): number => {
    const j = header.indexOf(name);
    if (j < 0) throw tableFault.missingColumn(source, name);
    return j;
  };
  const codeCol = col('Code');
  const enCol = col('Description');
  const zhCol = col('DescriptionInChinese');
  const sectorCols: number[] = [];
  header.forEach((h, j) => { if (/^\d{3}$/.test(h)) sectorCols.push(j); });
  const n = sectorCols.length;
  if (n === 0) throw new LocalizedError({ zh: `${source}：表头中没有三位数字的部门列`, en: `${source}: no 3-digit sector columns in the header` });
  const codes = sectorCols.map((j) => header[j]);
  uniqueCodes(codes, source);
  const rowIndex = new Map<string, number>();
  rows.forEach((r, i) => {
    const c = (r[codeCol] ?? '').trim();
    if (i === 0 || c === '') return;
    const first = rowIndex.get(c);
    if (first !== undefined) {
      throw new LocalizedError({ zh: `${source}：行代码 ${c} 出现了两次（第 ${first + 1} 行和第 ${i + 1} 行）；每行须有自己的代码`, en: `${source}: row code ${c} appears twice (rows ${first + 1} and ${i + 1}); each row needs its own code` });
    }
    rowIndex.set(c, i);
  });
  const sectorRows = rows.slice(1).filter((r) => /^\d{3}$/.test((r[codeCol] ?? '').trim()));
  if (sectorRows.length !== n) {
    throw new LocalizedError({ zh: `${source}：维数不符：部门列有 ${n} 个，部门行却有 ${sectorRows.length} 个`, en: `${source}: wrong dimension: ${n} sector columns but ${sectorRows.length} sector rows` });
  }
  sectorRows.forEach((r, i) => {
    const c = r[codeCol].trim();
    if (c !== codes[i]) throw tableFault.rowOrder(source, i + 2, c, codes[i]);
  });
  const cell = (r: string[], j: number): number => {
    if (j >= r.length) throw new LocalizedError({ zh: `${source} ${zhRow(r[codeCol])}「${header[j]}」列：缺少单元格`, en: `${source}: row ${r[codeCol]}, column ${header[j]}: missing cell` });
    return parseCell(r[j], source, r[codeCol].trim(), header[j]);
  };
  const Z = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const r = sectorRows[i];
    for (let j = 0; j < n; j++) {
      const v = cell(r, sectorCols[j]);
      if (v < 0) throw tableFault.negativeFlow(source, codes[i], codes[j], v);
      Z[i * n + j] = v;
    }
  }
  const column = (name: string): Float64Array => {
    const j = col(name);
    return Float64Array.from(sectorRows, (r) => cell(r, j));
  };
  const x = column('GO');
  x.forEach((v, i) => {
    if (v < 0) throw tableFault.negativeOutput(source, codes[i], 'GO', v);
  });
  const row = (code: string): string[] => {
    const i = rowIndex.get(code);
    if (i === undefined) throw new LocalizedError({ zh: `${source}：缺少 ${code} 行`, en: `${source}: missing row ${code}` });
    return rows[i];
  };
  const valueAdded: Account<ValueAddedRole>[] = VALUE_ADDED.map(([code, role]) => {
    const r = row(code);
    return { code, role, label: { zh: r[zhCol] ?? '', en: r[enCol] ?? '' }, values: Float64Array.from(sectorCols, (j) => cell(r, j)) };
  });
  const finalDemand: Account<FinalDemandRole>[] = FINAL_DEMAND.map(([code, role]) => ({
    code, role, label: FINAL_DEMAND_LABELS[code], values: column(code),
  }));
  return {
    n,
    codes,
    names: sectorRows.map((r) => ({ zh: (r[zhCol] ?? '').trim(), en: (r[enCol] ?? '').trim() })),
    Z,
    x,
    valueAdded,
    finalDemand,
    imports: column('IM'),
    unit: '万元',
    source,
  };
}
