import { DataError } from './DataError.ts';

const KEYWORDS = new Set(['and', 'or', 'not', 'is', 'null', 'between', 'in', 'true', 'false', 'case', 'when', 'then', 'else', 'end', 'like']);
const FUNCTIONS = new Set(['abs', 'least', 'greatest', 'coalesce', 'round', 'floor', 'ceil', 'sqrt', 'ln', 'log10', 'length', 'lower', 'upper', 'trim']);
const TOKEN = /\s+|(\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_]*|<=|>=|<>|!=|[=<>+\-*/%(),]/y;

/**
 * compileRule — check a declared validity rule and rewrite its field names to the screening columns.
 * The rule is a SQL boolean expression over field names with numbers, 'strings', comparison and arithmetic
 * operators, AND/OR/NOT, IS [NOT] NULL, BETWEEN, IN, CASE, and the functions
 * abs least greatest coalesce round floor ceil sqrt ln log10 length lower upper trim — nothing else, so a
 * rule cannot read files or run statements. Field names are case-insensitive.
 * Fails (DataError naming yamlPath and the token) on any other identifier or character.
 * `rename` maps a function to the engine's name for it (ClickHouse: lower → lowerUTF8, …).
 * Example: compileRule('employees <= 100000', { employees: '__x0' }, …) === '__x0 <= 100000'
 */
export function compileRule(check: string, columns: Record<string, string>, file: string, yamlPath: string, rename: Record<string, string> = {}): string {
  const byLower = new Map(Object.entries(columns).map(([k, v]) => [k.toLowerCase(), v]));
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  while (i < check.length) {
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(check);
    if (m === null) {
      throw new DataError({
        zh: `${file}：规则 ${JSON.stringify(check)}（${yamlPath}）第 ${i + 1} 个字符 ${JSON.stringify(check[i])} 不能用在规则里`,
        en: `${file}: rule ${JSON.stringify(check)} (${yamlPath}): unexpected character ${JSON.stringify(check[i])} at position ${i + 1}`,
      }, { file, yamlPath });
    }
    const t = m[0];
    i = TOKEN.lastIndex;
    if (/^[A-Za-z_]/.test(t)) {
      const lower = t.toLowerCase();
      const col = byLower.get(lower);
      if (col !== undefined) out.push(col);
      else if (KEYWORDS.has(lower)) out.push(lower);
      else if (FUNCTIONS.has(lower) && /^\s*\(/.test(check.slice(i))) out.push(rename[lower] ?? lower);
      else {
        throw new DataError(
          {
            zh: `${file}：规则 ${JSON.stringify(check)}（${yamlPath}）中有无法识别的名称 ${t}；只能用字段名（${Object.keys(columns).join('、')}）或函数 ${[...FUNCTIONS].map((f) => `${f}()`).join('、')}`,
            en: `${file}: rule ${JSON.stringify(check)} (${yamlPath}): unknown name "${t}"; use field names (${Object.keys(columns).join(', ')}) or the functions ${[...FUNCTIONS].join(', ')}`,
          },
          { file, yamlPath },
        );
      }
    } else if (t === '!=') out.push('<>');
    else out.push(t.trim() === '' ? ' ' : t);
  }
  return out.join('');
}
