// Excel number formats of the workbook, per column kind, in display units (values are stored
// already scaled by src/locale's DISPLAY table).
import type { ColumnKind } from '../locale/index.ts';

/** Excel number formats in display units: persons '#,##0.0' (万), growth '+0.0;-0.0;0.0' (%). */
export const XLSX_FORMAT: Record<ColumnKind, string> = { text: '@', persons: '#,##0.0', yuan: '#,##0.0', ratio: '0.0', growth: '+0.0;-0.0;0.0', coef: '0.000000', count: '#,##0', perYuan: '0.00', year: '0', times: '0.00', perPerson: '#,##0.00', number: '0.000' };
