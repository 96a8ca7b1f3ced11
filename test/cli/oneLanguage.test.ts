// One language at a time on the console: every command run in zh prints no English prose, and in
// en no Chinese, except what the user wrote (the study files' own names, their data's values and
// headers), identifiers, file names, option names, units and acronyms. Built as a scan, so a new
// stray string in either language fails here: a zh line keeps no Latin word outside the allow-list,
// an en line no Han character outside the user's own texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const wechat = join(root, 'examples/wechat-2019');
const vouchers = join(root, 'examples/vouchers-2020');

function cli(args: string[], status = 0): string {
  const r = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COLUMNS: '80' } });
  assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout + r.stderr;
}

/** The user's own texts: a study file's values (and comments) in the other language are the user's, not ours. */
function userTexts(files: string[], drop: 'zh' | 'en'): string {
  // `zh: …` / `en: …` values belong to one language: the other language's run must not show them.
  const key = new RegExp(`\\b${drop}:\\s*("[^"]*"|[^,}\\n]*)`, 'g');
  return files.map((f) => readFileSync(f, 'utf8').replace(key, '')).join('\n');
}

// Acronyms, units, method and estimator names that are the field's own words in either language.
const LATIN_OK = new Set([
  'GDP', 'IO', 'SE', 'se', 'CI', 'MPC', 'DiD', 'NBS', 'CPI', 'PPI', 'HT', 'LU', 'fpc', 'df', 'n', 'N', 'Neyman', 'Cochran', 'Wald', 'bootstrap', 'logit', 'beta',
  't', 'I', 'II', 'A', 'B', 'C', 'U', 'M', 'S', 'z', 'e', 'g', 'w', 'h', 'm', 'x', 'y', 'k', 'c', 's', 'i', 'b', 'v', 'p', 'd',
  'F', 'G', 'V', 'q', 'ATT', 'ln', 'delta',
  // authors cited in formulas (Liu, Shen, Li & Chen 2021; Callaway & Sant'Anna 2021; Webb's weights)
  'Liu', 'Shen', 'Li', 'Chen', 'Callaway', "Sant'Anna", 'Webb',
  'XLSX', 'CSV', 'YAML', 'JSON', 'HTML', 'SVG', 'PNG', 'UTF', 'GBK', 'GB', 'Parquet', 'DuckDB', 'ClickHouse', 'TODO', 'spillover',
  'svydesign', 'ids', 'strata', 'weights', 'total', 'mean', 'ratio', 'builtin', 'Asia', 'Shanghai', 'Ctrl',
  // command names, as in "spillover check STUDY"
  'run', 'check', 'explain', 'plan', 'io', 'audit', 'survey', 'init', 'load', 'serve', 'help',
  // language codes of --lang, the R language, the browser the PNG charts need, chart formats of --charts, the JSON field ci
  'zh', 'en', 'R', 'Chromium', 'svg', 'png', 'none', 'ci', 'pymrio',
]);

/** Lines of zh output holding Latin prose: words left after identifiers, paths, options and allowed words are taken out. */
function latinProse(text: string, user: string): string[] {
  const userWords = new Set(user.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []);
  return text.split('\n').filter((line) => {
    const rest = line
      .replace(/https?:\/\/\S+/g, ' ') // URLs
      .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, ' ') // quoted: values, keys and commands as the user types them
      .replace(/<[^>\s]+>|\[[^\]\s]*\]|\{[^}]*\}/g, ' ') // placeholders of usage lines (<dir>, [study]) and YAML/JSON syntax
      .replace(/(^|\s)-[A-Za-z](?=[\s,]|$)/g, ' ') // short options (-V, -h)
      .replace(/\$[A-Z_]+/g, ' ') // environment variables
      .replace(/\b[a-z_][A-Za-z_]*(, [a-z_][A-Za-z_]*){2,}/g, ' ') // a list of keys ("known: study, series, …")
      .replace(/^ {2}[a-z]+(?= {2,})/, ' ') // an argument's name in the list of --help
      .replace(/\b\w+(,\w+)+\b/g, ' ') // comma-separated names (sector,amount)
      .replace(/builtin:[\w-]+/g, ' ') // builtin data names
      .replace(/--[a-z][a-z-]*/g, ' ') // option names
      .replace(/\S*[/\\]\S*/g, ' ') // paths, builtin:…, units like 个/亿元
      .replace(/[A-Za-z0-9_*]+(\.[\p{L}0-9_*]+)+/gu, ' ') // figure ids, file names, YAML paths
      .replace(/\b[A-Za-z]*[_0-9][A-Za-z0-9_]*\b/g, ' ') // snake_case fields, n_h, b_s, 1e-6
      .replace(/[A-Za-z_]+(?=、)|(?<=、)[A-Za-z_]+/g, ' ') // names in a Chinese list (id、label、unit)
      .replace(/\b[A-Z]{2,}\b/g, ' ') // acronyms and placeholders (JSON, README, DIR, PORT)
      .replace(/\b[a-z]+(-[a-z]+)+\b/g, (w) => (userWords.has(w) ? ' ' : w)); // hyphenated ids from the user's files
    const words = rest.match(/[A-Za-z][A-Za-z'’]*/g) ?? [];
    return words.some((w) => !LATIN_OK.has(w) && !userWords.has(w));
  });
}

/** Lines of en output holding Han characters that are not the user's own (figure ids, e.g. voucher.share.merchants.中型, are ids). */
function hanText(text: string, user: string): string[] {
  // quoted text is a value as the user types it (a unit "万元", a quantity "1973亿元")
  return text.split('\n').filter((line) => (line.replace(/\b[a-z][a-z0-9_]*(\.[\p{L}\p{N}_+-]+)+/gu, ' ').replace(/"[^"\n]*"/g, ' ').match(/[\p{Script=Han}\u3000-\u303f\uff01-\uff60]+/gu) ?? []).some((run) => !user.includes(run)));
}

/** The study files the error cases write (their own words are the user's). */
const errorUserFiles = (tmp: string, lang: string) => [join(tmp, `bad-${lang}`, 'study.yaml'), join(tmp, `bad-${lang}`, 'spec.yaml')];

/**
 * Bad study files and bad command lines, each with its exit status: every error a user meets first.
 * The study files are variants of the scaffold `init` writes.
 */
function errorCases(tmp: string, lang: 'zh' | 'en'): [string, string[], number][] {
  const dir = join(tmp, `bad-${lang}`);
  cli(['init', dir, '--lang', lang]);
  const study = join(dir, 'study.yaml');
  const text = readFileSync(study, 'utf8');
  const variant = (name: string, edit: (t: string) => string) => {
    const f = join(dir, `${name}.yaml`);
    writeFileSync(f, edit(text));
    return f;
  };
  const spec = join(dir, 'spec.yaml');
  writeFileSync(join(dir, 'f.csv'), 'id,stratum,weight,employees\n1,a,4,8\n2,a,4,9\n');
  writeFileSync(spec, "data: f.csv\ndesign: {ids: '1', strata: stratum, weight: weight}\nestimates:\n  - {id: e, total: employees}\n");
  return [
    ['missing file', ['check', join(tmp, 'nope.yaml')], 2],
    ['folder', ['check', dir], 2],
    ['unknown key', ['check', variant('key', (t) => t.replace(/^study:/m, 'studdy:'))], 2],
    ['method seed', ['check', variant('seed', (t) => t.replace(/^( *)method: published/m, '$1method: seed'))], 2],
    ['wrong type', ['check', variant('type', (t) => t.replace(/^( *)year: \d+/m, '$1year: soon'))], 2],
    ['quantity', ['check', variant('qty', (t) => t.replace(/^( *)users: .*/m, '$1users: 很多人'))], 2],
    ['malformed YAML', ['check', variant('yaml', (t) => t.replace(/^study:/m, 'study: [x'))], 2],
    ['missing data file', ['check', variant('data', (t) => t.replace('data/providers.csv', 'data/nope.csv'))], 2],
    ['out is the study folder', ['run', study, '--out', dir], 2],
    ['charts', ['run', study, '--charts', 'gif'], 2],
    ['plan reps', ['plan', study, '--reps', 'many'], 2],
    ['serve port', ['serve', '--port', 'abc'], 2],
    ['io file', ['io', join(tmp, 'nope.csv')], 2],
    ['init year', ['init', join(tmp, `y-${lang}`), '--year', '1800'], 2],
    ['unknown option', ['run', '--wdie'], 1],
    ['unknown command', ['rn'], 1],
    ['missing argument', ['init'], 1],
    ['excess arguments', ['explain', 'a', 'b', 'c'], 1],
    ['missing option value', ['run', '--lang', lang, '--out'], 1],
    ['required option', ['survey'], 1],
    ['survey spec', ['survey', '--spec', spec], 2],
  ];
}

test('zh output has no English prose and en output no Chinese, every command, outside the user\'s own texts', { timeout: 900_000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'spillover-lang-'));
  try {
    writeFileSync(join(tmp, 'firms.csv'), 'id,stratum,weight,employees,platform_staff\n1,small,40,8,3\n2,small,40,12,5\n3,small,40,5,5\n4,large,5,300,60\n5,large,5,120,40\n6,large,5,450,90\n');
    writeFileSync(join(tmp, 'firms.yaml'), "data: firms.csv\ndesign: {ids: '1', strata: stratum, weights: weight}\nestimates:\n  - {id: employees, total: employees}\n  - {id: platform_share, ratio: [platform_staff, employees]}\n");
    const firmFiles = [join(tmp, 'firms.yaml'), join(tmp, 'firms.csv')];
    const wechatFiles = [join(wechat, 'study.yaml'), join(wechat, 'published.yaml'), join(wechat, 'data/providers.csv'), join(wechat, 'data/consumers.csv')];
    // generate.ts writes the data's values (merchant sizes 小微, 中型, 大型): a zh reader may see them as
    // written. In en nothing of the voucher example's is excused: its study file names every city,
    // industry and size in English (transactions.names), so no Chinese is left but in figure ids.
    const voucherFiles = { zh: [join(vouchers, 'study.yaml'), join(vouchers, 'generate.ts')], en: [] };
    const found: string[] = [];
    for (const lang of ['zh', 'en'] as const) {
      const l = ['--lang', lang];
      const other = lang === 'zh' ? 'en' : 'zh';
      const scan = (name: string, text: string, files: string[]) => {
        const user = userTexts(files, other);
        for (const line of lang === 'zh' ? latinProse(text, user) : hanText(text, user)) found.push(`${lang} ${name}: ${line}`);
      };
      scan('run', cli(['run', ...l, '--out', join(tmp, `out-${lang}`), '--charts', 'none']), wechatFiles);
      scan('run vouchers', cli(['run', join(vouchers, 'study.yaml'), ...l, '--out', join(tmp, `v-${lang}`)]), voucherFiles[lang]);
      const checked0 = cli(['check', ...l]);
      scan('check', checked0, wechatFiles);
      // a source with brackets of its own is not put in brackets: no （…（…）…）
      if (lang === 'zh') assert.doesNotMatch(checked0.replace(/\n +/g, ''), /（[^（）]*（/);
      scan('check vouchers', cli(['check', join(vouchers, 'study.yaml'), ...l]), voucherFiles[lang]);
      // the readers' notes (here: the encoding chosen) in the run's language
      const auto = join(tmp, `auto-${lang}`);
      cpSync(wechat, auto, { recursive: true });
      writeFileSync(join(auto, 'study.yaml'), readFileSync(join(auto, 'study.yaml'), 'utf8').replace('    file: data/providers.csv\n    encoding: utf-8\n', '    file: data/providers.csv\n    encoding: auto\n'));
      const checked = cli(['check', join(auto, 'study.yaml'), ...l]);
      assert.match(checked, lang === 'zh' ? /providers: 编码自动识别：按 UTF-8 读取/ : /providers: encoding auto: read as utf-8/);
      scan('check (encoding auto)', checked, wechatFiles);
      scan('explain --list', cli(['explain', '--list', ...l]), wechatFiles);
      // explain, formulas and inputs included: these trees hold every figure of both examples (the
      // net total reaches every gross figure but the indicators, shares and value added).
      for (const id of ['net.jobs.total', 'share.providers', 'ratio.jobs_per_output', 'va.generated.domestic', 'indicator.non_east_mini_programs', 'indicator.remote_capable'])
        scan(`explain ${id}`, cli(['explain', id, ...l, '--wide']), wechatFiles);
      for (const id of ['voucher.leverage.reported', 'voucher.growth.reported', 'voucher.share.age.18-29', 'voucher.share.merchants.小微', 'voucher.mpc.lottery', 'voucher.pretrend.lottery', 'voucher.did.triple', 'voucher.multiplier.city'])
        scan(`explain ${id}`, cli(['explain', id, join(vouchers, 'study.yaml'), ...l, '--wide']), voucherFiles[lang]);
      scan('plan', cli(['plan', ...l, '--reps', '20']), wechatFiles);
      scan('io', cli(['io', 'builtin:china-io-2017-149', ...l]).split('\n').slice(0, 12).join('\n') + cli(['io', 'builtin:china-io-2017-149', ...l]).split('\n').slice(-3).join('\n'), []);
      scan('audit', cli(['audit', ...l]), wechatFiles);
      scan('survey', cli(['survey', '--spec', join(tmp, 'firms.yaml'), ...l]), firmFiles);
      scan('init', cli(['init', join(tmp, `init-${lang}`), ...l]), []);
      // errors: of the study file (bad study files) and of the command line (bad options, commander's own), stderr
      for (const [name, args, status] of errorCases(tmp, lang)) scan(`error: ${name}`, cli(args.includes('--lang') ? args : [...args, ...l], status), errorUserFiles(tmp, lang));
      // --help of the program and of every command
      for (const command of ['', 'run', 'check', 'explain', 'io', 'survey', 'audit', 'plan', 'serve', 'init', 'load']) scan(`help ${command}`, cli([...(command ? [command] : []), '--help', ...l]), []);
      // serve: its first line
      const server = spawn(process.execPath, [join(root, 'bin/spillover.js'), 'serve', '--port', '0', ...l], { cwd: root });
      const line = await new Promise<string>((resolve, reject) => {
        let text = '';
        server.stdout.on('data', (d: Buffer) => { text += d.toString(); if (text.includes('\n')) resolve(text); });
        server.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      server.kill('SIGTERM');
      scan('serve', line, wechatFiles);
    }
    assert.deepEqual(found, []);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the scan finds a stray string: an English phrase in zh, a Chinese word in en', () => {
  assert.deepEqual(latinProse('合计 2962.6 万个 (not computed)', ''), ['合计 2962.6 万个 (not computed)']);
  assert.deepEqual(latinProse('编号：jobs.providers.wecom · 区间：bootstrap-t；data/providers.csv，--wide', 'x'), []);
  assert.deepEqual(hanText('Total jobs 29.6 million jobs (万个)', '企业微信'), ['Total jobs 29.6 million jobs (万个)']);
  assert.deepEqual(hanText('Service providers (企业微信)', 'provider_type: 企业微信'), []);
  // A data value left untranslated in en fails; the same value inside a figure id does not.
  assert.deepEqual(hanText('Excess spending per yuan of subsidy (lottery, 杭州)', ''), ['Excess spending per yuan of subsidy (lottery, 杭州)']);
  assert.deepEqual(hanText('voucher.share.merchants.中型     14.4%', ''), []);
  // errors and --help: an English sentence left in a zh error or help line is found; names, options, quoted values and placeholders are not
  assert.deepEqual(latinProse('spillover: --port：expected an integer 0–65535, got "abc"', ''), ['spillover: --port：expected an integer 0–65535, got "abc"']);
  assert.deepEqual(latinProse('  --wide           every column on one line per row', ''), ['  --wide           every column on one line per row']);
  assert.deepEqual(latinProse("错误：未知的选项 '--wdie'\n用法： spillover run [选项] [study]\n  study   研究文件\n  -V, --version   显示版本号", ''), []);
  assert.deepEqual(latinProse('s.yaml:5：studdy：未知的键 "studdy"；是否要写 "study"？（可用的键：study, series, indicators）', 'studdy:'), []);
  assert.deepEqual(hanText('spillover: --port: 应为 0–65535 的整数', ''), ['spillover: --port: 应为 0–65535 的整数']);
  // explain's formula and input lines are scanned like any other: an English word in a zh formula fails.
  assert.deepEqual(latinProse('│     公式: 诱发产出 × jobs per yuan of output', ''), ['│     公式: 诱发产出 × jobs per yuan of output']);
  assert.deepEqual(latinProse('│     leakage = 0.05', ''), ['│     leakage = 0.05']);
  assert.deepEqual(latinProse('│     公式: Σ_c C_c × b_s(c), b_s = 1ᵀ[(I − A)⁻¹ − I]e_s', ''), []);
});
