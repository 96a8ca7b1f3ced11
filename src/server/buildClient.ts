// The dashboard's browser code (web/app.ts, web/worker.ts) as two ES modules. Compiled (the
// installed package), they are the files scripts/build.mjs wrote to dist/web/; from the TypeScript
// sources (development, tests), esbuild bundles them in memory with the same options.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compiled, packageRoot } from '../data/packagePaths.ts';
import { LocalizedError, internalError } from '../locale/errorText.ts';

export interface ClientBundle {
  'app.js': string;
  'worker.js': string;
}

let cached: Promise<ClientBundle> | undefined;

/** buildClient() → {app.js, worker.js} (ES modules, minified), read or built once per process. */
export function buildClient(): Promise<ClientBundle> {
  cached ??= compiled ? readBuilt() : bundle();
  cached.catch(() => (cached = undefined));
  return cached;
}

async function readBuilt(): Promise<ClientBundle> {
  const dir = join(packageRoot, 'dist/web');
  const read = (name: string) => readFile(join(dir, name), 'utf8').catch(() => {
    throw new LocalizedError({
      zh: `缺少仪表盘的客户端文件 ${join(dir, name)}：请用 \`npm run build\` 重新构建`,
      en: `the dashboard's client ${join(dir, name)} is missing: rebuild with \`npm run build\``,
    });
  });
  const [app, worker] = await Promise.all([read('app.js'), read('worker.js')]);
  return { 'app.js': app, 'worker.js': worker };
}

async function bundle(): Promise<ClientBundle> {
  const [esbuild, { clientBuildOptions }] = await Promise.all([import('esbuild'), import('../../scripts/clientBuildOptions.mjs')]);
  const r = await esbuild.build(clientBuildOptions(packageRoot, { write: false, outdir: '/bundle' }));
  const get = (name: string) => {
    const f = r.outputFiles?.find((o) => o.path.endsWith(`/${name}`));
    if (!f) throw internalError(`buildClient: esbuild produced no ${name}`);
    return f.text;
  };
  return { 'app.js': get('app.js'), 'worker.js': get('worker.js') };
}
