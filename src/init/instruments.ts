// The questionnaire instruments a new study starts from (METHOD.md §1–2): one per role — service
// providers, account operators, consumers — each a list of questions with the column header a survey
// tool should export, the answer type as spillover screens it, the allowed range, and example answers.
// Everything `spillover init` writes (study.yaml mapping, XLSX sheets, CSV headers, README) is
// generated from this one description.
import type { FieldType } from '../data/types.ts';

import type { Label, Lang } from '../locale/index.ts';
export type { Lang } from '../locale/index.ts';
/** A text in both languages (the locale's Label). */
export type Text = Label;
export type Role = 'providers' | 'operators' | 'consumers';
export const ROLES: readonly Role[] = ['providers', 'operators', 'consumers'];

export interface Question {
  /** spillover field name (key under `questionnaires.<role>.columns`); '@id' for the respondent id */
  field: string;
  /** column header the survey tool should export (the question's short label) */
  header: Text;
  /** the question as put to the respondent */
  question: Text;
  type: FieldType | 'id';
  unit?: Text;
  min?: number;
  max?: number;
  /** allowed answers of a category field, in both languages (index-aligned) */
  levels?: Record<Lang, string[]>;
  /** true when spillover needs the field (a built-in role); extra fields are typed and optional */
  builtin: boolean;
  /** example answers, one per example row (numbers in base units; shares as fractions) */
  examples: (string | number)[];
}

export interface Instrument {
  role: Role;
  title: Text;
  /** who answers it and what it measures */
  purpose: Text;
  questions: Question[];
}

// Question constructors: field, header, question text, then what the type needs.
const t = (zh: string, en: string): Text => ({ zh, en });
const numberQ = (field: string, header: Text, question: Text, unit: Text, examples: number[]): Question => ({ field, header, question, type: 'number', min: 0, unit, builtin: true, examples });
const shareQ = (field: string, header: Text, question: Text, examples: number[]): Question => ({
  field,
  header,
  question,
  type: 'share',
  min: 0,
  max: 1,
  unit: t('比例（0–1 或百分数，如 60%）', 'share (0–1, or a percentage such as 60%)'),
  builtin: true,
  examples,
});
const categoryQ = (field: string, header: Text, question: Text, levels: Record<Lang, string[]>, builtin: boolean, examples: string[]): Question => ({ field, header, question, type: 'category', levels, builtin, examples });
const levelsOf = (types: { level: Text }[]): Record<Lang, string[]> => ({ zh: types.map((x) => x.level.zh), en: types.map((x) => x.level.en) });

const REGIONS: Record<Lang, string[]> = { zh: ['东部', '中部', '西部', '东北'], en: ['east', 'central', 'west', 'northeast'] };

/** Provider types and account types of the scaffold: placeholders the user renames. */
export const PROVIDER_TYPES: { id: string; level: Text; label: Text }[] = [
  { id: 'developers', level: { zh: '开发服务商', en: 'development' }, label: { zh: '开发服务商', en: 'Development service providers' } },
  { id: 'payment', level: { zh: '支付服务商', en: 'payment' }, label: { zh: '支付服务商', en: 'Payment service providers' } },
];
export const ACCOUNT_TYPES: { id: string; level: Text; label: Text }[] = [
  { id: 'content_accounts', level: { zh: '内容账号', en: 'content account' }, label: { zh: '内容账号运营者', en: 'Content-account operators' } },
  { id: 'mini_programs', level: { zh: '小程序', en: 'mini program' }, label: { zh: '小程序开发和运营者', en: 'Mini-program developers and operators' } },
];

/** Consumption categories of the seed (METHOD.md §2) with their 2017 IO sector codes. */
export const CATEGORIES: { id: string; kind: 'information' | 'traditional'; sector: string; label: Text; examples: number[] }[] = [
  { id: 'traffic', kind: 'information', sector: '64123', label: { zh: '流量消费', en: 'Mobile data traffic' }, examples: [240, 600, 120, 360, 0, 480] },
  { id: 'info_services', kind: 'information', sector: '64123', label: { zh: '信息服务消费', en: 'Information services' }, examples: [30, 180, 0, 60, 12, 90] },
  { id: 'catering', kind: 'traditional', sector: '62120', label: { zh: '餐饮', en: 'Catering' }, examples: [800, 2400, 150, 0, 600, 1200] },
  { id: 'shopping', kind: 'traditional', sector: '52106', label: { zh: '购物', en: 'Shopping (retail)' }, examples: [1500, 5200, 300, 800, 0, 2600] },
  { id: 'household', kind: 'traditional', sector: '80138', label: { zh: '生活服务', en: 'Household services' }, examples: [200, 900, 0, 150, 100, 400] },
  { id: 'transport', kind: 'traditional', sector: '58116', label: { zh: '交通出行', en: 'Transport and travel' }, examples: [1200, 3000, 400, 600, 250, 1800] },
  { id: 'education', kind: 'traditional', sector: '83140', label: { zh: '教育', en: 'Education' }, examples: [0, 1500, 0, 300, 0, 800] },
  { id: 'culture', kind: 'traditional', sector: '72131', label: { zh: '文娱', en: 'Culture and entertainment' }, examples: [100, 450, 60, 0, 30, 200] },
  { id: 'health', kind: 'traditional', sector: '84141', label: { zh: '医疗', en: 'Health care' }, examples: [300, 0, 150, 500, 0, 250] },
];

const idQuestion = (prefix: string, n: number): Question => ({
  field: '@id',
  header: { zh: '问卷编号', en: 'Response ID' },
  question: { zh: '问卷编号（调查工具自动生成，每份问卷唯一）', en: 'Response ID (assigned by the survey tool, unique per questionnaire)' },
  type: 'id',
  builtin: true,
  examples: Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`),
});

/** The instrument of one role, with example rows in `lang` (category answers in that language). */
export function instrument(role: Role, lang: Lang): Instrument {
  const region = (question: Text, idx: number[]) => categoryQ('region', t('所在地区', 'Region'), question, REGIONS, false, idx.map((i) => REGIONS[lang][i]));
  switch (role) {
    case 'providers':
      return {
        role,
        title: t('服务商问卷', 'Service-provider questionnaire'),
        purpose: t(
          '由平台服务商填写；估计服务商带动的就业：jobs_k = N_k / n_k × Σ 员工总数 × 相关业务占比。',
          "Answered by the platform's service providers; estimates their jobs: jobs_k = N_k / n_k × Σ employees × related share.",
        ),
        questions: [
          idQuestion('P', 6),
          categoryQ('provider_type', t('服务商类型', 'Provider type'), t('贵公司属于哪一类服务商？', 'Which type of service provider is your company?'), levelsOf(PROVIDER_TYPES), true, [0, 0, 0, 1, 1, 1].map((i) => PROVIDER_TYPES[i].level[lang])),
          numberQ('employees', t('员工总数', 'Employees'), t('贵公司目前的员工总数（人，含全职和兼职）', 'Number of employees of your company (persons, full- and part-time)'), t('人', 'persons'), [12, 45, 8, 230, 60, 18]),
          shareQ('related_share', t('平台相关业务员工占比', 'Platform-related staff share'), t('贵公司员工中从事本平台相关业务的比例', 'Share of your staff working on business related to the platform'), [0.8, 0.35, 1, 0.6, 0.25, 0.5]),
          shareQ('fulltime_share', t('全职员工占比', 'Full-time share'), t('上述相关业务人员中全职人员的比例', 'Share of those platform-related staff who are full-time'), [0.9, 0.7, 1, 0.5, 0.8, 0.65]),
          region(t('贵公司总部所在地区', 'Region of your head office'), [0, 1, 2, 0, 3, 1]),
        ],
      };
    case 'operators':
      return {
        role,
        title: t('运营者问卷', 'Operator questionnaire'),
        purpose: t(
          '由在平台上开发、运营账号的主体填写；估计运营者就业：jobs_j = (Σ 人员数 / Σ 账号数) × M_j。',
          'Answered by those who build and run accounts on the platform; estimates operator jobs: jobs_j = (Σ staff / Σ accounts) × M_j.',
        ),
        questions: [
          idQuestion('O', 6),
          categoryQ('account_type', t('账号类型', 'Account type'), t('您开发或运营的主要是哪类账号？', 'Which type of account do you mainly build or run?'), levelsOf(ACCOUNT_TYPES), true, [0, 0, 0, 1, 1, 1].map((i) => ACCOUNT_TYPES[i].level[lang])),
          numberQ('accounts', t('运营账号数', 'Accounts run'), t('您（或贵单位）开发或运营的此类账号个数', 'Number of such accounts you (or your organisation) build or run'), t('个', 'accounts'), [1, 3, 2, 1, 4, 2]),
          numberQ('staff', t('开发和运营人员数', 'Developers and operators'), t('开发和运营这些账号的人数（人，含兼职）', 'Number of people who build and run these accounts (persons, part-time included)'), t('人', 'persons'), [2, 1, 3, 5, 6, 2]),
          shareQ('fulltime_share', t('全职人员占比', 'Full-time share'), t('上述开发和运营人员中全职人员的比例', 'Share of those developers and operators who are full-time'), [0.5, 0, 1, 0.6, 0.75, 0.4]),
          region(t('您所在地区', 'Your region'), [0, 2, 1, 0, 3, 1]),
        ],
      };
    case 'consumers':
      return {
        role,
        title: t('用户消费问卷', 'Consumer questionnaire'),
        purpose: t(
          '由平台用户填写；估计平台带动的消费：C_c = 用户数 U / n × Σ 每位受访者当年经平台产生的 c 类支出（元）。',
          "Answered by platform users; estimates the consumption the platform drove: C_c = users U / n × Σ each respondent's platform-driven spend in category c this year (yuan).",
        ),
        questions: [
          idQuestion('C', 6),
          ...CATEGORIES.map((c) =>
            numberQ(
              c.id,
              t(`${c.label.zh}（元/年）`, `${c.label.en} (yuan/year)`),
              t(`过去一年，您通过本平台（或因本平台）在「${c.label.zh}」上的支出（元）`, `In the past year, your spending on "${c.label.en}" made through (or because of) the platform (yuan)`),
              t('元/年', 'yuan per year'),
              c.examples,
            ),
          ),
        ],
      };
  }
}

/**
 * parseComponents("providers,operators") → ['providers', 'operators'] (in ROLES order, de-duplicated).
 * Fails on an unknown role, an empty list, or a list without providers or operators (the study file
 * needs at least one direct-jobs component).
 */
export function parseComponents(v: string): Role[] {
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const r of list) if (!(ROLES as readonly string[]).includes(r)) throw new Error(`--components: unknown component "${r}"; expected a comma-separated list of ${ROLES.join(', ')}`);
  if (!list.includes('providers') && !list.includes('operators'))
    throw new Error(`--components: "${v}" has no direct-jobs component; include providers or operators (or both)`);
  return ROLES.filter((r) => list.includes(r));
}
