// The WeChat example study run from a two-shard ClickHouse cluster (`spillover load` splits every questionnaire
// across both shards; the study file reads them with `source: {clickhouse: …}`): every figure equals the DuckDB run
// on the files to 1e-9 relative. Faults: a wrong password, and a shard stopped before the run — a clear error
// naming the shard (or the variable to check), the password never shown, no results written.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStudy } from '../../src/cli/runStudy.ts';
import { cli as runCli, clusterOrSkip, sameFigures, TEST_SOURCE } from './cluster.ts';
import { underTerminal } from '../cli/underTerminal.ts';

const root = new URL('../..', import.meta.url).pathname;
const cluster = clusterOrSkip('ClickHouse study tests');
const dir = mkdtempSync(join(tmpdir(), 'spillover-chs-'));
cpSync(join(root, 'examples/wechat-2019'), dir, { recursive: true });
after(() => {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], password?: string) => runCli(cluster!, dir, args, password);

const chStudy = join(dir, 'study-clickhouse.yaml');

test('spillover load splits the example across both shards; the study run from ClickHouse gives the DuckDB figures to 1e-9', { skip: cluster === null }, async () => {
  Object.assign(process.env, { SPILLOVER_TEST_CH_USER: 'spillover', SPILLOVER_TEST_CH_PASSWORD: cluster!.password });
  const [s1, s2] = cluster!.shardUrls;
  const load = await cli(['load', join(dir, 'study.yaml'), '--url', cluster!.url, '--shard', s1, '--shard', s2, '--cluster', 'spillover', '--database', 'wechat',
    '--user-env', TEST_SOURCE.user_env, '--password-env', TEST_SOURCE.password_env, '--study-out', chStudy]);
  assert.equal(load.code, 0, load.stderr);
  assert.match(load.stdout, /consumers:\s+data\/consumers\.csv\s+→\s+wechat\.consumers\s+\(\d+\s+rows,\s+\d+\s+columns,\s+2\s+shards\)/);
  const yaml = readFileSync(chStudy, 'utf8');
  assert.match(yaml, /source: \{clickhouse: \{url: http:\/\/127\.0\.0\.1:\d+, database: wechat, table: providers, cluster: spillover/);
  assert.ok(!yaml.includes(cluster!.password), 'no password in the study file');
  // On a terminal: the file read, then its rows copied (count of total), the line cleared before the summary.
  const shown = underTerminal(['load', join(dir, 'study.yaml'), '--url', cluster!.url, '--shard', s1, '--shard', s2, '--cluster', 'spillover', '--database', 'wechat',
    '--user-env', TEST_SOURCE.user_env, '--password-env', TEST_SOURCE.password_env, '--only', 'consumers', '--prefix', 'pty_']);
  assert.match(shown, /\r\x1b\[Kreading data\/consumers\.csv {2}\[█+\] {2}100% {2}5,00\d rows/);
  assert.match(shown, /\r\x1b\[Kconsumers → wechat\.pty_consumers {2}\[█+\] {2}(5,00\d)\/\1 rows/);
  assert.match(shown, /\r\x1b\[Kconsumers: data\/consumers\.csv → wechat\.pty_consumers \(5\d{3} rows/);
  // In Chinese: the summary and the instructions in the command's language, with no English words.
  const zh = await cli(['load', join(dir, 'study.yaml'), '--url', cluster!.url, '--shard', s1, '--shard', s2, '--cluster', 'spillover', '--database', 'wechat',
    '--user-env', TEST_SOURCE.user_env, '--password-env', TEST_SOURCE.password_env, '--only', 'consumers', '--prefix', 'zh_', '--lang', 'zh']);
  assert.equal(zh.code, 0, zh.stderr);
  assert.match(zh.stdout, /consumers：data\/consumers\.csv → wechat\.zh_consumers（5\d{3} 行，\d+ 列，2 个分片，\s*用时 [\d.]+ 秒）/);
  assert.match(zh.stdout, /在 study\.yaml 中（或用 --study-out FILE 写出这样的研究文件）：\nquestionnaires\.consumers：把 file/);
  assert.doesNotMatch(zh.stdout, /\b(rows|columns|shards|replace|with)\b/);

  const files = await runStudy(join(dir, 'study.yaml'));
  const ch = await runStudy(chStudy);
  assert.ok(Object.keys(files.results.figures).length > 20);
  const diffs: string[] = [];
  sameFigures(ch.results.figures, files.results.figures, 'figures', diffs, ['questionnaire']);
  assert.deepEqual(diffs, []);
  for (const k of Object.keys(files.prepared.inputs.questionnaires)) {
    const [a, b] = [ch.prepared.inputs.questionnaires[k], files.prepared.inputs.questionnaires[k]];
    assert.deepEqual([a.rowsRead, a.valid, a.rejected, a.reasons], [b.rowsRead, b.valid, b.rejected, b.reasons], k);
  }
  assert.deepEqual(ch.prepared.rejections.map((r) => [r.row, r.code, r.value]), files.prepared.rejections.map((r) => [r.row, r.code, r.value]));
});

test('a wrong password: a clear error naming the variable, never the password; no results written', { skip: cluster === null }, async () => {
  const out = join(dir, 'out-badpw');
  const r = await cli(['run', chStudy, '--out', out], 'Not-The-Password-7');
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /authentication failed .*SPILLOVER_TEST_CH_PASSWORD/);
  assert.ok(!r.stderr.includes('Not-The-Password-7') && !r.stdout.includes('Not-The-Password-7'));
  assert.equal(existsSync(out), false);
  // in one language: zh names the same variable in Chinese words, en has no Chinese
  const zh = await cli(['run', chStudy, '--out', out, '--lang', 'zh'], 'Not-The-Password-7');
  assert.match(zh.stderr, /^spillover: ClickHouse http:\/\/127\.0\.0\.1:\d+：\$SPILLOVER_TEST_CH_USER 中的用户身份验证失败；请检查 \$SPILLOVER_TEST_CH_PASSWORD（密码不会显示）\n$/);
  assert.ok(!zh.stderr.includes('Not-The-Password-7') && !zh.stdout.includes('Not-The-Password-7'));
  const en = await cli(['run', chStudy, '--out', out, '--lang', 'en'], 'Not-The-Password-7');
  assert.doesNotMatch(en.stderr, /\p{Script=Han}/u);
});

test('a shard stopped: the run fails naming that shard; no results written', { skip: cluster === null }, async () => {
  cluster!.stopShard(2);
  const out = join(dir, 'out-shard');
  const r = await cli(['run', chStudy, '--out', out]);
  assert.notEqual(r.code, 0);
  const port = new URL(cluster!.shardUrls[1]).port;
  assert.match(r.stderr, new RegExp(`shard 2 \\(127\\.0\\.0\\.1:${Number(port) + 1}\\) of cluster spillover is unreachable`));
  assert.ok(!r.stderr.includes(cluster!.password));
  const zh = await cli(['run', chStudy, '--out', out, '--lang', 'zh']);
  assert.match(zh.stderr, new RegExp(`集群 spillover 的第 2 个分片（127\\.0\\.0\\.1:${Number(port) + 1}）无法访问（Code: \\d+：连接被拒绝）；没有结果`));
  assert.doesNotMatch(zh.stderr, /unreachable|refused|no results/);
  assert.equal(existsSync(out), false);
});
