/** Folding ranges: multi-line objects and arrays, multi-line block comments, runs of line comments. */
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Node } from 'jsonc-parser';
import type { ParsedDocument } from '../engine';

export const MAX_FOLDING_RANGES = 5000;

export function foldingRanges(doc: TextDocument, parsed: ParsedDocument, max = MAX_FOLDING_RANGES): FoldingRange[] {
  const out: FoldingRange[] = [];
  const line = (offset: number) => doc.positionAt(offset).line;
  const walk = (n: Node) => {
    if (out.length >= max) return;
    if (n.type === 'object' || n.type === 'array') {
      const start = line(n.offset);
      const end = line(n.offset + n.length - 1);
      // Stop before the closing bracket's line so it stays visible.
      if (end - 1 > start) out.push({ startLine: start, endLine: end - 1 });
    }
    for (const c of n.children ?? []) walk(c);
  };
  if (parsed.root) walk(parsed.root);
  let run: { start: number; end: number } | undefined;
  const flush = () => {
    if (run && run.end > run.start) out.push({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const c of parsed.comments) {
    const s = line(c.offset);
    const e = line(c.offset + c.length);
    if (c.block) {
      flush();
      if (e > s) out.push({ startLine: s, endLine: e, kind: FoldingRangeKind.Comment });
    } else if (run && s === run.end + 1) run.end = s;
    else {
      flush();
      run = { start: s, end: s };
    }
  }
  flush();
  return out.slice(0, max).sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
