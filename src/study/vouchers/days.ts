// Calendar arithmetic on 'YYYY-MM-DD' texts (UTC noon avoids any daylight-saving edge).

/** addDays('2020-04-28', 7) === '2020-05-05'. */
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T12:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Days from a to b: daysBetween('2020-03-01', '2020-03-31') === 30. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000);
}
