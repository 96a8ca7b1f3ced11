// Faults that several IO functions report, worded once in both languages (LocalizedError: `.message`
// is the English text, errorText(e, 'zh') the Chinese). Sources, sector codes and numbers as given.
import { LocalizedError } from '../locale/errorText.ts';

/**
 * A pivot at or below the factorization's threshold. The English text is parsed back by the
 * threaded factorization (parallelJob), so it stays exactly "singular matrix: pivot p at column k".
 * singularMatrix(0, 2).message === 'singular matrix: pivot 0 at column 2'; zh '矩阵奇异：第 2 列的主元为 0'.
 */
export const singularMatrix = (pivot: number, column: number): LocalizedError =>
  new LocalizedError({ zh: `矩阵奇异：第 ${column} 列的主元为 ${pivot}`, en: `singular matrix: pivot ${pivot} at column ${column}` });

/** The domestic model was asked of a table with no imports column. */
export const noDomesticModel = (source: string): LocalizedError =>
  new LocalizedError({ zh: `${source}：无法建立国内模型：表中没有进口列`, en: `${source}: no domestic model: the table has no imports column` });

/** Type II (households closed) was asked of a model without household consumption or compensation. */
export const typeIINeedsHouseholds = (source: string): LocalizedError =>
  new LocalizedError({ zh: `${source}：II 型乘数需要居民消费列和劳动者报酬行`, en: `${source}: Type II needs household consumption columns and a compensation row` });

/** A sector of the table has no row in the sector–division concordance. */
export const missingFromDivisions = (source: string, code: string): LocalizedError =>
  new LocalizedError({ zh: `${source}：部门 ${code} 不在部门—行业对照表中`, en: `${source}: sector ${code} is missing from the sector-divisions table` });

/** A gross output that is negative or not a number (coefficients divide by it). */
export const invalidGrossOutput = (source: string, code: string, value: number): LocalizedError =>
  new LocalizedError({ zh: `${source}：部门 ${code}：总产出 ${value} 无效`, en: `${source}: sector ${code}: invalid gross output ${value}` });
