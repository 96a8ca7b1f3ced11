// spillover load [study.yaml] --url URL [--shard URL …] [--cluster NAME] [--database DB] [--user-env NAME]
//   [--password-env NAME] [--prefix P] [--replace] [--study-out FILE]
// Copies the study's questionnaire files (one table each) and its transactions and lottery applicant lists into
// ClickHouse tables, so the same study can run on a server or a cluster: `source: {clickhouse: …}` in study.yaml
// (--study-out writes that study file).
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { helpIn, studyArgument, type Register } from './register.ts';
import { commandLang, LANG_HELP } from '../format.ts';
import { LocalizedError } from '../../locale/errorText.ts';

interface LoadOptions {
  url: string;
  shard: string[];
  cluster?: string;
  database: string;
  userEnv?: string;
  passwordEnv?: string;
  prefix: string;
  replace?: boolean;
  quiet?: boolean;
  studyOut?: string;
  only: string[];
  lang?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export const register: Register = (program, _setExitCode, lang) => {
  const h = helpIn(lang);
  program
    .command('load')
    .description(h('把研究的问卷文件、交易数据和申领者名单载入 ClickHouse 表（加上行号，分布到各分片），供 `source: {clickhouse: …}` 使用。', 'Load a study\'s questionnaire files, transactions and applicant lists into ClickHouse tables (row numbers added, split across shards), for `source: {clickhouse: …}`.'))
    .addArgument(studyArgument(lang))
    .requiredOption('--url <url>', h('研究将查询的服务器的 HTTP 网址（有 --shard 时：其中一个分片）', 'HTTP URL of the server the study will query (with --shard: one of the shards)'))
    .option('--shard <url>', h('一个分片的 HTTP 网址，按集群 remote_servers 中的顺序（可重复；默认：只用 --url）', 'HTTP URL of a shard, in the order of the cluster\'s remote_servers (repeat; default: only --url)'), collect, [])
    .option('--cluster <name>', h('各分片所在的 remote_servers 集群（两个及以上 --shard 时需要）', 'remote_servers cluster of the shards (needed with two or more --shard)'))
    .option('--database <name>', h('数据库（不存在时创建）', 'database (created when missing)'), 'spillover')
    .option('--user-env <name>', h('存放用户名的环境变量', 'environment variable holding the user name'))
    .option('--password-env <name>', h('存放密码的环境变量', 'environment variable holding the password'))
    .option('--prefix <text>', h('表名前缀（表：`<前缀><问卷键>`、`<前缀>transactions`、`<前缀>applicants[_N]`）', 'table name prefix (tables: <prefix><questionnaire key>, <prefix>transactions, <prefix>applicants[_N])'), '')
    .option('--only <key>', h('只载入这份问卷，或 `transactions`（可重复）', 'load only this questionnaire, or transactions (repeat)'), collect, [])
    .option('--replace', h('删除并重建已有的表', 'drop and recreate tables that exist'))
    .option('--quiet', h('终端上不显示进度行', 'no progress line on the terminal'))
    .option('--study-out <file>', h('写一份改为读取已载入表的研究文件副本（放在研究文件旁：其中的路径仍然有效）', 'write a copy of the study file that reads the loaded tables (beside the study file: its paths stay valid)'))
    .option('--lang <lang>', LANG_HELP[lang])
    .action(async (study: string, opts: LoadOptions) => {
      const [{ fieldSpecs }, data, { parseDocument, stringify }, { writeFileSync, renameSync }, vouchers, { wrapLines }] = await Promise.all([
        import('../../study/inputs/index.ts'),
        import('../../data/index.ts'),
        import('../../study/config/yaml.ts'),
        import('node:fs'),
        import('../runVouchers.ts'),
        import('../fitTable.ts'),
      ]);
      const lang = commandLang(opts.lang);
      const zh = lang === 'zh';
      const path = resolve(study);
      const text = readFileSync(path, 'utf8');
      const sections = vouchers.studySections(text);
      const s = sections.questionnaires || !sections.transactions ? data.readStudy(study) : null;
      const tx = sections.transactions ? (await import('../../study/vouchers/config.ts')).parseTransactions(text, study) : null;
      const questionnaires = s?.config.questionnaires ?? {};
      const shardUrls = opts.shard.length > 0 ? opts.shard : [opts.url];
      if (shardUrls.length > 1 && !opts.cluster) throw new LocalizedError({ zh: '两个及以上 --shard 时需要 --cluster（集群在 remote_servers 中的名称）', en: '--cluster is needed with two or more --shard (the remote_servers name of the cluster)' });
      const creds = { database: opts.database, ...(opts.userEnv ? { user_env: opts.userEnv } : {}), ...(opts.passwordEnv ? { password_env: opts.passwordEnv } : {}) };
      const keys = Object.keys(questionnaires).filter((k) => opts.only.length === 0 || opts.only.includes(k));
      for (const k of opts.only) if (!questionnaires[k] && !(k === 'transactions' && tx)) {
        const defined = [...Object.keys(questionnaires), ...(tx ? ['transactions'] : [])];
        throw new LocalizedError({ zh: `--only ${k}：${study} 中没有问卷"${k}"；已定义：${defined.join('、')}`, en: `--only ${k}: no questionnaire "${k}" in ${study}; defined: ${defined.join(', ')}` });
      }
      // connected to `default`: the target database may not exist yet (every table name is qualified)
      const shards = await Promise.all(shardUrls.map((url) => data.clickhouseRunner({ url, ...creds, database: 'default' })));
      const db = await data.openDatabase();
      // On a terminal: each file read, then its rows copied (count of total, rate, ETA), one line redrawn.
      const { createProgress } = await import('../progress.ts');
      const progress = createProgress({ quiet: opts.quiet });
      let step = '';
      const enter = (label: string, begin: () => void) => {
        if (label !== step) begin();
        step = label;
      };
      const source = (table: string) => ({ url: opts.url, database: opts.database, table, ...(opts.cluster ? { cluster: opts.cluster } : {}), ...(opts.userEnv ? { user_env: opts.userEnv } : {}), ...(opts.passwordEnv ? { password_env: opts.passwordEnv } : {}) });
      const target = (key: string, table: string) => ({
        shards,
        database: opts.database,
        table,
        ...(opts.cluster ? { cluster: opts.cluster } : {}),
        replace: opts.replace === true,
        ...(progress.active ? {
          onProgress: (n: number, total: number) => {
            const label = `${key} → ${opts.database}.${table}`;
            const rowsWord = zh ? '行' : 'rows';
            enter(label, () => (Number.isFinite(total) ? progress.step(label, total, rowsWord) : progress.step(label, 1, '', rowsWord)));
            if (Number.isFinite(total)) progress.set(n);
            else progress.set(NaN, n);
          },
        } : {}),
      });
      const report = (key: string, file: string, table: string, t0: number, rows: number, columns: number, extra = '') => {
        progress.done();
        step = '';
        const s = ((performance.now() - t0) / 1000).toFixed(1);
        process.stdout.write(`${wrapLines(zh
          ? `${key}：${file} → ${opts.database}.${table}（${rows} 行，${columns} 列${extra}${shards.length > 1 ? `，${shards.length} 个分片` : ''}，用时 ${s} 秒）`
          : `${key}: ${file} → ${opts.database}.${table} (${rows} rows, ${columns} columns${extra}${shards.length > 1 ? `, ${shards.length} shards` : ''}) in ${s} s`)}\n`);
      };
      const sources: Record<string, Record<string, string>> = {};
      /** transactions: the table; applicants: programme index → table */
      let txTable: string | null = null;
      const applicantTables = new Map<number, string>();
      try {
        for (const key of keys) {
          const q = questionnaires[key];
          if (q.source) {
            process.stderr.write(zh ? `${key}：已是 ClickHouse 数据源（${q.file}），跳过\n` : `${key}: already a ClickHouse source (${q.file}); skipped\n`);
            continue;
          }
          const file = data.resolveStudyPath(s!.dir, q.file, `${q.yamlPath}.file`, s!.config.source);
          fieldSpecs(s!.config, key); // the mapping is checked before anything is copied
          const table = `${opts.prefix}${key}`;
          const onRead = progress.active ? (share: number, rows: number) => {
            const label = `${zh ? '读取' : 'reading'} ${q.file}`;
            enter(label, () => progress.step(label, 1, '', zh ? '行' : 'rows'));
            progress.set(share, rows);
          } : undefined;
          const spec = { key, file, displayPath: q.file, yamlPath: q.yamlPath, encoding: q.encoding, sheet: q.sheet, skipRows: q.skipRows, id: q.id, columns: {}, rules: [], ...(onRead ? { onRead } : {}) };
          const t0 = performance.now();
          const r = await data.loadToClickHouse(db, spec, target(key, table));
          report(key, q.file, table, t0, r.rows, r.columns.length, r.blankRows ? (zh ? `，${r.blankRows} 个空行未复制` : `, ${r.blankRows} blank rows not copied`) : '');
          sources[key] = source(table);
        }
        if (tx && (opts.only.length === 0 || opts.only.includes('transactions'))) {
          if (tx.source) process.stderr.write(zh ? `transactions：已是 ClickHouse 数据源（${tx.files}），跳过\n` : `transactions: already a ClickHouse source (${tx.files}); skipped\n`);
          else {
            const dir = dirname(path);
            txTable = `${opts.prefix}transactions`;
            const t0 = performance.now();
            const r = await data.loadTransactionsToClickHouse(db, tx, dir, target('transactions', txTable));
            report('transactions', tx.files, txTable, t0, r.rows, r.columns.length);
            const lotteries = tx.programmes.map((p, i) => [p, i] as const).filter(([p]) => p.applicants);
            for (const [n, [p, i]] of lotteries.entries()) {
              const a = p.applicants!;
              const table = `${opts.prefix}applicants${lotteries.length > 1 ? `_${n + 1}` : ''}`;
              const file = data.confinePath(dir, a.file, tx.where[`${a.yamlPath}.file`] ?? `${a.yamlPath}.file`);
              const t1 = performance.now();
              const spec = { key: `${a.yamlPath}`, file, displayPath: a.file, yamlPath: a.yamlPath, id: a.payer, columns: {}, rules: [] };
              const r2 = await data.loadToClickHouse(db, spec, target(a.yamlPath, table));
              report(zh ? `${p.city} 申请人名单` : `${p.city} applicants`, a.file, table, t1, r2.rows, r2.columns.length);
              applicantTables.set(i, table);
            }
          }
        }
      } finally {
        progress.done();
        db.close();
        await Promise.all(shards.map((r) => r.close()));
      }
      const loaded = Object.keys(sources).length > 0 || txTable !== null;
      if (opts.studyOut) {
        const out = resolve(opts.studyOut);
        if (dirname(out) !== dirname(path)) throw new LocalizedError({ zh: `--study-out 必须在研究文件所在的文件夹（${dirname(path)}）中，其中的路径才仍然有效`, en: `--study-out must be in the study's folder (${dirname(path)}) so its paths stay valid` });
        if (out === path) throw new LocalizedError({ zh: '--study-out 不能覆盖研究文件本身', en: '--study-out must not overwrite the study file' });
        const doc = parseDocument(text);
        for (const [key, src] of Object.entries(sources)) {
          for (const k of ['file', 'encoding', 'sheet', 'skip_rows']) doc.deleteIn(['questionnaires', key, k]);
          doc.setIn(['questionnaires', key, 'source'], doc.createNode({ clickhouse: src }, { flow: true }));
        }
        if (txTable !== null) {
          doc.deleteIn(['transactions', 'format']);
          doc.deleteIn(['transactions', 'files']);
          doc.setIn(['transactions', 'source'], doc.createNode({ clickhouse: source(txTable) }, { flow: true }));
          for (const [i, table] of applicantTables) {
            doc.deleteIn(['transactions', 'programmes', i, 'applicants', 'file']);
            doc.setIn(['transactions', 'programmes', i, 'applicants', 'table'], table);
          }
        }
        const tmp = `${out}.${process.pid}.tmp`;
        writeFileSync(tmp, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
        renameSync(tmp, out);
        process.stdout.write(`${zh ? '读取这些表的研究文件：' : 'study file reading the tables: '}${relative(process.cwd(), out) || out}\n`);
      } else if (loaded) {
        const block = (v: unknown, indent: string) => stringify(v).trimEnd().split('\n').map((l) => indent + l).join('\n');
        const parts = Object.entries(sources).map(([k, v]) => `${zh ? `questionnaires.${k}：把 file（及 encoding、sheet、skip_rows）换成` : `questionnaires.${k}: replace file (encoding, sheet, skip_rows) with`}\n${block({ source: { clickhouse: v } }, '  ')}`);
        if (txTable !== null) {
          parts.push(`${zh ? 'transactions：把 files（及 format）换成' : 'transactions: replace files (and format) with'}\n${block({ source: { clickhouse: source(txTable) } }, '  ')}`);
          for (const [i, table] of applicantTables) parts.push(`${zh ? `transactions.programmes[${i}].applicants：把 file 换成` : `transactions.programmes[${i}].applicants: replace file with`}\n  table: ${table}`);
        }
        process.stdout.write(zh
          ? `\n在 study.yaml 中（或用 --study-out FILE 写出这样的研究文件）：\n${parts.join('\n')}\n`
          : `\nIn study.yaml (or let --study-out FILE write that study file):\n${parts.join('\n')}\n`);
      }
    });
};
