// Runnable blocks of a Markdown page: a ```sh block is run; a ```text block right after it (only blank
// lines between) holds its output as printed, ending with "[exit code N]" when the commands failed.
// updateOutputs re-runs every sh block in order and rewrites the text blocks; nothing else changes.
import type { ShellSession } from './shell.ts';

export interface RunnableBlock {
  /** the commands */
  script: string;
  /** the quoted output, or null when the block has no output block */
  quoted: string | null;
  /** line index of the output block's opening fence, or of the sh block's closing fence when there is none */
  at: number;
}

const FENCE = /^```(\w*)\s*$/;

/** Parse `markdown` into its sh blocks and their quoted outputs. */
export function runnableBlocks(markdown: string): RunnableBlock[] {
  const lines = markdown.split('\n');
  const blocks: RunnableBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = FENCE.exec(lines[i]);
    if (!m || m[1] === '') continue;
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j])) j++;
    if (j >= lines.length) throw new Error(`unclosed code block at line ${i + 1}`);
    if (m[1] === 'sh') {
      let k = j + 1;
      while (k < lines.length && lines[k].trim() === '') k++;
      let quoted: string | null = null;
      let at = j;
      if (k < lines.length && /^```text\s*$/.test(lines[k])) {
        let e = k + 1;
        while (e < lines.length && !/^```\s*$/.test(lines[e])) e++;
        quoted = lines.slice(k + 1, e).join('\n');
        at = k;
      }
      blocks.push({ script: lines.slice(i + 1, j).join('\n'), quoted, at });
    }
    i = j;
  }
  return blocks;
}

/** Output as quoted in a page: the normalized output, plus "[exit code N]" when N ≠ 0. */
export function quoteOutput(r: { output: string; code: number }): string {
  return r.code === 0 ? r.output : `${r.output}${r.output ? '\n' : ''}[exit code ${r.code}]`;
}

/** Re-run every sh block of `markdown` in `session`, in order, and return the page with fresh output blocks. */
export async function updateOutputs(markdown: string, session: ShellSession): Promise<string> {
  const lines = markdown.split('\n');
  const blocks = runnableBlocks(markdown);
  const outputs: string[] = [];
  for (const b of blocks) outputs.push(quoteOutput(await session.runAsync(b.script)));
  // Rewrite from the bottom up so earlier line indexes stay valid.
  for (let b = blocks.length - 1; b >= 0; b--) {
    const { at, quoted } = blocks[b];
    if (quoted === null) continue;
    let e = at + 1;
    while (!/^```\s*$/.test(lines[e])) e++;
    lines.splice(at + 1, e - at - 1, ...outputs[b].split('\n'));
  }
  return lines.join('\n');
}
