// `spillover check` on a study with a transactions: section — the voucher example (transactions only)
// is checked, not refused for lacking questionnaires; a programme outside the data fails with its YAML line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const cli = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin/spillover.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const example = 'examples/vouchers-2020/study.yaml';

test('check screens the transactions of a transactions-only study (en and zh), exit 0', () => {
  const en = cli(['check', example, '--lang', 'en']);
  assert.equal(en.status, 0, en.stderr);
  assert.match(en.stdout, /transactions are usable \(4 programmes\)/);
  // rows read and used, the causes of the rows left out, refunds
  assert.match(en.stdout, /data\/transactions\s+320282\s+320280\s+2\s+outside the study window: 1,\s+repeated transaction id: 1/);
  assert.match(en.stdout, /3104 refunds netted out of spending/);
  const zh = cli(['check', example, '--lang', 'zh']);
  assert.equal(zh.status, 0, zh.stderr);
  assert.match(zh.stdout, /交易数据可用（4 个发放计划）/);
  assert.match(zh.stdout, /退款 3104 笔/);
  // the causes in words of the language, not their codes
  assert.match(zh.stdout, /data\/transactions\s+320282\s+320280\s+2\s+不在研究时段内：1，交易编号重复：1/);
  assert.match(zh.stdout, /不在研究时段内：剔除 1 行/);
  const json = cli(['check', example, '--json']);
  assert.equal(json.status, 0, json.stderr);
  const parsed = JSON.parse(json.stdout) as { valid: boolean; transactions: { rowsRead: number; used: number; excluded: Record<string, number> } };
  assert.equal(parsed.valid, true);
  assert.equal(parsed.transactions.rowsRead - parsed.transactions.used, Object.values(parsed.transactions.excluded).reduce((a, b) => a + b, 0));
});

test('check fails on a programme whose dates fall outside the data, naming the YAML line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-check-tx-'));
  try {
    cpSync(join(root, 'examples/vouchers-2020/data'), join(dir, 'data'), { recursive: true });
    const text = readFileSync(join(root, example), 'utf8');
    const moved = text.replace('rounds: [{start: 2020-04-05, end: 2020-05-31}]', 'rounds: [{start: 2021-04-05, end: 2021-05-31}]');
    assert.notEqual(moved, text);
    writeFileSync(join(dir, 'study.yaml'), moved);
    const r = cli(['check', join(dir, 'study.yaml'), '--lang', 'en']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /study\.yaml:\d+: transactions\.programmes\[0\]\.rounds\[0\]: round 2021-04-05…2021-05-31 falls outside the study window/);
    assert.equal(r.stdout, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
