import { DataError } from './DataError.ts';
import type { Label } from '../locale/lang.ts';
import type { FieldSpec, QuestionnaireSpec } from './types.ts';
import { editDistance } from '../survey/didYouMean.ts';

/**
 * Header matching rule (README.md, "Headers"):
 *  1. strict: both sides NFKC-normalized (full-width → half-width), trimmed, inner whitespace collapsed,
 *     lower-cased (affects Latin only): "  Employees " matches "employees", "ＩＤ" matches "id".
 *  2. loose, only if no strict match: additionally drop a question-number prefix ("Q3.", "3、", "第3题",
 *     "(3)") and trailing punctuation ("?", "？", ":", "：", "*"), so the label "Q3. 您公司的员工总数是？"
 *     matches the 问卷星 header "3、您公司的员工总数是？".
 * A field may list aliases; every alias is tried. Two different headers matching one field is an error.
 */
/** Strict header key (rule 1). Example: normalizeHeader('  Ｅmployees  Total ') === 'employees total' */
export function normalizeHeader(h: string): string {
  return h.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

const QUESTION_PREFIX = /^(?:q\s*\d+|第\s*\d+\s*题|\(\s*\d+\s*\)|\d+)\s*(?:[.、:)\-]\s*)?/;
/** Loose header key (rule 2). Example: looseHeader('Q3. 您公司的员工总数是？') === looseHeader('3、您公司的员工总数是？') === '您公司的员工总数是' */
export function looseHeader(h: string): string {
  return normalizeHeader(h).replace(QUESTION_PREFIX, '').replace(/[?:*!。.\s]+$/, '').trim();
}

/** Headers that look like a near miss for any of the wanted names (at most 3). */
export function suggest(wanted: string[], headers: string[]): string[] {
  const scored: { h: string; d: number }[] = [];
  for (const h of headers) {
    const lh = looseHeader(h);
    if (lh === '') continue;
    let best = Infinity;
    for (const w of wanted) {
      const lw = looseHeader(w);
      if (lw === '') continue;
      const d = editDistance(lw, lh);
      const near = d <= Math.max(1, Math.floor(Math.max(lw.length, lh.length) / 3)) || lh.includes(lw) || lw.includes(lh);
      if (near) best = Math.min(best, d);
    }
    if (best < Infinity) scored.push({ h, d: best });
  }
  return scored.sort((x, y) => x.d - y.d).slice(0, 3).map((s) => s.h);
}

const quote = (s: string) => JSON.stringify(s);
const list = (xs: string[]) => xs.map(quote).join(', ');
/** A header in a Chinese sentence: 「员工数」; a list of them: 「员工数」、「行业」. */
const zq = (s: string) => `「${s}」`;
const zlist = (xs: string[]) => xs.map(zq).join('、');
/** The field a column is looked for, in each language. */
const fieldWhat = (name: string): Label => ({ zh: `字段 ${name}`, en: `field "${name}"` });
const ID: Label = { zh: '受访者编号', en: 'the respondent id' };

/** Index of the one header that matches `wanted` (aliases), or a DataError naming expected and found headers. */
function findHeader(headers: string[], wanted: string[], spec: QuestionnaireSpec, what: Label, yamlPath: string): number {
  for (const norm of [normalizeHeader, looseHeader]) {
    const targets = new Set(wanted.map(norm).filter((s) => s !== ''));
    const hits: number[] = [];
    headers.forEach((h, i) => {
      if (targets.has(norm(h))) hits.push(i);
    });
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) {
      const found = hits.map((i) => headers[i]);
      throw new DataError(
        {
          zh: `${spec.displayPath}：${what.zh}（${yamlPath}）对应的列不唯一：表头${zlist(found)}（第 ${hits.map((i) => i + 1).join('、')} 列）都与${zlist(wanted)}相符；请准确写出其中一个`,
          en:
            `${spec.displayPath}: ${what.en} (${yamlPath}) is ambiguous: headers ${list(found)} ` +
            `(columns ${hits.map((i) => i + 1).join(', ')}) all match ${list(wanted)}; name one of them exactly`,
        },
        { file: spec.displayPath, row: 1, column: headers[hits[0]], yamlPath },
      );
    }
  }
  const near = suggest(wanted, headers);
  throw new DataError(
    {
      zh:
        `${spec.displayPath}：找不到${what.zh}（${yamlPath}）的列：应有表头${wanted.length > 1 ? `${zlist(wanted)}之一` : zq(wanted[0])}；` +
        `文件中的表头：${zlist(headers)}${near.length ? `；是不是${near.map(zq).join('或')}？` : ''}`,
      en:
        `${spec.displayPath}: no column for ${what.en} (${yamlPath}): expected header ${wanted.length > 1 ? 'one of ' : ''}${list(wanted)}; ` +
        `found headers: ${list(headers)}${near.length ? `; did you mean ${near.map(quote).join(' or ')}?` : ''}`,
    },
    { file: spec.displayPath, row: 1, column: wanted[0], yamlPath },
  );
}

export interface ColumnMatch {
  /** column index of the respondent id */
  id: number;
  /** field name -> column index, or -1 for an optional field the mapping leaves out */
  fields: Record<string, number>;
  /** column index of the timestamp of dedupe.keep_latest_by (when declared) */
  latest?: number;
}

/**
 * matchColumns — resolve spec.id and spec.columns against the file's headers (rule above).
 * With spec.keepLatestBy, also the timestamp column (`latest`; it may also be a mapped field, not the id).
 * Fails (DataError) for: a mapped field not in `fields`; a required field not mapped; a mapped header not
 * found (lists found headers and near misses); two headers matching one field; two fields on one header.
 * Example: matchColumns(['ID', '员工总数'], {id:'id', columns:{employees:'员工总数'}, …}, [employees])
 *   → { id: 0, fields: { employees: 1 } }
 */
export function matchColumns(headers: string[], spec: QuestionnaireSpec, fields: FieldSpec[]): ColumnMatch {
  const base = spec.yamlPath ?? `questionnaires.${spec.key}`;
  const known = new Set(fields.map((f) => f.name));
  for (const name of Object.keys(spec.columns)) {
    if (!known.has(name)) {
      throw new DataError({
        zh: `${spec.displayPath}：${base}.columns 中的字段 ${name} 不存在；已知字段：${[...known].join('、')}`,
        en: `${spec.displayPath}: unknown field "${name}" in ${base}.columns; known fields: ${[...known].join(', ')}`,
      }, {
        file: spec.displayPath,
        yamlPath: `${base}.columns.${name}`,
      });
    }
  }
  const aliases = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
  const id = findHeader(headers, aliases(spec.id), spec, ID, `${base}.id`);
  const used = new Map<number, Label>([[id, ID]]);
  const out: Record<string, number> = {};
  for (const f of fields) {
    const mapped = spec.columns[f.name];
    if (mapped === undefined) {
      if (f.required) {
        throw new DataError({
          zh: `${spec.displayPath}：必填字段 ${f.name} 在 ${base}.columns 中没有对应的列`,
          en: `${spec.displayPath}: required field "${f.name}" has no column in ${base}.columns`,
        }, {
          file: spec.displayPath,
          yamlPath: `${base}.columns`,
        });
      }
      out[f.name] = -1;
      continue;
    }
    const what = fieldWhat(f.name);
    const i = findHeader(headers, aliases(mapped), spec, what, `${base}.columns.${f.name}`);
    const other = used.get(i);
    if (other !== undefined) {
      throw new DataError({
        zh: `${spec.displayPath}：表头${zq(headers[i])}被对应了两次：${other.zh}和${what.zh}`,
        en: `${spec.displayPath}: header ${quote(headers[i])} is mapped twice: to ${other.en} and to ${what.en}`,
      }, {
        file: spec.displayPath,
        row: 1,
        column: headers[i],
        yamlPath: `${base}.columns.${f.name}`,
      });
    }
    used.set(i, what);
    out[f.name] = i;
  }
  if (spec.keepLatestBy === undefined) return { id, fields: out };
  const latest = findHeader(headers, aliases(spec.keepLatestBy), spec, { zh: '用于处理重复编号的时间', en: 'the timestamp that resolves repeated ids' }, `${base}.dedupe.keep_latest_by`);
  if (latest === id) {
    throw new DataError({
      zh: `${spec.displayPath}：${base}.dedupe.keep_latest_by 指向的是受访者编号列${zq(headers[id])}；请改为记录每份答卷时间的列`,
      en: `${spec.displayPath}: ${base}.dedupe.keep_latest_by names the respondent id column ${quote(headers[id])}; name the column with the time of each answer`,
    }, {
      file: spec.displayPath,
      row: 1,
      column: headers[id],
      yamlPath: `${base}.dedupe.keep_latest_by`,
    });
  }
  return { id, fields: out, latest };
}
