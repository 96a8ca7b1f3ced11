// Explicit inverses (on request), allocation coefficients, spectral radius, import shares: doc examples and numpy.
// References: `python3 scripts/ref/io_numpy.py` → miller-blair.json; nbs2017-multipliers.json (spectralRadius from np.linalg.eigvals).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allocationCoefficients, ghoshInverse, importShares, ioModel, leontiefInverse, spectralRadius, technicalCoefficients,
} from '../../src/io/index.ts';
import { close, fixture, nbs } from './nbs2017.ts';

const mb = { n: 2, Z: Float64Array.of(150, 500, 200, 100), x: Float64Array.of(1000, 2000), codes: ['1', '2'], source: 'MB' };

test('explicit L and Ghosh G for Miller–Blair', () => {
  const ref = fixture('miller-blair.json');
  close(leontiefInverse(technicalCoefficients(mb), 2), ref.L, 1e-14, 'L');
  assert.deepEqual([...allocationCoefficients(mb)], [0.15, 0.5, 0.1, 0.05]);
  const G = ghoshInverse(mb);
  close([G[0] + G[1], G[2] + G[3]], ref.forwardTotal, 1e-14, 'G row sums');
});

test('spectral radius with bounds: Miller–Blair and both NBS systems', () => {
  const r = spectralRadius(Float64Array.of(0.15, 0.25, 0.2, 0.05), 2);
  assert.ok(r.lower <= 0.329128784747792 && 0.329128784747792 <= r.upper && r.upper - r.lower < 1e-9);
  const ref = fixture('nbs2017-multipliers.json');
  const m = ioModel(nbs);
  for (const [name, sys] of [['competitive', m.competitive], ['domestic', m.domestic!]] as const) {
    const s = spectralRadius(sys.A, nbs.n);
    const rho = ref[name].spectralRadius;
    assert.ok(s.lower <= rho + 1e-12 && rho <= s.upper + 1e-12, `${name}: ${s.lower}…${s.upper} vs numpy ${rho}`);
    assert.ok(Math.abs(s.estimate - rho) < 1e-9);
    assert.ok(sys.spectralRadiusUpper >= rho);
  }
  assert.throws(() => spectralRadius(Float64Array.of(0.1, -0.2, 0, 0), 2), /not non-negative: entry \(1, 2\) is -0.2/);
});

test('import shares: doc example and errors', () => {
  const t = {
    ...mb, names: [], unit: '', valueAdded: [],
    Z: Float64Array.of(40, 20, 0, 0),
    finalDemand: [
      { code: 'C', role: 'household' as const, label: { zh: '', en: '' }, values: Float64Array.of(40, 0) },
      { code: 'E', role: 'exports' as const, label: { zh: '', en: '' }, values: Float64Array.of(30, 0) },
    ],
    imports: Float64Array.of(25, 0),
  };
  assert.deepEqual([...importShares(t)], [0.25, 0]);
  assert.throws(() => importShares({ ...t, imports: Float64Array.of(25, 1) }), /MB: sector 2: imports 1 but domestic use is 0/);
  assert.throws(() => importShares({ ...t, imports: Float64Array.of(250, 0) }), /sector 1: import share 2\.5 outside \[0, 1\]/);
  assert.throws(() => importShares({ ...t, imports: null }), /no imports column/);
});
