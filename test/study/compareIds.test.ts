// compareIds orders figure ids as localeCompare does (ICU root collation, as in en and zh) without loading
// the collator: checked on random ids over [a-z0-9_.-] with short alphabets (many common prefixes), on the
// example's Monte Carlo outputs, and on ids with other characters (which go to localeCompare).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareIds } from '../../src/study/model/figureModel.ts';

const collators = ['en', 'zh'].map((l) => new Intl.Collator(l));

test('compareIds: the sign of localeCompare in en and zh on random ids', () => {
  let s = 7;
  const rnd = (k: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % k);
  for (const alphabet of ['_-.0123456789abcdefghijklmnopqrstuvwxyz', '_.a0', '-_.9z', '._ab']) {
    const id = () => Array.from({ length: rnd(7) }, () => alphabet[rnd(alphabet.length)]).join('');
    for (let i = 0; i < 20000; i++) {
      const a = id(), b = id();
      for (const c of collators) assert.equal(Math.sign(compareIds(a, b)), Math.sign(c.compare(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
  }
});

test('compareIds: figure ids in order, and other characters as localeCompare orders them', () => {
  const ids = ['net.jobs.total', 'jobs.operators.official_accounts', 'jobs.operators.official', 'jobs.operators.official.x', 'consumption.info_services', 'consumption.info', 'jobs.direct', 'jobs.direct.fulltime', 'jobs.group.miniprogram', 'output.indirect.traffic', 'jobs.2', 'jobs.10'];
  const sorted = [...ids].sort(compareIds);
  assert.deepEqual(sorted, [...ids].sort((a, b) => collators[0].compare(a, b)));
  assert.deepEqual(sorted.slice(0, 2), ['consumption.info', 'consumption.info_services']);
  assert.ok(compareIds('a_b', 'a.b') < 0, "'_' before '.' (code points put '.' first)");
  for (const [a, b] of [['a.B', 'a.b'], ['a.企业', 'a.b'], ['a.b', 'a.b '], ['x', 'x\u00e9']]) assert.equal(Math.sign(compareIds(a, b)), Math.sign(a.localeCompare(b)), `${a} vs ${b}`);
  assert.equal(compareIds('jobs.pay', 'jobs.pay'), 0);
});
