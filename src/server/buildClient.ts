// Bundle the dashboard's browser code (web/app.ts, web/worker.ts) with esbuild, in memory. The
// bundle contains the same engine modules the CLI runs (src/study, src/survey, src/io), so a
// Node-only import in an engine fails here, loudly.
import { join } from 'node:path';
import { packageRoot } from '../cli/prepare.ts';

export interface ClientBundle {
  'app.js': string;
  'worker.js': string;
}

let cached: Promise<ClientBundle> | undefined;

/** buildClient() → {app.js, worker.js} (ES modules, minified), built once per process. */
export function buildClient(): Promise<ClientBundle> {
  cached ??= (async () => {
    const esbuild = await import('esbuild');
    const r = await esbuild.build({
      entryPoints: { app: join(packageRoot, 'web/app.ts'), worker: join(packageRoot, 'web/worker.ts') },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      outdir: '/bundle',
      logLevel: 'silent',
    });
    const get = (name: string) => {
      const f = r.outputFiles.find((o) => o.path.endsWith(`/${name}`));
      if (!f) throw new Error(`buildClient: esbuild produced no ${name}`);
      return f.text;
    };
    return { 'app.js': get('app.js'), 'worker.js': get('worker.js') };
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}
