// spillover audit [FILE] [--json] [--strict] — internal consistency of a set of published figures.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Register } from './index.ts';
import { packageRoot } from '../paths.ts';
import { textTable } from '../format.ts';
import type { AuditStatus } from '../../study/audit.ts';

const DEFAULT_PUBLISHED = join(packageRoot, 'examples/wechat-2019/published.yaml');
const MARK: Record<AuditStatus, string> = { ok: 'ok', rounding: 'ok within rounding', fail: 'FAIL' };

export const register: Register = (program, setExitCode) => {
  program
    .command('audit')
    .description('Check published figures for internal consistency (parts vs totals, shares, growth rates, CAGR) allowing for their printed rounding (default: the seed report\'s 2019 figures).')
    .argument('[file]', 'published-figures YAML', DEFAULT_PUBLISHED)
    .option('--json', 'print the report as JSON')
    .option('--strict', 'exit with code 1 when a check fails')
    .action(async (file: string, opts: { json?: boolean; strict?: boolean }) => {
      if (!existsSync(file)) throw new Error(`published-figures file not found: ${file}`);
      // The YAML parser and the checks load when the command runs (not for --help).
      const [{ parsePublished }, { audit }] = await Promise.all([import('../../study/auditConfig.ts'), import('../../study/audit.ts')]);
      const report = audit(parsePublished(readFileSync(file, 'utf8'), file));
      if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const rows = report.results.map((r) => [MARK[r.status], r.id, r.message]);
        process.stdout.write(`${report.title}\n${report.source}\n\n${textTable(['status', 'check', 'finding'], rows)}\n\n`);
        const c = report.counts;
        process.stdout.write(`${report.results.length} checks: ${c.ok} ok, ${c.rounding} ok only within rounding, ${c.fail} failed.\n`);
        if (report.unchecked.length) process.stdout.write(`Not checked (no relation in this file to test them against): ${report.unchecked.join(', ')}\n`);
      }
      if (opts.strict && report.counts.fail > 0) setExitCode(1);
    });
};
