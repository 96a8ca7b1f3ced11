// Parse the generic spillover table CSV: Z, final-demand columns, imports, x, value-added rows, labels.
import type { Account, FinalDemandRole, IOTable, Label, ValueAddedRole } from './types.ts';
import { parseCell, parseCsv, tableFault, uniqueCodes, zhRow } from './parseCsv.ts';
import { LocalizedError } from '../locale/errorText.ts';
import { FINAL_DEMAND_ROLES, VALUE_ADDED_ROLES } from './roles.ts';

/**
 * Generic layout (docs/io.md, "Generic table CSV"):
 *
 *     code,name_zh,name_en,S1,…,Sn,household:HH,exports:EX,…,imports,output
 *     S1,…,…,z11,…,z1n,f,e,…,m,x1
 *     …
 *     compensation:W,劳动者报酬,Compensation,w1,…,wn          (value-added rows; other cells empty)
 *
 * Sector columns are the header cells between the labels and the first `role:code` column; the
 * sector rows must repeat them in the same order. Final-demand roles: household, government,
 * investment, inventory, exports, other. Value-added roles: compensation, taxes, depreciation,
 * surplus, other. `imports` (competitive imports, positive) is optional; `output` (x) is required.
 * `unit` is the money unit of all cells (e.g. '万元').
 * Failures (Error naming source, row, column, value): missing label/output column, unknown role,
 * sector rows that do not match sector columns, non-numeric cells, negative flows or output.
 * Example: the Miller–Blair table in this layout → n = 2, x = [1000, 2000].
 */
export function parseIOTable(text: string, source = 'IO table', unit = ''): IOTable {
  const rows = parseCsv(text, source);
  if (rows.length < 2) throw tableFault.noDataRows(source);
  const header = rows[0].map((h) => h.trim());
  for (const [j, name] of ['code', 'name_zh', 'name_en'].entries()) {
    if (header[j] !== name) throw tableFault.header(source, j, name, header[j]);
  }
  const outputCol = header.indexOf('output');
  if (outputCol < 0) throw tableFault.missingColumn(source, 'output');
  const importsCol = header.indexOf('imports');
  let end = 3;
  while (end < header.length && !header[end].includes(':') && end !== outputCol && end !== importsCol) end++;
  const codes = header.slice(3, end);
  uniqueCodes(codes, source);
  const n = codes.length;
  if (n === 0) throw new LocalizedError({ zh: `${source}：没有部门列`, en: `${source}: no sector columns` });
  const fdCols: { j: number; role: FinalDemandRole; code: string }[] = [];
  for (let j = end; j < header.length; j++) {
    if (j === outputCol || j === importsCol) continue;
    const [role, code] = splitRole(header[j], source, { zh: `第 ${j + 1} 列`, en: `column ${j + 1}` });
    if (!FINAL_DEMAND_ROLES.includes(role as FinalDemandRole)) {
      throw new LocalizedError({
        zh: `${source}「${header[j]}」列：最终需求类别 ${role} 无法识别（可用 ${FINAL_DEMAND_ROLES.join('、')}）`,
        en: `${source}: column ${header[j]}: unknown final-demand role ${role} (use ${FINAL_DEMAND_ROLES.join(', ')})`,
      });
    }
    fdCols.push({ j, role: role as FinalDemandRole, code });
  }
  const body = rows.slice(1);
  if (body.length < n) throw new LocalizedError({ zh: `${source}：维数不符：部门列有 ${n} 个，行却只有 ${body.length} 行`, en: `${source}: wrong dimension: ${n} sector columns but ${body.length} rows` });
  body.slice(0, n).forEach((r, i) => {
    const c = (r[0] ?? '').trim();
    if (c !== codes[i]) throw tableFault.rowOrder(source, i + 2, JSON.stringify(c), codes[i]);
  });
  const num = (r: string[], j: number): number => parseCell(r[j] ?? '', source, r[0].trim(), header[j]);
  const Z = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = num(body[i], 3 + j);
      if (v < 0) throw tableFault.negativeFlow(source, codes[i], codes[j], v);
      Z[i * n + j] = v;
    }
  }
  const column = (j: number): Float64Array => Float64Array.from(body.slice(0, n), (r) => num(r, j));
  const x = column(outputCol);
  x.forEach((v, i) => { if (v < 0) throw tableFault.negativeOutput(source, codes[i], 'output', v); });
  const finalDemand: Account<FinalDemandRole>[] = fdCols.map(({ j, role, code }) => ({ code, role, label: { zh: code, en: code }, values: column(j) }));
  const valueAdded: Account<ValueAddedRole>[] = body.slice(n).map((r, k) => {
    const [role, code] = splitRole((r[0] ?? '').trim(), source, { zh: `第 ${n + k + 2} 行`, en: `row ${n + k + 2}` });
    if (!VALUE_ADDED_ROLES.includes(role as ValueAddedRole)) {
      throw new LocalizedError({
        zh: `${source} ${zhRow(r[0])}：增加值类别 ${role} 无法识别（可用 ${VALUE_ADDED_ROLES.join('、')}）`,
        en: `${source}: row ${r[0]}: unknown value-added role ${role} (use ${VALUE_ADDED_ROLES.join(', ')})`,
      });
    }
    return { code, role: role as ValueAddedRole, label: { zh: (r[1] ?? '').trim(), en: (r[2] ?? '').trim() }, values: Float64Array.from(codes, (_, j) => num(r, 3 + j)) };
  });
  return {
    n, codes, Z, x, valueAdded, finalDemand, unit, source,
    names: body.slice(0, n).map((r) => ({ zh: (r[1] ?? '').trim(), en: (r[2] ?? '').trim() })),
    imports: importsCol < 0 ? null : column(importsCol),
  };
}

function splitRole(cell: string, source: string, where: Label): [string, string] {
  const k = cell.indexOf(':');
  if (k <= 0 || k === cell.length - 1) {
    throw new LocalizedError({ zh: `${source} ${where.zh}：应为 类别:代码 的形式，实际为 ${JSON.stringify(cell)}`, en: `${source}: ${where.en}: expected role:code, found ${JSON.stringify(cell)}` });
  }
  return [cell.slice(0, k), cell.slice(k + 1)];
}
