/** `textDocument/documentSymbol`: the outline (`../symbols.ts`). */
import type { DocumentSymbol, DocumentSymbolParams } from 'vscode-languageserver';
import type { ServerState } from '../state';
import { documentSymbols } from '../symbols';

export async function documentSymbol(s: ServerState, params: DocumentSymbolParams): Promise<DocumentSymbol[]> {
  const doc = await s.documents.usable(params);
  return doc ? documentSymbols(doc, s.analyses.parsed(doc)) : [];
}
