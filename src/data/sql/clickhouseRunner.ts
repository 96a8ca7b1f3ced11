import type { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { clickhouseDialect } from './clickhouseDialect.ts';
import { SqlEngineError, type SqlRunner, type SqlValue } from './SqlRunner.ts';
import type { Label } from '../../locale/lang.ts';

/** Where a study reads a ClickHouse table (study.yaml `source: {clickhouse: …}`); credentials are NAMES of env variables. */
export interface ClickHouseSource {
  /** HTTP(S) URL of one server, e.g. http://127.0.0.1:8123 (no user or password in it) */
  url: string;
  database: string;
  table?: string;
  /** env variable holding the user name (default: user `default`) */
  user_env?: string;
  /** env variable holding the password (default: empty) */
  password_env?: string;
}

export interface ClickHouseRunner extends SqlRunner {
  /** the server, for messages: 'ClickHouse http://127.0.0.1:8123' (no credentials; `describe` adds the database) */
  readonly server: string;
  /** insert rows (objects keyed by column name) into a table (already quoted: dialect.table(…)) */
  insert(table: string, rows: Record<string, SqlValue>[]): Promise<void>;
  /** insert a stream of TabSeparated text (every column of the table, in its order) into a table (already quoted) */
  insertTsv(table: string, body: Readable): Promise<void>;
  /** the shards of a cluster (system.clusters) as 'shard N (host:port)', for messages */
  shards(cluster: string): Promise<{ shard: number; host: string; port: number }[]>;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMERIC = /^(Nullable\()?(U?Int\d+|Float\d+|Decimal)/;

/** Reads the env variables a source names; throws naming the variable (never its value). */
function credentials(src: ClickHouseSource, env: NodeJS.ProcessEnv): { username: string; password: string } {
  const read = (key: 'user_env' | 'password_env', fallback: string) => {
    const name = src[key];
    if (name === undefined) return fallback;
    if (!ENV_NAME.test(name)) {
      throw new SqlEngineError({
        zh: `ClickHouse 数据源：${key} 应为环境变量名（字母、数字、_），实际为 ${JSON.stringify(name)}`,
        en: `ClickHouse source: ${key} must name an environment variable (letters, digits, _), got ${JSON.stringify(name)}`,
      });
    }
    const v = env[name];
    if (v === undefined) throw new SqlEngineError({ zh: `ClickHouse 数据源：环境变量 ${name}（${key}）未设置`, en: `ClickHouse source: environment variable ${name} (${key}) is not set` });
    return v;
  };
  return { username: read('user_env', 'default'), password: read('password_env', '') };
}

/** Checks the URL: http(s), host and port, no credentials, no path tricks. Returns it without a trailing slash. */
export function checkClickHouseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SqlEngineError({
      zh: `ClickHouse 数据源：url ${JSON.stringify(url)} 不是网址（应形如 http://127.0.0.1:8123）`,
      en: `ClickHouse source: url ${JSON.stringify(url)} is not a URL (expected e.g. http://127.0.0.1:8123)`,
    });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new SqlEngineError({ zh: `ClickHouse 数据源：url 应以 http:// 或 https:// 开头，实际为 ${u.protocol}`, en: `ClickHouse source: url must be http:// or https://, got ${u.protocol}` });
  }
  if (u.username || u.password) {
    throw new SqlEngineError({
      zh: 'ClickHouse 数据源：url 里不能写用户名或密码；请在 user_env / password_env 中写环境变量名',
      en: 'ClickHouse source: url must not contain a user or password; name environment variables in user_env / password_env',
    });
  }
  if (u.search || u.hash) throw new SqlEngineError({ zh: 'ClickHouse 数据源：url 不能带查询字符串或片段（? 或 #）', en: 'ClickHouse source: url must not have a query string or fragment' });
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

/**
 * clickhouseRunner — a SqlRunner on a ClickHouse server (18.16+) over HTTP with `@clickhouse/client`. The user and
 * password come only from the environment variables the source names; they are never put in a message: an error
 * text is scrubbed of the password before it is shown, and authentication failures say which variables to check.
 * A connection failure inside a distributed query ("All connection tries failed … (127.0.0.1:18141)") becomes an
 * error naming that shard (its number from system.clusters when `cluster` is given).
 * Example: const ch = await clickhouseRunner({ url, database: 'default', user_env: 'CH_USER', password_env: 'CH_PASSWORD' });
 */
export async function clickhouseRunner(src: ClickHouseSource, options: { env?: NodeJS.ProcessEnv; cluster?: string } = {}): Promise<ClickHouseRunner> {
  const url = checkClickHouseUrl(src.url);
  const { username, password } = credentials(src, options.env ?? process.env);
  const where = `ClickHouse ${url}`;
  // loaded here, not with the module: a study on DuckDB does not load the client (≈ 30 ms of start-up)
  const { createClient, ClickHouseLogLevel } = await import('@clickhouse/client');
  const client: ClickHouseClient = createClient({
    url,
    username,
    password,
    database: src.database,
    request_timeout: 600_000,
    compression: { request: false, response: false },
    // long literal lists (rows left out as duplicates) fit: 64 MiB of query text instead of 256 KiB
    clickhouse_settings: { max_query_size: '67108864' },
    log: { level: ClickHouseLogLevel.OFF },
  });
  const scrub = (s: string) => (password.length >= 1 ? s.split(password).join('***') : s);
  let shardNames: Map<string, Label> | null = null;

  const explain = async (e: unknown): Promise<never> => {
    const err = e as Error & { code?: string };
    const text = scrub(String(err?.message ?? err)).replace(/, e\.what\(\) = DB::Exception\s*$/s, '').trim();
    if (err?.code === 'ECONNREFUSED' || err?.code === 'ECONNRESET' || err?.code === 'EHOSTUNREACH' || err?.code === 'ENOTFOUND') {
      throw new SqlEngineError({ zh: `${where}：无法连接（${err.code}）；服务器是否在运行？`, en: `${where}: cannot connect (${err.code}); is the server running?` }, url);
    }
    if (/Code: (192|193|516)\b|Wrong password|Unknown user|Authentication failed/i.test(text)) {
      const pw = src.password_env ? `$${src.password_env}` : 'password_env';
      throw new SqlEngineError({
        zh: `${where}：${src.user_env ? `$${src.user_env} 中的用户` : '用户 default '}身份验证失败；请检查 ${pw}（密码不会显示）`,
        en: `${where}: authentication failed for the user in ${src.user_env ? `$${src.user_env}` : 'user "default"'}; check ${pw} (the password is not shown)`,
      });
    }
    const shard = unreachableShard(text);
    if (shard) {
      const name = shardNames?.get(shard.hostPort) ?? { zh: shard.hostPort, en: shard.hostPort };
      const lost = shard.cause !== 'connection refused';
      throw new SqlEngineError(
        {
          zh: `${where}：${name.zh}无法访问（${/^Code/.test(shard.code) ? `${shard.code}：` : ''}${lost ? '查询途中连接中断' : '连接被拒绝'}）；没有结果`,
          en: `${where}: ${name.en} is unreachable (${shard.code}: ${shard.cause}); no results`,
        },
        name.en,
      );
    }
    const first = text.split('\n')[0];
    throw new SqlEngineError({ zh: `${where}：${first}`, en: `${where}: ${first}` });
  };

  const runner: ClickHouseRunner = {
    dialect: clickhouseDialect,
    describe: `${where}, database ${src.database}`,
    server: where,
    async query(sql) {
      try {
        const rs = await client.query({ query: sql, format: 'JSONCompact' });
        const json = (await rs.json()) as { meta: { name: string; type: string }[]; data: unknown[][] };
        const numeric = json.meta.map((m) => NUMERIC.test(m.type));
        return json.data.map((row) => row.map((v, i) => (v === null ? null : numeric[i] ? Number(v) : typeof v === 'string' ? v : String(v))));
      } catch (e) {
        return explain(e);
      }
    },
    async execute(sql) {
      try {
        await client.command({ query: sql });
      } catch (e) {
        await explain(e);
      }
    },
    async insert(table, rows) {
      if (rows.length === 0) return;
      try {
        await client.insert({ table, values: rows, format: 'JSONEachRow' });
      } catch (e) {
        await explain(e);
      }
    },
    async insertTsv(table, body) {
      try {
        await client.insert({ table, values: body, format: 'TabSeparated' });
      } catch (e) {
        await explain(e);
      }
    },
    async shards(cluster) {
      const rows = await runner.query(`SELECT shard_num, host_address, port FROM system.clusters WHERE cluster = ${clickhouseDialect.string(cluster)} ORDER BY shard_num`);
      return rows.map(([shard, host, port]) => ({ shard: Number(shard), host: String(host), port: Number(port) }));
    },
    async close() {
      await client.close();
    },
  };
  if (options.cluster !== undefined) {
    const list = await runner.shards(options.cluster);
    shardNames = new Map(list.map((s) => [`${s.host}:${s.port}`, { zh: `集群 ${options.cluster} 的第 ${s.shard} 个分片（${s.host}:${s.port}）`, en: `shard ${s.shard} (${s.host}:${s.port}) of cluster ${options.cluster}` }]));
  }
  return runner;
}

/**
 * The server (host:port) a ClickHouse error says could not be reached, and how: refused before the query
 * ("Connection refused (127.0.0.1:9001)", "All connection tries failed … (host:port)") or lost during it, when a
 * shard goes away mid-query and the initiator reads EOF or a reset ("Attempt to read after eof: while receiving
 * packet from 127.0.0.1:9001"). null for any other error.
 */
export function unreachableShard(text: string): { hostPort: string; code: string; cause: string } | null {
  const code = /Code: \d+/.exec(text)?.[0];
  const refused = /(Connection refused|All connection tries failed|Timeout exceeded while)[^]*?\(([0-9a-zA-Z.:\-\[\]]+):(\d+)\)/.exec(text);
  if (refused) return { hostPort: `${refused[2]}:${refused[3]}`, code: code ?? 'connection failed', cause: 'connection refused' };
  const lost = /(Attempt to read after eof|Connection reset|Broken pipe|Cannot read from socket)[^]*?(?:while receiving packet from |\()([0-9a-zA-Z.:\-\[\]]+):(\d+)/.exec(text);
  if (lost) return { hostPort: `${lost[2]}:${lost[3]}`, code: code ?? 'connection lost', cause: 'connection lost during the query' };
  return null;
}
