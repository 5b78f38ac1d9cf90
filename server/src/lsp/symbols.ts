/** Document symbols: the outline of a config (objects, arrays and their members), capped. */
import type { Node } from 'jsonc-parser';
import { DocumentSymbol, SymbolKind, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from '../engine';

export const MAX_SYMBOLS = 5000;

function kindOf(node: Node): SymbolKind {
  switch (node.type) {
    case 'object':
      return SymbolKind.Module;
    case 'array':
      return SymbolKind.Array;
    case 'string':
      return SymbolKind.String;
    case 'number':
      return SymbolKind.Number;
    case 'boolean':
      return SymbolKind.Boolean;
    default:
      return SymbolKind.Null;
  }
}

function detailOf(node: Node): string | undefined {
  if (node.type === 'object' || node.type === 'array') return undefined;
  return JSON.stringify(node.value);
}

/** An idSyncConfiguration entry's name: "email → EMAIL (last)". */
function entryName(node: Node, index: number): string {
  const get = (k: string) => node.children?.find((p) => p.children?.[0].value === k)?.children?.[1];
  const ext = get('externalId');
  if (ext?.type !== 'string') return String(index);
  const map = get('mapTo');
  const strat = get('strategy');
  return `${ext.value}${map?.type === 'string' ? ` → ${map.value}` : ''}${strat?.type === 'string' ? ` (${strat.value})` : ''}`;
}

export function documentSymbols(doc: TextDocument, parsed: ParsedDocument, max = MAX_SYMBOLS): DocumentSymbol[] {
  if (!parsed.root) return [];
  let count = 0;
  const range = (n: Node) => Range.create(doc.positionAt(n.offset), doc.positionAt(n.offset + n.length));
  const children = (node: Node, inEntries: boolean): DocumentSymbol[] | undefined => {
    const out: DocumentSymbol[] = [];
    if (node.type === 'object') {
      for (const prop of node.children ?? []) {
        const key = prop.children?.[0];
        const value = prop.children?.[1];
        if (!key || count >= max) break;
        count++;
        const name = (key.value as string) || '""';
        out.push({
          name,
          kind: value ? kindOf(value) : SymbolKind.Property,
          detail: value ? detailOf(value) : undefined,
          range: range(prop),
          selectionRange: range(key),
          children: value ? children(value, key.value === 'idSyncConfiguration' && node === parsed.root) : undefined,
        });
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((item, i) => {
        if (count >= max) return;
        count++;
        out.push({
          name: inEntries && item.type === 'object' ? entryName(item, i) : String(i),
          kind: kindOf(item),
          detail: detailOf(item),
          range: range(item),
          selectionRange: range(item),
          children: children(item, false),
        });
      });
    } else return undefined;
    return out;
  };
  return children(parsed.root, false) ?? [];
}
