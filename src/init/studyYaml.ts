// The commented study.yaml of a new study: every key explained beside it, units stated, in one
// language. Allowed values quoted in comments are read from the schema (src/study/config/schema.ts), so the
// comments cannot drift from what the parser accepts.
import { studySchema } from '../study/config/index.ts';
import { width } from '../cli/format.ts';
import { ACCOUNT_TYPES, CATEGORIES, PROVIDER_TYPES, instrument, type Lang, type Question, type Role, type Text } from './instruments.ts';

/** The `enum` at a dotted path of the schema, e.g. enumAt('io.method') → ['published', 'leontief']. Throws if there is none. */
export function enumAt(path: string): string[] {
  let node: unknown = studySchema;
  for (const key of path.split('.')) {
    const n = node as { properties?: Record<string, unknown>; additionalProperties?: unknown; items?: unknown };
    node = key === '*' ? n.additionalProperties : key === '[]' ? n.items : n.properties?.[key];
  }
  const e = (node as { enum?: string[] } | undefined)?.enum;
  if (!e) throw new Error(`enumAt: no enum at schema path ${path}`);
  return [...e];
}

const Q = 'questionnaires.*';
/** A YAML scalar, quoted only when plain style would change its meaning. */
const q = (s: string) => (/^[^\s:{}[\],#&*!|>'"%@`?-][^:{}[\],#]*$/.test(s) && !/\s$/.test(s) && !/^(true|false|null|yes|no|on|off|y|n|~|[-+]?[0-9.,]+)$/i.test(s) ? s : JSON.stringify(s));
const flowLabel = (t: Text) => `{zh: ${q(t.zh)}, en: ${q(t.en)}}`;
const list = (xs: string[]) => `[${xs.map(q).join(', ')}]`;

/** Lines with aligned trailing comments. */
class Lines {
  private rows: [string, string][] = [];
  constructor(private readonly lang: Lang) {}
  add(code: string, comment?: Text | string): this {
    this.rows.push([code, comment === undefined ? '' : typeof comment === 'string' ? comment : comment[this.lang]]);
    return this;
  }
  note(comment: Text | string, indent = 0): this {
    const t = typeof comment === 'string' ? comment : comment[this.lang];
    for (const l of t.split('\n')) this.rows.push([`${' '.repeat(indent)}# ${l}`, '']);
    return this;
  }
  blank(): this {
    this.rows.push(['', '']);
    return this;
  }
  toString(): string {
    const w = Math.min(44, Math.max(...this.rows.filter(([c, m]) => m && !c.startsWith('#')).map(([c]) => width(c))));
    return `${this.rows.map(([c, m]) => (m ? `${c}${' '.repeat(Math.max(0, w - width(c)))}  # ${m}` : c)).join('\n')}\n`;
  }
}

function typeComment(x: Question, lang: Lang): string {
  const range = x.type === 'share' ? '0–1' : x.min !== undefined ? `≥ ${x.min}` : '';
  const unit = x.unit ? x.unit[lang] : '';
  const t = lang === 'zh' ? { number: '数值', share: '比例', category: '类别', count: '整数', boolean: '是/否', text: '文本', id: '' } : { number: 'number', share: 'share', category: 'category', count: 'count', boolean: 'yes/no', text: 'text', id: '' };
  const kind = [t[x.type], x.type === 'share' ? '' : range, x.type === 'share' ? (lang === 'zh' ? '0–1 或 "60%"' : '0–1 or "60%"') : unit].filter(Boolean).join(', ');
  return `${kind}: ${x.question[lang]}`;
}

export interface StudyYamlOptions {
  lang: Lang;
  roles: Role[];
  year: number;
  /** value of the yaml-language-server $schema comment (path or URL), or null to omit it */
  schemaRef: string | null;
}

/**
 * studyYaml(options) → the text of a commented study.yaml using data/<role>.csv for each role. It
 * validates against the schema (tested); values marked TODO are placeholders the user replaces.
 */
export function studyYaml(o: StudyYamlOptions): string {
  const { lang, roles } = o;
  const zh = lang === 'zh';
  const has = (r: Role) => roles.includes(r);
  const L = new Lines(lang);
  if (o.schemaRef) L.add(`# yaml-language-server: $schema=${o.schemaRef}`);
  L.note(
    zh
      ? 'spillover 研究文件。每个键的含义写在它右边的注释里；完整说明见 docs/study-file.md。\n单位：金额为元，人数为人，账号为个；数值可带中文单位：2000万 = 20,000,000，1973亿元 = 197,300,000,000 元。\n标有 TODO 的值是占位数，请换成您自己的；data/ 下的示例行是虚构的，填入真实问卷导出后删除。'
      : 'spillover study file. Each key is explained in the comment beside it; full reference: docs/study-file.md.\nUnits: money in yuan, people in persons, accounts in accounts; numbers may carry Chinese units: 2000万 = 20,000,000, 1973亿元 = 197,300,000,000 yuan.\nValues marked TODO are placeholders: replace them with yours. The example rows under data/ are made up; replace them with your survey exports.',
  );
  L.add('study:', { zh: '研究的基本信息', en: 'what the study is' });
  L.add(`  name: ${flowLabel({ zh: '我的平台带动就业研究', en: 'Jobs driven by my platform' })}`, { zh: 'TODO 研究名称（中文、英文），用于输出和报告标题', en: 'TODO study name in Chinese and English (titles of outputs and the report)' });
  L.add(`  year: ${o.year}`, { zh: 'TODO 数据所属年份（问卷的参考年度）', en: 'TODO year the figures refer to (the questionnaires\' reference year)' });
  L.add(`  platform: ${flowLabel({ zh: '我的平台', en: 'My platform' })}`, { zh: 'TODO 平台名称（中文、英文）', en: 'TODO platform name in Chinese and English' });
  L.add(`  notes: ${q(zh ? '由 spillover init 生成的研究模板' : 'Study scaffolded by spillover init')}`, { zh: '备注，原样保存在结果中', en: 'free text kept with the results' });
  L.blank();
  if (has('consumers')) {
    L.add('population:', { zh: '平台总体数量', en: 'platform-wide population counts' });
    L.add('  users: 1亿', { zh: 'TODO 平台用户数（人）：消费总额 C_c = 用户数 / n × Σ 受访者支出', en: 'TODO platform users (persons): category total C_c = users / n × Σ respondents\' spend' });
    L.blank();
  }

  L.add('questionnaires:', { zh: '问卷导出文件，每份一个键；下面的 components 和 consumption 按键引用', en: 'questionnaire exports, one key each; components and consumption refer to them by key' });
  const encodings = enumAt(`${Q}.encoding`).join(', ');
  for (const role of roles) {
    const ins = instrument(role, lang);
    L.add(`  ${role}:`, ins.title[lang]);
    L.add(`    file: data/${role}.csv`, { zh: '文件路径（相对本文件）：CSV、XLSX 或 Parquet；也可用 questionnaires.xlsx 并加 sheet', en: 'file path, relative to this file: CSV, XLSX or Parquet; or questionnaires.xlsx with `sheet`' });
    L.add('    encoding: auto', { zh: `CSV 编码：${encodings}（auto：整份合法 UTF-8 则按 UTF-8，否则按 GB18030；问卷星等常导出 GBK）`, en: `CSV encoding: ${encodings} (auto: UTF-8 if the whole file is valid UTF-8, else GB18030; Chinese survey tools often export GBK)` });
    if (role === roles[0]) L.add(`    # sheet: ${role}`, { zh: '仅 XLSX：工作表名称或序号（从 1 起）', en: 'XLSX only: sheet name or 1-based position' });
    const id = ins.questions[0];
    L.add(`    id: ${q(id.header[lang])}`, { zh: '问卷编号列的表头', en: 'header of the respondent-id column' });
    L.add('    columns:', {
      zh: 'spillover 字段: 文件中的表头，或可接受的表头列表（中文、英文、调查工具的题目文字）；多余的列被忽略',
      en: 'spillover field: header in the file, or a list of accepted headers (Chinese, English, the survey tool\'s question label); other columns are ignored',
    });
    for (const x of ins.questions.slice(1)) {
      const headers = list([x.header.zh, x.header.en]);
      if (x.builtin) L.add(`      ${x.field}: ${headers}`, typeComment(x, lang));
      else {
        const extra = zh ? '（公式不用的附加字段须声明 type；供下面的 indicators 使用）' : ' (an extra field the formulas do not use must declare its type; used by `indicators` below)';
        L.add(`      ${x.field}: {header: ${headers}, type: ${x.type}, levels: ${list(x.levels![lang])}}`, `${typeComment(x, lang)}${extra}`);
      }
    }
    if (role === 'providers') {
      L.add('    rules:', { zh: '附加有效性规则：不满足的问卷被剔除并写入 rejected.csv', en: 'extra validity rules: a questionnaire failing one is rejected into rejected.csv' });
      L.add('      - check: employees <= 1000000', { zh: '对字段名的 SQL 布尔表达式', en: 'SQL boolean expression over field names' });
      L.add(`        reason: ${q(zh ? '员工数不合理' : 'implausible number of employees')}`, { zh: '剔除原因', en: 'reason written to rejected.csv' });
    }
  }
  L.blank();

  L.add('components:', { zh: '直接就业的组成部分（方法 §1），每个由一份问卷估计', en: 'direct-jobs components (method §1), each estimated from a questionnaire' });
  let first = true;
  const component = (id: string, label: Text, role: Role, field: string, level: string, population: string, popText: Text) => {
    L.add(`    - id: ${id}`, first ? { zh: '稳定编号：结果中为 jobs.providers.<id> / jobs.operators.<id>', en: 'stable id: figures jobs.providers.<id> / jobs.operators.<id>' } : undefined);
    L.add(`      label: ${flowLabel(label)}`, first ? { zh: '表格和报告中的名称（中文、英文）', en: 'name in tables and the report (Chinese, English)' } : undefined);
    L.add(`      questionnaire: ${role}`, first ? { zh: '使用的问卷（questionnaires 下的键）', en: 'questionnaire used (a key under questionnaires)' } : undefined);
    L.add(`      where: {${field}: ${q(level)}}`, first ? { zh: '只用此类别的问卷（值与导出文件中的答案一致）', en: 'only rows of this type (the answer as the export writes it)' } : undefined);
    L.add(`      population: ${population}`, popText);
    first = false;
  };
  if (has('providers')) {
    L.add('  providers:', { zh: '服务商类型 k：jobs_k = N_k / n_k × Σ 员工总数_i × 相关业务占比_i', en: 'service-provider types k: jobs_k = N_k / n_k × Σ employees_i × related_share_i' });
    for (const [i, t] of PROVIDER_TYPES.entries())
      component(t.id, t.label, 'providers', 'provider_type', t.level[lang], ['1200', '3000'][i], { zh: 'TODO N_k：平台上此类服务商的总数（家）', en: 'TODO N_k: providers of this type on the platform (count)' });
  }
  if (has('operators')) {
    L.add('  operators:', { zh: '账号类型 j：jobs_j = (Σ 人员数_i / Σ 账号数_i) × M_j', en: 'account types j: jobs_j = (Σ staff_i / Σ accounts_i) × M_j' });
    for (const [i, t] of ACCOUNT_TYPES.entries())
      component(t.id, t.label, 'operators', 'account_type', t.level[lang], ['50万', '8万'][i], { zh: 'TODO M_j：平台上此类账号的总数（个）', en: 'TODO M_j: accounts of this type on the platform (count)' });
  }
  L.blank();

  L.add('consumption:', { zh: '平台带动的消费，按类别（方法 §2）', en: 'consumption the platform drove, by category (method §2)' });
  if (has('consumers')) L.add('  questionnaire: consumers', { zh: '用户消费问卷的键；C_c = 用户数 / n × Σ 支出_ic', en: 'key of the consumer questionnaire; C_c = users / n × Σ spend_ic' });
  L.add('  categories:', { zh: '每个类别对应投入产出表的一个部门', en: 'each category maps to one sector of the input-output table' });
  const kinds = enumAt('consumption.categories.[].kind').join(zh ? ' 或 ' : ' or ');
  for (const [i, c] of CATEGORIES.entries()) {
    const value = has('consumers') ? `field: ${c.id}` : 'total: 0';
    if (i === 0) {
      L.add(`    - id: ${c.id}`, { zh: '稳定编号：结果中为 consumption.<id>', en: 'stable id: figure consumption.<id>' });
      L.add(`      label: ${flowLabel(c.label)}`, { zh: '名称（中文、英文）', en: 'name (Chinese, English)' });
      L.add(`      kind: ${c.kind}`, { zh: `${kinds}（信息消费 / 传统消费）`, en: `${kinds} (信息消费 / 传统消费)` });
      L.add(`      sector: ${c.sector}`, { zh: '投入产出部门：2017 年表的 5 位编号（门类 + 序号，如 64123 互联网和相关服务）或 3 位序号', en: 'IO sector: the 2017 table\'s 5-digit code (division + sequence, e.g. 64123 Internet and related services) or the sequence number' });
      L.add(
        `      ${value}`,
        has('consumers')
          ? { zh: '用户消费问卷中该类别支出的字段（元/年）', en: 'consumer-questionnaire field with the spend in this category (yuan per year)' }
          : { zh: 'TODO 该类别的消费总额（元，可写 "1973亿元"），不用问卷估计时给出', en: 'TODO the category total (yuan, or e.g. "1973亿元") when not estimated from a questionnaire' },
      );
    } else L.add(`    - {id: ${c.id}, kind: ${c.kind}, sector: ${c.sector}, ${value}, label: ${flowLabel(c.label)}}`);
  }
  L.blank();

  if (has('providers')) {
    L.add('indicators:', { zh: '问卷指标（带置信区间）：比例或比率，按问卷的抽样设计估计', en: 'survey indicators with confidence intervals: proportions or ratios under the questionnaire\'s design' });
    L.add('  - id: providers_outside_east', { zh: '稳定编号：结果中为 indicator.<id>', en: 'stable id: result indicator.<id>' });
    L.add(`    label: ${flowLabel({ zh: '总部在中西部和东北的服务商占比', en: 'Providers with head office outside the east' })}`, { zh: '名称', en: 'name' });
    L.add('    questionnaire: providers', { zh: '使用的问卷', en: 'questionnaire used' });
    L.add(`    proportion: {field: region, in: ${list(instrument('providers', lang).questions.find((x) => x.field === 'region')!.levels![lang].slice(1))}}`, {
      zh: '满足条件的受访者（加权）占比；条件：above、at_least、below、at_most、equals、in 之一',
      en: 'weighted share of respondents meeting the condition: one of above, at_least, below, at_most, equals, in',
    });
    L.blank();
  }

  L.add('intervals:', { zh: '有抽样误差的数字的置信区间', en: 'confidence intervals of figures with sampling error' });
  L.add('  level: 0.95', { zh: '置信水平', en: 'confidence level' });
  L.add(`  method: t`, { zh: `${enumAt('intervals.method').join(' 或 ')}：t = 按设计自由度的 t 分布；z = 正态分位数`, en: `${enumAt('intervals.method').join(' or ')}: t = Student t with the design degrees of freedom; z = normal quantiles` });
  L.blank();

  L.add('io:', { zh: '投入产出来源（方法 §2）', en: 'the input-output source (method §2)' });
  L.add('  table: builtin:china-io-2017-149', { zh: '国家统计局 2017 年 149 部门投入产出表（随 spillover 提供）；或本目录下 NBS 格式的 CSV', en: 'NBS 2017 149-sector input-output table (shipped with spillover); or an NBS-format CSV in this directory' });
  const others = (path: string, chosen: string) => enumAt(path).filter((m) => m !== chosen).join(', ');
  L.add('  method: published', {
    zh: `published = 原报告的方法：诱发产出 = Σ C_c × B 的列和（完全消耗系数），B = (I − A)⁻¹ − I；是总产出，不是增加值。其他取值（${others('io.method', 'published')}）见 docs/study-file.md`,
    en: `published = the original report's method: induced output = Σ C_c × column sum of B (total requirement coefficients), B = (I − A)⁻¹ − I; gross output, not value added. Other values (${others('io.method', 'published')}): docs/study-file.md`,
  });
  L.blank();

  L.add('jobs_per_output:', { zh: '诱发产出折算为就业人数', en: 'conversion of induced output to jobs' });
  L.add('  method: national', {
    zh: `national = 全国就业人数 / 全国总产出（2017 年约 344 人/亿元）；其他取值（${others('jobs_per_output.method', 'national')}）见 docs/study-file.md`,
    en: `national = national employment / national gross output (2017: about 344 persons per 亿元); other values (${others('jobs_per_output.method', 'national')}): docs/study-file.md`,
  });
  L.add('  employment: builtin:china-employment-by-division', { zh: '国家统计局分行业就业人数（随 spillover 提供）', en: 'NBS employment by industry division (shipped with spillover)' });
  L.add(`  source: ${q(zh ? '2017 年全国平均：就业人数 / 总产出' : 'national average of 2017: employment / gross output')}`, { zh: '比值的来源，显示在结果中', en: 'where the ratio comes from (shown in the results)' });
  L.note(zh ? '改用给定比值：method: ratio，value: 320，unit: 以下之一 ' : 'To state a ratio instead: method: ratio, value: 320, unit: one of ', 2);
  L.note(`  ${enumAt('jobs_per_output.unit').join(', ')}`, 2);
  const used = new Set(L.toString().split('\n').map((l) => /^([a-z_]+):/.exec(l)?.[1]).filter(Boolean));
  const unused = Object.keys(studySchema.properties).filter((k) => !used.has(k));
  if (unused.length) {
    L.blank();
    L.note(zh ? `本模板未用到的可选键（见 docs/study-file.md）：${unused.join('、')}` : `Optional keys this scaffold does not use (see docs/study-file.md): ${unused.join(', ')}`);
  }
  return L.toString();
}
