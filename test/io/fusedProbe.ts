// Run by luThreads.test.ts under `node --experimental-wasm-relaxed-simd`: the fused (FMA) kernels
// on 2 threads, mixed precision refined to double; prints the worst relative difference from lu.
import { lu, luSolver, mixedPrecisionSolver } from '../../src/io/index.ts';
import { createLuThreads, ioFactorization } from '../../src/io-node/luThreads.ts';

const n = 450;
let s = 11;
const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const M = Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0) - (r() * 1.4) / n);
const b = Float64Array.from({ length: n }, () => r());
const pool = await createLuThreads(2);
try {
  const solver = ioFactorization(n, pool)(M, n) as ReturnType<typeof mixedPrecisionSolver>;
  const ref = luSolver(lu(M, n));
  let worst = 0;
  for (const [y, z] of [[solver.solve([b])[0], ref.solve([b])[0]], [solver.solveTransposed([b])[0], ref.solveTransposed([b])[0]]]) {
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(y[i] - z[i]) / Math.abs(z[i]));
  }
  process.stdout.write(JSON.stringify({ fused: pool.fused, method: solver.method, fallback: solver.stats.fallback, worst }));
} finally {
  await pool.close();
}
