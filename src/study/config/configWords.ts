// The study file's faults in words of both languages: the schema validator's (ajv) errors, the YAML
// parser's syntax errors, and a located error's detail without its place. Pure.
import type { ErrorObject } from 'ajv';
import type { Label } from '../../locale/lang.ts';
import { type ErrorWords } from '../../locale/errorText.ts';
import { unknownKeyWords } from '../../survey/didYouMean.ts';

const TYPE_ZH: Record<string, string> = { string: '文本', number: '数字', integer: '整数', object: '映射（键: 值）', array: '列表', boolean: 'true 或 false', null: '空值' };
const OP_ZH: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };

/**
 * A schema error as words: ajvWords({keyword: 'required', params: {missingProperty: 'year'}}) →
 * {zh: '缺少必需的键 "year"', en: 'missing required key "year"'}. The English words of keywords we do
 * not reword are ajv's own ("must be >= 99").
 */
export function ajvWords(e: ErrorObject): Label {
  const p = e.params as Record<string, unknown>;
  const en = e.message ?? e.keyword;
  switch (e.keyword) {
    case 'required':
      return { zh: `缺少必需的键 "${p.missingProperty}"`, en: `missing required key "${p.missingProperty}"` };
    case 'additionalProperties': {
      // verbose: parentSchema is the object schema whose properties are the keys allowed here.
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const key = p.additionalProperty as string;
      return known.length ? unknownKeyWords(key, known) : { zh: `未知的键 "${key}"`, en: `unknown key "${key}"` };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { zh: `应为以下之一：${allowed}`, en: `expected one of ${allowed}` };
    }
    case 'anyOf':
      return { zh: '应为数字，或 "1973亿元" / "2601万" 这样的数量（或研究文件格式允许的其他写法）', en: 'expected a number or a quantity like "1973亿元" / "2601万" (or another allowed form, see the schema)' };
    case 'type': {
      const types = Array.isArray(p.type) ? (p.type as string[]) : [String(p.type)];
      return { zh: `应为${types.map((t) => TYPE_ZH[t] ?? t).join('或')}`, en };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { zh: `应 ${OP_ZH[p.comparison as string] ?? p.comparison} ${p.limit}`, en };
    case 'minItems':
      return { zh: `至少应有 ${p.limit} 项`, en };
    case 'maxItems':
      return { zh: `至多 ${p.limit} 项`, en };
    case 'minProperties':
      return { zh: `至少应有 ${p.limit} 个键`, en };
    case 'maxProperties':
      return { zh: `至多 ${p.limit} 个键`, en };
    case 'minLength':
      return { zh: p.limit === 1 ? '不能为空' : `至少 ${p.limit} 个字符`, en };
    case 'pattern':
      return { zh: `应符合格式 "${p.pattern}"`, en };
    default:
      return { zh: `不符合研究文件的格式（规则 ${e.keyword}）`, en };
  }
}

// The YAML parser's error codes, in our words. Codes not listed keep the parser's English words in en.
const YAML_WORDS: Partial<Record<string, Label>> = {
  BAD_INDENT: { zh: '缩进不对（同一层的键应对齐），或 [ 、{ 没有闭合', en: 'bad indentation (keys of one level line up), or an unclosed [ or {' },
  TAB_AS_INDENT: { zh: '用 Tab 缩进（YAML 只接受空格）', en: 'a tab used as indentation (YAML takes spaces only)' },
  DUPLICATE_KEY: { zh: '同一个键写了两次', en: 'the same key is given twice' },
  MISSING_CHAR: { zh: '缺少一个字符（括号、引号或冒号未闭合）', en: 'a character is missing (an unclosed bracket, quote or colon)' },
  UNEXPECTED_TOKEN: { zh: '这里出现了意外的字符', en: 'an unexpected character here' },
  BLOCK_AS_IMPLICIT_KEY: { zh: '一行的“键: 值”里又嵌套了键（请检查缩进，把内层的键另起一行，或给含“: ”的值加引号）', en: 'a key nested inside a one-line "key: value" (check the indentation, put inner keys on lines of their own, or quote a value holding ": ")' },
  MULTILINE_IMPLICIT_KEY: { zh: '键跨了多行（键后缺少冒号？）', en: 'a key spans lines (a missing colon after a key?)' },
  BAD_SCALAR_START: { zh: '值不能以这个字符开头（请加引号）', en: 'a value cannot start with this character (quote it)' },
  BAD_DQ_ESCAPE: { zh: '双引号中的转义无效（\\ 后的字符）', en: 'an invalid escape in double quotes (the character after \\)' },
  BLOCK_IN_FLOW: { zh: '在 [ ] 或 { } 中不能用多行写法', en: 'a block value inside [ ] or { }' },
  BAD_ALIAS: { zh: '引用（*名称）无效', en: 'an invalid alias (*name)' },
  MULTIPLE_DOCS: { zh: '文件中有多个文档（---）；研究文件只能有一个', en: 'several documents (---) in the file; a study file holds one' },
  KEY_OVER_1024_CHARS: { zh: '键长于 1024 个字符', en: 'a key longer than 1024 characters' },
};

/**
 * A YAML syntax error in our words: yamlSyntaxWords({code: 'BAD_INDENT', message: '…'}) →
 * {zh: 'YAML 格式错误：缩进不对（…）', en: 'malformed YAML: bad indentation (…)'}. An unlisted code: the
 * parser's first line in en, the code in zh.
 */
export function yamlSyntaxWords(e: { code: string; message: string }): Label {
  const w = YAML_WORDS[e.code];
  return { zh: `YAML 格式错误：${w?.zh ?? `无法解析（${e.code}）`}`, en: `malformed YAML: ${w?.en ?? e.message.split('\n')[0]}` };
}

/**
 * The words of an error that begins with its place ("where: detail", zh "where：detail"), without the
 * place: for a ConfigError to name the YAML path and line itself.
 * withoutPlace(an error 'a.b: expected x') → 'expected x'; one with texts {zh: 'a.b：应为 x', …} → {zh: '应为 x', en: 'expected x'}.
 */
export function withoutPlace(e: unknown): ErrorWords {
  const texts = (e as { texts?: Label }).texts;
  const en = (texts?.en ?? (e as Error).message).replace(/^[^:]*: /, '');
  return texts ? { zh: texts.zh.replace(/^[^：]*：/, ''), en } : en;
}
