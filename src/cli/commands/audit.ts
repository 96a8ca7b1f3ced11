// spillover audit [FILE] [--json] [--strict] — internal consistency of a set of published figures.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Argument } from 'commander';
import { consoleWidth, WIDE_HELP, type Register } from './register.ts';
import { packageRoot } from '../../data/packagePaths.ts';
import { textTable, wrapLines } from '../format.ts';
import type { AuditStatus } from '../../study/audit/index.ts';

const DEFAULT_PUBLISHED = join(packageRoot, 'examples/wechat-2019/published.yaml');
const MARK: Record<AuditStatus, string> = { ok: 'ok', rounding: 'ok within rounding', fail: 'FAIL' };

export const register: Register = (program, setExitCode) => {
  program
    .command('audit')
    .description('Check published figures for internal consistency (parts vs totals, shares, growth rates, CAGR) allowing for their printed rounding (default: the original report\'s 2019 figures).')
    .addArgument(new Argument('[file]', 'published-figures YAML').default(DEFAULT_PUBLISHED, 'the bundled example\'s published.yaml'))
    .option('--json', 'print the report as JSON')
    .option('--strict', 'exit with code 1 when a check fails')
    .option('--wide', WIDE_HELP)
    .action(async (file: string, opts: { json?: boolean; strict?: boolean; wide?: boolean }) => {
      if (!existsSync(file)) throw new Error(`published-figures file not found: ${file}`);
      // The YAML parser and the checks load when the command runs (not for --help).
      const { parsePublished, audit } = await import('../../study/audit/index.ts');
      const report = audit(parsePublished(readFileSync(file, 'utf8'), file));
      if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const rows = report.results.map((r) => [MARK[r.status], r.id, r.message]);
        const width = consoleWidth(opts);
        const say = (text: string) => process.stdout.write(`${wrapLines(text, width)}\n`);
        say(`${report.title}\n${report.source}\n`);
        process.stdout.write(`${textTable(['status', 'check', 'finding'], rows, [], { width, wrap: [1, 2] })}\n\n`);
        const c = report.counts;
        say(`${report.results.length} checks: ${c.ok} ok, ${c.rounding} ok only within rounding, ${c.fail} failed.`);
        if (report.unchecked.length) say(`Not checked (no relation in this file to test them against): ${report.unchecked.join(', ')}`);
      }
      if (opts.strict && report.counts.fail > 0) setExitCode(1);
    });
};
