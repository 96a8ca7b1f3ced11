// Limits on a YAML file read as settings, checked before the YAML parser runs: a parser recurses once
// per nesting level (3,000 levels overflow its stack) and aliases can expand exponentially.

/** Deepest nesting accepted (the study schema needs fewer than 10 levels). */
export const MAX_YAML_DEPTH = 64;
/** Alias uses accepted when the document is turned into values (yaml's own guard, at its default). */
export const MAX_YAML_ALIASES = 100;

/**
 * yamlNesting(text) → the first line where the nesting (block indentation levels + `- ` sequence markers +
 * open `[`/`{`) exceeds `limit`, with that depth, or null. An upper bound of the parser's depth, without
 * parsing: quoted text and comments are skipped; lines of block scalars count as one more level.
 * Example: yamlNesting('a:\n  b:\n    c: [[1]]\n', 3) → {line: 3, depth: 5}.
 */
export function yamlNesting(text: string, limit = MAX_YAML_DEPTH): { line: number; depth: number } | null {
  const indents: number[] = [];
  let flow = 0;
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const body = raw.replace(/\r$/, '');
    const indent = body.length - body.trimStart().length;
    const rest = body.slice(indent);
    if (rest === '' || rest.startsWith('#')) continue;
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
    }
    const dashes = flow === 0 ? (/^(?:-[ \t]+)+/.exec(rest)?.[0].match(/-/g)?.length ?? 0) : 0;
    let quote: string | null = null;
    let deepest = flow;
    for (let i = 0; i < rest.length; i++) {
      const c = rest[i];
      if (quote) {
        if (c === quote) quote = null;
        continue;
      }
      if (c === '"' || (c === "'" && (i === 0 || /[\s[{,:]/.test(rest[i - 1])))) quote = c;
      else if (c === '#' && (i === 0 || /\s/.test(rest[i - 1]))) break;
      else if (c === '[' || c === '{') deepest = Math.max(deepest, ++flow);
      else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    const depth = indents.length + dashes + deepest;
    if (depth > limit) return { line, depth };
  }
  return null;
}
