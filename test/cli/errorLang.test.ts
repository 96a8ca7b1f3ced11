// The CLI prints an error in the command's language: --lang, else SPILLOVER_LANG, else the locale —
// also for an error raised before (or while) the options are read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { argvLang } from '../../src/cli/format.ts';

const root = new URL('../..', import.meta.url).pathname;

function cli(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  for (const k of ['LANG', 'LC_ALL', 'LC_MESSAGES', 'SPILLOVER_LANG']) delete base[k];
  const r = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...base, ...env } });
  return { status: r.status, stderr: r.stderr };
}

test('argvLang: --lang X or --lang=X when zh or en, else SPILLOVER_LANG, else the locale, else en; never fails', () => {
  assert.equal(argvLang(['node', 's', 'run', '--lang', 'zh'], {}), 'zh');
  assert.equal(argvLang(['node', 's', 'run', '--lang=en'], { LANG: 'zh_CN.UTF-8' }), 'en');
  assert.equal(argvLang(['node', 's', 'run', '--lang', 'fr'], { SPILLOVER_LANG: 'zh' }), 'zh');
  assert.equal(argvLang(['node', 's', 'run'], { LC_ALL: 'zh_CN.UTF-8' }), 'zh');
  assert.equal(argvLang(['node', 's', 'run'], { SPILLOVER_LANG: 'fr', LANG: 'zh_CN.UTF-8' }), 'zh');
  assert.equal(argvLang(['node', 's', 'run'], { SPILLOVER_LANG: 'fr' }), 'en');
  assert.equal(argvLang(['node', 's', 'run', '--', '--lang', 'zh'], {}), 'en');
});

test('a missing study file: zh under --lang zh, en under --lang en, the environment\'s language without --lang', () => {
  const zh = cli(['check', 'nope.yaml', '--lang', 'zh']);
  assert.equal(zh.status, 2);
  assert.equal(zh.stderr, 'spillover: 找不到研究文件：nope.yaml\n');
  const en = cli(['check', 'nope.yaml', '--lang', 'en'], { SPILLOVER_LANG: 'zh' });
  assert.equal(en.stderr, 'spillover: study file not found: nope.yaml\n');
  assert.equal(cli(['check', 'nope.yaml'], { SPILLOVER_LANG: 'zh' }).stderr, 'spillover: 找不到研究文件：nope.yaml\n');
  assert.equal(cli(['check', 'nope.yaml'], { LANG: 'zh_CN.UTF-8' }).stderr, 'spillover: 找不到研究文件：nope.yaml\n');
  assert.equal(cli(['check', 'nope.yaml'], { LANG: 'C.UTF-8' }).stderr, 'spillover: study file not found: nope.yaml\n');
});

test('an error in the --lang value itself is in the environment\'s language', () => {
  assert.equal(cli(['check', '--lang', 'fr'], { SPILLOVER_LANG: 'zh' }).stderr, 'spillover: --lang：应为 zh 或 en，而不是 "fr"\n');
  assert.equal(cli(['check', '--lang', 'fr'], { LANG: 'C' }).stderr, 'spillover: --lang: expected zh or en, got "fr"\n');
  // SPILLOVER_LANG itself wrong: the locale decides the words
  assert.equal(cli(['check'], { SPILLOVER_LANG: 'fr', LANG: 'zh_CN.UTF-8' }).stderr, 'spillover: SPILLOVER_LANG：应为 zh 或 en，而不是 "fr"\n');
  assert.equal(cli(['check'], { SPILLOVER_LANG: 'fr', LANG: 'C' }).stderr, 'spillover: SPILLOVER_LANG: expected zh or en, got "fr"\n');
});

test('commander\'s own errors and --help in the command line\'s language', () => {
  const unknown = cli(['run', '--wdie'], { SPILLOVER_LANG: 'zh' });
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /^错误：未知的选项 '--wdie'\n（是否要用 --wide？）\n\n用法： spillover run \[选项\] \[study\]/);
  assert.match(cli(['run', '--wdie', '--lang', 'en'], { SPILLOVER_LANG: 'zh' }).stderr, /^error: unknown option '--wdie'\n\(Did you mean --wide\?\)\n\nUsage: spillover run \[options\] \[study\]/);
  assert.match(cli(['rn'], { LANG: 'zh_CN.UTF-8' }).stderr, /^错误：未知的命令 'rn'\n（是否要用 run？）/);
  assert.match(cli(['explain', 'a', 'b', 'c', '--lang=zh']).stderr, /^错误：explain 的参数太多：应有 2 个，实有 3 个。/);
  assert.match(cli(['init', '--lang', 'zh']).stderr, /^错误：缺少必需的参数 'dir'/);
  const help = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), 'plan', '--help', '--lang', 'zh'], { encoding: 'utf8' }).stdout;
  assert.match(help, /^用法： spillover plan \[选项\] \[study\]\n\n规划下一次调查/);
  assert.match(help, /--seed <n> +随机数种子（同一种子，同一输出）（默认："1"）/);
});

test('commanderZh and wrapChinese: the words, and lines that never start with closing punctuation', async () => {
  const { commanderZh, wrapChinese } = await import('../../src/cli/commanderWords.ts');
  assert.equal(commanderZh('commander.unknownOption', "error: unknown option '--x'\n(Did you mean one of --a, --b?)"), "错误：未知的选项 '--x'\n（是否要用 --a, --b？）");
  assert.equal(commanderZh('commander.optionMissingArgument', "error: option '--out <dir>' argument missing"), "错误：选项 '--out <dir>' 缺少取值");
  assert.equal(commanderZh('commander.helpDisplayed', '(outputHelp)'), null);
  assert.deepEqual(wrapChinese('以 JSON 输出结果。', 12), ['以 JSON 输出', '结果。']);
  for (const line of wrapChinese('规划下一次调查：按组成部分给出置信区间半宽与样本量的关系（预测值，以及模拟值），以及 Neyman 分配。', 20).slice(1)) assert.doesNotMatch(line, /^[，。；：、）]/);
});
