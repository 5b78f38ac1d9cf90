/** `textDocument/formatting` and `textDocument/rangeFormatting` (`../formatting.ts`: jsonc-parser's formatter). */
import type { DocumentFormattingParams, DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver';
import { formatDocument } from '../formatting';
import { isPosition } from '../safe';
import type { ServerState } from '../state';

export async function formatting(s: ServerState, params: DocumentFormattingParams): Promise<TextEdit[]> {
  const doc = await s.documents.usable(params);
  return doc ? formatDocument(doc, params.options ?? { tabSize: 2, insertSpaces: true }) : [];
}

export async function rangeFormatting(s: ServerState, params: DocumentRangeFormattingParams): Promise<TextEdit[]> {
  const doc = await s.documents.usable(params);
  if (!doc || !params.range || !isPosition(params.range.start) || !isPosition(params.range.end)) return [];
  return formatDocument(doc, params.options ?? { tabSize: 2, insertSpaces: true }, params.range);
}
