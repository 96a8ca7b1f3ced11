// The package as users get it: `npm pack` (prepack builds dist/), then `npm i -g` of the tarball
// into a temporary prefix. The installed `spillover` runs compiled JavaScript: no TypeScript
// compiler, loader or bundler is installed with it, nor the packages bundled into dist/ (yaml,
// commander, iconv-lite, ajv, DuckDB's JavaScript API, echarts), and --version, run and serve work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const npm = (args: string[], cwd: string) => spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });

test('npm pack → npm i -g --prefix TMP: spillover --version, run and serve from compiled JavaScript', { timeout: 300_000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'spillover-pack-'));
  try {
    const manifestBefore = readFileSync(join(root, 'package.json'), 'utf8');
    const packed = npm(['pack', '--pack-destination', tmp], root);
    assert.equal(packed.status, 0, packed.stderr);
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
    const tgz = join(tmp, `spillover-${version}.tgz`);
    const listing = spawnSync('tar', ['tzf', tgz], { encoding: 'utf8' }).stdout.split('\n');
    for (const f of ['package/bin/spillover.js', 'package/dist/main.js', 'package/dist/luThreadWorker.js', 'package/dist/THIRD-PARTY-LICENSES.txt', 'package/dist/web/app.js', 'package/dist/web/worker.js', 'package/npm-shrinkwrap.json', 'package/examples/wechat-2019/study.yaml']) {
      assert.ok(listing.includes(f), `${f} in the tarball`);
    }
    assert.deepEqual(listing.filter((f) => /^package\/(src|test|bench)\/|\.ts$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('package/examples/')), [], 'no TypeScript sources');
    assert.equal(existsSync(join(root, 'npm-shrinkwrap.json')), false, 'postpack removed the shrinkwrap copy');
    assert.deepEqual(listing.filter((f) => f.startsWith('package/scripts/')), [], 'no build scripts');
    // The packed manifest has no scripts: dist/ is built, and a `prepare` would be an install script npm asks to allow.
    const packedManifest = JSON.parse(spawnSync('tar', ['xzOf', tgz, 'package/package.json'], { encoding: 'utf8' }).stdout) as Record<string, unknown>;
    assert.equal(packedManifest.scripts, undefined, 'the tarball\'s package.json has no scripts');
    assert.equal(readFileSync(join(root, 'package.json'), 'utf8'), manifestBefore, 'postpack put package.json back byte for byte');
    assert.equal(existsSync(join(root, 'package.json.packing')), false, 'postpack removed its copy of package.json');

    const prefix = join(tmp, 'prefix');
    // From the npm cache when it holds the dependencies (npm ci filled it), else from the registry.
    const installed = npm(['i', '-g', '--prefix', prefix, '--prefer-offline', tgz], tmp);
    assert.equal(installed.status, 0, installed.stderr);
    const installedDir = join(prefix, 'lib/node_modules/spillover');
    const modulesDir = join(installedDir, 'node_modules');
    const modules = readdirSync(modulesDir).flatMap((n) => (n.startsWith('@') ? readdirSync(join(modulesDir, n)).map((m) => `${n}/${m}`) : [n]));
    // The packages bundled into dist/ (its licence file lists them) are devDependencies: not installed, and not needed
    // by --version, run and serve below.
    const bundled = [...readFileSync(join(installedDir, 'dist/THIRD-PARTY-LICENSES.txt'), 'utf8').matchAll(/^(\S+) \d\S* \([^)\n]+\)$/gm)].map((m) => m[1]);
    for (const name of ['yaml', 'commander', 'iconv-lite', 'ajv', '@duckdb/node-api', 'echarts']) assert.ok(bundled.includes(name), `${name} is listed in THIRD-PARTY-LICENSES.txt`);
    const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    for (const name of bundled) assert.ok(!(name in dependencies), `${name} is bundled, so not a dependency`);
    for (const name of ['tsx', 'typescript', 'esbuild', ...bundled]) assert.ok(!modules.includes(name), `${name} is not installed with the package`);
    assert.ok(modules.includes('@duckdb/node-bindings'), "DuckDB's native binding is installed");

    const bin = join(prefix, 'bin/spillover');
    const work = join(tmp, 'work');
    mkdirSync(work);
    const env = { ...process.env, PATH: `${join(prefix, 'bin')}:/usr/bin:/bin`, NODE_OPTIONS: '' };
    const v = spawnSync(bin, ['--version'], { cwd: work, encoding: 'utf8', env });
    assert.equal(v.status, 0, v.stderr);
    assert.equal(v.stdout.trim(), version);

    const run = spawnSync('spillover', ['run', '--lang', 'en'], { cwd: work, encoding: 'utf8', env, timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    const out = join(work, 'out/wechat-2019');
    for (const f of ['results.json', 'report.html', 'tables.xlsx', 'figures.csv']) assert.ok(existsSync(join(out, f)), f);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    // The bundled example's headline figure, as the repository's own run gives it.
    assert.ok(results.figures['jobs.total'].value > 2.9e7 && results.figures['jobs.total'].value < 3.0e7, String(results.figures['jobs.total'].value));

    // The dashboard's client is the prebuilt dist/web bundle (no esbuild at run time).
    const server = spawn('spillover', ['serve', '--port', '0'], { cwd: work, env });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        server.stdout.on('data', (d: Buffer) => {
          text += d.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
          if (m) resolve(m[1]);
        });
        server.stderr.on('data', (d: Buffer) => { text += d.toString(); });
        server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${text}`)));
      });
      const app = await fetch(`${url}app.js`);
      assert.equal(app.status, 200);
      assert.equal(await app.text(), readFileSync(join(prefix, 'lib/node_modules/spillover/dist/web/app.js'), 'utf8'));
    } finally {
      server.kill('SIGTERM');
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('bin/spillover.js without dist/: a message saying how to build, exit code 2', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'spillover-nodist-'));
  try {
    mkdirSync(join(tmp, 'bin'));
    writeFileSync(join(tmp, 'bin/spillover.js'), readFileSync(join(root, 'bin/spillover.js')));
    writeFileSync(join(tmp, 'package.json'), '{"type":"module"}');
    const r = spawnSync(process.execPath, [join(tmp, 'bin/spillover.js'), '--version'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /dist\/main\.js is missing: the command is not built\.\n {2}In a clone of the repository, run `npm ci` \(or `npm run build`\)/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('scripts/pack.mjs: the packed manifest without scripts, package.json put back byte for byte, a stopped pack undone', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'spillover-packjs-'));
  try {
    mkdirSync(join(tmp, 'scripts'));
    writeFileSync(join(tmp, 'scripts/pack.mjs'), readFileSync(join(root, 'scripts/pack.mjs')));
    const original = '{\n    "name": "x",  "version": "1.0.0",\n  "scripts": {"prepare": "node scripts/build.mjs"},\n  "files": ["dist/"]\n}\n';
    writeFileSync(join(tmp, 'package.json'), original);
    writeFileSync(join(tmp, 'package-lock.json'), '{"lockfileVersion": 3}\n');
    const pack = (...args: string[]) => assert.equal(spawnSync(process.execPath, [join(tmp, 'scripts/pack.mjs'), ...args]).status, 0);
    pack();
    pack(); // a pack that stopped before postpack: the next prepack starts from the kept original
    const packed = JSON.parse(readFileSync(join(tmp, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(packed, { name: 'x', version: '1.0.0', files: ['dist/'] });
    assert.equal(readFileSync(join(tmp, 'npm-shrinkwrap.json'), 'utf8'), '{"lockfileVersion": 3}\n');
    pack('--restore');
    assert.equal(readFileSync(join(tmp, 'package.json'), 'utf8'), original);
    assert.deepEqual(readdirSync(tmp).sort(), ['package-lock.json', 'package.json', 'scripts']);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
