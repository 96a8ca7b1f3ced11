// The names of the data's values (cities, industries, size classes, age bands) in each language:
// what the study file's `transactions.names` gives, else the value as the data has it (the user's name).
import type { Label } from '../../locale/index.ts';
import type { DataNames, NamedColumn } from './config.ts';

/** A blank value of a band column, in each language (its figure id keeps "(blank)"). */
const BLANK: Label = { zh: '（空白）', en: '(blank)' };

/**
 * dataName(names, 'city', '杭州') → {zh: '杭州', en: 'Hangzhou'} with `names: {city: {杭州: Hangzhou}}`;
 * an unlisted value is itself in both languages: dataName({}, 'city', '青岛') → {zh: '青岛', en: '青岛'};
 * a blank band '' → {zh: '（空白）', en: '(blank)'}.
 */
export function dataName(names: DataNames, column: NamedColumn, value: string): Label {
  return names[column]?.[value] ?? (value === '' ? BLANK : { zh: value, en: value });
}

/**
 * The listed names that match no value of the data (a typo, or a value of another column), as notes:
 * unusedNames({city: {杭洲: 'Hangzhou'}}, {city: ['杭州']}) → one note naming transactions.names.city.杭洲.
 */
export function unusedNames(names: DataNames, seen: Partial<Record<NamedColumn, Iterable<string>>>, where: (path: string) => string): Label[] {
  const notes: Label[] = [];
  for (const [column, listed] of Object.entries(names) as [NamedColumn, Record<string, Label>][]) {
    const values = seen[column];
    if (!values) continue;
    const inData = new Set(values);
    const unused = Object.keys(listed).filter((v) => !inData.has(v));
    if (unused.length === 0) continue;
    const at = where(`transactions.names.${column}`);
    notes.push({
      zh: `${at}：${unused.join('、')} 不是数据中的值，其名称未使用`,
      en: `${at}: ${unused.join(', ')} ${unused.length === 1 ? 'is not a value' : 'are not values'} of the data; ${unused.length === 1 ? 'its name is' : 'their names are'} not used`,
    });
  }
  return notes;
}
