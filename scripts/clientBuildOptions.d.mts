import type { BuildOptions } from 'esbuild';
export function clientBuildOptions(root: string, out: { write: boolean; outdir: string }): BuildOptions & { write: boolean; outdir: string };
