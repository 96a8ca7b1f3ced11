// JSON Schema (draft-07) of study.yaml — the single source of truth for validation, the
// generated reference (docs/study-file.md) and the published schema/study.schema.json.
// Money amounts and counts accept a number in base units (yuan, persons) or a string with a
// Chinese unit: "1973亿元", "2601万", "6.5万" (万 = 1e4, 亿 = 1e8; see units.ts).

import { label } from './schema/label.ts';

const quantity = {
  description: 'A number in base units, or a string with a Chinese unit such as "1973亿元" or "2601万".',
  anyOf: [
    { type: 'number' },
    { type: 'string', pattern: '^\\s*[-+]?[0-9][0-9,]*(\\.[0-9]+)?\\s*(万|亿|万亿)?\\s*(元|人|个|家)?\\s*$' },
  ],
} as const;

const id = { type: 'string', pattern: '^[a-z][a-z0-9_]*$', description: 'A stable identifier: lower case letters, digits and _.' } as const;

const headers = {
  anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }],
  description: 'A column header, or a list of accepted headers (Chinese or English, or the survey tool\'s question label).',
} as const;

const questionnaire = {
  type: 'object',
  description: 'A questionnaire export (CSV, XLSX or Parquet) or a ClickHouse table, and the mapping of its columns to spillover fields.',
  required: ['id', 'columns'],
  additionalProperties: false,
  properties: {
    file: { type: 'string', minLength: 1, description: 'Path relative to the study file; must stay inside the study directory. Give `file` or `source`.' },
    source: {
      type: 'object',
      required: ['clickhouse'],
      additionalProperties: false,
      description: 'Read the questionnaire from a database table instead of a file (written by `spillover load`); the column mapping is the same, with table columns for headers.',
      properties: {
        clickhouse: {
          type: 'object',
          required: ['url', 'database', 'table'],
          additionalProperties: false,
          description: 'A ClickHouse (18.16 or later) table, or a Distributed table over a cluster. Credentials come only from the environment variables named here.',
          properties: {
            url: { type: 'string', pattern: '^https?://', description: 'HTTP(S) URL of one server, e.g. http://127.0.0.1:8123 (no user or password in it).' },
            database: { type: 'string', minLength: 1 },
            table: { type: 'string', minLength: 1, description: 'Table (with a __row column: the row number of each answer).' },
            cluster: { type: 'string', minLength: 1, description: 'remote_servers cluster of a Distributed table: names the shard in connection errors.' },
            user_env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'Environment variable holding the user name (default: user default).' },
            password_env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'Environment variable holding the password (default: none).' },
          },
        },
      },
    },
    encoding: { enum: ['utf-8', 'gbk', 'gb18030', 'auto'], description: 'CSV text encoding (default utf-8). Chinese survey tools often export GBK/GB18030.' },
    sheet: { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 1 }], description: 'XLSX sheet name or 1-based index (default: the first sheet).' },
    skip_rows: { type: 'integer', minimum: 0, maximum: 100, description: 'Rows right after the header that are not answers, skipped and listed in the data-quality notes: 2 for a Qualtrics export (question text, ImportId), 1 for SurveyMonkey (answer options). Default 0.' },
    id: { ...headers, description: 'Header of the respondent-id column (or a list of accepted headers).' },
    dedupe: {
      type: 'object',
      required: ['keep_latest_by'],
      additionalProperties: false,
      description:
        'How repeated respondent ids are resolved. Default (no `dedupe`): identical rows keep one, rows with different answers are all rejected (duplicate-conflict). keep_latest_by: the latest answer by a timestamp column wins (earlier rows rejected as duplicate-superseded); rows at the same latest time follow the default rule.',
      properties: {
        keep_latest_by: {
          ...headers,
          description: 'Header of the timestamp column, e.g. 提交时间 (2019-11-03 14:22:05, 2019/11/3 14:22, 2019-11-03; local times compared as written). A blank or unparseable timestamp rejects its row.',
        },
      },
    },
    columns: {
      type: 'object',
      description: 'spillover field -> column header in the file (or a list of accepted headers).',
      additionalProperties: {
        anyOf: [
          headers,
          {
            type: 'object',
            required: ['header'],
            additionalProperties: false,
            description: 'A column with an explicit type (needed for fields spillover does not know, e.g. survey indicators).',
            properties: {
              header: headers,
              type: { enum: ['number', 'share', 'count', 'category', 'boolean', 'text'] },
              required: { type: 'boolean', description: 'A blank answer rejects the questionnaire (default false for declared fields).' },
              min: { type: 'number' },
              max: { type: 'number' },
              levels: { type: 'array', items: { type: 'string' }, description: 'Allowed answers of a category field.' },
            },
          },
        ],
      },
    },
    rules: {
      type: 'array',
      description: 'Extra validity rules; a questionnaire failing one is rejected with the reason.',
      items: {
        type: 'object',
        required: ['check', 'reason'],
        additionalProperties: false,
        properties: {
          check: { type: 'string', minLength: 1, description: 'SQL boolean expression over field names, e.g. "employees <= 100000".' },
          reason: { description: 'Why a row failing the check is rejected, in the words of rejected.csv, check and the report: one text (shown in both languages), or {zh, en}.', anyOf: [{ type: 'string', minLength: 1 }, label] },
        },
      },
    },
    design: {
      type: 'object',
      description: 'Sampling design of this questionnaire, in R survey::svydesign terms. Default: simple random sample of n from the component population (reproduces the original report\'s formulas).',
      additionalProperties: false,
      properties: {
        ids: { type: 'array', items: { type: 'string' }, description: 'Cluster id fields, one per stage (omit for element sampling).' },
        strata: { type: 'string', description: 'Stratum field.' },
        weights: { type: 'string', description: 'Sampling-weight field.' },
        fpc: { type: 'string', description: 'Population-size (or sampling-fraction) field for the finite population correction.' },
        nest: { type: 'boolean' },
      },
    },
  },
} as const;

const where = {
  type: 'object',
  description: 'Restrict the questionnaire to rows whose category field equals the value (e.g. {provider_type: wecom}).',
  minProperties: 1,
  additionalProperties: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] },
} as const;

const intervalMethod = {
  type: 'string',
  enum: ['wald', 'bootstrap-t'],
  description: "wald: value ± q·se (q of t or normal, intervals.method). bootstrap-t: studentized Rao–Wu bootstrap within the component (value and se unchanged; reaches further above the value when a few large units dominate). Only for questionnaires without a declared design.",
} as const;

const componentInterval = {
  description: 'Interval of this component figure; default wald. A method name, or {method, replicates, seed}. The coverage check evaluates this interval.',
  anyOf: [
    intervalMethod,
    {
      type: 'object',
      required: ['method'],
      additionalProperties: false,
      properties: {
        method: intervalMethod,
        replicates: { type: 'integer', minimum: 99, maximum: 99999, description: 'Bootstrap replicates (default 999).' },
        seed: { type: 'integer', minimum: 0, maximum: 4294967295, description: 'Seed of the bootstrap draws (default 1); same seed, same interval.' },
      },
    },
  ],
} as const;

const component = {
  type: 'object',
  required: ['id', 'label', 'questionnaire', 'population'],
  additionalProperties: false,
  properties: {
    id,
    label,
    questionnaire: { type: 'string', description: 'Key of a questionnaire under `questionnaires`.' },
    where,
    population: uncertainCount('Population count: providers of this type (N_k) or accounts of this type (M_j).'),
    groups: { type: 'array', items: id, description: 'Groups this component belongs to (e.g. miniprogram), each reported as jobs.group.<id>.' },
    interval: componentInterval,
  },
} as const;

const category = {
  type: 'object',
  required: ['id', 'label', 'kind'],
  additionalProperties: false,
  properties: {
    id,
    label,
    kind: { enum: ['information', 'traditional'], description: 'Information consumption (信息消费) or traditional consumption (传统消费).' },
    sector: { anyOf: [{ type: 'string', pattern: '^[0-9]{1,5}$' }, { type: 'integer', minimum: 1 }], description: 'IO sector: the report\'s 5-digit code (division + sequence, e.g. 64123) or the 3-digit sequence number (123). Give `sector` or `sectors`.' },
    sectors: {
      type: 'object',
      description: 'Several IO sectors instead of one: either shares by sector code ({\'121\': 0.8, \'123\': 0.2}: each in [0, 1], summing to 1 within 1e-9), or {weights: household, codes: [...]}: shares in proportion to the table\'s household consumption of those sectors.',
    },
    bridge: { type: 'boolean', description: 'The spending is at purchaser prices of goods: split it into producer value (to `sector`/`sectors`), trade margin (wholesale, retail) and transport margin (freight sectors) with the shares of `consumption.bridge` (default: derived from the table\'s household-consumption column).' },
    price: { type: 'string', description: 'With `prices`: the index series (e.g. cpi_food) deflating this category\'s study-year spending to table-year prices; default the `prices.output` series.' },
    field: { type: 'string', description: 'Consumer-questionnaire field holding each respondent\'s platform-driven annual spend in this category (yuan).' },
    total: { ...quantity, description: 'The category total in yuan, when given instead of estimated from the consumer questionnaire.' },
  },
} as const;

const condition = {
  type: 'object',
  description: 'A condition on one field: exactly one of above (>), at_least (≥), below (<), at_most (≤), equals, in.',
  required: ['field'],
  additionalProperties: false,
  minProperties: 2,
  maxProperties: 2,
  properties: {
    field: { type: 'string' },
    above: { type: 'number' },
    at_least: { type: 'number' },
    below: { type: 'number' },
    at_most: { type: 'number' },
    equals: { anyOf: [{ type: 'number' }, { type: 'string' }] },
    in: { type: 'array', items: { type: 'string' }, minItems: 1 },
  },
} as const;

const indicator = {
  type: 'object',
  description: 'A survey indicator estimated under the questionnaire\'s design: a proportion of respondents meeting a condition, or a ratio of two totals.',
  required: ['id', 'label', 'questionnaire'],
  additionalProperties: false,
  properties: {
    id,
    label,
    questionnaire: { type: 'string' },
    where: { ...where, description: 'Domain: restrict to rows whose category fields take these values.' },
    proportion: { ...condition, description: 'Share of respondents (weighted) meeting the condition; blank answers are left out (na.rm).' },
    ratio: {
      type: 'object',
      required: ['numerator', 'denominator'],
      additionalProperties: false,
      description: 'Σ w·numerator / Σ w·denominator; with `when`, the numerator counts only where the condition holds.',
      properties: { numerator: { type: 'string' }, denominator: { type: 'string' }, when: condition },
    },
    by: { type: 'string', description: 'A category field: also estimate the indicator for each of its levels.' },
    levels: { type: 'object', description: 'Names of the `by` field\'s levels in each language, e.g. {企业微信: {zh: 企业微信, en: WeCom}}; a level without one is shown as written in the data.', additionalProperties: label },
  },
} as const;

import { netImpactSchema, uncertainCount } from './schema/netImpact.ts';
import { jobUnitsSchema } from './schema/jobUnits.ts';

export const studySchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://spillover.dev/schema/study.schema.json',
  title: 'spillover study file',
  description: 'A platform-impact study: population counts, questionnaires, consumption categories, the input-output source and the jobs-per-output conversion.',
  type: 'object',
  required: ['study', 'components', 'consumption', 'io', 'jobs_per_output'],
  additionalProperties: false,
  properties: {
    study: {
      type: 'object',
      required: ['name', 'year'],
      additionalProperties: false,
      properties: {
        name: label,
        year: { type: 'integer', minimum: 1990, maximum: 2100 },
        platform: label,
        notes: { type: 'string' },
      },
    },
    series: {
      type: 'array',
      description: 'Earlier years (published or estimated) shown beside the study year: growth, CAGR and scope changes.',
      items: {
        type: 'object',
        required: ['year', 'status', 'figures'],
        additionalProperties: false,
        properties: {
          year: { type: 'integer', minimum: 1990, maximum: 2100 },
          status: { enum: ['published', 'estimated'] },
          source: { description: 'Where the year comes from: one text, or {zh, en} so each language of the report reads its own.', anyOf: [{ type: 'string' }, label] },
          figures: { type: 'object', description: 'Figure id → value (base units or a quantity like "2235万").', additionalProperties: quantity },
          components: { type: 'array', items: id, description: 'Direct-jobs components counted that year (for scope-change flags).' },
          scope: {
            enum: ['direct', 'total', 'component'],
            description: "What the year's headline value (the charted bar) measures: direct jobs (jobs.direct), total jobs (jobs.total, direct + indirect) or a component (the year's one other figure). Default: total when figures has jobs.total, else direct when it has jobs.direct, else component. Growth is computed only between years of one scope.",
          },
        },
      },
    },
    indicators: { type: 'array', items: indicator, description: 'Survey indicators reported with confidence intervals (e.g. the share of women among workers).' },
    intervals: {
      type: 'object',
      description: 'Confidence intervals of every figure carrying sampling error.',
      additionalProperties: false,
      properties: {
        level: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'Confidence level (default 0.95).' },
        method: { enum: ['t', 'z'], description: 't (default): Student t with the design degrees of freedom; z: normal quantiles (R confint() default).' },
      },
    },
    population: {
      type: 'object',
      description: 'Platform-wide population counts quoted in the study (for the record and for consumption estimates).',
      additionalProperties: false,
      properties: { users: uncertainCount('Platform users (persons), used to gross up per-user consumption.') },
    },
    questionnaires: { type: 'object', additionalProperties: questionnaire, description: 'Questionnaire files by key (e.g. providers, operators, consumers).' },
    components: {
      type: 'object',
      description: 'Direct-jobs components (METHOD §1).',
      additionalProperties: false,
      properties: {
        providers: { type: 'array', items: component, description: 'Service-provider types k: jobs_k = N_k/n_k Σ employees_i × related_share_i.' },
        operators: { type: 'array', items: component, description: 'Account types j: jobs_j = (Σ staff / Σ accounts) × M_j.' },
      },
    },
    groups: { type: 'object', additionalProperties: { type: 'object', required: ['label'], additionalProperties: false, properties: { label } }, description: 'Labels of component groups.' },
    consumption: {
      type: 'object',
      required: ['categories'],
      additionalProperties: false,
      description: 'Consumption the platform drove, by category (METHOD §2).',
      properties: {
        questionnaire: { type: 'string', description: 'Key of the consumer questionnaire (per-user spend); omit when every category has a total.' },
        categories: { type: 'array', items: category, minItems: 1 },
        bridge: {
          type: 'object',
          additionalProperties: false,
          description: 'Margin shares of purchaser-price spending for categories with `bridge: true`. Omit a share to derive it from the IO table: trade = H_trade / (H_goods + H_trade + H_transport), transport likewise, over the table\'s household-consumption column (NBS 2017: 0.1043 and 0.0490).',
          properties: {
            trade: { type: 'number', minimum: 0, maximum: 1, description: 'Trade margin per yuan of purchaser-price spending (to wholesale and retail, split by household consumption).' },
            transport: { type: 'number', minimum: 0, maximum: 1, description: 'Transport margin per yuan (to the freight sectors, split by household consumption).' },
            source: { type: 'string', description: 'Where given shares come from (shown in the results).' },
          },
        },
      },
    },
    prices: {
      type: 'object',
      required: ['index', 'table_year', 'output'],
      additionalProperties: false,
      description: 'Price year: deflate the study year\'s spending to the IO table\'s year with a declared price index before applying its coefficients, bring induced output back to study-year prices, and convert jobs per output with labour-productivity growth (docs/method.md, "Price year").',
      properties: {
        index: { type: 'string', description: 'Price-index CSV (series, year-on-year indices, previous year = 100, with sources), relative to the study file, or builtin:china-price-indices (NBS CPI by category, PPI, labour productivity, 2017–2019).' },
        table_year: { type: 'integer', description: 'Price year of the IO table (2017 for the NBS table).' },
        output: { type: 'string', description: 'Series that restates induced output (table-year prices) in study-year prices, and the default deflator of a category without `price`.' },
        productivity: { type: 'string', description: 'Series of labour-productivity growth: jobs per output of the table year ÷ its growth to the study year. Omit for no productivity adjustment.' },
      },
    },
    io: {
      type: 'object',
      required: ['method'],
      additionalProperties: false,
      properties: {
        table: { type: 'string', description: 'Input-output table file (NBS 149-sector CSV format), relative to the study file.' },
        method: {
          enum: ['published', 'leontief'],
          description: 'published: the original report\'s method, induced output = Σ C_c × colsum(B)_s(c), B = (I − A)⁻¹ − I (until 0.1: `seed`, now an error naming the new word); leontief: the consumption as a final-demand shock through the chosen model (type, model).',
        },
        type: { enum: ['I', 'II'], description: 'With method leontief: Type I (open model) or Type II (households endogenous: compensation row, household consumption columns). Default I.' },
        model: { enum: ['competitive', 'domestic'], description: 'With method leontief: competitive-import A, or the domestic model A_d = (I − M̂)A with m = imports / (intermediate use + final use − exports). Default competitive.' },
        coefficients: {
          type: 'object',
          description: 'Total-consumption coefficients (完全消耗系数 column sums) given directly, by sector code; used instead of the table.',
          additionalProperties: { type: 'number', minimum: 0 },
        },
      },
    },
    jobs_per_output: {
      type: 'object',
      required: ['method'],
      additionalProperties: false,
      description: 'Conversion of induced output to jobs.',
      properties: {
        method: {
          enum: ['ratio', 'national', 'sector'],
          description: 'ratio: a stated persons-per-output ratio; national: national employment / national gross output; sector: employment coefficients of each IO sector (employment by division split over sectors by output share).',
        },
        year: { type: 'integer', description: 'With national or sector: the employment year (default 2017, the IO table year).' },
        value: { type: 'number', exclusiveMinimum: 0, description: 'With method ratio: persons per `unit` of output.' },
        unit: { enum: ['persons/yuan', 'persons/万元', 'persons/亿元'], description: 'Unit of value.' },
        employment: { type: 'string', description: 'With national or sector: the employment-by-division CSV (relative to the study file, or builtin:china-employment-by-division).' },
        source: { description: 'Where the ratio comes from (shown in the results): one text, or {zh, en}.', anyOf: [{ type: 'string' }, label] },
      },
    },
    ...netImpactSchema,
    ...jobUnitsSchema,
    transactions: {
      type: 'object',
      description: 'Payment transactions (Parquet/CSV) and consumption-voucher programmes: the report\'s ratio measures beside causal estimates (docs/vouchers.md). Checked in detail, with YAML lines, by src/study/vouchers/config.ts. A study with only this section (and `study`) runs the voucher measures alone.',
      properties: {
        names: {
          type: 'object',
          additionalProperties: false,
          description: 'The data\'s values as a reader sees them, by column: `names: {city: {杭州: Hangzhou}, merchant_size: {中型: {zh: 中型企业, en: medium-sized}}}`. A value not listed is shown as in the data; figure ids keep the data\'s value. A listed value the data do not have is noted.',
          properties: Object.fromEntries((['city', 'industry', 'merchant_size', 'age_band'] as const).map((column) => [column, {
            type: 'object',
            description: `A value of the ${column.replace('_', ' ')} column → its name: an English text (Chinese keeps the value), or {zh, en}.`,
            additionalProperties: { description: 'Key: the value as the data write it (杭州); value: its English name (Hangzhou), or {zh, en}.', anyOf: [{ type: 'string', minLength: 1 }, label] },
          }])),
        },
      },
    },
  },
} as const;
