/** `textDocument/foldingRange` (`../folding.ts`). */
import type { FoldingRange, FoldingRangeParams } from 'vscode-languageserver';
import { foldingRanges } from '../folding';
import type { ServerState } from '../state';

export async function foldingRange(s: ServerState, params: FoldingRangeParams): Promise<FoldingRange[]> {
  const doc = await s.documents.usable(params);
  return doc ? foldingRanges(doc, s.analyses.parsed(doc)) : [];
}
