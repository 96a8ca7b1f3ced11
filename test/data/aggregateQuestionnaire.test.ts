import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aggregateQuestionnaire, loadQuestionnaire, DataError, type FieldSpec, type Rejection } from '../../src/data/index.ts';
import { withDbAndDir } from './providers.ts';
import { ONE_PASS_MIN_BYTES } from '../../src/data/aggregateQuestionnaire.ts';

const fields: FieldSpec[] = [
  { name: 'region', type: 'category', required: true, levels: ['东部', '中部', '西部'] },
  { name: 'uses_platform', type: 'boolean', required: true },
  { name: 'spend', type: 'number', required: true, min: 0 },
  { name: 'traffic', type: 'number', required: false, min: 0 },
];

/** A seeded consumer file: 2000 rows, ~3% invalid in assorted ways, some optional answers missing. */
function consumerCsv(): string {
  let s = 20200101;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const lines = ['respondent,地区,是否使用,月消费(元),流量消费'];
  for (let i = 1; i <= 2000; i++) {
    const region = ['东部', '中部', '西部'][Math.floor(rand() * 3)];
    let spend = (Math.round(rand() * 50000) / 100).toString();
    let traffic = rand() < 0.1 ? '' : (Math.round(rand() * 3000) / 100).toString();
    let id = `C${i}`;
    const use = rand() < 0.7 ? '是' : '否';
    const u = rand();
    if (u < 0.01) spend = '不知道';
    else if (u < 0.02) spend = '-5';
    else if (u < 0.025) id = `C${i - 1}`;
    else if (u < 0.03) traffic = 'n/a';
    lines.push([id, region, use, spend, traffic].join(','));
  }
  return lines.join('\n') + '\n';
}

test('aggregate = sums over loadQuestionnaire rows, per group; all rejections streamed, the kept list capped', async () => {
  await withDbAndDir(async (db, dir) => {
    const file = join(dir, 'consumers.csv');
    writeFileSync(file, consumerCsv());
    const spec = {
      key: 'consumers',
      file,
      displayPath: 'consumers.csv',
      id: 'respondent',
      columns: { region: '地区', uses_platform: '是否使用', spend: '月消费（元）', traffic: '流量消费' },
    };
    const q = await loadQuestionnaire(db, spec, fields);
    const streamed: Rejection[] = [];
    const a = await aggregateQuestionnaire(db, spec, fields, {
      groupBy: ['region', 'uses_platform'],
      sums: ['spend', 'traffic'],
      maxRejections: 5,
      onRejections: (b) => void streamed.push(...b),
    });
    assert.equal(a.rowsRead, 2000);
    assert.equal(a.rowsRead, a.valid + a.rejected);
    assert.deepEqual([a.valid, a.rejected, a.reasons], [q.valid, q.rejected, q.reasons]);
    assert.ok(q.rejected > 20 && q.rejected < 120, `rejected ${q.rejected}`);
    assert.deepEqual(streamed, q.rejections);
    assert.deepEqual(a.rejections, q.rejections.slice(0, 5));
    assert.equal(a.rejectionsTruncated, true);

    // reference: group the valid rows in JS
    const ref = new Map<string, { n: number; c: number[]; s: number[]; ss: number[] }>();
    for (let i = 0; i < q.valid; i++) {
      const k = `${q.rows.categories.region[i]}|${q.rows.numbers.uses_platform[i].toFixed(1)}`;
      const g = ref.get(k) ?? { n: 0, c: [0, 0], s: [0, 0], ss: [0, 0] };
      g.n++;
      ['spend', 'traffic'].forEach((f, j) => {
        const x = q.rows.numbers[f][i];
        if (Number.isNaN(x)) return;
        g.c[j]++;
        g.s[j] += x;
        g.ss[j] += x * x;
      });
      ref.set(k, g);
    }
    assert.equal(a.groups.n.length, ref.size);
    assert.equal(a.groups.n.reduce((x, y) => x + y, 0), q.valid);
    for (let gi = 0; gi < a.groups.n.length; gi++) {
      const key = `${a.groups.keys.region[gi]}|${Number(a.groups.keys.uses_platform[gi]).toFixed(1)}`;
      const r = ref.get(key);
      assert.ok(r, key);
      assert.equal(a.groups.n[gi], r.n);
      ['spend', 'traffic'].forEach((f, j) => {
        assert.equal(a.groups.count[f][gi], r.c[j]);
        // DuckDB sums in parallel in another order: relative tolerance 1e-12
        assert.ok(Math.abs(a.groups.sum[f][gi] - r.s[j]) <= 1e-12 * r.s[j], `${key} Σ${f}`);
        assert.ok(Math.abs(a.groups.sumSq[f][gi] - r.ss[j]) <= 1e-12 * r.ss[j], `${key} Σ${f}²`);
      });
    }
    // groups sorted by key
    const keys = [...a.groups.keys.region.keys()].map((i) => `${a.groups.keys.region[i]}|${a.groups.keys.uses_platform[i]}`);
    assert.deepEqual(keys, [...keys].sort());
  });
});

test('aggregate: hand-worked case and option checks', async () => {
  await withDbAndDir(async (db, dir) => {
    const file = join(dir, 'c.csv');
    writeFileSync(file, 'respondent,地区,是否使用,月消费(元),流量消费\n1,东部,是,1,\n2,东部,否,3,2\n3,西部,yes,2,4\n4,西部,Y,x,4\n');
    const spec = { key: 'c', file, displayPath: 'c.csv', id: 'respondent', columns: { region: '地区', uses_platform: '是否使用', spend: '月消费(元)', traffic: '流量消费' } };
    const a = await aggregateQuestionnaire(db, spec, fields, { groupBy: ['region'], sums: ['spend', 'traffic'] });
    assert.deepEqual(a.groups.keys.region, ['东部', '西部'].sort());
    const at = (r: string) => a.groups.keys.region.indexOf(r);
    assert.deepEqual([a.groups.n[at('东部')], a.groups.sum.spend[at('东部')], a.groups.sumSq.spend[at('东部')]], [2, 4, 10]);
    assert.deepEqual([a.groups.count.traffic[at('东部')], a.groups.sum.traffic[at('东部')]], [1, 2]);
    assert.deepEqual([a.groups.n[at('西部')], a.groups.sum.spend[at('西部')], a.groups.sumSq.spend[at('西部')]], [1, 2, 4]);
    assert.equal(a.rejectionsTruncated, false);
    assert.deepEqual(a.rejections.map((r) => [r.row, r.code, r.value]), [[5, 'non-numeric', 'x']]);
    const one = await aggregateQuestionnaire(db, spec, fields, { groupBy: [], sums: ['spend'] });
    assert.deepEqual([[...one.groups.n], [...one.groups.sum.spend]], [[3], [6]]);
    await assert.rejects(aggregateQuestionnaire(db, spec, fields, { groupBy: ['spend'], sums: [] }), (e: unknown) => e instanceof DataError && /groupBy "spend" is not a category, text or boolean field/.test(e.message));
    await assert.rejects(aggregateQuestionnaire(db, spec, fields, { groupBy: [], sums: ['region'] }), (e: unknown) => e instanceof DataError && /sums "region" is not a numeric field/.test(e.message));
  });
});

test('aggregate: exact sums of terms rounded to 8 (Σx) / 6 (Σxy) decimals, on the fast BIGINT route and the HUGEINT retry; DOUBLE beyond', async () => {
  await withDbAndDir(async (db, dir) => {
    const vf: FieldSpec[] = [
      { name: 'v', type: 'number', required: true },
      { name: 'w', type: 'number', required: true },
    ];
    const run = async (big: string) => {
      const file = join(dir, `v${big}.csv`);
      writeFileSync(file, `id,v,w\n1,0.125,1\n2,2.000000015,1\n3,${big},2\n`);
      return aggregateQuestionnaire(db, { key: 'v', file, displayPath: 'v.csv', id: 'id', columns: { v: 'v', w: 'w' } }, vf, { groupBy: [], sums: ['v', 'w'], crossProducts: true });
    };
    // hand-worked: 2.000000015 rounds to 2.00000002 (8 dp); its square 4.000000060000000225 to 4.00000006
    // and its product with 1 to 2 (6 dp)
    // 3e6² = 9e12 → 9e18 units of 1e-6: still a BIGINT (fast route)
    const fast = await run('3000000');
    assert.deepEqual([fast.groups.sum.v[0], fast.groups.sumSq.v[0], fast.groups.cross!['v*w'][0]], [3000002.12500002, 9000000000004.015625 + 0.00000006, 6000002.125]);
    // 4e6² = 1.6e13 → 1.6e19 units: beyond BIGINT, the HUGEINT retry gives the same kind of exact sum
    const retry = await run('4000000');
    assert.deepEqual([retry.groups.sum.v[0], retry.groups.sumSq.v[0], retry.groups.cross!['v*w'][0]], [4000002.12500002, 16000000000004.015625 + 0.00000006, 8000002.125]);
    assert.deepEqual(retry.source.notes.filter((n) => /floating point/.test(n.en)), []);
    // 1e20² exceeds DECIMAL(38, 6): floating point, with a note
    const huge = await run('1e20');
    assert.equal(huge.groups.sum.v[0], 1e20 + 2.125);
    assert.ok(huge.source.notes.some((n) => /DECIMAL\(38\) range; computed in floating point/.test(n.en) && /浮点数/.test(n.zh)), JSON.stringify(huge.source.notes));
  });
});

test('aggregate: a file without rejected rows is summed in one pass, with the same figures as the screening route', async () => {
  await withDbAndDir(async (db, dir) => {
    const vf: FieldSpec[] = [
      { name: 'v', type: 'number', required: true, min: 0 },
      { name: 'w', type: 'number', required: false },
      { name: 'k', type: 'count', required: false },
    ];
    // 1.000000015·1e8 is 100000001.49999999 in binary: Σv rounds it to 1.00000001. Untrimmed numbers, an exponent, a leading '+', a missing optional answer, cells of spaces
    const clean = 'id,v,w,k\nA1, 2.5 ,1e2,3\nA2,+0.125,,\nA3,7,  ,12\n A4 ,1.000000015,-3.25,0\n';
    const spec = (file: string) => ({ key: 'v', file: join(dir, file), displayPath: file, id: 'id', columns: { v: 'v', w: 'w', k: 'k' } });
    const opts = { groupBy: [], sums: ['v', 'w', 'k'], crossProducts: true, onePassMinBytes: 0 };
    writeFileSync(join(dir, 'clean.csv'), clean);
    const names = () => Number(db.tempName('probe').split('_').pop());
    const before = names();
    const one = await aggregateQuestionnaire(db, spec('clean.csv'), vf, opts);
    assert.equal(names(), before + 1, 'the one-pass route creates no staging table');
    assert.deepEqual([one.rowsRead, one.valid, one.rejected, one.reasons, one.rejections, one.rejectionsTruncated], [4, 4, 0, {}, [], false]);
    // the same rows plus an identical copy of a row, a rejected row and a repeated id with other answers:
    // the screening route rejects those and must give the same figures for the rows kept
    writeFileSync(join(dir, 'faulty.csv'), clean + 'A2,+0.125,,\nA5,abc,1,1\nA6,1,1,1\nA6,2,1,1\n');
    const full = await aggregateQuestionnaire(db, spec('faulty.csv'), vf, opts);
    assert.equal(names() > before + 2, true, 'the screening route uses staging tables');
    assert.deepEqual([full.rowsRead, full.valid, full.rejected], [8, 4, 4]);
    const figures = (a: typeof one) => JSON.stringify(a.groups, (_, v) => (v instanceof Float64Array ? [...v] : v));
    assert.equal(figures(full), figures(one));
    assert.deepEqual([one.groups.n[0], one.groups.count.w[0], one.groups.sum.v[0], one.groups.sum.k[0], one.groups.cross!['v*w'][0]], [4, 2, 10.62500001, 15, 250 - 3.25]);
  });
});

test('aggregate: a file smaller than onePassMinBytes (default ONE_PASS_MIN_BYTES) is screened straight away, same figures', async () => {
  await withDbAndDir(async (db, dir) => {
    const vf: FieldSpec[] = [
      { name: 'v', type: 'number', required: true },
      { name: 'w', type: 'number', required: false },
    ];
    const file = join(dir, 'small.csv');
    writeFileSync(file, 'id,v,w\nA1,2.5,1\nA2,0.125,\nA3,7,-3.25\n');
    // a rule: the typed pass (rules are screened in SQL) does not apply, so the route is the one pass or the screening
    const spec = { key: 'v', file, displayPath: 'small.csv', id: 'id', columns: { v: 'v', w: 'w' }, rules: [{ check: 'v >= 0', reason: 'negative' }] };
    const names = () => Number(db.tempName('probe').split('_').pop());
    /** the figures, and whether the screening route ran (it names temporary tables; the one pass does not) */
    const routed = async (onePassMinBytes?: number) => {
      const n0 = names();
      const a = await aggregateQuestionnaire(db, spec, vf, { groupBy: [], sums: ['v', 'w'], crossProducts: true, ...(onePassMinBytes === undefined ? {} : { onePassMinBytes }) });
      return { screened: names() - n0 > 1, figures: JSON.stringify([a.rowsRead, a.valid, a.groups], (_, v) => (v instanceof Float64Array ? [...v] : v)) };
    };
    const size = statSync(file).size;
    assert.ok(ONE_PASS_MIN_BYTES > size);
    const byDefault = await routed();
    const atSize = await routed(size);
    const aboveSize = await routed(size + 1);
    assert.deepEqual([byDefault.screened, atSize.screened, aboveSize.screened], [true, false, true]);
    assert.equal(byDefault.figures, atSize.figures);
    assert.equal(aboveSize.figures, atSize.figures);
  });
});

test('aggregate: a record longer than the fast reader takes (3 MB cell) is read by the screening route, same sums', async () => {
  await withDbAndDir(async (db, dir) => {
    const tf: FieldSpec[] = [
      { name: 'v', type: 'number', required: true },
      { name: 'note', type: 'text', required: false },
    ];
    const spec = (file: string) => ({ key: 't', file: join(dir, file), displayPath: file, id: 'id', columns: { v: 'v', note: 'note' } });
    writeFileSync(join(dir, 'short.csv'), 'id,v,note\n1,2.5,a\n2,4,b\n');
    writeFileSync(join(dir, 'long.csv'), `id,v,note\n1,2.5,${'x'.repeat(3_000_000)}\n2,4,b\n`);
    const opts = { groupBy: [], sums: ['v'], onePassMinBytes: 0 };
    const names = () => Number(db.tempName('probe').split('_').pop());
    const n0 = names();
    const short = await aggregateQuestionnaire(db, spec('short.csv'), tf, opts);
    const n1 = names();
    const long = await aggregateQuestionnaire(db, spec('long.csv'), tf, opts);
    assert.deepEqual([n1 - n0, names() - n1 > 1], [1, true], 'one pass for the short records, the screening route for the long one');
    assert.deepEqual([long.rowsRead, long.valid, long.groups.sum.v[0], long.groups.sumSq.v[0]], [2, 2, 6.5, 22.25]);
    assert.deepEqual([short.groups.sum.v[0], short.groups.sumSq.v[0]], [6.5, 22.25]);
  });
});

test('aggregate: numbers typed by the CSV reader give the same sums as text cells; whole hundredths summed as integers exactly', async () => {
  await withDbAndDir(async (db, dir) => {
    const vf: FieldSpec[] = [
      { name: 'a', type: 'number', required: true },
      { name: 'b', type: 'number', required: false },
      { name: 'c', type: 'count', required: true, min: 0 },
      { name: 'note', type: 'text', required: false },
    ];
    let s = 16;
    const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    // hundredths up to ±2e7 (products to 4e14: beyond what rounding each double product to 6 decimals keeps exact),
    // a missing optional answer, cells in exponent form and with spaces
    const rows = Array.from({ length: 3000 }, (_, i) => {
      const a = (Math.round((rand() - 0.5) * 4e9) / 100).toFixed(2);
      const b = rand() < 0.1 ? '' : rand() < 0.1 ? ` ${(Math.round(rand() * 1e5) / 100).toFixed(2)} ` : (Math.round(rand() * 1e5) / 100).toString();
      return [i, a, b, String(Math.floor(rand() * 50)), rand() < 0.5 ? 'ok' : ''];
    });
    const csv = (id: (i: number) => string, rs = rows) => `id,a,b,c,note\n${rs.map(([i, ...r]) => [id(i as number), ...r].join(',')).join('\n')}\n`;
    const spec = (file: string) => ({ key: 'v', file: join(dir, file), displayPath: file, id: 'id', columns: { a: 'a', b: 'b', c: 'c', note: 'note' } });
    const opts = { groupBy: [], sums: ['a', 'b', 'c'], crossProducts: true };
    const figures = (x: { groups: unknown }) => JSON.stringify(x.groups, (_, v) => (v instanceof Float64Array ? [...v] : v));
    writeFileSync(join(dir, 'typed.csv'), csv((i) => `R${i}`));
    // a '_' after the header: DuckDB would read "1_000" as a number, so these numbers are read as text and converted
    writeFileSync(join(dir, 'text.csv'), csv((i) => `R_${i}`));
    const typed = await aggregateQuestionnaire(db, spec('typed.csv'), vf, opts);
    const text = await aggregateQuestionnaire(db, spec('text.csv'), vf, opts);
    assert.deepEqual([typed.valid, typed.rejected, text.valid], [3000, 0, 3000]);
    assert.equal(figures(typed), figures(text));
    // against exact integer arithmetic (BigInt) on the hundredths: Σa, Σa², Σab
    const fen = (v: unknown) => (v === '' ? null : BigInt(Math.round(Number(v) * 100)));
    let sa = 0n, saa = 0n, sab = 0n;
    for (const [, a, b] of rows) {
      const ka = fen(a)!, kb = fen(b);
      sa += ka;
      saa += ka * ka;
      if (kb !== null) sab += ka * kb;
    }
    const near = (got: number, exact: bigint, scale: number) => assert.ok(Math.abs(got - Number(exact) / scale) <= 1e-15 * Math.abs(Number(exact) / scale), `${got} vs ${exact}/${scale}`);
    near(typed.groups.sum.a[0], sa, 100);
    near(typed.groups.sumSq.a[0], saa, 1e4);
    near(typed.groups.cross!['a*b'][0], sab, 1e4);
    // a cell the typed reader cannot read fails that read; the text cells' screening rejects it by row and column
    writeFileSync(join(dir, 'bad.csv'), csv((i) => `R${i}`, [...rows.slice(0, 5), [5, '12a', '1', '1', '']]));
    const bad = await aggregateQuestionnaire(db, spec('bad.csv'), vf, opts);
    assert.deepEqual([bad.valid, bad.rejected, bad.rejections.map((r) => [r.row, r.column, r.code, r.value])], [5, 1, [[7, 'a', 'non-numeric', '12a']]]);
    writeFileSync(join(dir, 'five.csv'), csv((i) => `R${i}`, rows.slice(0, 5)));
    assert.equal(figures(bad), figures(await aggregateQuestionnaire(db, spec('five.csv'), vf, opts)));
  });
});

test('aggregate: typed pass — whole hundredths added as DOUBLE in one query while max Σk² < 2^52, the integer form at the bound; the same figures as the text route and exact integers', async () => {
  await withDbAndDir(async (db, dir) => {
    const vf: FieldSpec[] = [
      { name: 'a', type: 'number', required: true, min: 0 },
      { name: 'b', type: 'number', required: false },
      { name: 'c', type: 'count', required: true },
      { name: 'note', type: 'text', required: false },
    ];
    const spec = (file: string) => ({ key: 'v', file: join(dir, file), displayPath: file, id: 'id', columns: { a: 'a', b: 'b', c: 'c', note: 'note' } });
    const opts = { groupBy: [], sums: ['a', 'b', 'c'], crossProducts: true };
    const figures = (x: { groups: unknown }) => JSON.stringify(x.groups, (_, v) => (v instanceof Float64Array ? [...v] : v));
    // queries DuckDB answers during one aggregation (the typed pass alone: 1)
    const queries = async (file: string) => {
      const run = db.connection.runAndReadAll.bind(db.connection);
      let n = 0;
      db.connection.runAndReadAll = ((sql: string) => (n++, run(sql))) as typeof run;
      try {
        return { a: await aggregateQuestionnaire(db, spec(file), vf, opts), n };
      } finally {
        db.connection.runAndReadAll = run;
      }
    };
    /** the file with ids (a '_' in them sends the numbers to the text route, which sums integers) */
    const write = (name: string, rows: string[][], id = (i: number) => `R${i}`) => writeFileSync(join(dir, name), `id,a,b,c,note\n${rows.map((r, i) => [id(i), ...r].join(',')).join('\n')}\n`);
    const exact = (rows: string[][], p: number, q: number | null) => {
      const k = (v: string) => (v === '' ? null : BigInt(Math.round(Number(v) * 100)));
      let s = 0n;
      for (const r of rows) {
        const x = k(r[p]), y = q === null ? 1n : k(r[q]);
        if (x !== null && y !== null) s += x * y;
      }
      return Number(s) / (q === null ? 100 : 1e4);
    };
    const near = (got: number, want: number) => assert.ok(Math.abs(got - want) <= 1e-15 * Math.abs(want), `${got} vs ${want}`);

    // 3000 seeded rows: hundredths up to 1000 (b also negative, sometimes empty), a whole count, a note
    let s = 7;
    const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const rows = Array.from({ length: 3000 }, () => [(Math.round(rand() * 1e5) / 100).toFixed(2), rand() < 0.1 ? '' : (Math.round((rand() - 0.5) * 2e5) / 100).toString(), String(Math.floor(rand() * 50)), rand() < 0.5 ? 'ok' : '']);
    write('typed.csv', rows);
    write('text.csv', rows, (i) => `R_${i}`);
    const typed = await queries('typed.csv');
    const text = await aggregateQuestionnaire(db, spec('text.csv'), vf, opts);
    assert.deepEqual([typed.n, typed.a.valid, typed.a.rejected, text.valid], [1, 3000, 0, 3000]);
    assert.equal(figures(typed.a), figures(text));
    near(typed.a.groups.sum.b[0], exact(rows, 1, null));
    near(typed.a.groups.sumSq.a[0], exact(rows, 0, 0));
    near(typed.a.groups.cross!['a*b'][0], exact(rows, 0, 1));
    near(typed.a.groups.cross!['b*c'][0], exact(rows, 1, 2));

    // both sides of the bound: k = 2^26 − 1 and 1 hundredths: Σk² = 2^52 − 2^27 + 2 < 2^52 → the typed pass;
    // 2^26 and 0: Σk² = 2^52 → the integer form (a second query); both exact and equal to the text route
    const big = (k: number) => (k / 100).toFixed(2);
    for (const [name, ks, n] of [['below', [2 ** 26 - 1, 1], 1], ['at', [2 ** 26, 0], 2]] as const) {
      const rs = ks.map((k) => [big(k), '1', '1', '']);
      write(`${name}.csv`, rs);
      write(`${name}_text.csv`, rs, (i) => `R_${i}`);
      const got = await queries(`${name}.csv`);
      assert.equal(got.n, n, `${name}: queries`);
      assert.equal(figures(got.a), figures(await aggregateQuestionnaire(db, spec(`${name}_text.csv`), vf, opts)), name);
      assert.deepEqual([got.a.groups.sum.a[0], got.a.groups.sumSq.a[0]], [exact(rs, 0, null), exact(rs, 0, 0)], name);
    }

    // a value below its minimum is a rejected row: straight to the screening, which names it
    write('negative.csv', [...rows.slice(0, 3), ['-5', '1', '1', '']]);
    const neg = await aggregateQuestionnaire(db, spec('negative.csv'), vf, opts);
    assert.deepEqual([neg.valid, neg.rejections.map((r) => [r.row, r.column, r.code, r.value])], [3, [[5, 'a', 'negative', '-5']]]);
    // not whole hundredths (0.125): straight to the integer form of terms rounded to 8 decimals (one more query), as before
    write('thousandths.csv', [...rows.slice(0, 3), ['0.125', '1', '1', '']]);
    write('thousandths_text.csv', [...rows.slice(0, 3), ['0.125', '1', '1', '']], (i) => `R_${i}`);
    const thousandths = await queries('thousandths.csv');
    assert.equal(thousandths.n, 2);
    assert.equal(figures(thousandths.a), figures(await aggregateQuestionnaire(db, spec('thousandths_text.csv'), vf, opts)));
  });
});
