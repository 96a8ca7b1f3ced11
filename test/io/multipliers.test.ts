// Multipliers Type I and II, competitive and domestic, against numpy explicit inverses.
// References: `python3 scripts/ref/io_numpy.py` → test/fixtures/io/{nbs2017-multipliers,miller-blair,mrio-2x3}.json
// (Type II there inverts the (n+1) closed matrix; here it comes from bordering). Tolerance 1e-10 relative.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  employmentCoefficients, ioModel, linkages, multipliers, parseEmploymentByDivision, parseIOTable, parsePymrio,
  type IOModel, type Multipliers,
} from '../../src/io/index.ts';
import { close, divisions, fixture, nbs, read } from './nbs2017.ts';

const TOL = 1e-10;
const employment = parseEmploymentByDivision(read('data/china-io-2017/china-employment-by-division-1990-2018.csv'), 'employment');
const nbsModel = ioModel(nbs, { employment: employmentCoefficients(nbs, employment, divisions, 2017).coefficients });

function compare(mu: Multipliers, model: IOModel, ref: any, what: string, domestic: boolean): void {
  close(mu.totalRequirementColSum, ref.totalRequirementColSum, TOL, `${what} B column sums`);
  close(mu.output.typeI, ref.outputTypeI, TOL, `${what} output I`);
  close(mu.output.typeII!, ref.outputTypeII, TOL, `${what} output II`);
  close(mu.valueAdded!.typeI, ref.valueAddedTypeI, TOL, `${what} VA I`);
  close(mu.valueAdded!.typeII!, ref.valueAddedTypeII, TOL, `${what} VA II`);
  close(mu.income!.typeI, ref.incomeTypeI, TOL, `${what} income I`);
  close(mu.income!.typeII!, ref.incomeTypeII, TOL, `${what} income II`);
  close(mu.influence, ref.influence, TOL, `${what} influence`);
  close(mu.sensitivity, ref.sensitivity, TOL, `${what} sensitivity`);
  if (ref.employmentTypeI) {
    close(mu.employment!.typeI, ref.employmentTypeI, TOL, `${what} employment I`);
    close(mu.employment!.typeII!, ref.employmentTypeII, TOL, `${what} employment II`);
  }
  const lk = linkages(model, { domestic });
  close(lk.forwardTotal.raw, ref.forwardTotal, TOL, `${what} forward total`);
  close(lk.forwardDirect.raw, ref.forwardDirect, TOL, `${what} forward direct`);
  close(lk.backwardTotal.raw, ref.outputTypeI, TOL, `${what} backward total`);
}

for (const domestic of [false, true]) {
  const name = domestic ? 'domestic' : 'competitive';
  test(`NBS 2017 ${name}: all multipliers of all 149 sectors match numpy`, () => {
    const ref = fixture('nbs2017-multipliers.json');
    compare(multipliers(nbsModel, { domestic, households: true }), nbsModel, ref[name], name, domestic);
    const sys = domestic ? nbsModel.domestic! : nbsModel.competitive;
    assert.ok(sys.spectralRadiusUpper >= ref[name].spectralRadius - 1e-12, 'upper bound below ρ');
  });
}

test('value-added multipliers: ≡ 1 in the competitive table, < 1 in the domestic one', () => {
  const c = multipliers(nbsModel, { domestic: false, households: false });
  const d = multipliers(nbsModel, { domestic: true, households: false });
  for (let j = 0; j < 149; j++) {
    assert.ok(Math.abs(c.valueAdded!.typeI[j] - 1) < 1e-12, `competitive ${nbs.codes[j]}: ${c.valueAdded!.typeI[j]}`);
    assert.ok(d.valueAdded!.typeI[j] < 1 && d.valueAdded!.typeI[j] > 0.5, `domestic ${nbs.codes[j]}: ${d.valueAdded!.typeI[j]}`);
  }
  assert.equal(c.output.typeII, null);
  close(nbsModel.importShares!, fixture('nbs2017-multipliers.json').importShares, TOL, 'import shares');
});

test('Miller–Blair two-sector example, households closed', () => {
  const ref = fixture('miller-blair.json');
  const text = [
    'code,name_zh,name_en,1,2,household:HH,other:F,output',
    '1,,,150,500,90,260,1000',
    '2,,,200,100,50,1650,2000',
    'compensation:W,,,300,500',
    'other:V,,,350,900',
  ].join('\n');
  const model = ioModel(parseIOTable(text, 'miller-blair'));
  compare(multipliers(model, { domestic: false, households: true }), model, ref, 'Miller–Blair', false);
  assert.throws(() => multipliers(model, { domestic: true, households: false }), /no domestic model/);
});

test('multi-region system in pymrio text layout (2 regions × 3 sectors)', () => {
  const ref = fixture('mrio-2x3.json');
  const dir = 'test/fixtures/io/mrio-2x3/';
  const table = parsePymrio({ Z: read(`${dir}Z.txt`), Y: read(`${dir}Y.txt`), x: read(`${dir}x.txt`), F: read(`${dir}F.txt`) }, 'mrio-2x3');
  assert.deepEqual(table.codes, ref.codes);
  close(table.x, ref.x, 1e-15, 'x');
  const model = ioModel(table);
  compare(multipliers(model, { domestic: false, households: true }), model, ref, 'MRIO', false);
});
