// Seeded generator of the SYNTHETIC payment transactions of examples/vouchers-2020 (see README.md).
//   npx tsx examples/vouchers-2020/generate.ts [outDir] [--seed N] [--scale K]
// Same seed and scale → byte-identical files. Writes <outDir>/data/transactions/month=YYYY-MM/*.parquet,
// <outDir>/data/applicants.csv and <outDir>/truth.json (the effects the generator put in).
import { mkdirSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import { DuckDBInstance } from '@duckdb/node-api';
import { createRng } from '../../src/survey/prng.ts';

export interface GenerateOptions { seed?: number; scale?: number }

const START = Date.UTC(2020, 2, 1); // 2020-03-01, local days
const DAYS = 92; // through 2020-05-31
const day = (t: number) => new Date(START + t * 86_400_000).toISOString().slice(0, 10);
const CITIES = ['杭州', '嘉兴', '青岛', '长沙', '宁波', '温州', '合肥', '南昌', '芜湖', '台州'];
// Issuance: 嘉兴 03-29; 杭州 by lottery 04-05; 青岛 04-12; 长沙 04-19 (Sundays); the others never.
const FIRST: Record<string, number | undefined> = { 嘉兴: 28, 杭州: 35, 青岛: 42, 长沙: 49 };
const COVERED = ['餐饮', '零售', '休闲娱乐', '服饰美业'];
const UNCOVERED = ['交通出行', '医疗健康', '生活缴费'];
const INDUSTRIES = [...COVERED, ...UNCOVERED];
const MEAN_AMOUNT: Record<string, number> = { 餐饮: 55, 零售: 70, 休闲娱乐: 90, 服饰美业: 160, 交通出行: 25, 医疗健康: 120, 生活缴费: 150 };
const SHARE: number[] = [0.3, 0.25, 0.08, 0.07, 0.15, 0.05, 0.1];
const AGE = ['18-29', '30-39', '40-49', '50+'];
const SIZES = ['小微', '中型', '大型'];
const HOLIDAYS = new Set(['2020-04-04', '2020-04-05', '2020-04-06', '2020-05-01', '2020-05-02', '2020-05-03', '2020-05-04', '2020-05-05']);
// Behaviour with a voucher (满50减10): each holder gets 1 voucher a week; a covered purchase of 40+
// the holder would have made anyway uses one (inframarginal), and each unused voucher brings an extra
// purchase with probability 0.3 (induced). Induced purchases are the true excess spending.
const THRESHOLD = 50, DISCOUNT = 10, PER_WEEK = 1, INDUCE = 0.3;

export async function generate(outDir: string, options: GenerateOptions = {}): Promise<Record<string, unknown>> {
  const seed = options.seed ?? 2020;
  const scale = options.scale ?? 1;
  const rng = createRng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const poisson = (lambda: number) => { let k = 0, p = Math.exp(-lambda), s = p; const u = rng(); while (u > s && k < 50) { k++; p *= lambda / k; s += p; } return k; };
  const pick = <T,>(xs: T[], w?: number[]) => { if (!w) return xs[Math.floor(rng() * xs.length)]; let u = rng(), i = 0; while (i < w.length - 1 && u >= w[i]) { u -= w[i]; i++; } return xs[i]; };
  const tmp = join(tmpdir(), `spillover-vouchers-${process.pid}-${seed}.csv`);
  const out = createWriteStream(tmp);
  const write = async (s: string) => { if (!out.write(s)) await once(out, 'drain'); };
  await write('txn_id,paid_at_utc,payer_id,merchant_id,city,industry,amount,voucher_discount,age_band,merchant_size,is_refund\n');
  let id = 0;
  const truth = { lotteryInduced4w: 0, lotterySubsidy4w: 0, lotteryInduced: 0, lotterySubsidy: 0, cityInduced: 0, citySubsidy: 0, voucherSpend: 0, subsidy: 0, inducedCoveredByCityDay: 0 };
  const applicants: string[] = ['payer_id,won'];
  const lines: string[] = [];
  const emit = async (t: number, payer: string, merchant: string, city: string, ind: string, amount: number, discount: number, age: string, size: string, refund = false) => {
    const sec = Math.floor((7 + 15 * rng()) * 3600); // local 07:00–22:00
    const utc = new Date(START + t * 86_400_000 + sec * 1000 - 8 * 3600_000).toISOString().replace('T', ' ').replace('.000Z', '+00');
    lines.push(`T${String(++id).padStart(9, '0')},${utc},${payer},${merchant},${city},${ind},${amount.toFixed(2)},${discount.toFixed(2)},${age},${size},${refund}`);
    if (lines.length >= 10_000) { await write(lines.join('\n') + '\n'); lines.length = 0; }
  };
  for (const city of CITIES) {
    const nPayers = Math.round(1300 * scale * (city === '杭州' ? 2 : 1));
    const merchants = Array.from({ length: 200 }, (_, m) => ({ id: `${city}-M${m}`, ind: pick(INDUSTRIES, SHARE), size: pick(SIZES, [0.8, 0.15, 0.05]) }));
    const byInd = new Map(INDUSTRIES.map((j) => [j, merchants.filter((m) => m.ind === j)]));
    const speed = 0.06 + 0.04 * rng(); // recovery speed of the city after the outbreak
    const first = FIRST[city];
    const lotteryCity = city === '杭州';
    for (let i = 0; i < nPayers; i++) {
      const payer = `${city}-P${i}`;
      const rate = 0.25 * Math.exp(0.6 * normal() - 0.18);
      const age = pick(AGE, [0.3, 0.3, 0.22, 0.18]);
      let holder = false;
      if (first !== undefined) {
        if (lotteryCity) {
          if (i < nPayers * 0.6) { holder = rng() < 0.4; applicants.push(`${payer},${holder ? 1 : 0}`); }
        } else holder = rng() < 0.6;
      }
      let vouchers = 0;
      for (let t = 0; t < DAYS; t++) {
        const d = day(t);
        const dow = new Date(START + t * 86_400_000).getUTCDay();
        const recovery = 0.55 + 0.45 / (1 + Math.exp(-speed * (t - 30)));
        const mult = recovery * (dow === 0 || dow === 6 ? 1.2 : 1) * (HOLIDAYS.has(d) ? 1.5 : 1);
        const active = holder && first !== undefined && t >= first;
        if (active && (t - first!) % 7 === 0) vouchers = lotteryCity ? 2 * PER_WEEK : PER_WEEK; // 杭州's lottery winners get 2 a week
        const k = poisson(rate * mult);
        for (let r = 0; r < k; r++) {
          const ind = pick(INDUSTRIES, SHARE);
          const m = pick(byInd.get(ind)!.length ? byInd.get(ind)! : merchants);
          const amount = Math.max(1, MEAN_AMOUNT[ind] * Math.exp(0.8 * normal() - 0.32));
          let disc = 0;
          if (active && vouchers > 0 && COVERED.includes(ind) && amount >= THRESHOLD) { disc = DISCOUNT; vouchers--; }
          if (disc > 0) { truth.voucherSpend += amount; truth.subsidy += disc; if (lotteryCity) { truth.lotterySubsidy += disc; if (t < first! + 28) truth.lotterySubsidy4w += disc; } else truth.citySubsidy += disc; }
          await emit(t, payer, m.id, city, ind, amount, disc, age, m.size);
          if (rng() < 0.01) await emit(t, payer, m.id, city, ind, -amount, 0, age, m.size, true); // refunded
        }
        // Induced purchases: at the end of a voucher week, each unused voucher may bring one.
        if (active && (t - first! + 1) % 7 === 0) {
          for (let v = 0; v < vouchers; v++) {
            if (rng() >= INDUCE) continue;
            const ind = pick(COVERED, [0.45, 0.35, 0.1, 0.1]);
            const m = pick(byInd.get(ind)!);
            const amount = THRESHOLD + 10 * Math.exp(normal() * 0.7);
            await emit(t, payer, m.id, city, ind, amount, DISCOUNT, age, m.size);
            truth.voucherSpend += amount; truth.subsidy += DISCOUNT;
            if (lotteryCity) { truth.lotteryInduced += amount; truth.lotterySubsidy += DISCOUNT; if (t < first! + 28) { truth.lotteryInduced4w += amount; truth.lotterySubsidy4w += DISCOUNT; } } else { truth.cityInduced += amount; truth.citySubsidy += DISCOUNT; }
          }
          vouchers = 0;
        }
      }
    }
  }
  // A few faulty rows, as real exports have: a duplicated id, a time outside the window.
  lines.push(`T000000001,2020-03-01 02:00:00+00,杭州-P0,杭州-M0,杭州,餐饮,12.00,0.00,18-29,小微,false`);
  lines.push(`T${String(++id).padStart(9, '0')},2020-02-28 03:00:00+00,杭州-P1,杭州-M1,杭州,餐饮,30.00,0.00,18-29,小微,false`);
  await write(lines.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
  const dataDir = join(outDir, 'data');
  rmSync(join(dataDir, 'transactions'), { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`SET threads = 1; SET TimeZone = 'UTC'`);
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  await c.run(`COPY (SELECT txn_id, CAST(paid_at_utc AS TIMESTAMPTZ) AS paid_at, payer_id, merchant_id, city, industry, CAST(amount AS DECIMAL(12,2)) AS amount,
    CAST(voucher_discount AS DECIMAL(12,2)) AS voucher_discount, age_band, merchant_size, CAST(is_refund AS BOOLEAN) AS is_refund,
    strftime(CAST(paid_at_utc AS TIMESTAMPTZ) + INTERVAL 8 HOUR, '%Y-%m') AS month
    FROM read_csv(${q(tmp)}, all_varchar = true, header = true) ORDER BY txn_id, paid_at)
    TO ${q(join(dataDir, 'transactions'))} (FORMAT parquet, PARTITION_BY (month), COMPRESSION zstd, ROW_GROUP_SIZE 100000)`);
  c.closeSync(); db.closeSync();
  rmSync(tmp, { force: true });
  writeFileSync(join(dataDir, 'applicants.csv'), applicants.join('\n') + '\n');
  const result = {
    seed, scale,
    note: 'SYNTHETIC data. True excess spending per yuan of subsidy = induced spending / subsidy redeemed (the generator knows which purchases the vouchers induced).',
    true_mpc_lottery_4_weeks: truth.lotteryInduced4w / truth.lotterySubsidy4w,
    true_mpc_lottery_programme: truth.lotteryInduced / truth.lotterySubsidy,
    true_multiplier_cities: truth.cityInduced / truth.citySubsidy,
    reported_leverage: truth.voucherSpend / truth.subsidy,
    subsidy_yuan: Math.round(truth.subsidy),
    voucher_spending_yuan: Math.round(truth.voucherSpend),
  };
  writeFileSync(join(outDir, 'truth.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('generate.ts')) {
  const args = process.argv.slice(2);
  const flag = (n: string) => { const i = args.indexOf(n); return i >= 0 ? Number(args[i + 1]) : undefined; };
  const dir = args[0] && !args[0].startsWith('--') ? args[0] : new URL('.', import.meta.url).pathname;
  generate(resolve(dir), { seed: flag('--seed'), scale: flag('--scale') }).then((t) => console.log(JSON.stringify(t, null, 2)));
}
