// Generates the SYNTHETIC questionnaires of the bundled example (seeded, deterministic):
//   data/providers.csv   service-provider questionnaire, UTF-8, Chinese headers, some "35%" answers
//   data/operators.xlsx  operator questionnaire, XLSX sheet 运营者问卷
//   data/consumers.csv   consumer questionnaire, GB18030 (as 问卷星 exports it)
// Shapes are realistic (log-normal firm sizes, skewed account counts, many zero spends, missing
// optional answers, a few invalid rows that screening must reject). Values are then calibrated so
// that `spillover run` reproduces the report's published 2019 figures; the splits between
// components and categories that the report does not publish are assumptions listed in TARGETS.
// Usage: npx tsx examples/wechat-2019/generate.ts [--seed 2019]
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const here = dirname(fileURLToPath(import.meta.url));
const seedArg = process.argv.indexOf('--seed');
const SEED = seedArg > 0 ? Number(process.argv[seedArg + 1]) : 2019;

// ---- Targets (persons, yuan). Published: sums; assumed: the splits marked (a). -------------
export const TARGETS = {
  providers: {
    // type: [population N, jobs, part-time]  (a) split of the published 292万 and of part-time
    企业微信: { N: 21000, jobs: 610_000, part: 100_000, n: 180 },
    微信支付: { N: 28000, jobs: 1_090_000, part: 220_000, n: 260 },
    小程序: { N: 33000, jobs: 1_220_000, part: 260_000, n: 320 },
  },
  operators: {
    // (a) official accounts 1895万 = 2601 − 292 − 414; mini-program operators 414万 = 536 − 122
    公众号: { M: 20_000_000, jobs: 18_950_000, part: 11_800_000, n: 1400 },
    小程序: { M: 2_300_000, jobs: 4_140_000, part: 2_810_000, n: 900 },
  },
  users: 1_202_500_000,
  // Consumption by category, yuan. Published: traffic 2736, services 503 (sum 3238), transport 1973,
  // traditional 5966, induced output 11301. (a) the other traditional categories; shopping and
  // catering are solved so that Σ C_c × b_s = 11301亿元 exactly.
  consumption: {
    traffic: 2735.6e8,
    info_services: 502.6e8,
    transport: 1973e8,
    household: 500e8,
    education: 300e8,
    culture: 293e8,
    health: 400e8,
    catering: NaN,
    shopping: NaN,
  } as Record<string, number>,
  traditionalTotal: 5966e8,
  inducedOutput: 11301e8,
  consumers: 5000,
  // Survey shares published by the report (applied within every component).
  shares: { young: 0.558, bachelor: 0.55, women: 0.475, remote: 0.693, addedMiniProgram: 0.111, addedProviders: 0.145, nonEastOfficial: 0.436, nonEastMiniProgram: 0.298 },
};
// Published column sums of B (METHOD.md), reproduced by src/io from the NBS table to 1e-9.
const B: Record<string, number> = {
  traffic: 1.35092814, info_services: 1.35092814, catering: 1.65928128, shopping: 0.797118405, household: 1.053028016,
  transport: 1.094526263, education: 0.718330715, culture: 1.847971723, health: 1.633394624,
};
{
  const c = TARGETS.consumption;
  const fixed = ['traffic', 'info_services', 'transport', 'household', 'education', 'culture', 'health'];
  const rest = TARGETS.traditionalTotal - (c.transport + c.household + c.education + c.culture + c.health); // shopping + catering
  const induced = TARGETS.inducedOutput - fixed.reduce((s, k) => s + c[k] * B[k], 0);
  // catering·b_c + shopping·b_s = induced, catering + shopping = rest
  c.catering = (induced - rest * B.shopping) / (B.catering - B.shopping);
  c.shopping = rest - c.catering;
}

// ---- Seeded randomness ------------------------------------------------------------------
function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const lognormal = (median: number, sigma: number) => median * Math.exp(sigma * normal());
const beta01 = (mean: number, conc: number) => {
  // Kumaraswamy-free approximation: logit-normal with the given mean, clipped to [0.01, 1].
  const m = Math.log(mean / (1 - mean));
  const v = 1 / (1 + Math.exp(-(m + normal() * (2 / Math.sqrt(conc)))));
  return Math.min(1, Math.max(0.01, v));
};
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const shuffle = <T>(a: T[]) => {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};
/** Exactly round(p·n) true flags among n, in random order. */
const flags = (n: number, p: number) => shuffle(Array.from({ length: n }, (_, i) => i < Math.round(p * n)));

// ---- Calibration helpers ------------------------------------------------------------------
/** Scale xs so that Σ w_i x_i = target with x in [lo, hi], rounded to d decimals; the last residual goes to the largest-weight row at 4 decimals. */
function calibrateShares(x: number[], w: number[], target: number, d = 2) {
  for (let it = 0; it < 50; it++) {
    const s = x.reduce((a, xi, i) => a + xi * w[i], 0);
    const f = target / s;
    for (let i = 0; i < x.length; i++) x[i] = Math.min(1, Math.max(0, x[i] * f));
  }
  for (let i = 0; i < x.length; i++) x[i] = round(x[i], d);
  const order = w.map((wi, i) => [wi, i]).sort((a, b) => b[0] - a[0]).map((p) => p[1]);
  for (const k of order) {
    const s = x.reduce((a, xi, i) => a + xi * w[i], 0);
    const want = x[k] + (target - s) / w[k];
    if (want >= 0 && want <= 1) {
      x[k] = round(want, 4);
      return;
    }
  }
  throw new Error('calibration failed: no row can absorb the residual');
}

// ---- Providers ----------------------------------------------------------------------------
interface Row { [k: string]: string | number | null }
const regions = ['东部', '中部', '西部', '东北'];
const pickRegion = (nonEast: boolean) => (nonEast ? regions[1 + Math.floor(rand() * 3)] : '东部');
const blankSometimes = (v: string | number, p = 0.04): string | number | null => (rand() < p ? null : v);

/** Blank an optional answer with probability p (respondents skip questions). */
const blanks = (n: number, p: number) => Array.from({ length: n }, () => rand() < p);

/**
 * Integer counts c_g of "yes" among the answered rows a_g of each group so that the weighted share
 * Σ W_g c_g / Σ W_g a_g (W_g = design weight of the group's rows) is as close to p as integers allow.
 */
function calibrateCounts(groups: { answered: number; weight: number }[], p: number): number[] {
  const c = groups.map((g) => Math.round(p * g.answered));
  const share = () => groups.reduce((s, g, k) => s + g.weight * c[k], 0) / groups.reduce((s, g) => s + g.weight * g.answered, 0);
  for (let it = 0; it < 1000 && Math.abs(share() - p) > 1e-5; it++) {
    let best = -1, bestErr = Math.abs(share() - p), bestStep = 0;
    groups.forEach((g, k) => {
      for (const step of [-1, 1]) {
        if (c[k] + step < 0 || c[k] + step > g.answered) continue;
        c[k] += step;
        const err = Math.abs(share() - p);
        c[k] -= step;
        if (err < bestErr) [best, bestErr, bestStep] = [k, err, step];
      }
    });
    if (best < 0) break;
    c[best] += bestStep;
  }
  return c;
}

/**
 * Share-above-threshold answers (e.g. "share of staff aged 16–29") for rows grouped by design weight:
 * exactly calibrated counts of rows above `cut` among the answered ones; blanks where skipped.
 */
function thresholdAnswers(groupRows: number[][], weights: number[], p: number, cut: number, total: number, pBlank = 0.04): (number | null)[] {
  const out = new Array<number | null>(total).fill(null);
  const skip = blanks(total, pBlank);
  const answered = groupRows.map((rows) => rows.filter((i) => !skip[i]));
  const counts = calibrateCounts(answered.map((a, k) => ({ answered: a.length, weight: weights[k] })), p);
  answered.forEach((rows, k) => {
    const yes = new Set(shuffle([...rows]).slice(0, counts[k]));
    for (const i of rows) out[i] = yes.has(i) ? round(cut + 0.01 + rand() * (0.99 - cut - 0.01), 2) : round(rand() * cut, 2);
  });
  return out;
}

/** Yes/no answers with calibrated counts per group (no blanks: a required-looking question). */
function yesNo(groupRows: number[][], weights: number[], p: number, total: number): string[] {
  const out = new Array<string>(total).fill('否');
  const counts = calibrateCounts(groupRows.map((r, k) => ({ answered: r.length, weight: weights[k] })), p);
  groupRows.forEach((rows, k) => shuffle([...rows]).slice(0, counts[k]).forEach((i) => (out[i] = '是')));
  return out;
}

/** Women among staff: Σ women / Σ staff over answered rows equals p as closely as integers allow. */
function womenCounts(staff: number[], p: number, pBlank = 0.03): (number | null)[] {
  const skip = blanks(staff.length, pBlank);
  const out: (number | null)[] = staff.map((s, i) => (skip[i] ? null : Math.min(s, Math.max(0, Math.round(s * (p + 0.15 * normal()))))));
  const answered = staff.map((_, i) => i).filter((i) => !skip[i]);
  const target = Math.round(p * answered.reduce((a, i) => a + staff[i], 0));
  let diff = target - answered.reduce((a, i) => a + (out[i] as number), 0);
  for (let k = 0; diff !== 0 && k < 100 * answered.length; k++) {
    const i = answered[k % answered.length];
    const step = diff > 0 ? 1 : -1;
    const v = (out[i] as number) + step;
    if (v >= 0 && v <= staff[i]) {
      out[i] = v;
      diff -= step;
    }
  }
  return out;
}

/** Insert invalid rows at random places; a duplicate id always after the row it duplicates. */
function plant(rows: Row[], bad: Row[], duplicate: Row): Row[] {
  const out = [...rows];
  for (const r of bad) out.splice(Math.floor(rand() * out.length), 0, r);
  const first = out.findIndex((r) => r.问卷编号 === duplicate.问卷编号);
  out.splice(first + 1 + Math.floor(rand() * (out.length - first)), 0, duplicate);
  return out;
}

let idc = 0;
const nextId = (p: string) => `${p}${String(++idc).padStart(5, '0')}`;

function providerRows(): Row[] {
  const out: Row[] = [];
  const groups: number[][] = [];
  const weights: number[] = [];
  const employees: number[] = [];
  for (const [type, t] of Object.entries(TARGETS.providers)) {
    const n = t.n;
    const median = t.jobs / t.N / (0.45 * Math.exp(1.1 ** 2 / 2)); // so that related shares average ≈ 0.45
    const emp = Array.from({ length: n }, () => Math.max(1, Math.round(lognormal(median, 1.1))));
    const rel = Array.from({ length: n }, () => beta01(0.45, 4));
    calibrateShares(rel, emp, (t.jobs * n) / t.N);
    const related = emp.map((e, i) => e * rel[i]);
    const partShare = Array.from({ length: n }, () => beta01(t.part / t.jobs, 3));
    calibrateShares(partShare, related, (t.part * n) / t.N);
    groups.push([]);
    weights.push(t.N / n);
    for (let i = 0; i < n; i++) {
      groups[groups.length - 1].push(out.length);
      employees.push(emp[i]);
      out.push({
        问卷编号: nextId('P'),
        提交时间: `2020-03-${String(1 + (i % 28)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}`,
        服务商类型: type,
        所在地区: pickRegion(rand() < 0.4),
        员工总数: emp[i],
        // Some answers arrive as percentages, as survey tools export them ("35%").
        微信相关业务员工占比: rand() < 0.15 && round(rel[i], 2) === rel[i] ? `${round(rel[i] * 100, 0)}%` : rel[i],
        全职员工占比: round(1 - partShare[i], 4),
      });
    }
  }
  const S = TARGETS.shares;
  const young = thresholdAnswers(groups, weights, S.young, 0.5, out.length);
  const bach = thresholdAnswers(groups, weights, S.bachelor, 0.5, out.length);
  const remote = thresholdAnswers(groups, weights, S.remote, 0.6, out.length);
  const women = womenCounts(employees, S.women);
  const added = yesNo(groups, weights, S.addedProviders, out.length); // published: 14.5% of service providers
  out.forEach((r, i) => {
    r['16-29岁员工占比'] = young[i];
    r['本科及以上学历员工占比'] = bach[i];
    r['女性员工数'] = women[i];
    r['可远程办公岗位占比'] = remote[i];
    r['疫情期间是否新增岗位'] = added[i];
    r['备注'] = rand() < 0.05 ? '无' : null;
  });
  return out;
}

function corruptProviders(rows: Row[]): Row[] {
  const bad = (over: Row): Row => ({ ...rows[Math.floor(rand() * rows.length)], 问卷编号: nextId('P'), ...over });
  return plant(
    rows,
    [
      bad({ 微信相关业务员工占比: 1.2 }), // share > 1
      bad({ 员工总数: -5 }), // negative employees
      bad({ 员工总数: '约50' }), // non-numeric
      bad({ 全职员工占比: null }), // missing required answer
      bad({ 员工总数: 500000 }), // violates the declared rule
    ],
    { ...rows[3] }, // duplicate respondent id with identical answers (kept once, counted)
  );
}

// ---- Operators ----------------------------------------------------------------------------
function operatorRows(): Row[] {
  const out: Row[] = [];
  const groups: number[][] = [];
  const allStaff: number[] = [];
  for (const [type, t] of Object.entries(TARGETS.operators)) {
    const n = t.n;
    const R = t.jobs / t.M; // staff per account
    const acc = Array.from({ length: n }, () => (rand() < 0.06 ? Math.round(lognormal(25, 0.8)) : 1 + Math.floor(-Math.log(1 - rand()) * 1.2)));
    // Σ accounts must make R·Σa an integer so that Σ staff can hit it exactly.
    const den = type === '公众号' ? 400 : 5; // R = 379/400 and 9/5
    acc[0] += (den - (acc.reduce((a, b) => a + b, 0) % den)) % den;
    const A = acc.reduce((a, b) => a + b, 0);
    const staffTarget = Math.round(R * A);
    const staff = acc.map((a) => Math.max(0, Math.round(a * R * Math.exp(0.5 * normal()))));
    let diff = staffTarget - staff.reduce((a, b) => a + b, 0);
    for (let k = 0; diff !== 0; k = (k + 1) % n) {
      const step = diff > 0 ? 1 : -1;
      if (staff[k] + step >= 0) {
        staff[k] += step;
        diff -= step;
      }
    }
    const partShare = Array.from({ length: n }, () => beta01(t.part / t.jobs, 3));
    calibrateShares(partShare, staff, (t.part / t.M) * A);
    // Region: a job-weighted share outside the east (central, west, north-east), as published.
    const pNonEast = type === '公众号' ? TARGETS.shares.nonEastOfficial : TARGETS.shares.nonEastMiniProgram;
    const order = shuffle(Array.from({ length: n }, (_, i) => i));
    const nonEast = new Array<boolean>(n).fill(false);
    let acc2 = 0;
    for (const i of order)
      if (acc2 + staff[i] <= pNonEast * staffTarget + 0.5) {
        nonEast[i] = true;
        acc2 += staff[i];
      }
    groups.push([]);
    for (let i = 0; i < n; i++) {
      groups[groups.length - 1].push(out.length);
      allStaff.push(staff[i]);
      out.push({
        问卷编号: nextId('O'),
        账号类型: type,
        所在地区: pickRegion(nonEast[i]),
        运营账号数: acc[i],
        开发和运营人员数: staff[i],
        全职人员占比: round(1 - partShare[i], 4),
      });
    }
  }
  // Operators are weighted equally (default design), so pooled shares are sample shares.
  const S = TARGETS.shares;
  const all = [groups.flat()];
  const young = thresholdAnswers(all, [1], S.young, 0.5, out.length);
  const bach = thresholdAnswers(all, [1], S.bachelor, 0.5, out.length);
  const remote = thresholdAnswers(all, [1], S.remote, 0.6, out.length);
  const women = womenCounts(allStaff, S.women);
  const addedOA = yesNo([groups[0]], [1], 0.12, out.length); // (a) not published for official accounts
  const addedMP = yesNo([groups[1]], [1], S.addedMiniProgram, out.length); // published: 11.1% of mini program developers
  out.forEach((r, i) => {
    r['16-29岁员工占比'] = young[i];
    r['本科及以上学历员工占比'] = bach[i];
    r['女性人员数'] = women[i];
    r['可远程办公岗位占比'] = remote[i];
    r['疫情期间是否新增岗位'] = r['账号类型'] === '小程序' ? addedMP[i] : addedOA[i];
  });
  const bad = (over: Row): Row => ({ ...out[Math.floor(rand() * out.length)], 问卷编号: nextId('O'), ...over });
  return plant(out, [bad({ 开发和运营人员数: '若干' }), bad({ 全职人员占比: '150%' }), bad({ 账号类型: null })], { ...out[5] });
}

// ---- Consumers ----------------------------------------------------------------------------
const consumerColumns: Record<string, string> = {
  traffic: '流量消费（元/年）', info_services: '信息服务消费（元/年）', catering: '餐饮（元/年）', shopping: '购物（元/年）',
  household: '生活服务（元/年）', transport: '交通出行（元/年）', education: '教育（元/年）', culture: '文娱（元/年）', health: '医疗（元/年）',
};
// Share of users with any platform-driven spend in the category (a).
const participation: Record<string, number> = { traffic: 0.92, info_services: 0.45, catering: 0.6, shopping: 0.55, household: 0.3, transport: 0.5, education: 0.12, culture: 0.35, health: 0.15 };

function consumerRows(): Row[] {
  const n = TARGETS.consumers;
  const rows: Row[] = Array.from({ length: n }, () => ({
    问卷编号: nextId('C'),
    性别: rand() < 0.5 ? '女' : '男',
    年龄段: ['18-24', '25-34', '35-44', '45-54', '55+'][Math.floor(rand() * 5)],
    城市等级: ['一线', '二线', '三线及以下'][Math.floor(rand() * 3)],
  }));
  for (const [k, col] of Object.entries(consumerColumns)) {
    const y = rows.map(() => (rand() < participation[k] ? lognormal(100, 1.2) : 0));
    const target = (TARGETS.consumption[k] * n) / TARGETS.users; // Σ y
    const s = y.reduce((a, b) => a + b, 0);
    const v = y.map((yi) => round((yi * target) / s, 2));
    const big = v.indexOf(Math.max(...v));
    v[big] = round(v[big] + (target - v.reduce((a, b) => a + b, 0)), 2);
    rows.forEach((r, i) => (r[col] = v[i]));
  }
  const bad = (over: Row): Row => ({ ...rows[Math.floor(rand() * rows.length)], 问卷编号: nextId('C'), ...over });
  return plant(rows, [bad({ [consumerColumns.catering]: -20 }), bad({ [consumerColumns.shopping]: '不清楚' })], { ...rows[2] });
}

// ---- Writers ------------------------------------------------------------------------------
function toCsv(rows: Row[]): string {
  const cols = Object.keys(rows[0]);
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

async function main() {
  const dir = join(here, 'data');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'providers.csv'), toCsv(corruptProviders(providerRows())));
  const ops = operatorRows();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'spillover generate.ts';
  wb.created = new Date(Date.UTC(2020, 3, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet('说明');
  ws.addRow(['合成数据：由 examples/wechat-2019/generate.ts 生成（种子 ' + SEED + '），并非真实问卷。']);
  const sheet = wb.addWorksheet('运营者问卷');
  const cols = Object.keys(ops[0]);
  sheet.addRow(cols);
  for (const r of ops) sheet.addRow(cols.map((c) => r[c] ?? null));
  await wb.xlsx.writeFile(join(dir, 'operators.xlsx'));
  writeFileSync(join(dir, 'consumers.csv'), iconv.encode(toCsv(consumerRows()), 'gb18030'));
  console.log(`wrote ${dir} (seed ${SEED}); consumption targets (亿元):`, Object.fromEntries(Object.entries(TARGETS.consumption).map(([k, v]) => [k, +(v / 1e8).toFixed(4)])));
}
await main();
