// The study file's YAML document, parsed once per text.
import { parseDocument, LineCounter, type Document } from 'yaml';

let last: { text: string; doc: Document; lc: LineCounter } | null = null;

/**
 * studyDocument(text) → the YAML document of a study file and its line counter:
 * parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true}), kept for the last text
 * given. `spillover run` reads the same text for its sections, its questionnaire part (parseStudy) and
 * its transactions part (parseTransactions): one parse instead of three (≈ 40 ms each, the first
 * more). Errors are in doc.errors, as parseDocument leaves them. The document is shared: read it
 * (toJS, getIn), never change it. Callers guard the nesting depth (yamlNesting) first where it matters.
 */
export function studyDocument(text: string): { doc: Document; lc: LineCounter } {
  if (last?.text !== text) {
    const lc = new LineCounter();
    last = { text, doc: parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true }), lc };
  }
  return last;
}
