// spillover load [study.yaml] --url URL [--shard URL …] [--cluster NAME] [--database DB] [--user-env NAME]
//   [--password-env NAME] [--prefix P] [--replace] [--study-out FILE]
// Copies the study's questionnaire files into ClickHouse tables (one per questionnaire), so the same study can run
// on a server or a cluster: `source: {clickhouse: …}` in study.yaml (--study-out writes that study file).
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Register } from './register.ts';
import { DEFAULT_STUDY } from '../../data/packagePaths.ts';

interface LoadOptions {
  url: string;
  shard: string[];
  cluster?: string;
  database: string;
  userEnv?: string;
  passwordEnv?: string;
  prefix: string;
  replace?: boolean;
  studyOut?: string;
  only: string[];
}

const collect = (v: string, prev: string[]) => [...prev, v];

export const register: Register = (program) => {
  program
    .command('load')
    .description('Load a study\'s questionnaire files into ClickHouse tables (text cells and row numbers, split across shards), for `source: {clickhouse: …}`.')
    .argument('[study]', 'study file', DEFAULT_STUDY)
    .requiredOption('--url <url>', 'HTTP URL of the server the study will query (with --shard: one of the shards)')
    .option('--shard <url>', 'HTTP URL of a shard, in the order of the cluster\'s remote_servers (repeat; default: only --url)', collect, [])
    .option('--cluster <name>', 'remote_servers cluster of the shards (needed with two or more --shard)')
    .option('--database <name>', 'database (created when missing)', 'spillover')
    .option('--user-env <name>', 'environment variable holding the user name')
    .option('--password-env <name>', 'environment variable holding the password')
    .option('--prefix <text>', 'table name prefix (tables are named <prefix><questionnaire key>)', '')
    .option('--only <key>', 'load only this questionnaire (repeat)', collect, [])
    .option('--replace', 'drop and recreate tables that exist')
    .option('--study-out <file>', 'write a copy of the study file that reads the loaded tables (beside the study file: its paths stay valid)')
    .action(async (study: string, opts: LoadOptions) => {
      const [{ fieldSpecs }, data, { parseDocument }, { writeFileSync, renameSync }] = await Promise.all([
        import('../../study/inputs/index.ts'),
        import('../../data/index.ts'),
        import('yaml'),
        import('node:fs'),
      ]);
      const s = data.readStudy(study);
      const { config } = s;
      const shardUrls = opts.shard.length > 0 ? opts.shard : [opts.url];
      if (shardUrls.length > 1 && !opts.cluster) throw new Error('--cluster is needed with two or more --shard (the remote_servers name of the cluster)');
      const creds = { database: opts.database, ...(opts.userEnv ? { user_env: opts.userEnv } : {}), ...(opts.passwordEnv ? { password_env: opts.passwordEnv } : {}) };
      const keys = Object.keys(config.questionnaires).filter((k) => opts.only.length === 0 || opts.only.includes(k));
      for (const k of opts.only) if (!config.questionnaires[k]) throw new Error(`--only ${k}: no questionnaire "${k}" in ${study}; defined: ${Object.keys(config.questionnaires).join(', ')}`);
      // connected to `default`: the target database may not exist yet (every table name is qualified)
      const shards = await Promise.all(shardUrls.map((url) => data.clickhouseRunner({ url, ...creds, database: 'default' })));
      const db = await data.openDatabase();
      const tty = process.stderr.isTTY;
      const sources: Record<string, Record<string, string>> = {};
      try {
        for (const key of keys) {
          const q = config.questionnaires[key];
          if (q.source) {
            process.stderr.write(`${key}: already a ClickHouse source (${q.file}); skipped\n`);
            continue;
          }
          const file = data.resolveStudyPath(s.dir, q.file, `${q.yamlPath}.file`, config.source);
          fieldSpecs(config, key); // the mapping is checked before anything is copied
          const table = `${opts.prefix}${key}`;
          const spec = { key, file, displayPath: q.file, yamlPath: q.yamlPath, encoding: q.encoding, sheet: q.sheet, skipRows: q.skipRows, id: q.id, columns: {}, rules: [] };
          const t0 = performance.now();
          const r = await data.loadToClickHouse(db, spec, {
            shards,
            database: opts.database,
            table,
            ...(opts.cluster ? { cluster: opts.cluster } : {}),
            replace: opts.replace === true,
            onProgress: (n) => {
              if (tty) process.stderr.write(`\r${key}: ${n.toLocaleString('en')} rows`);
            },
          });
          if (tty) process.stderr.write('\r\x1b[K');
          process.stdout.write(
            `${key}: ${q.file} → ${opts.database}.${table} (${r.rows} rows, ${r.columns.length} columns${r.blankRows ? `, ${r.blankRows} blank rows not copied` : ''}${shards.length > 1 ? `, ${shards.length} shards` : ''}) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
          );
          sources[key] = { url: opts.url, database: opts.database, table, ...(opts.cluster ? { cluster: opts.cluster } : {}), ...(opts.userEnv ? { user_env: opts.userEnv } : {}), ...(opts.passwordEnv ? { password_env: opts.passwordEnv } : {}) };
        }
      } finally {
        db.close();
        await Promise.all(shards.map((r) => r.close()));
      }
      if (opts.studyOut) {
        const out = resolve(opts.studyOut);
        if (dirname(out) !== s.dir) throw new Error(`--study-out must be in the study's folder (${s.dir}) so its paths stay valid`);
        if (out === s.path) throw new Error('--study-out must not overwrite the study file');
        const doc = parseDocument(readFileSync(s.path, 'utf8'));
        for (const [key, src] of Object.entries(sources)) {
          for (const k of ['file', 'encoding', 'sheet', 'skip_rows']) doc.deleteIn(['questionnaires', key, k]);
          doc.setIn(['questionnaires', key, 'source'], doc.createNode({ clickhouse: src }, { flow: true }));
        }
        const tmp = `${out}.${process.pid}.tmp`;
        writeFileSync(tmp, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
        renameSync(tmp, out);
        process.stdout.write(`study file reading the tables: ${relative(process.cwd(), out) || out}\n`);
      } else if (Object.keys(sources).length > 0) {
        process.stdout.write(`\nIn study.yaml, replace each questionnaire's file with:\n${Object.entries(sources).map(([k, v]) => `  ${k}:\n    source: {clickhouse: ${JSON.stringify(v).replace(/"([a-z_]+)":/g, '$1: ')}}`).join('\n')}\n`);
      }
    });
};
