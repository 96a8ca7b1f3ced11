// esbuild options of the dashboard's browser bundle (web/app.ts, web/worker.ts → app.js, worker.js):
// used by scripts/build.mjs (written to dist/web/) and, when spillover runs from its TypeScript
// sources, by src/server/buildClient.ts (in memory). The bundle contains the same engine modules the
// CLI runs (src/study, src/survey, src/io), so a Node-only import in an engine fails here, loudly.
import { join } from 'node:path';

/** @param {string} root package root @param {{write: boolean, outdir: string}} out */
export function clientBuildOptions(root, out) {
  return {
    entryPoints: { app: join(root, 'web/app.ts'), worker: join(root, 'web/worker.ts') },
    bundle: true,
    write: out.write,
    outdir: out.outdir,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  };
}
