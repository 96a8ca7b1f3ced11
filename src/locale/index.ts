// Public face of src/locale: the one home of language and units (pure; no Node APIs).
//   lang.ts          Lang, Label, LANGS, label(), asLabel(), studyTitle()
//   parseLang.ts     parseLang('en') → 'en' (a language the user named, checked)
//   displayUnits.ts  Unit, ColumnKind, DISPLAY (scales and unit words per language), toDisplay,
//                    formatCell, formatCellLabel, displayUnitFor, displayValue, unitLabel, unitLabelFor, kindOfUnit, WAN, YI, ENGLISH_MAGNITUDES,
//                    enNumber (toLocaleString('en-US', options) with one formatter), enNumberFormat (d fraction digits, made once)
//   quantity.ts      parseQuantity: "1973亿元" → 197300000000 (the study file's Chinese units)
//   compactNumber.ts compactNumber: 2300000 → "230万" / "2.3 million" (numbers in sentences)
//   errorText.ts     LocalizedError (an error in zh and en, .message English), errorText(e, lang),
//                    internalError (an invariant no input reaches), placedError (a caught error with its place)
export { LANGS, asLabel, label, studyTitle, type Label, type Lang } from './lang.ts';
export { BASE_UNIT, DISPLAY, ENGLISH_MAGNITUDES, WAN, YI, enNumber, enNumberFormat, displayUnitFor, displayValue, formatCell, formatCellLabel, kindOfUnit, toDisplay, unitLabel, unitLabelFor, type ColumnKind, type DisplayUnit, type Unit } from './displayUnits.ts';
export { parseQuantity } from './quantity.ts';
export { REJECTION_NAMES, rejectionName, rejectionText, ruleCode, ruleReasons, type RejectionDetail } from './rejectionReasons.ts';
export { compactNumber } from './compactNumber.ts';
export { parseLang } from './parseLang.ts';
export { LocalizedError, englishText, errorSentence, errorText, errorWords, internalError, placedError, zhPlace, wordsLabel, type ErrorWords } from './errorText.ts';
