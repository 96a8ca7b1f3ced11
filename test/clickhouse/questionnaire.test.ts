// A questionnaire loaded into the two-shard cluster (split across both shards) gives, screened and summed IN
// ClickHouse, exactly what DuckDB gives from the file: counts, reasons, the first N rejections, and the moments
// (to 1e-9 relative; in practice equal). Read as rows through DuckDB, it gives the same rows and rejections.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  aggregateQuestionnaire,
  aggregateOnClickHouse,
  clickhouseRunner,
  loadQuestionnaire,
  loadToClickHouse,
  openDatabase,
  stageClickHouse,
  type FieldSpec,
  type QuestionnaireSpec,
} from '../../src/data/index.ts';
import { clusterOrSkip, TEST_SOURCE } from './cluster.ts';
import { FIXTURES, providerFields, providerSpec } from '../data/providers.ts';

const cluster = clusterOrSkip('ClickHouse questionnaire tests');
const dir = mkdtempSync(join(tmpdir(), 'spillover-chq-'));
after(() => {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const fields: FieldSpec[] = [
  { name: 'region', type: 'category', required: true, levels: ['东部', '中部', '西部'] },
  { name: 'uses', type: 'boolean', required: true },
  { name: 'spend', type: 'number', required: true, min: 0 },
  { name: 'traffic', type: 'number', required: false, min: 0, max: 5000 },
  { name: 'share', type: 'share', required: false },
  { name: 'kids', type: 'count', required: false },
  { name: 'note', type: 'text', required: false },
];

/** 3000 seeded rows with every kind of fault, repeated ids (also across shards), blank rows and odd numbers */
function consumerCsv(): string {
  let s = 99;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const lines = ['编号,地区,是否使用,月消费(元),流量消费,占比,子女数,备注'];
  for (let i = 1; i <= 3000; i++) {
    let id = `C${i}`;
    let region = ['东部', '中部', '西部', ' 西部 '][Math.floor(rand() * 4)];
    let uses = ['是', '否', 'Y', 'no', 'TRUE'][Math.floor(rand() * 5)];
    let spend: string = (Math.round(rand() * 5e6) / 100).toString();
    let traffic = rand() < 0.1 ? '' : (Math.round(rand() * 3e5) / 100).toString();
    let share = rand() < 0.3 ? '' : rand() < 0.5 ? `${Math.round(rand() * 100)}%` : (Math.round(rand() * 1000) / 1000).toString();
    let kids = rand() < 0.5 ? '' : String(Math.floor(rand() * 4));
    let note = rand() < 0.9 ? '' : `"line, one\r\nline ""two"""`;
    let tail = '';
    const u = rand();
    if (u < 0.01) spend = '不知道';
    else if (u < 0.02) spend = '-5';
    else if (u < 0.03) id = `C${Math.max(1, i - 1 - Math.floor(rand() * 50))}`;
    else if (u < 0.035) traffic = '9999';
    else if (u < 0.04) share = '1.5';
    else if (u < 0.045) kids = '2.5';
    else if (u < 0.05) region = '南部';
    else if (u < 0.055) uses = 'maybe';
    else if (u < 0.06) id = '';
    else if (u < 0.065) spend = '';
    else if (u < 0.07) tail = ',surplus';
    else if (u < 0.075) spend = `${Math.floor(rand() * 9) + 1},${String(Math.floor(rand() * 1000)).padStart(3, '0')}.5`;
    else if (u < 0.08) spend = `+${spend}`;
    else if (u < 0.085) spend = '1e3';
    else if (u < 0.09) spend = 'inf';
    else if (u < 0.095) spend = '1_000';
    else if (u < 0.1) { lines.push(''); lines.push(',,,,,,,'); }
    lines.push(`${id},${region},${uses},${spend.includes(',') ? `"${spend}"` : spend},${traffic},${share},${kids},${note}${tail}`);
  }
  return lines.join('\r\n') + '\r\n';
}

function spec(file: string): QuestionnaireSpec {
  return {
    key: 'consumers',
    file,
    displayPath: 'data/consumers.csv',
    yamlPath: 'questionnaires.consumers',
    id: '编号',
    columns: { region: '地区', uses: '是否使用', spend: '月消费(元)', traffic: '流量消费', share: '占比', kids: '子女数', note: '备注' },
    rules: [{ check: "spend <= 40000 OR region = '东部'", reason: 'implausible spend' }],
  };
}

test('screening and moments in ClickHouse (2 shards) equal DuckDB on the file', { skip: cluster === null }, async () => {
  const file = join(dir, 'consumers.csv');
  writeFileSync(file, consumerCsv());
  const db = await openDatabase();
  const shards = await Promise.all(cluster!.shardUrls.map((url) => clickhouseRunner({ url, ...TEST_SOURCE }, { env: cluster!.env })));
  const runner = await clickhouseRunner({ url: cluster!.url, ...TEST_SOURCE }, { env: cluster!.env, cluster: 'spillover' });
  try {
    const loaded = await loadToClickHouse(db, spec(file), { shards, database: 'survey', table: 'consumers', cluster: 'spillover' });
    assert.equal(loaded.rows, 3000);
    assert.ok(loaded.blankRows > 0);
    const perShard = await Promise.all(shards.map(async (s) => Number((await s.query('SELECT count() FROM survey.consumers_local'))[0][0])));
    assert.ok(perShard.every((n) => n > 1000), `both shards hold rows: ${perShard}`);
    await assert.rejects(loadToClickHouse(db, spec(file), { shards, database: 'survey', table: 'consumers', cluster: 'spillover' }), /already exists.*--replace/);

    const opts = { groupBy: ['region'], sums: ['spend', 'traffic', 'share', 'kids', 'uses'], crossProducts: true, maxRejections: 40 };
    const duck = await aggregateQuestionnaire(db, spec(file), fields, opts);
    const chq = await aggregateOnClickHouse({ runner, database: 'survey', table: 'consumers' }, spec(file), fields, opts);
    assert.equal(chq.rowsRead, duck.rowsRead);
    assert.equal(chq.valid, duck.valid);
    assert.equal(chq.rejected, duck.rejected);
    assert.deepEqual(chq.reasons, duck.reasons);
    assert.ok(Object.keys(duck.reasons).length >= 10, JSON.stringify(duck.reasons));
    assert.equal(chq.rejections.length, 40);
    assert.equal(chq.rejectionsTruncated, true);
    assert.deepEqual(chq.rejections, duck.rejections);
    assert.deepEqual(chq.groups.keys, duck.groups.keys);
    assert.deepEqual([...chq.groups.n], [...duck.groups.n]);
    const close = (a: Float64Array, b: Float64Array, what: string) =>
      a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= 1e-9 * Math.abs(b[i]), `${what}[${i}]: ${v} vs ${b[i]}`));
    for (const part of ['count', 'sum', 'sumSq', 'cross'] as const) {
      for (const [k, v] of Object.entries(duck.groups[part]!)) close(chq.groups[part]![k], v, `${part}.${k}`);
    }
    // all rejections, not only the first 40: the same list from both
    const duckAll = await aggregateQuestionnaire(db, spec(file), fields, { ...opts, maxRejections: 1e6 });
    const chAll = await aggregateOnClickHouse({ runner, database: 'survey', table: 'consumers' }, spec(file), fields, { ...opts, maxRejections: 1e6 });
    assert.deepEqual(chAll.rejections, duckAll.rejections);
  } finally {
    await Promise.all([...shards, runner].map((s) => s.close()));
    db.close();
  }
});

test('rows read back from the cluster through DuckDB equal the file read (providers fixture)', { skip: cluster === null }, async () => {
  const db = await openDatabase();
  const shards = await Promise.all(cluster!.shardUrls.map((url) => clickhouseRunner({ url, ...TEST_SOURCE }, { env: cluster!.env })));
  const runner = await clickhouseRunner({ url: cluster!.url, ...TEST_SOURCE }, { env: cluster!.env, cluster: 'spillover' });
  try {
    const s = providerSpec(join(FIXTURES, 'providers-gbk.csv'), { encoding: 'gbk' });
    await loadToClickHouse(db, s, { shards, database: 'survey', table: 'providers', cluster: 'spillover', replace: true });
    const fromFile = await loadQuestionnaire(db, s, providerFields);
    const fromCh = await loadQuestionnaire(db, s, providerFields, (d, sp) => stageClickHouse(d, { runner, database: 'survey', table: 'providers' }, sp));
    assert.deepEqual(
      { ...fromCh, source: undefined },
      { ...fromFile, source: undefined },
    );
    assert.equal(fromCh.source.format, 'clickhouse');
  } finally {
    await Promise.all([...shards, runner].map((s) => s.close()));
    db.close();
  }
});

test('cells with tabs, backslashes, line breaks and \\N text reach the cluster unchanged (TabSeparated load)', { skip: cluster === null }, async () => {
  const file = join(dir, 'tricky.csv');
  const cells = ['a\tb', 'back\\slash', '\\N', '\\t literal', '"two\nlines"', '"cr\r\nlf"', '"quo""te"', 'tail\\', '全角１２', ' spaced ', '"a,b"'];
  // each cell in both text columns (the second one shifted), ids 1…n, then a row with the second cell empty
  writeFileSync(file, `id,a,b\n${cells.map((c, i) => `${i + 1},${c},${cells[(i + 3) % cells.length]}`).join('\n')}\n${cells.length + 1},x,\n`);
  const tf: FieldSpec[] = [
    { name: 'a', type: 'text', required: true },
    { name: 'b', type: 'text', required: false },
  ];
  const s: QuestionnaireSpec = { key: 'tricky', file, displayPath: 'tricky.csv', id: 'id', columns: { a: 'a', b: 'b' } };
  const db = await openDatabase();
  const shards = await Promise.all(cluster!.shardUrls.map((url) => clickhouseRunner({ url, ...TEST_SOURCE }, { env: cluster!.env })));
  const runner = await clickhouseRunner({ url: cluster!.url, ...TEST_SOURCE }, { env: cluster!.env, cluster: 'spillover' });
  try {
    // 5 rows per query: the rows of all three queries arrive
    const loaded = await loadToClickHouse(db, s, { shards, database: 'survey', table: 'tricky', cluster: 'spillover', replace: true, window: 5 });
    assert.equal(loaded.rows, cells.length + 1);
    const fromFile = await loadQuestionnaire(db, s, tf);
    const fromCh = await loadQuestionnaire(db, s, tf, (d, sp) => stageClickHouse(d, { runner, database: 'survey', table: 'tricky' }, sp));
    assert.deepEqual(fromCh.rows, fromFile.rows);
    const inFileOrder = Array.from(fromFile.rows.row, (r, i) => [r, fromFile.rows.categories.a[i]] as const).sort((x, y) => x[0] - y[0]);
    assert.deepEqual(inFileOrder.slice(0, 4).map((x) => x[1]), ['a\tb', 'back\\slash', '\\N', '\\t literal']);
    // the raw cells as stored: the empty cell is NULL, spaces kept
    const raw = await runner.query('SELECT "a", "b" FROM survey.tricky ORDER BY __row');
    assert.deepEqual(raw.map((r) => r[0]), [...cells.map((c) => c.replace(/^"(.*)"$/s, '$1').replace(/""/g, '"').replace('１２', '12')), 'x']);
    assert.equal(raw[cells.length][1], null);
  } finally {
    await Promise.all([...shards, runner].map((x) => x.close()));
    db.close();
  }
});

/** 2000 seeded answers of 600 ids with a submission time: repeats, ties at the latest time (same or different
 * answers), workbook serial dates, unparseable and blank times */
function timedCsv(): string {
  let s = 7;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const lines = ['编号,提交时间,月消费(元),地区'];
  for (let i = 1; i <= 2000; i++) {
    const day = 1 + Math.floor(rand() * 3), hour = 9 + Math.floor(rand() * 2);
    const u = rand();
    const time = u < 0.05 ? '昨天' : u < 0.08 ? '' : u < 0.2 ? String(43769 + day + hour / 24) : `2019-11-0${day} ${hour}:00`;
    lines.push(`C${1 + Math.floor(rand() * 600)},${time},${[100, 200, 300][Math.floor(rand() * 3)]},${['东部', '西部'][Math.floor(rand() * 2)]}`);
  }
  return lines.join('\n') + '\n';
}

test('dedupe.keep_latest_by: ClickHouse (2 shards) resolves repeated ids by the latest time exactly as DuckDB', { skip: cluster === null }, async () => {
  const file = join(dir, 'timed.csv');
  writeFileSync(file, timedCsv());
  const db = await openDatabase();
  const shards = await Promise.all(cluster!.shardUrls.map((url) => clickhouseRunner({ url, ...TEST_SOURCE }, { env: cluster!.env })));
  const runner = await clickhouseRunner({ url: cluster!.url, ...TEST_SOURCE }, { env: cluster!.env, cluster: 'spillover' });
  const timed: QuestionnaireSpec = { key: 'timed', file, displayPath: 'data/timed.csv', yamlPath: 'questionnaires.timed', id: '编号', keepLatestBy: '提交时间', columns: { spend: '月消费(元)', region: '地区' } };
  const tf: FieldSpec[] = [{ name: 'spend', type: 'number', required: true }, { name: 'region', type: 'category', required: true, levels: ['东部', '西部'] }];
  try {
    await loadToClickHouse(db, timed, { shards, database: 'survey', table: 'timed', cluster: 'spillover', replace: true });
    const opts = { groupBy: ['region'], sums: ['spend'], maxRejections: 1e6 };
    const duck = await aggregateQuestionnaire(db, timed, tf, opts);
    const chq = await aggregateOnClickHouse({ runner, database: 'survey', table: 'timed' }, timed, tf, opts);
    for (const k of ['duplicate-superseded', 'duplicate-identical', 'duplicate-conflict', 'unparseable-timestamp', 'missing-required']) assert.ok(duck.reasons[k] > 10, `${k}: ${JSON.stringify(duck.reasons)}`);
    assert.deepEqual([chq.rowsRead, chq.valid, chq.rejected, chq.reasons], [duck.rowsRead, duck.valid, duck.rejected, duck.reasons]);
    assert.deepEqual(chq.rejections, duck.rejections);
    assert.deepEqual(chq.groups.keys, duck.groups.keys);
    assert.deepEqual([...chq.groups.n, ...chq.groups.sum.spend], [...duck.groups.n, ...duck.groups.sum.spend]);
    // read back as rows through DuckDB: the rows of the file read
    const fromFile = await loadQuestionnaire(db, timed, tf);
    const fromCh = await loadQuestionnaire(db, timed, tf, (d, sp) => stageClickHouse(d, { runner, database: 'survey', table: 'timed' }, sp));
    assert.deepEqual({ ...fromCh, source: undefined }, { ...fromFile, source: undefined });
    assert.equal(fromFile.valid, duck.valid);
  } finally {
    await Promise.all([...shards, runner].map((x) => x.close()));
    db.close();
  }
});

test('a shard stopped in the middle of an aggregation (after its first query): an error naming the shard, no result', { skip: cluster === null }, async () => {
  const file = join(dir, 'consumers.csv');
  const runner = await clickhouseRunner({ url: cluster!.url, ...TEST_SOURCE }, { env: cluster!.env, cluster: 'spillover' });
  let calls = 0;
  // the same runner, but shard 2 is stopped right after the aggregation's first query has answered
  const dying = {
    ...runner,
    query: async (sql: string) => {
      const rows = await runner.query(sql);
      if (++calls === 2) cluster!.stopShard(2);
      return rows;
    },
  };
  try {
    const port = Number(new URL(cluster!.shardUrls[1]).port) + 1;
    await assert.rejects(
      aggregateOnClickHouse({ runner: dying, database: 'survey', table: 'consumers' }, spec(file), fields, { groupBy: [], sums: ['spend'] }),
      (e: Error) => {
        assert.match(e.message, new RegExp(`data/consumers\\.csv: .*shard 2 \\(127\\.0\\.0\\.1:${port}\\) of cluster spillover is unreachable`));
        assert.ok(!e.message.includes(cluster!.password));
        return true;
      },
    );
    assert.ok(calls >= 2, 'the shard was stopped after queries had run');
  } finally {
    await runner.close();
  }
});
