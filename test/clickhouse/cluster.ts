// Test helper: a private two-shard ClickHouse cluster (scripts/clickhouse-cluster.sh) in a temp dir, with a random
// password and port base, stopped by stop(). When clickhouse-server is not installed, clusterOrSkip() returns null
// and prints a loud SKIP line (CI installs it, so the tests run there).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const SCRIPT = new URL('../../scripts/clickhouse-cluster.sh', import.meta.url).pathname;

export interface TestCluster {
  dir: string;
  url: string;
  /** HTTP URLs of shard 1 and shard 2 */
  shardUrls: [string, string];
  password: string;
  /** env holding the credentials under the names the sources use */
  env: NodeJS.ProcessEnv;
  stopShard(k: 1 | 2): void;
  stop(): void;
}

export function clickhouseInstalled(): boolean {
  return spawnSync('sh', ['-c', 'command -v clickhouse-server'], { stdio: 'ignore' }).status === 0;
}

export function clusterOrSkip(what: string): TestCluster | null {
  if (!clickhouseInstalled()) {
    console.error(`\n!!! SKIP ${what}: clickhouse-server is not installed (apt-get install clickhouse-server clickhouse-client) !!!\n`);
    return null;
  }
  return startCluster();
}

/** Starts the cluster on a port base derived from the pid; a base whose ports are taken is replaced (3 tries). */
export function startCluster(attempt = 0): TestCluster {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-ch-'));
  const password = `p'w;"${randomBytes(6).toString('hex')}`;
  const base = 20000 + ((process.pid * 37 + attempt * 101) % 400) * 100;
  const env = { ...process.env, SPILLOVER_CH_PASSWORD: password, SPILLOVER_CH_PORT_BASE: String(base) };
  let url: string;
  try {
    url = execFileSync(SCRIPT, ['start', dir], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    spawnSync(SCRIPT, ['stop', dir], { env, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
    if (attempt < 2) return startCluster(attempt + 1);
    throw e;
  }
  const shardUrls: [string, string] = [`http://127.0.0.1:${base + 10}`, `http://127.0.0.1:${base + 20}`];
  return {
    dir,
    url,
    shardUrls,
    password,
    env: { ...process.env, SPILLOVER_TEST_CH_USER: 'spillover', SPILLOVER_TEST_CH_PASSWORD: password },
    stopShard(k) {
      const pid = execFileSync('cat', [join(dir, `shard${k}`, 'pid')], { encoding: 'utf8' }).trim();
      spawnSync('kill', [pid]);
      for (let i = 0; i < 100 && spawnSync('kill', ['-0', pid], { stdio: 'ignore' }).status === 0; i++) spawnSync('sleep', ['0.1']);
    },
    stop() {
      spawnSync(SCRIPT, ['stop', dir], { env, stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** the built CLI (bin/spillover.js) in `cwd` with the test cluster's credentials in the environment (password overridable) */
export function cli(cluster: TestCluster, cwd: string, args: string[], password = cluster.password): { code: number; stderr: string; stdout: string } {
  const env = { ...process.env, NO_COLOR: '1', SPILLOVER_TEST_CH_USER: 'spillover', SPILLOVER_TEST_CH_PASSWORD: password };
  const r = spawnSync(process.execPath, [new URL('../../bin/spillover.js', import.meta.url).pathname, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status ?? -1, stderr: r.stderr, stdout: r.stdout };
}

/** every numeric leaf equal to 1e-9 relative, every other leaf equal, keys in `skip` ignored (paths listed on failure) */
export function sameFigures(a: unknown, b: unknown, path: string, diffs: string[], skip: string[] = []): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!(a === b || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)))) diffs.push(`${path}: ${a} vs ${b}`);
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!skip.includes(k)) sameFigures((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, diffs, skip);
  } else if (a !== b) diffs.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
}

/** The source fields of the test cluster (credentials by env variable name). */
export const TEST_SOURCE = { database: 'default', user_env: 'SPILLOVER_TEST_CH_USER', password_env: 'SPILLOVER_TEST_CH_PASSWORD' } as const;
