// spillover audit [FILE] [--json] [--strict] — internal consistency of a set of published figures.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Argument } from 'commander';
import { helpIn, consoleWidth, WIDE_HELP, type Register } from './register.ts';
import { packageRoot } from '../../data/packagePaths.ts';
import { commandLang, LANG_HELP, textTable, wrapLines } from '../format.ts';
import type { Lang } from '../../locale/index.ts';
import type { AuditStatus } from '../../study/audit/index.ts';
import { LocalizedError } from '../../locale/errorText.ts';

const DEFAULT_PUBLISHED = join(packageRoot, 'examples/wechat-2019/published.yaml');
const MARK: Record<AuditStatus, Record<Lang, string>> = { ok: { zh: '一致', en: 'ok' }, rounding: { zh: '舍入内一致', en: 'ok within rounding' }, fail: { zh: '不一致', en: 'FAIL' } };

export const register: Register = (program, setExitCode, lang) => {
  const h = helpIn(lang);
  program
    .command('audit')
    .description(h('核对公布指标的内部一致性（部分与合计、占比、增长率、年均复合增长率），允许其印出时的舍入（默认：原报告的 2019 年指标）。', 'Check published figures for internal consistency (parts vs totals, shares, growth rates, CAGR) allowing for their printed rounding (default: the original report\'s 2019 figures).'))
    .addArgument(new Argument('[file]', h('公布指标的 YAML 文件', 'published-figures YAML')).default(DEFAULT_PUBLISHED, h('自带示例的 published.yaml', 'the bundled example\'s published.yaml')))
    .option('--lang <lang>', LANG_HELP[lang])
    .option('--json', h('以 JSON 输出核对结果', 'print the report as JSON'))
    .option('--strict', h('有一项核对不一致时以代码 1 退出', 'exit with code 1 when a check fails'))
    .option('--wide', WIDE_HELP[lang])
    .action(async (file: string, opts: { lang?: string; json?: boolean; strict?: boolean; wide?: boolean }) => {
      const lang = commandLang(opts.lang);
      if (!existsSync(file)) throw new LocalizedError({ zh: `找不到公布指标文件：${file}`, en: `published-figures file not found: ${file}` });
      // The YAML parser and the checks load when the command runs (not for --help).
      const { parsePublished, audit } = await import('../../study/audit/index.ts');
      const report = audit(parsePublished(readFileSync(file, 'utf8'), file));
      if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const rows = report.results.map((r) => [MARK[r.status][lang], r.id, r.text[lang]]);
        const width = consoleWidth(opts);
        const say = (text: string) => process.stdout.write(`${wrapLines(text, width)}\n`);
        say(`${report.title[lang]}\n${report.source[lang]}\n`);
        process.stdout.write(`${textTable(lang === 'zh' ? ['结果', '检查', '发现'] : ['status', 'check', 'finding'], rows, [], { width, wrap: [1, 2] })}\n\n`);
        const c = report.counts;
        say(lang === 'zh' ? `共 ${report.results.length} 项检查：${c.ok} 项一致，${c.rounding} 项仅在舍入范围内一致，${c.fail} 项不一致。` : `${report.results.length} checks: ${c.ok} ok, ${c.rounding} ok only within rounding, ${c.fail} failed.`);
        if (report.unchecked.length) say(lang === 'zh' ? `未检查（本文件中没有可用来检验的关系）：${report.unchecked.join('、')}` : `Not checked (no relation in this file to test them against): ${report.unchecked.join(', ')}`);
      }
      if (opts.strict && report.counts.fail > 0) setExitCode(1);
    });
};
