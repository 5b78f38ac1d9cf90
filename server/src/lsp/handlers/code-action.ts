/** `textDocument/codeAction`: quick fixes, disable comments and fix-all (`../code-actions.ts`). */
import type { CodeAction, CodeActionParams } from 'vscode-languageserver';
import { codeActions } from '../code-actions';
import type { ServerState } from '../state';
import { isSpaceFile } from '../workspaces';

export async function codeAction(s: ServerState, params: CodeActionParams): Promise<CodeAction[]> {
  const doc = await s.documents.usable(params);
  if (!doc || isSpaceFile(doc.uri)) return [];
  const context = params.context ?? { diagnostics: [] };
  return codeActions({
    doc,
    diagnostics: Array.isArray(context.diagnostics) ? context.diagnostics : [],
    only: Array.isArray(context.only) ? context.only : undefined,
    current: () => s.analyses.lint(doc).diagnostics,
    lintOther: (text) => s.analyses.lintOther(doc, text),
    documentChanges: s.client.documentChanges,
  });
}
