// No formula injection: text a spreadsheet would evaluate (= + - @ tab CR) is written with a leading ' in
// every CSV and XLSX spillover writes; numbers stay numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJSType from 'exceljs';
import { csvField, neutraliseFormula, safeCell } from '../../src/data/spreadsheetCell.ts';
import { rejectionLine } from '../../src/data/createRejectionWriter.ts';
import { templateCsv } from '../../src/init/templateCsv.ts';
import { templateWorkbook } from '../../src/init/templateWorkbook.ts';
import { tablesWorkbook } from '../../src/report/tablesWorkbook.ts';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSType;
const root = new URL('../..', import.meta.url).pathname;
const PAYLOADS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/?x","click")', '+1+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1', '＝1+1'];
const FORMULA = /^[=+\-@\t\r＝＋－＠]/;

test('neutraliseFormula: every payload gets a leading quote; plain text and plain numbers do not', () => {
  for (const p of PAYLOADS) assert.equal(neutraliseFormula(p), `'${p}`, JSON.stringify(p));
  for (const s of ['-5', '+0.25', '-1e3', 'a=b', 'P00001', '', "'=already"]) assert.equal(neutraliseFormula(s), s);
  assert.equal(safeCell(-0.5), -0.5);
  assert.equal(safeCell(null), null);
  assert.equal(csvField(-0.5), '-0.5');
  assert.equal(csvField('=1,2'), `"'=1,2"`);
  assert.equal(csvField('=HYPERLINK("u")'), `"'=HYPERLINK(""u"")"`);
  assert.equal(
    rejectionLine({ file: 'p.csv', row: 3, id: "=cmd|' /C calc'!A0", column: 'x', value: '@x', code: 'non-numeric', reason: 'non-numeric', text: { zh: '非数值', en: '=not a number' } }),
    "p.csv,3,'=cmd|' /C calc'!A0,x,'@x,non-numeric,'=not a number\r\n",
  );
});

/** Every text cell of a workbook. */
async function workbookTexts(bytes: Uint8Array): Promise<{ texts: string[]; numbers: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const texts: string[] = [];
  let numbers = 0;
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        assert.equal(c.type === ExcelJS.ValueType.Formula, false, `formula cell ${ws.name}!${c.address}`);
        if (typeof c.value === 'string') texts.push(c.value);
        if (typeof c.value === 'number') numbers++;
      }),
    ),
  );
  return { texts, numbers };
}

test('rejected.csv, figures.csv, components.csv and tables.xlsx of a run carry the payloads neutralised', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-inject-'));
  cpSync(join(root, 'examples/wechat-2019'), dir, { recursive: true });
  // Respondent ids and cell values that would run as formulas, on rows that screening rejects.
  const rows = PAYLOADS.filter((p) => !/^[\t\r]/.test(p)).map((id, i) => `${csvField(id).replace(/^'/, '')},2020-03-01 10:00,企业微信,东部,${i === 0 ? '=1+1' : 'abc'},0.36,0.99,0.34,0.87,64,0.67,否,`);
  appendFileSync(join(dir, 'data/providers.csv'), rows.join('\r\n') + '\r\n');
  const yaml = join(dir, 'study.yaml');
  const t = readFileSync(yaml, 'utf8');
  const label = 'label: {zh: 企业微信服务商, en: WeCom service providers}';
  assert.ok(t.includes(label));
  writeFileSync(yaml, t.replace(label, `label: {zh: '=HYPERLINK("http://evil.example","企业微信")', en: '@SUM(1)'}`));
  const out = join(dir, 'out');
  const r = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), 'run', yaml, '--out', out, '--charts', 'none'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);

  const rejected = readFileSync(join(out, 'rejected.csv'), 'utf8');
  assert.ok(rejected.includes(`,'=cmd|' /C calc'!A0,员工总数,'=1+1,`), rejected);
  assert.ok(rejected.includes(`"'=HYPERLINK(""http://evil.example/?x"",""click"")"`));
  assert.ok(rejected.includes(`,'+1+cmd|' /C calc'!A0,`));
  assert.ok(rejected.includes(`,'@SUM(1+1)*cmd|' /C calc'!A0,`));
  assert.ok(rejected.includes(`,'-2+3+cmd|' /C calc'!A0,`));
  for (const name of ['rejected.csv', 'figures.csv', 'components.csv', 'consumption.csv', 'quality.csv']) {
    const text = readFileSync(join(out, name), 'utf8').replace(/^\ufeff/, '');
    // A naive field split is enough here: no field of these files starts with a payload unless quoted with '.
    for (const line of text.split('\r\n')) for (const f of line.split(',')) assert.doesNotMatch(f.replace(/^"/, ''), /^[=+@\t\r]|^-(?![\d.])/, `${name}: ${line}`);
  }
  const figures = readFileSync(join(out, 'figures.csv'), 'utf8');
  assert.match(figures, /\njobs\.providers\.wecom,\d+(\.\d+)?,persons,\d/, 'numbers stay numbers');
  assert.ok(figures.includes(`"'=HYPERLINK(""http://evil.example"",""企业微信"")",'@SUM(1)`));
  assert.ok(readFileSync(join(out, 'components.csv'), 'utf8').includes(`wecom,provider,"'=HYPERLINK(""http://evil.example"",""企业微信"")",'@SUM(1)`));

  // tables.xlsx is written in the run's language (here the environment's); the other language from results.json.
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  for (const lang of ['zh', 'en'] as const) {
    const { texts, numbers } = await workbookTexts(await tablesWorkbook(results, lang));
    assert.ok(texts.includes(lang === 'zh' ? `'=HYPERLINK("http://evil.example","企业微信")` : `'@SUM(1)`), lang);
    for (const s of texts) assert.doesNotMatch(s, /^[=+@\t\r＝＋＠]|^-(?![\d.])/, s);
    assert.ok(numbers > 100, 'numbers stay numeric cells');
  }
  const { texts } = await workbookTexts(readFileSync(join(out, 'tables.xlsx')));
  for (const s of texts) assert.doesNotMatch(s, /^[=+@\t\r＝＋＠]|^-(?![\d.])/, s);
  rmSync(dir, { recursive: true, force: true });
});

test('init templates (CSV and XLSX) hold no text a spreadsheet would evaluate', async () => {
  for (const lang of ['zh', 'en'] as const) {
    for (const role of ['providers', 'operators', 'consumers'] as const)
      for (const line of templateCsv(role, lang).replace(/^\ufeff/, '').split('\r\n')) for (const f of line.split(',')) assert.doesNotMatch(f, FORMULA, `${role} ${lang}: ${line}`);
    const { texts } = await workbookTexts(await templateWorkbook(['providers', 'operators', 'consumers'], lang));
    for (const s of texts) assert.doesNotMatch(s, FORMULA, s);
  }
});
