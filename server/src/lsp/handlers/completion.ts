/** `textDocument/completion` (what is offered: `../completion.ts`). */
import type { CompletionItem, CompletionParams } from 'vscode-languageserver';
import { completionItems } from '../completion';
import { isPosition } from '../safe';
import type { ServerState } from '../state';
import { isSpaceFile } from '../workspaces';

export async function completion(s: ServerState, params: CompletionParams): Promise<CompletionItem[]> {
  const doc = await s.documents.usable(params);
  if (!doc || isSpaceFile(doc.uri) || !isPosition(params.position)) return [];
  return completionItems(doc, s.analyses.analysed(doc), doc.offsetAt(params.position), s.workspaces.envFor(doc.uri), s.client.snippetSupport);
}
