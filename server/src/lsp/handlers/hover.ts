/**
 * `textDocument/hover`: the catalog hover of the key or value (`../hover.ts`), and on an entry,
 * the `idSyncConfiguration` key or the `destination` key, the preview table of the sample
 * profiles (`../preview.ts`). Both read the one analysis of the document's version.
 */
import { MarkupKind } from 'vscode-languageserver';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { hover as catalogHover } from '../hover';
import { hoverMarkdown, previewTargetAt } from '../preview';
import { isPosition } from '../safe';
import type { ServerState } from '../state';
import { isSpaceFile, uriToPath } from '../workspaces';

export async function hover(s: ServerState, params: HoverParams): Promise<Hover | null> {
  const doc = await s.documents.usable(params);
  if (!doc || isSpaceFile(doc.uri) || !isPosition(params.position)) return null;
  const offset = doc.offsetAt(params.position);
  const env = s.workspaces.envFor(doc.uri);
  const analysed = s.analyses.analysed(doc);
  const base = catalogHover(doc, analysed, offset, env);
  const target = previewTargetAt(analysed.doc.root, offset);
  if (!target) return base;
  const path = uriToPath(doc.uri);
  if (!path) return base;
  let md: string;
  try {
    const settings = await s.settings.forUri(doc.uri);
    const current = s.documents.get(doc.uri);
    if (!current || current.version !== doc.version) return null; // the text moved on while the settings were read
    md = hoverMarkdown(s.previews.ofDocument(doc, path, settings, env.space), target, settings);
  } catch (e) {
    s.log(`idsync: preview for the hover failed: ${(e as Error)?.stack ?? String(e)}`);
    return base;
  }
  const baseText = base && typeof base.contents === 'object' && 'value' in base.contents ? base.contents.value : '';
  return {
    contents: { kind: MarkupKind.Markdown, value: baseText ? `${baseText}\n\n---\n\n${md}` : md },
    range: base?.range ?? { start: doc.positionAt(target.offset), end: doc.positionAt(target.offset + target.length) },
  };
}
