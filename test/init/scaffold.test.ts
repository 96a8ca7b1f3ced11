// spillover init: the scaffold validates against the schema in both languages and for every choice of
// components, comments every key, is byte-identical across runs, passes `spillover check` and `run`
// with its example rows (variance estimable in every component), and its XLSX template reads the same
// as its CSV templates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseStudy } from '../../src/study/config/parseStudy.ts';
import { fieldSpecs } from '../../src/study/inputs/index.ts';
import { scaffoldStudy, studyYaml, instrument, parseComponents, ROLES, type Role } from '../../src/init/index.ts';

const root = new URL('../..', import.meta.url).pathname;
const cli = (args: string[], cwd = root) => spawnSync(process.execPath, [join(root, 'bin/spillover.js'), ...args], { cwd, encoding: 'utf8' });
const tmp = () => mkdtempSync(join(tmpdir(), 'spillover-init-'));
const ROLE_SETS: Role[][] = [['providers', 'operators', 'consumers'], ['providers'], ['operators'], ['providers', 'consumers'], ['operators', 'consumers']];

test('study.yaml validates against the schema for every language and choice of components', () => {
  for (const lang of ['zh', 'en'] as const)
    for (const roles of ROLE_SETS) {
      const config = parseStudy(studyYaml({ lang, roles, year: 2024, schemaRef: null }), `${lang}:${roles.join(',')}`);
      assert.equal(config.year, 2024);
      assert.equal(config.providers.length, roles.includes('providers') ? 2 : 0);
      assert.equal(config.operators.length, roles.includes('operators') ? 2 : 0);
      assert.equal(config.consumption.questionnaire, roles.includes('consumers') ? 'consumers' : undefined);
      for (const key of Object.keys(config.questionnaires)) assert.ok(fieldSpecs(config, key).length > 0);
    }
});

test('every key of study.yaml is explained by a comment', () => {
  for (const lang of ['zh', 'en'] as const) {
    const text = studyYaml({ lang, roles: [...ROLES], year: 2024, schemaRef: null });
    const keys = new Map<string, boolean>();
    for (const line of text.split('\n')) {
      const m = /^\s*(?:- )?([A-Za-z_]+):/.exec(line);
      if (!m) continue;
      keys.set(m[1], (keys.get(m[1]) ?? false) || /\s#\s\S/.test(line));
    }
    assert.ok(keys.size > 30, `found ${keys.size} keys`);
    const bare = [...keys].filter(([, commented]) => !commented).map(([k]) => k);
    assert.deepEqual(bare, [], `${lang}: keys without a comment`);
    const todo = text.split('\n').filter((l) => l.includes('TODO')).length;
    assert.ok(todo >= 7, `${lang}: placeholders should be marked TODO (found ${todo})`);
  }
});

test('scaffold files are byte-identical across runs', async () => {
  const a = await scaffoldStudy({ lang: 'zh', roles: [...ROLES], year: 2024, schemaRef: '../schema/study.schema.json' });
  await new Promise((r) => setTimeout(r, 1100)); // a second later: no timestamp may leak into the XLSX
  const b = await scaffoldStudy({ lang: 'zh', roles: [...ROLES], year: 2024, schemaRef: '../schema/study.schema.json' });
  assert.deepEqual(Object.keys(a).sort(), ['README.md', 'data/consumers.csv', 'data/operators.csv', 'data/providers.csv', 'questionnaires.xlsx', 'study.yaml']);
  for (const k of Object.keys(a)) assert.deepEqual(Buffer.from(a[k]), Buffer.from(b[k]), k);
});

test('example rows: at least two per component, with variation, in both languages', () => {
  for (const lang of ['zh', 'en'] as const)
    for (const [role, by, value] of [
      ['providers', 'provider_type', 'employees'],
      ['operators', 'account_type', 'staff'],
    ] as const) {
      const qs = instrument(role, lang).questions;
      const group = qs.find((q) => q.field === by)!;
      const y = qs.find((q) => q.field === value)!;
      for (const level of group.levels![lang]) {
        const rows = group.examples.map((g, i) => (g === level ? Number(y.examples[i]) : NaN)).filter((v) => !Number.isNaN(v));
        assert.ok(rows.length >= 2, `${role} ${level}: ${rows.length} example rows`);
        assert.ok(new Set(rows).size > 1, `${role} ${level}: example ${value} must vary`);
      }
    }
});

test('parseComponents: order, unknown names and a study without direct-jobs components', () => {
  assert.deepEqual(parseComponents('consumers, providers'), ['providers', 'consumers']);
  assert.throws(() => parseComponents('providers,merchants'), /--components: unknown component "merchants"; expected a comma-separated list of providers, operators, consumers/);
  assert.throws(() => parseComponents('consumers'), /no direct-jobs component; include providers or operators/);
});

test('spillover init → check → run on the scaffold; XLSX template reads as its CSV twins', async () => {
  const dir = tmp();
  try {
    const study = join(dir, 'acme', 'study.yaml');
    const init = cli(['init', join(dir, 'acme'), '--lang', 'en', '--year', '2024']);
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout, /Created study .*acme\/\n {2}README\.md\n {2}data\/consumers\.csv/);
    const text = readFileSync(study, 'utf8');
    assert.match(text.split('\n')[0], /^# yaml-language-server: \$schema=.*schema\/study\.schema\.json$/);
    const schemaPath = join(dir, 'acme', text.split('\n')[0].split('$schema=')[1]);
    assert.ok(existsSync(schemaPath), `the $schema reference resolves: ${schemaPath}`);

    const check = cli(['check', study, '--lang', 'en']);
    assert.equal(check.status, 0, check.stderr);
    for (const r of ROLES) assert.match(check.stdout, new RegExp(`${r}\\s+data/${r}\\.csv\\s+6\\s+6\\s+0`));

    const csvOut = join(dir, 'out-csv');
    const run = cli(['run', study, '--out', csvOut, '--lang', 'en']);
    assert.equal(run.status, 0, run.stderr);
    const csv = JSON.parse(readFileSync(join(csvOut, 'results.json'), 'utf8'));
    for (const id of ['jobs.providers.developers', 'jobs.providers.payment', 'jobs.operators.content_accounts', 'jobs.operators.mini_programs', 'consumption.total']) {
      const f = csv.figures[id];
      assert.ok(f.value > 0 && f.se > 0 && Number.isFinite(f.df) && f.ci, `${id}: value ${f.value}, se ${f.se}`);
    }

    // The same study reading every questionnaire from questionnaires.xlsx (sheet per role).
    writeFileSync(study, text.replace(/file: data\/(\w+)\.csv/g, 'file: questionnaires.xlsx\n    sheet: $1'));
    const xlsxOut = join(dir, 'out-xlsx');
    const run2 = cli(['run', study, '--out', xlsxOut, '--lang', 'en']);
    assert.equal(run2.status, 0, run2.stderr);
    const xlsx = JSON.parse(readFileSync(join(xlsxOut, 'results.json'), 'utf8'));
    assert.deepEqual(Object.keys(xlsx.figures), Object.keys(csv.figures));
    for (const id of Object.keys(csv.figures)) {
      const [a, b] = [csv.figures[id].value, xlsx.figures[id].value];
      assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)), `${id}: CSV ${a} vs XLSX ${b}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('questionnaires.xlsx: a sheet per instrument with notes and validation, and a questions sheet', async () => {
  const files = await scaffoldStudy({ lang: 'zh', roles: ['providers', 'consumers'], year: 2024, schemaRef: null });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(files['questionnaires.xlsx']) as unknown as ExcelJS.Buffer);
  assert.deepEqual(wb.worksheets.map((w) => w.name), ['providers', 'consumers', 'questions']);
  const ws = wb.getWorksheet('providers')!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  const csvHeader = (files['data/providers.csv'] as string).replace(/^\uFEFF/, '').split('\r\n')[0].split(',');
  assert.deepEqual(header, csvHeader);
  assert.equal(ws.rowCount, 7);
  const share = ws.getRow(1).getCell(header.indexOf('平台相关业务员工占比') + 1);
  assert.match(String(share.note), /贵公司员工中从事本平台相关业务的比例[\s\S]*0–1/);
  const dv = ws.getCell(`${String.fromCharCode(64 + header.indexOf('平台相关业务员工占比') + 1)}5`).dataValidation;
  assert.equal(dv?.type, 'decimal');
  assert.deepEqual(dv?.formulae, [0, 1]);
  const questions = wb.getWorksheet('questions')!;
  assert.equal(questions.rowCount, 1 + instrument('providers', 'zh').questions.length + instrument('consumers', 'zh').questions.length + 2);
});

test('spillover init refuses a non-empty directory unless --force, and bad options', () => {
  const dir = tmp();
  try {
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = cli(['init', dir, '--year', '2024']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /directory is not empty \(notes\.txt\); choose a new directory or pass --force/);
    assert.equal(existsSync(join(dir, 'study.yaml')), false);
    const f = cli(['init', dir, '--year', '2024', '--force', '--components', 'operators']);
    assert.equal(f.status, 0, f.stderr);
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'mine');
    assert.equal(existsSync(join(dir, 'data/operators.csv')), true);
    assert.equal(existsSync(join(dir, 'data/providers.csv')), false);
    assert.equal(cli(['check', join(dir, 'study.yaml')]).status, 0);
    assert.match(cli(['init', join(dir, 'x'), '--lang', 'fr']).stderr, /--lang: expected zh or en, got "fr"/);
    assert.match(cli(['init', join(dir, 'y'), '--year', '20x4']).stderr, /--year: expected a year between 1990 and 2100, got "20x4"/);
    assert.match(cli(['init', join(dir, 'z'), '--components', 'consumers']).stderr, /no direct-jobs component/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
