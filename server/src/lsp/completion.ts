/** Completion over LSP: the engine's protocol-free candidates (engine/editor/completion.ts) as CompletionItems. */
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completionsAt } from '../engine';
import type { Analysed, CandidateKind, FeatureEnv } from '../engine';

const KIND: Record<CandidateKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
  destination: CompletionItemKind.Module,
  identifier: CompletionItemKind.Variable,
  strategy: CompletionItemKind.EnumMember,
  key: CompletionItemKind.Field,
};

export function completionItems(doc: TextDocument, analysed: Analysed, offset: number, env: FeatureEnv, snippetSupport = true): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const c of completionsAt(analysed, offset, env)) {
    if (c.snippet && !snippetSupport) continue;
    const range = Range.create(doc.positionAt(c.replaceOffset), doc.positionAt(c.replaceOffset + c.replaceLength));
    const item: CompletionItem = {
      label: c.label,
      kind: KIND[c.kind],
      detail: c.detail,
      sortText: c.sortText,
      filterText: c.filterText,
      // For clients that insert instead of applying the edit (LSP says insertText is then ignored).
      insertText: c.insertText,
      textEdit: { range, newText: c.insertText },
      insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
    if (c.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
    out.push(item);
  }
  return out;
}
