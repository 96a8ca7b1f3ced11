// Seeded fixtures for the causal engine's R reference (scripts/ref/causal_reference.R).
//   node --import tsx scripts/ref/causal_fixtures.ts     # from the repository root; same seed → same bytes
// Writes test/fixtures/causal/{panel,cells,payers,payer_weeks}.csv.
import { writeFileSync, mkdirSync } from 'node:fs';
import { createRng } from '../../src/survey/prng.ts';

const out = 'test/fixtures/causal';
mkdirSync(out, { recursive: true });
const rng = createRng(20200327);
const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const f = (x: number): string => x.toPrecision(12).replace(/\.?0+$/, '');

// 1. Staggered panel: 40 units in 8 states, 10 periods, cohorts first treated at 4, 6, 8 or never;
// dynamic heterogeneous effects; ~12% of rows dropped for the unbalanced variant (keep = 0).
{
  const rows = ['unit,state,time,cohort,y,d,x,keep'];
  for (let u = 0; u < 40; u++) {
    const cohort = [4, 6, 8, 0][u % 4];
    const a = normal() * 2;
    for (let t = 1; t <= 10; t++) {
      const d = cohort > 0 && t >= cohort ? 1 : 0;
      const x = normal();
      const effect = d ? (1 + 0.5 * (t - cohort)) * (cohort === 4 ? 2 : 1) : 0;
      const y = a + 0.3 * t + 0.5 * x + effect + normal();
      const keep = rng() < 0.12 ? 0 : 1;
      rows.push(`${u},${u % 8},${t},${cohort},${f(y)},${d},${f(x)},${keep}`);
    }
  }
  writeFileSync(`${out}/panel.csv`, rows.join('\n') + '\n');
}
// 2. City × industry × day cells: 6 cities, 4 industries (0 and 1 covered by vouchers), 20 days;
// cities 0–1 issue on day 8, 2–3 on day 12, 4–5 never.
{
  const rows = ['city,industry,day,covered,start,y,d'];
  for (let c = 0; c < 6; c++) {
    const start = [8, 8, 12, 12, 0, 0][c];
    const cityDay = Array.from({ length: 20 }, () => normal());
    for (let j = 0; j < 4; j++) {
      const covered = j < 2 ? 1 : 0;
      const level = 10 + normal() * 3;
      for (let t = 0; t < 20; t++) {
        const d = covered && start > 0 && t >= start ? 1 : 0;
        const y = level + 0.2 * t * (1 + j / 4) + cityDay[t] + 1.5 * d + normal() * 0.7;
        rows.push(`${c},${j},${t},${covered},${start},${f(y)},${d}`);
      }
    }
  }
  writeFileSync(`${out}/cells.csv`, rows.join('\n') + '\n');
}
// 3. Lottery: 300 applicants, 120 winners; weekly spend for weeks −3..3 (week 0 = first week after
// the draw); subsidy redeemed by winners; heavy-tailed (log-normal) spending.
{
  const payers = ['payer,won,pre,post,subsidy'];
  const weeks = ['payer,won,week,spend'];
  for (let i = 0; i < 300; i++) {
    const won = i < 120 ? 1 : 0;
    const base = Math.exp(4 + 0.8 * normal());
    const subsidy = won ? Math.round(rng() * 4) * 10 : 0;
    let pre = 0, post = 0;
    for (let w = -3; w <= 3; w++) {
      const s = base * Math.exp(0.3 * normal()) + 5 * w + (won && w >= 0 ? subsidy * (1 + 2 * rng()) / 4 : 0);
      weeks.push(`${i},${won},${w},${f(s)}`);
      if (w < 0) pre += s; else post += s;
    }
    payers.push(`${i},${won},${f(pre)},${f(post)},${subsidy}`);
  }
  writeFileSync(`${out}/payers.csv`, payers.join('\n') + '\n');
  writeFileSync(`${out}/payer_weeks.csv`, weeks.join('\n') + '\n');
}
