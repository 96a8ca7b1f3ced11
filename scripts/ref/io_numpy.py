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



SECTION_START = dict(A=1, B=6, C=13, D=44, E=47, F=51, G=53, H=61, I=63, J=66, K=70, L=71, M=73, N=76,
                     O=80, P=83, Q=84, R=86, S=91, T=97)


def employment_persons(codes, x, year):
    """Persons by sector: each division's employment split over its sectors by output share."""
    with open(os.path.join(ROOT, 'data', 'china-io-2017', 'sector-divisions.csv'), encoding='utf-8') as f:
        divs = {r['sequence']: r['divisions'].split(';') for r in csv.DictReader(f)}
    with open(os.path.join(ROOT, 'data', 'china-io-2017', 'china-employment-by-division-1990-2018.csv'), encoding='utf-8') as f:
        rows = list(csv.DictReader(f))
    by_division = {}
    letters_with_divisions = {r['Code'][0] for r in rows if len(r['Code']) == 3 and r['Code'][1:].isdigit()}
    for r in rows:
        c = r['Code']
        if c == 'TOT':
            total = float(r[str(year)]) * 1e4
        elif len(c) == 3:
            by_division['%02d' % (SECTION_START[c[0]] + int(c[1:]) - 1)] = float(r[str(year)]) * 1e4
        elif c not in letters_with_divisions:
            by_division['%02d' % SECTION_START[c]] = float(r[str(year)]) * 1e4
    persons = np.zeros(len(codes))
    for d, e in by_division.items():
        members = [k for k, c in enumerate(codes) if d in divs[c]]
        share = x[members] / x[members].sum()
        persons[members] += e * share
    return persons, total


def type_ii(A, h, w, c):
    """c^T of the top-left block of inv(I - Abar), Abar = [[A, h], [w, 0]], by explicit inversion."""
    n = A.shape[0]
    Ab = np.zeros((n + 1, n + 1))
    Ab[:n, :n] = A
    Ab[:n, n] = h
    Ab[n, :n] = w
    Lb = np.linalg.inv(np.eye(n + 1) - Ab)
    return Lb, (c @ Lb[:n, :n])


def model_refs(A, x, v, w, e, h, m, f):
    """Everything the tests compare for one table: both systems, Type I and II, impacts for demand f."""
    n = A.shape[0]
    out = {}
    systems = {'competitive': (A, h, np.zeros(n))}
    if m is not None:
        systems['domestic'] = ((1 - m)[:, None] * A, (1 - m) * h, m)
    for name, (As, hs, ms) in systems.items():
        L = np.linalg.inv(np.eye(n) - As)
        Lb, out2 = type_ii(As, hs, w, np.ones(n))
        r = {
            'totalRequirementColSum': vec(L.sum(0) - 1),
            'outputTypeI': vec(L.sum(0)), 'outputTypeII': vec(out2),
            'valueAddedTypeI': vec(v @ L), 'valueAddedTypeII': vec(type_ii(As, hs, w, v)[1]),
            'incomeTypeI': vec(w @ L), 'incomeTypeII': vec(Lb[n, :n]),
            'influence': vec(n * L.sum(0) / L.sum()), 'sensitivity': vec(n * L.sum(1) / L.sum()),
            'spectralRadius': float(max(abs(np.linalg.eigvals(As)))),
        }
        if e is not None:
            r['employmentTypeI'] = vec(e @ L)
            r['employmentTypeII'] = vec(type_ii(As, hs, w, e)[1])
        with np.errstate(divide='ignore', invalid='ignore'):
            B = np.where(x[:, None] > 0, (As * x[None, :]) / x[:, None], 0)
        G = np.linalg.inv(np.eye(n) - B)
        r['forwardTotal'] = vec(G.sum(1))
        r['forwardDirect'] = vec(B.sum(1))
        fd = (1 - ms) * f
        x1 = L @ fd
        x2 = (Lb @ np.concatenate([fd, [0.0]]))[:n]
        imp = {}
        coefs = {'output': np.ones(n), 'valueAdded': v, 'income': w}
        if e is not None:
            coefs['jobs'] = e
        for k, c in coefs.items():
            imp[k] = {'direct': vec(c * fd), 'indirect': vec(c * (x1 - fd)), 'induced': vec(c * (x2 - x1))}
        r['impact'] = imp
        out[name] = r
    return out


def write_pymrio(dirname, regions, sectors, Z, Y, categories, x, F, factors):
    """pandas DataFrame.to_csv(sep='\t') layout for MultiIndex axes, as pymrio save_all(table_format='txt')."""
    d = os.path.join(OUT, dirname)
    os.makedirs(d, exist_ok=True)
    rs = [(r, s) for r in regions for s in sectors]
    rc = [(r, c) for r in regions for c in categories]

    def lines(col_names, cols, idx_names, rows, M):
        out = []
        for lvl, name in enumerate(col_names):
            out.append('\t'.join([name] + [''] * (len(idx_names) - 1) + [c[lvl] for c in cols]))
        out.append('\t'.join(list(idx_names) + [''] * len(cols)))
        for k, r in enumerate(rows):
            out.append('\t'.join(list(r) + [repr(float(v)) for v in M[k]]))
        return '\n'.join(out) + '\n'

    files = {
        'Z.txt': lines(['region', 'sector'], rs, ['region', 'sector'], rs, Z),
        'Y.txt': lines(['region', 'category'], rc, ['region', 'sector'], rs, Y),
        'x.txt': '\t'.join(['region', 'sector', 'indout']) + '\n' + ''.join(
            '\t'.join([r, s, repr(float(x[k]))]) + '\n' for k, (r, s) in enumerate(rs)),
        'F.txt': lines(['region', 'sector'], rs, ['stressor'], [(f,) for f in factors], F),
    }
    for name, text in files.items():
        with open(os.path.join(d, name), 'w', encoding='utf-8') as f:
            f.write(text)


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
    persons, total = employment_persons(t['codes'], x, 2017)
    e = persons / x
    m = t['im'] / (t['tiu'] + t['fd'] - t['ex'])
    h = t['hh'] / t['comp'].sum()
    f = np.zeros(n)
    for seq, amount in [(123, 3238e4), (116, 1973e4), (120, 1000e4), (106, 2000e4)]:
        f[seq - 1] = amount
    refs = model_refs(A, x, t['va'] / x, t['comp'] / x, e, h, m, f)
    write('nbs2017-multipliers.json', {
        'command': 'python3 scripts/ref/io_numpy.py',
        'what': 'NBS 2017: multipliers by explicit inverses (Type II: inverse of the (n+1) matrix closed with '
                'households h = (FU101 + FU102) / sum(VA001), w = VA001 / GO); domestic A_d = (1 - m) A with '
                'm = IM / (TIU + TFU - EX); employment: divisions split by output share (sector-divisions.csv); '
                'impacts of demand f (万元) on sectors 123, 116, 120, 106',
        'codes': t['codes'], 'importShares': vec(m), 'persons2017': vec(persons), 'employmentCoefficients': vec(e),
        'jobsPerOutput': total / x.sum(), 'demand': vec(f), **refs,
    })
    # Miller & Blair (2009), Input-Output Analysis, 2nd ed., section 2.3 two-sector example.
    Zmb = np.array([[150.0, 500.0], [200.0, 100.0]])
    xmb = np.array([1000.0, 2000.0])
    Amb = Zmb / xmb
    Lmb = np.linalg.inv(np.eye(2) - Amb)
    # Households (ours, illustrative): value added [650, 1400] split into compensation [300, 500] and
    # other [350, 900]; household consumption [90, 50] out of final demand [350, 1700].
    comp = np.array([300.0, 500.0])
    hh = np.array([90.0, 50.0])
    mb = model_refs(Amb, xmb, np.array([650.0, 1400.0]) / xmb, comp / xmb, None, hh / comp.sum(), None,
                    np.array([100.0, 0.0]))
    write('miller-blair.json', {
        'command': 'python3 scripts/ref/io_numpy.py',
        'what': 'Miller & Blair (2009) section 2.3: Z = [[150, 500], [200, 100]], x = [1000, 2000], f = [350, 1700], '
                'value added [650, 1400] (compensation [300, 500], household consumption [90, 50]: ours); impact of f = [100, 0]',
        'Z': vec(Zmb), 'x': vec(xmb), 'A': vec(Amb), 'L': vec(Lmb),
        'totalRequirementColSum': vec(Lmb.sum(axis=0) - 1), **mb['competitive'],
    })
    # A two-region, three-sector closed system in pymrio's text layout (our numbers, seeded).
    rng = np.random.default_rng(20171)
    regions, sectors = ['r1', 'r2'], ['agri', 'manu', 'serv']
    categories = ['Final consumption expenditure by households', 'Gross fixed capital formation']
    k = 6
    Zr = np.round(rng.uniform(5, 60, (k, k)), 3)
    Yr = np.round(rng.uniform(20, 120, (k, 4)), 3)
    xr = Zr.sum(1) + Yr.sum(1)
    var = xr - Zr.sum(0)
    compr = np.round(0.55 * var, 3)
    Fr = np.vstack([compr, var - compr])
    write_pymrio('mrio-2x3', regions, sectors, Zr, Yr, categories, xr, Fr,
                 ['Compensation of employees', 'Operating surplus'])
    Ar = Zr / xr
    hr = Yr[:, [0, 2]].sum(1) / compr.sum()
    fr = np.zeros(k)
    fr[[1, 5]] = [50.0, 25.0]
    mr = model_refs(Ar, xr, var / xr, compr / xr, None, hr, None, fr)
    write('mrio-2x3.json', {
        'command': 'python3 scripts/ref/io_numpy.py',
        'what': '2 regions x 3 sectors, files in mrio-2x3/ (pymrio txt layout); households of both regions closed '
                'together; impact of f = 50 on r1/manu and 25 on r2/serv',
        'codes': ['%s/%s' % (r, s) for r in regions for s in sectors], 'x': vec(xr), 'demand': vec(fr),
        **mr['competitive'],
    })
    margins_refs(t, L)


# The price bridge's shopping category of examples/wechat-2019/study-bridged.yaml (sequence numbers)
SHOPPING = ['019', '020', '021', '022', '023', '024', '025', '030', '031', '032', '033', '034',
            '036', '039', '040', '049', '050', '086', '088', '089', '091']


def margins_refs(t, L):
    """Household margins (goods = primary division 01-43, trade = 51-52, freight = 53-59 without
    passenger sectors, names containing 客) and the bridged per-yuan demand of the shopping category."""
    with open(os.path.join(ROOT, 'data', 'china-io-2017', 'sector-divisions.csv'), encoding='utf-8') as f:
        rows = {r['sequence']: r for r in csv.DictReader(f)}
    codes, h = t['codes'], t['hh']
    prim = np.array([int(rows[c]['divisions'].split(';')[0]) for c in codes])
    passenger = np.array(['客' in rows[c]['name_zh'] for c in codes])
    goods = (prim >= 1) & (prim <= 43)
    trade = (prim == 51) | (prim == 52)
    transport = (prim >= 53) & (prim <= 59) & ~passenger
    V = h[goods].sum() + h[trade].sum() + h[transport].sum()
    p, tr, r = h[goods].sum() / V, h[trade].sum() / V, h[transport].sum() / V
    sel = np.array([c in SHOPPING for c in codes])
    d = np.zeros(len(codes))
    d[sel] = p * h[sel] / h[sel].sum()
    d[trade] += tr * h[trade] / h[trade].sum()
    d[transport] += r * h[transport] / h[transport].sum()
    b = L.sum(0) - 1
    write('nbs2017-margins.json', {
        'command': 'python3 scripts/ref/io_numpy.py',
        'what': 'trade and transport margins on household goods from the household-consumption column (FU101 + FU102) '
                'of NBS 2017; the bridged demand d of the shopping category of examples/wechat-2019/study-bridged.yaml, '
                'its coefficient d . colsum(B) and its induced output by sector (L - I) d, beside retail\'s (L - I) e_106',
        'codes': codes,
        'goods': [c for c, g in zip(codes, goods) if g], 'trade': [c for c, g in zip(codes, trade) if g],
        'transport': [c for c, g in zip(codes, transport) if g],
        'producer': float(p), 'tradeMargin': float(tr), 'transportMargin': float(r),
        'shoppingCodes': SHOPPING, 'shoppingDemand': vec(d), 'shoppingCoefficient': float(d @ b),
        'shoppingIndirectBySector': vec(L @ d - d),
        'retailCoefficient': float(b[codes.index('106')]),
        'retailIndirectBySector': vec(L[:, codes.index('106')] - np.eye(len(codes))[:, codes.index('106')]),
    })


if __name__ == '__main__':
    main()
