#!/usr/bin/env python3
"""numpy reference numbers for the input-output engine (src/io).

Usage: python3 scripts/ref/io_numpy.py      (from the repository root; numpy >= 1.20)
Writes test/fixtures/io/*.json. Computes every quantity the straightforward way (explicit
np.linalg.inv of I - A, pymrio-style), independently of the TypeScript code, which solves
against (I - A)^T instead. Float values are written with repr (17 significant digits).
"""
import csv
import json
import os
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'io')


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write('\n')
    os.replace(tmp, path)


def vec(v):
    return [float(x) for x in np.asarray(v).ravel()]


def load_nbs():
    path = os.path.join(ROOT, 'data', 'china-io-2017', 'china-io-2017-149.csv')
    with open(path, encoding='utf-8') as f:
        rows = list(csv.reader(f))
    header = rows[0]
    by = {r[0]: r for r in rows[1:]}
    codes = [h for h in header if len(h) == 3 and h.isdigit()]
    n = len(codes)
    sc = [header.index(c) for c in codes]
    Z = np.array([[float(by[c][j]) for j in sc] for c in codes])
    col = lambda name: np.array([float(by[c][header.index(name)]) for c in codes])
    row = lambda name: np.array([float(by[name][j]) for j in sc])
    return dict(n=n, codes=codes, Z=Z, x=col('GO'), im=col('IM'), ex=col('EX'),
                hh=col('FU101') + col('FU102'), fd=col('TFU'), tiu=col('TIU'),
                comp=row('VA001'), va=row('VA001') + row('VA002') + row('VA003') + row('VA004'))


def main():
    t = load_nbs()
    n, x, Z = t['n'], t['x'], t['Z']
    A = Z / x
    L = np.linalg.inv(np.eye(n) - A)
    write('nbs2017-total-requirement.json', {
        'command': 'python3 scripts/ref/io_numpy.py',
        'what': 'column sums of B = inv(I - A) - I, A = Z / GO, NBS 2017 149-sector table',
        'codes': t['codes'],
        'totalRequirementColSum': vec(L.sum(axis=0) - 1),
    })
    # Miller & Blair (2009), Input-Output Analysis, 2nd ed., section 2.3 two-sector example.
    Zmb = np.array([[150.0, 500.0], [200.0, 100.0]])
    xmb = np.array([1000.0, 2000.0])
    Amb = Zmb / xmb
    Lmb = np.linalg.inv(np.eye(2) - Amb)
    write('miller-blair.json', {
        'command': 'python3 scripts/ref/io_numpy.py',
        'what': 'Miller & Blair (2009) section 2.3: Z = [[150, 500], [200, 100]], x = [1000, 2000]',
        'Z': vec(Zmb), 'x': vec(xmb), 'A': vec(Amb), 'L': vec(Lmb),
        'totalRequirementColSum': vec(Lmb.sum(axis=0) - 1),
    })


if __name__ == '__main__':
    main()
