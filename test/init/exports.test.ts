// A scaffolded study filled with a realistic survey-tool export: 问卷星-style GBK CSV with its own
// columns (提交答卷时间, 所用时间, 来源), question numbers before the template's headers ("2、员工总数"),
// shares as "80%" / "60 %" / 0.5, a full-width number, 是/否 answers, and two faulty rows. It must read
// through `spillover run` to the hand-computed figures; a header that is not there must stop the run
// naming the expected and the found headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';

const root = new URL('../..', import.meta.url).pathname;
const cli = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin/spillover.js'), ...args], { cwd: root, encoding: 'utf8' });

const HEADER = '序号,提交答卷时间,所用时间,来源,1、服务商类型,2、员工总数,3、平台相关业务员工占比,4、全职员工占比,5、所在地区,6、疫情期间是否新增岗位';
const ROWS = [
  '1,2024/11/8 10:02:11,185秒,微信,开发服务商,12,80%,90%,东部,是',
  '2,2024/11/8 10:05:40,240秒,微信,开发服务商,４５,35%,0.7,中部,否',
  '3,2024/11/8 10:09:02,131秒,链接,开发服务商,8,100%,100%,西部,是',
  '4,2024/11/8 11:30:15,302秒,微信,支付服务商,230,60 %,50%,东部,否',
  '5,2024/11/8 12:01:09,98秒,链接,支付服务商,60,25%,80%,东北,是',
  '6,2024/11/9 09:12:45,220秒,微信,支付服务商,18,0.5,65%,中部,否',
  '7,2024/11/9 09:40:33,176秒,微信,支付服务商,20,50%,120%,东部,是',
  '8,2024/11/9 10:15:27,205秒,链接,开发服务商,10,50%,50%,东部,也许',
];

/** A zh scaffold whose provider questionnaire is the GBK export above (id 序号, plus a yes/no column). */
function filledStudy(header = HEADER): { dir: string; study: string } {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-export-'));
  const init = cli(['init', join(dir, 's'), '--lang', 'zh', '--year', '2024']);
  assert.equal(init.status, 0, init.stderr);
  const study = join(dir, 's', 'study.yaml');
  const text = readFileSync(study, 'utf8');
  const edited = text
    .replace(/(file: data\/providers\.csv[\s\S]*?id: )问卷编号/, '$1序号')
    .replace(/(\n {6}region: \{header: \[所在地区, Region\][^\n]*\n)/, '$1      added_positions: {header: 疫情期间是否新增岗位, type: boolean}\n');
  assert.notEqual(edited, text);
  assert.match(edited, /added_positions/);
  writeFileSync(study, edited);
  writeFileSync(join(dir, 's', 'data', 'providers.csv'), iconv.encode(`${[header, ...ROWS].join('\r\n')}\r\n`, 'gbk'));
  return { dir, study };
}

test('a GBK 问卷星 export with Chinese headers, percent strings and extra columns reads to the hand-computed figures', () => {
  const { dir, study } = filledStudy();
  try {
    const out = join(dir, 'out');
    const r = cli(['run', study, '--out', out, '--lang', 'en']);
    assert.equal(r.status, 0, r.stderr);
    const res = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const q = res.quality.find((x: { questionnaire: string }) => x.questionnaire === 'providers');
    assert.deepEqual({ rowsRead: q.rowsRead, valid: q.valid, rejected: q.rejected, reasons: q.reasons }, { rowsRead: 8, valid: 6, rejected: 2, reasons: { 'share-out-of-range': 1, 'not-boolean': 1 } });
    // By hand: N_k / n_k × Σ employees × related_share over the valid rows of each type.
    // 开发服务商 rows 1–3: 1200 / 3 × (12 × 0.80 + 45 × 0.35 + 8 × 1.00) = 400 × 33.35 = 13340
    // 支付服务商 rows 4–6: 3000 / 3 × (230 × 0.60 + 60 × 0.25 + 18 × 0.50) = 1000 × 162 = 162000
    assert.ok(Math.abs(res.figures['jobs.providers.developers'].value - 13340) < 1e-6, String(res.figures['jobs.providers.developers'].value));
    assert.ok(Math.abs(res.figures['jobs.providers.payment'].value - 162000) < 1e-6, String(res.figures['jobs.providers.payment'].value));
    // Part-time: N_k / n_k × Σ employees × related_share × (1 − fulltime_share)
    // 400 × (9.6 × 0.1 + 15.75 × 0.3 + 8 × 0) = 2274;  1000 × (138 × 0.5 + 15 × 0.2 + 9 × 0.35) = 75150
    assert.ok(Math.abs(res.figures['jobs.providers.developers.parttime'].value - 2274) < 1e-6);
    assert.ok(Math.abs(res.figures['jobs.providers.payment.parttime'].value - 75150) < 1e-6);
    // Indicator: share of valid providers outside the east: rows 2, 3, 5, 6 of the 6 valid.
    assert.ok(Math.abs(res.figures['indicator.providers_outside_east'].value - 4 / 6) < 1e-12);
    const rejected = readFileSync(join(out, 'rejected.csv'), 'utf8');
    assert.match(rejected, /data\/providers\.csv,8,7,4、全职员工占比,120%,share-out-of-range/);
    assert.match(rejected, /data\/providers\.csv,9,8,6、疫情期间是否新增岗位,也许,not-boolean/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a header missing from the export stops check and run, naming the expected and the found headers', () => {
  const { dir, study } = filledStudy(HEADER.replace('2、员工总数', '2、员工人数'));
  try {
    for (const args of [['check', study], ['run', study, '--out', join(dir, 'out')]]) {
      const r = cli(args);
      assert.notEqual(r.status, 0, `${args[0]} must fail`);
      assert.match(r.stderr, /data\/providers\.csv: no column for field "employees" \(questionnaires\.providers\.columns\.employees\)/);
      assert.match(r.stderr, /expected header one of "员工总数", "Employees"/);
      assert.match(r.stderr, /found headers: "序号", "提交答卷时间", "所用时间", "来源", "1、服务商类型", "2、员工人数"/);
    }
    assert.equal(existsSync(join(dir, 'out', 'results.json')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bilingual export with both 员工总数 and Employees is ambiguous: the error lists both candidate columns', () => {
  const { dir, study } = filledStudy(`${HEADER.replace('2、员工总数', '员工总数')},Employees`);
  try {
    const r = cli(['check', study]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /field "employees" \(questionnaires\.providers\.columns\.employees\) is ambiguous: headers "员工总数", "Employees" \(columns 6, 11\) all match "员工总数", "Employees"; name one of them exactly/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
