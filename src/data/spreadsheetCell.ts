// Cells as spreadsheets will read them: text that a spreadsheet would take for a formula is neutralised
// (OWASP "CSV injection"), and CSV fields are quoted per RFC 4180. Pure; used by every CSV and XLSX
// spillover writes (rejected.csv, figures.csv …, tables.xlsx, the init templates).

// = + - @ start a formula in Excel, LibreOffice and Google Sheets; tab and CR are stripped before the
// check by some of them; the full-width forms are converted to ASCII by East Asian input settings.
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;
// A plain decimal number ("-5", "+0.25", "-1e3") is read as that number, never as a formula.
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * neutraliseFormula(text) — prefix `'` to text a spreadsheet would evaluate as a formula. Numbers are not
 * text and are never changed; a text that is a plain number ("-5") is left as it is.
 * Examples: neutraliseFormula("=HYPERLINK(\"http://x\")") === "'=HYPERLINK(\"http://x\")";
 * neutraliseFormula("@SUM(A1)") === "'@SUM(A1)"; neutraliseFormula("-5") === "-5"; neutraliseFormula("a=b") === "a=b".
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** A spreadsheet cell value: text neutralised, numbers, booleans, null and dates as they are. */
export function safeCell<T>(v: T): T | string {
  return typeof v === 'string' ? neutraliseFormula(v) : v;
}

/**
 * csvField(v) — one CSV field: numbers as JS prints them, text neutralised, then quoted when it holds
 * , " CR or LF (RFC 4180); null and undefined are empty.
 * Example: csvField('a,b') === '"a,b"'; csvField("=1+2") === "'=1+2"; csvField(-0.5) === '-0.5'.
 */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? neutraliseFormula(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
