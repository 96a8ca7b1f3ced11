#!/usr/bin/env python3
"""numpy + OpenBLAS side of bench/io/run.ts: the same multiplier set from the same inputs.

Usage: python3 bench/io/numpy_multipliers.py DIR N REPS   (DIR holds the .f64 files run.ts wrote)
Prints one JSON object: wall-clock and CPU seconds (min over REPS) per variant, and result vectors
for cross-checks. OPENBLAS_NUM_THREADS=1 in the environment gives the single-thread run.

Variants (all compute, for the competitive and the domestic system: Type I and II output, value
added, income and employment multipliers, column sums of B, influence and sensitivity):
  inv        L = np.linalg.inv(I - A) per system (pymrio's calc_L); Type II by bordering from L
  inv-closed additionally inverts the (n+1) matrix closed with households for Type II
  solve      np.linalg.solve against (I - A)^T and (I - A): LAPACK LU, no inverse
"""
import json
import os
import sys
import time
import numpy as np


def load(d, name, n, shape=None):
    a = np.fromfile(os.path.join(d, name + '.f64'), dtype='<f8')
    return a.reshape(shape) if shape else a


def main():
    d, n, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    Z = load(d, 'Z', n, (n, n))
    x, comp, other, hh, gov, ex, im, e = (load(d, k, n) for k in ['x', 'comp', 'other', 'hh', 'gov', 'ex', 'im', 'e'])

    def systems():
        A = Z / x
        v = (comp + other) / x
        w = comp / x
        h = hh / comp.sum()
        m = im / (Z.sum(1) + hh + gov)  # intermediate + final use - exports
        return [(A, h), ((1 - m)[:, None] * A, (1 - m) * h)], v, w

    def border(out, h):
        # Type II from Type I rows: (I - Abar)^-T [c; 0] = y + eta u, eta = h.y / (1 - h.u), u = (I - A)^-T w.
        u = out['incI']
        hu = h @ u
        for k in ['outI', 'vaI', 'empI']:
            out[k.replace('I', 'II')] = out[k] + (h @ out[k]) / (1 - hu) * u
        out['incII'] = u / (1 - hu)
        return out

    def from_inverse(L, h, v, w):
        return border({'outI': L.sum(0), 'vaI': v @ L, 'incI': w @ L, 'empI': e @ L, 'sens': L.sum(1)}, h)

    def finish(out, n_):
        out['B'] = out['outI'] - 1
        out['influence'] = n_ * out['outI'] / out['outI'].sum()
        out['sensitivity'] = n_ * out['sens'] / out['sens'].sum()
        return out

    def per_system(one):
        (s1, s2), v, w = systems()
        return [finish(one(A, h, v, w), n) for A, h in (s1, s2)]

    def inv_one(A, h, v, w):
        return from_inverse(np.linalg.inv(np.eye(n) - A), h, v, w)

    def inv_closed_one(A, h, v, w):
        L = np.linalg.inv(np.eye(n) - A)
        out = {'outI': L.sum(0), 'vaI': v @ L, 'incI': w @ L, 'empI': e @ L, 'sens': L.sum(1)}
        Ab = np.zeros((n + 1, n + 1))
        Ab[:n, :n] = A
        Ab[:n, n] = h
        Ab[n, :n] = w
        Lb = np.linalg.inv(np.eye(n + 1) - Ab)
        L11 = Lb[:n, :n]
        out.update({'outII': L11.sum(0), 'vaII': v @ L11, 'empII': e @ L11, 'incII': Lb[n, :n]})
        return out

    def solve_one(A, h, v, w):
        M = np.eye(n) - A
        Y = np.linalg.solve(M.T, np.column_stack([np.ones(n), v, w, e]))
        z = np.linalg.solve(M, np.ones(n))
        return border({'outI': Y[:, 0], 'vaI': Y[:, 1], 'incI': Y[:, 2], 'empI': Y[:, 3], 'sens': z}, h)

    seconds = {}
    cpu = {}
    results = {}
    for name, one in [('inv', inv_one), ('inv-closed', inv_closed_one), ('solve', solve_one)]:
        best = float('inf')
        best_cpu = float('inf')
        for _ in range(reps):
            t = time.perf_counter()
            c = time.process_time()
            r = per_system(one)
            best = min(best, time.perf_counter() - t)
            best_cpu = min(best_cpu, time.process_time() - c)
        seconds[name] = best
        cpu[name] = best_cpu
        results[name] = r
    r = results['inv-closed']
    keys = ['outI', 'outII', 'vaI', 'vaII', 'incI', 'incII', 'empI', 'empII', 'B', 'influence', 'sensitivity']
    print(json.dumps({
        'n': n, 'seconds': seconds, 'cpuSeconds': cpu, 'numpy': np.__version__,
        'threads': os.environ.get('OPENBLAS_NUM_THREADS', 'default'),
        'competitive': {k: [float(v) for v in r[0][k]] for k in keys},
        'domestic': {k: [float(v) for v in r[1][k]] for k in keys},
    }))


if __name__ == '__main__':
    main()
