// Build an IOTable from pymrio-style tab-separated text files (Z, Y, optionally x and factor inputs F).
import type { Account, FinalDemandRole, IOTable, ValueAddedRole } from './types.ts';
import { parseLabeledMatrix, type LabeledMatrix } from './parseLabeledMatrix.ts';
import { finalDemandRoleOf, valueAddedRoleOf } from './roles.ts';
import { uniqueCodes } from './parseCsv.ts';
import { LocalizedError } from '../locale/errorText.ts';

/** Texts of the files pymrio writes with `save_all(path, table_format='txt')`. */
export interface PymrioTexts {
  /** Z.txt: region×sector rows and columns. */
  Z: string;
  /** Y.txt: region×sector rows, region×category columns. */
  Y: string;
  /** x.txt: region×sector rows, one column (indout). Absent: x = row sums of Z and Y. */
  x?: string;
  /** factor_inputs/F.txt: factor rows (e.g. 'Value Added', 'Compensation of employees'), region×sector columns. */
  F?: string;
}

/**
 * Multi-region (or single-region) table: sector codes are the row keys joined with '/'
 * ('reg1/food'); each region×category column of Y becomes a final-demand account whose role is
 * read from the category name (households, government, fixed capital, inventories, exports; else
 * other); each row of F a value-added account (compensation/wages, taxes, depreciation, surplus;
 * else other). pymrio's layout: Stadler et al. (2021), pymrio, Journal of Open Research Software.
 * A closed MRIO has no imports column (imports = null).
 * Failures (Error naming the file): Z not square or its row and column keys differ, Y/x/F keys
 * not matching Z, negative flows, non-numeric cells.
 * Example: a 2-region × 3-sector system → n = 6, codes ['r1/agri', …, 'r2/serv'].
 */
export function parsePymrio(texts: PymrioTexts, source = 'pymrio', unit = ''): IOTable {
  const Zm = parseLabeledMatrix(texts.Z, `${source}/Z.txt`);
  const n = Zm.rowKeys.length;
  const codes = Zm.rowKeys.map((k) => k.join('/'));
  uniqueCodes(codes, `${source}/Z.txt`);
  const colCodes = Zm.colKeys.map((k) => k.join('/'));
  if (Zm.colKeys.length !== n) throw new LocalizedError({ zh: `${source}/Z.txt：维数不对：${n} 行，却有 ${Zm.colKeys.length} 列`, en: `${source}/Z.txt: wrong dimension: ${n} rows but ${Zm.colKeys.length} columns` });
  colCodes.forEach((c, j) => { if (c !== codes[j]) throw new LocalizedError({ zh: `${source}/Z.txt：第 ${j + 1} 列是 ${c}，第 ${j + 1} 行却是 ${codes[j]}`, en: `${source}/Z.txt: column ${j + 1} is ${c} but row ${j + 1} is ${codes[j]}` }); });
  Zm.values.forEach((v, k) => {
    if (v < 0) throw new LocalizedError({ zh: `${source}/Z.txt：行 ${codes[Math.floor(k / n)]}，列 ${codes[k % n]}：中间流量为负（${v}）`, en: `${source}/Z.txt: row ${codes[Math.floor(k / n)]}, column ${codes[k % n]}: negative intermediate flow ${v}` });
  });
  const levels = Zm.rowKeys[0].length;
  const Ym = parseLabeledMatrix(texts.Y, `${source}/Y.txt`, levels);
  sameRows(Ym, codes, `${source}/Y.txt`);
  const finalDemand: Account<FinalDemandRole>[] = Ym.colKeys.map((key, c) => {
    const category = key[key.length - 1];
    const m = Ym.colKeys.length;
    return {
      code: key.join('/'), role: finalDemandRoleOf(category), label: { zh: '', en: key.join(' ') },
      values: Float64Array.from({ length: n }, (_, i) => Ym.values[i * m + c]),
    };
  });
  let x: Float64Array;
  if (texts.x !== undefined) {
    const xm = parseLabeledMatrix(texts.x, `${source}/x.txt`, levels);
    sameRows(xm, codes, `${source}/x.txt`);
    if (xm.colKeys.length !== 1) throw new LocalizedError({ zh: `${source}/x.txt：应只有一列，实有 ${xm.colKeys.length} 列`, en: `${source}/x.txt: expected one column, found ${xm.colKeys.length}` });
    x = Float64Array.from(xm.values);
  } else {
    x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) x[i] += Zm.values[i * n + j];
      for (const f of finalDemand) x[i] += f.values[i];
    }
  }
  x.forEach((v, i) => { if (v < 0) throw new LocalizedError({ zh: `${source}：部门 ${codes[i]}：总产出为负（${v}）`, en: `${source}: sector ${codes[i]}: negative gross output ${v}` }); });
  const valueAdded: Account<ValueAddedRole>[] = [];
  if (texts.F !== undefined) {
    const Fm = parseLabeledMatrix(texts.F, `${source}/F.txt`);
    const fcodes = Fm.colKeys.map((k) => k.join('/'));
    if (fcodes.length !== n || fcodes.some((c, j) => c !== codes[j])) throw new LocalizedError({ zh: `${source}/F.txt：各列与 Z.txt 的部门不一致`, en: `${source}/F.txt: columns do not match the sectors of Z.txt` });
    Fm.rowKeys.forEach((key, r) => {
      const name = key.join('/');
      valueAdded.push({ code: name, role: valueAddedRoleOf(name), label: { zh: '', en: name }, values: Fm.values.slice(r * n, (r + 1) * n) });
    });
  }
  return {
    n, codes, names: Zm.rowKeys.map((k) => ({ zh: '', en: k.join(' ') })),
    Z: Zm.values, x, valueAdded, finalDemand, imports: null, unit, source,
  };
}

function sameRows(m: LabeledMatrix, codes: string[], source: string): void {
  if (m.rowKeys.length !== codes.length) throw new LocalizedError({ zh: `${source}：维数不对：${m.rowKeys.length} 行，Z 有 ${codes.length} 行`, en: `${source}: wrong dimension: ${m.rowKeys.length} rows, Z has ${codes.length}` });
  m.rowKeys.forEach((k, i) => { if (k.join('/') !== codes[i]) throw new LocalizedError({ zh: `${source}：第 ${i + 1} 行是 ${k.join('/')}，Z 中是 ${codes[i]}`, en: `${source}: row ${i + 1} is ${k.join('/')}, Z has ${codes[i]}` }); });
}
