// A small XLSX (Office Open XML SpreadsheetML, ECMA-376 Part 1 §18) writer for tables: sheets of text,
// numbers and booleans with number formats, bold cells, column widths and frozen header rows. Text cells
// are neutralised against formula injection. Same sheets and date ⇒ same bytes (fixed zip times).
import { zipArchive } from './zipArchive.ts';
import { neutraliseFormula } from './spreadsheetCell.ts';
import { internalError } from '../locale/errorText.ts';

/** A cell with its style: `numFmt` an Excel format code ("#,##0.0", "0.0%"), `bold` its font. */
export interface XlsxStyledCell {
  value: string | number | boolean | null;
  numFmt?: string;
  bold?: boolean;
}
export type XlsxCell = string | number | boolean | null | undefined | XlsxStyledCell;

export interface XlsxSheet {
  /** 1–31 characters, none of [ ] : * ? / \ ; unique in the workbook (case-insensitive). */
  name: string;
  /** Column widths in characters, column A first (undefined: the default width). */
  widths?: (number | undefined)[];
  /** Rows from row 1; an empty row is written as no row. */
  rows: XlsxCell[][];
  /** Rows kept in view when scrolling (a frozen pane), e.g. 1 for a header row. */
  frozenRows?: number;
}

export interface XlsxOptions {
  /** docProps/core.xml's creation and modification date. */
  date: Date;
  creator: string;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Characters XML 1.0 cannot carry (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates) are written
// in SpreadsheetML's _xHHHH_ escape (§22.9.2.19), and a literal "_xHHHH_" is protected as _x005F_xHHHH_.
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;
const hex4 = (c: string) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
/** escapeXml('a<b & "c"') === 'a&lt;b &amp; &quot;c&quot;' (text and attribute values). */
export const escapeXml = (s: string) => s.replace(NOT_XML, hex4).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** columnName(0) === 'A', columnName(26) === 'AA', columnName(16383) === 'XFD'. */
export function columnName(k: number): string {
  let s = '';
  for (let n = k + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function checkNames(sheets: XlsxSheet[]): void {
  const seen = new Set<string>();
  for (const s of sheets) {
    if (s.name.length < 1 || s.name.length > 31 || /[[\]:*?/\\]/.test(s.name) || /^'|'$/.test(s.name)) {
      throw internalError(`writeXlsx: sheet name ${JSON.stringify(s.name)} is not allowed (1–31 characters, none of [ ] : * ? / \\, no leading or trailing ')`);
    }
    if (seen.has(s.name.toLowerCase())) throw internalError(`writeXlsx: two sheets named ${JSON.stringify(s.name)}`);
    seen.add(s.name.toLowerCase());
  }
}

/**
 * writeXlsx(sheets, {date, creator}) → the bytes of an .xlsx workbook: shared strings, one style per
 * (number format, bold) pair, Numbers that are not finite are written as empty
 * cells; text starting like a formula gets a leading ' (neutraliseFormula).
 */
export function writeXlsx(sheets: XlsxSheet[], o: XlsxOptions): Uint8Array {
  if (sheets.length === 0) throw internalError('writeXlsx: a workbook needs at least one sheet');
  checkNames(sheets);
  const strings = new Map<string, number>();
  const fmts = new Map<string, number>();
  const styles = new Map<string, number>([['0|0', 0]]);
  const styleOf = (numFmt: string | undefined, bold: boolean): number => {
    let f = 0;
    if (numFmt && numFmt !== 'General') {
      if (!fmts.has(numFmt)) fmts.set(numFmt, 164 + fmts.size);
      f = fmts.get(numFmt) as number;
    }
    const key = `${f}|${bold ? 1 : 0}`;
    if (!styles.has(key)) styles.set(key, styles.size);
    return styles.get(key) as number;
  };
  const sheetXml = sheets.map((sheet) => {
    const rows: string[] = [];
    let maxCol = 0;
    sheet.rows.forEach((row, r) => {
      const cells: string[] = [];
      row.forEach((cell, k) => {
        const c: XlsxStyledCell = cell !== null && typeof cell === 'object' ? cell : { value: cell ?? null };
        const v = c.value;
        const s = styleOf(c.numFmt, c.bold === true);
        const ref = `${columnName(k)}${r + 1}`;
        const sAttr = s ? ` s="${s}"` : '';
        if (typeof v === 'string') {
          const text = neutraliseFormula(v);
          if (!strings.has(text)) strings.set(text, strings.size);
          cells.push(`<c r="${ref}"${sAttr} t="s"><v>${strings.get(text)}</v></c>`);
        } else if (typeof v === 'number' && Number.isFinite(v)) {
          cells.push(`<c r="${ref}"${sAttr}><v>${v}</v></c>`);
        } else if (typeof v === 'boolean') {
          cells.push(`<c r="${ref}"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`);
        } else if (s) {
          cells.push(`<c r="${ref}"${sAttr}/>`);
        } else return;
        maxCol = Math.max(maxCol, k + 1);
      });
      if (cells.length) rows.push(`<row r="${r + 1}">${cells.join('')}</row>`);
    });
    const dim = maxCol && rows.length ? `A1:${columnName(maxCol - 1)}${sheet.rows.length}` : 'A1';
    const f = sheet.frozenRows ?? 0;
    const view = f > 0 ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${f}" topLeftCell="A${f + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${f + 1}" sqref="A${f + 1}"/></sheetView></sheetViews>` : '';
    const cols = (sheet.widths ?? []).map((w, k) => (w === undefined ? '' : `<col min="${k + 1}" max="${k + 1}" width="${w}" customWidth="1"/>`)).join('');
    return `${DECL}<worksheet xmlns="${NS}" xmlns:r="${REL}"><dimension ref="${dim}"/>${view}<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${rows.join('')}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  });
  const n = sheets.length;
  const textXml = (t: string) => `<t${/^\s|\s$/.test(t) ? ' xml:space="preserve"' : ''}>${escapeXml(t)}</t>`;
  const shared = `${DECL}<sst xmlns="${NS}" count="${strings.size}" uniqueCount="${strings.size}">${[...strings.keys()].map((t) => `<si>${textXml(t)}</si>`).join('')}</sst>`;
  const font = (b: boolean) => `<font>${b ? '<b/>' : ''}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`;
  const xfs = [...styles.keys()].map((k) => {
    const [f, b] = k.split('|');
    return `<xf numFmtId="${f}" fontId="${b}" fillId="0" borderId="0" xfId="0"${f !== '0' ? ' applyNumberFormat="1"' : ''}${b === '1' ? ' applyFont="1"' : ''}/>`;
  });
  const styleXml = `${DECL}<styleSheet xmlns="${NS}">${fmts.size ? `<numFmts count="${fmts.size}">${[...fmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join('')}</numFmts>` : ''}<fonts count="2">${font(false)}${font(true)}</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  const when = o.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const who = escapeXml(o.creator);
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
  return zipArchive([
    {
      name: '[Content_Types].xml',
      data: `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `${DECL}<Relationships xmlns="${PKG_REL}">${rel('rId1', `${REL}/officeDocument`, 'xl/workbook.xml')}${rel('rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml')}${rel('rId3', `${REL}/extended-properties`, 'docProps/app.xml')}</Relationships>`,
    },
    {
      name: 'docProps/app.xml',
      data: `${DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${who}</Application></Properties>`,
    },
    {
      name: 'docProps/core.xml',
      data: `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${who}</dc:creator><cp:lastModifiedBy>${who}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `${DECL}<workbook xmlns="${NS}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${DECL}<Relationships xmlns="${PKG_REL}">${sheets.map((_s, i) => rel(`rId${i + 1}`, `${REL}/worksheet`, `worksheets/sheet${i + 1}.xml`)).join('')}${rel(`rId${n + 1}`, `${REL}/styles`, 'styles.xml')}${rel(`rId${n + 2}`, `${REL}/sharedStrings`, 'sharedStrings.xml')}</Relationships>`,
    },
    { name: 'xl/styles.xml', data: styleXml },
    { name: 'xl/sharedStrings.xml', data: shared },
    ...sheetXml.map((data, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data })),
  ]);
}
