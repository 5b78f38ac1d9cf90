/** Hover over LSP: the engine's protocol-free hover (engine/editor/hover.ts) as an LSP Hover. */
import { Hover, MarkupKind, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../engine';
import type { Analysed, FeatureEnv } from '../engine';

export function hover(doc: TextDocument, analysed: Analysed, offset: number, env: FeatureEnv): Hover | null {
  const h = hoverAt(analysed, offset, env);
  if (!h) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: h.markdown },
    range: Range.create(doc.positionAt(h.offset), doc.positionAt(h.offset + h.length)),
  };
}
