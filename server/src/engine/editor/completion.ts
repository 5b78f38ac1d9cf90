/**
 * Completion, protocol-free: what to offer at an offset of a config's text. The LSP adapter
 * (`lsp/completion.ts`) turns candidates into CompletionItems.
 *
 * Inside a string the edit replaces the string's content only, between the quotes, and its text
 * has no quotes (`PHONE`, not `"PHONE"`): the label, the text and the content replaced agree, so
 * a client that inserts the item's text at the word before the cursor instead of applying the
 * range (Neovim's built-in `vim.lsp.omnifunc`) gives the same result as one that applies it. An
 * unterminated string (`"PH|` at the end of a line) gets its closing quote from the edit, which
 * then ends at the cursor. Outside a string (`"mapTo": |`) the edit replaces the word at the
 * cursor and brings the quotes.
 */
import { getLocation, findNodeAtLocation } from 'jsonc-parser';
import { parseDocument } from '../lint/parse';
import { buildModel } from '../lint/model';
import type { ConfigModel } from '../lint/model';
import * as configSchema from '../lint/config-schema';
import { suggestedKey, isReliable } from '../catalogs/catalog';
import type { DestinationCatalog } from '../catalogs/catalog';
import { SPACE_FILE_NAME } from '../workspace/space';
import { stringValue } from '../json';
import { Analysed, FeatureEnv, Segment, allDestinations, destinationOf, fromSpaceFile, objectSpecAt, propSpecAt, valueRole } from './context';
import { catalogText, inlineCode, destinationDoc, escapeInline, keyDoc, kindLabel, summaryDoc } from './markdown';

export type CandidateKind = 'property' | 'value' | 'snippet' | 'destination' | 'identifier' | 'strategy' | 'key';

export interface CompletionCandidate {
  label: string;
  kind: CandidateKind;
  /** A short line shown next to the label (display name, "default identifier"...). */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text replacing [replaceOffset, replaceOffset + replaceLength). */
  insertText: string;
  /** `insertText` is a snippet (placeholders `$1`, `${1:x}`, `${1|a,b|}`). */
  snippet: boolean;
  sortText: string;
  /** The text the client filters on, when it is not the label (a value with characters JSON escapes). */
  filterText?: string;
  replaceOffset: number;
  replaceLength: number;
  /** Open the suggestions again after inserting (a key whose value is a string to complete). */
  retrigger?: boolean;
}

const WORD = /[A-Za-z0-9_$.\-]/;

/** The candidates at `offset` of `text`, in the order they should be shown. */
export function completionsAt(source: string | Analysed, offset: number, env: FeatureEnv): CompletionCandidate[] {
  const doc = typeof source === 'string' ? parseDocument(source) : source.doc;
  const text = doc.text;
  if (!doc.root) {
    if (text.slice(0, offset).trim() === '' || onlyComments(text)) return [wholeFileSnippet(offset, 0, true)];
    return [];
  }
  if (insideComment(doc.comments, offset)) return [];
  const loc = getLocation(text, offset);
  const prev = loc.previousNode;
  let replaceOffset = offset;
  let replaceLength = 0;
  let inString = false;
  /** Where the string token under the cursor starts (its opening quote). */
  let tokenOffset = -1;
  /** The string under the cursor has no closing quote: the edit adds it. */
  let closeQuote = '';
  /** Inside a string, where its closing quote (if any) ends: a key's edit may replace up to there. */
  let tokenEnd = offset;
  if (prev && (prev.type === 'string' || prev.type === 'property')) {
    const end = prev.offset + prev.length;
    const terminated = prev.length >= 2 && text[end - 1] === '"';
    if (offset > prev.offset && (offset < end || (!terminated && offset <= end))) {
      inString = true;
      tokenOffset = prev.offset;
      replaceOffset = prev.offset + 1;
      replaceLength = (terminated ? end - 1 : offset) - replaceOffset;
      closeQuote = terminated ? '' : '"';
      tokenEnd = terminated ? end : offset;
    }
  }
  if (!inString) {
    let s = offset;
    while (s > 0 && WORD.test(text[s - 1])) s--;
    let e = offset;
    while (e < text.length && WORD.test(text[e])) e++;
    replaceOffset = s;
    replaceLength = e - s;
  }
  const path = loc.path as Segment[];
  const last = path[path.length - 1];
  const model = typeof source === 'string' ? buildModel(doc) : source.model;
  const range = { replaceOffset, replaceLength };
  const inside = inString ? { closeQuote, tokenEnd } : undefined;

  const atKey = loc.isAtPropertyKey && typeof last === 'string';
  if (atKey) {
    const objectPath = path.slice(0, -1);
    const spec = objectSpecAt(objectPath);
    if (!spec) return [];
    const obj = findNodeAtLocation(doc.root, objectPath);
    const present = new Set<string>();
    for (const p of obj?.type === 'object' ? obj.children ?? [] : []) {
      const k = p.children?.[0];
      if (k && !(inString && k.offset === tokenOffset)) present.add(k.value as string);
    }
    const colonFollows = inString && /^\s*:/.test(text.slice(tokenEnd));
    const out: CompletionCandidate[] = [];
    if (objectPath.length === 0 && present.size === 0 && !inString) out.push(wholeFileSnippet(replaceOffset, replaceLength, false));
    const keys = keysFor(objectPath, spec, model, env);
    keys.forEach((k, i) => {
      if (present.has(k.key)) return;
      out.push(keyCandidate(k, i, colonFollows, range, inside));
    });
    return out;
  }

  if (typeof last === 'number') {
    // A value position inside an array.
    if (path.length === 2 && path[0] === 'idSyncConfiguration' && !inString) {
      return [entrySnippet(range)];
    }
    return [];
  }
  return valueCandidates(path, model, env, range, inside);
}

function onlyComments(text: string): boolean {
  return text.replace(/\/\/[^\n\r]*|\/\*[\s\S]*?\*\//g, '').trim() === '';
}

function insideComment(comments: ReadonlyArray<{ offset: number; length: number; block: boolean }>, offset: number): boolean {
  return comments.some((c) => offset > c.offset && (offset < c.offset + c.length || (!c.block && offset === c.offset + c.length)));
}

interface KeyInfo {
  key: string;
  spec: configSchema.PropSpec;
  /** Documentation markdown. */
  doc: string;
}

function keysFor(objectPath: Segment[], spec: configSchema.ObjectSpec, model: ConfigModel, env: FeatureEnv): KeyInfo[] {
  const keys: KeyInfo[] = Object.entries(spec.props).map(([key, s]) => ({ key, spec: s, doc: s.description }));
  if (spec === configSchema.CONNECTION_SETTINGS && objectPath.length === 1) {
    const dest = destinationOf(model.destinationSlug, env);
    for (const [key, cs] of Object.entries(dest?.connectionSettings ?? {})) {
      const text = catalogText(cs.description, fromSpaceFile(cs));
      const existing = keys.find((k) => k.key === key);
      if (existing) existing.doc = `${text}\n\n${existing.doc}`;
      else keys.push({ key, spec: { type: cs.type === 'number' ? 'number' : cs.type, description: cs.description }, doc: text });
    }
  }
  return keys;
}

function valueSnippet(key: string, spec: configSchema.PropSpec): string {
  if (key === 'idSyncConfiguration') return `[\n\t${ENTRY_BODY}\n]`;
  switch (spec.type) {
    case 'string':
      return spec.enum ? `"\${1|${spec.enum.join(',')}|}"` : '"$1"';
    case 'boolean':
      return '${1|true,false|}';
    case 'number':
      return '${1:0}';
    case 'object':
      return '{\n\t$1\n}';
    case 'array':
      return '[\n\t$1\n]';
  }
}

/** A string's content as it is written between quotes (JSON escapes). */
function inQuotes(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

interface Inside {
  closeQuote: string;
  tokenEnd: number;
}

function keyCandidate(k: KeyInfo, index: number, colonFollows: boolean, r: { replaceOffset: number; replaceLength: number }, inside: Inside | undefined): CompletionCandidate {
  const quoted = JSON.stringify(k.key);
  const value = colonFollows ? '' : `: ${valueSnippet(k.key, k.spec)}`;
  // Inside quotes the edit starts after the opening quote; with a value to add it also replaces the closing quote.
  const insertText = inside ? `${inQuotes(k.key)}${colonFollows ? inside.closeQuote : `"${value}`}` : `${quoted}${value}`;
  return {
    label: k.key,
    kind: 'property',
    detail: k.spec.type,
    documentation: k.doc,
    insertText,
    snippet: !colonFollows,
    sortText: `1${pad(index)}`,
    filterText: inside && inQuotes(k.key) !== k.key ? inQuotes(k.key) : undefined,
    replaceOffset: r.replaceOffset,
    replaceLength: inside && !colonFollows ? inside.tokenEnd - r.replaceOffset : r.replaceLength,
    retrigger: !colonFollows && k.spec.type === 'string' && !k.spec.enum,
  };
}

const ENTRY_BODY = '{ "externalId": "$1", "strategy": "${2|last,first,all|}", "mapTo": "$3" }';

function entrySnippet(r: { replaceOffset: number; replaceLength: number }): CompletionCandidate {
  return {
    label: 'New idSyncConfiguration entry',
    kind: 'snippet',
    detail: '{ externalId, strategy, mapTo }',
    documentation: `An identifier to send: ${configSchema.ENTRY.props.externalId.description}\n\nStrategy: ${configSchema.ENTRY.props.strategy.description}`,
    insertText: ENTRY_BODY,
    snippet: true,
    sortText: '0',
    ...r,
  };
}

function wholeFileSnippet(replaceOffset: number, replaceLength: number, withBraces: boolean): CompletionCandidate {
  const body = [
    '"name": "${1:VIP customers to Facebook}",',
    '"audience": { "key": "${2:vip_customers}" },',
    '"destination": { "slug": "${3:personas-facebook-custom-audiences}" },',
    '"connectionSettings": { "sendMobileIds": ${4|false,true|} },',
    '"idSyncConfiguration": [',
    '\t{ "externalId": "${5:email}", "strategy": "${6|last,first,all|}", "mapTo": "${7:EMAIL}" }$0',
    ']',
  ];
  const insertText = withBraces ? `{\n${body.map((l) => '\t' + l).join('\n')}\n}\n` : body.join('\n');
  return {
    label: 'New ID Sync configuration',
    kind: 'snippet',
    detail: 'a whole .idsync.json file',
    documentation: 'Fills the file with an audience, a destination and one `idSyncConfiguration` entry.',
    insertText,
    snippet: true,
    sortText: '0',
    replaceOffset,
    replaceLength,
  };
}

function pad(n: number): string {
  return String(n).padStart(3, '0');
}

interface ValueInfo {
  value: string | boolean;
  detail?: string;
  doc?: string;
  kind: CandidateKind;
}

function valueCandidates(
  path: Segment[],
  model: ConfigModel,
  env: FeatureEnv,
  r: { replaceOffset: number; replaceLength: number },
  inside: Inside | undefined,
): CompletionCandidate[] {
  const values: ValueInfo[] = [];
  const role = valueRole(path);
  const entry = role === 'externalId' || role === 'strategy' || role === 'mapTo' ? model.entries.find((e) => e.index === path[1]) : undefined;
  switch (role) {
    case 'slug':
      for (const d of allDestinations(env)) {
        if ('space' in d) values.push({ value: d.space.slug, detail: `${d.space.displayName} · ${SPACE_FILE_NAME}`, doc: destinationDoc(d.space), kind: 'destination' });
        else values.push({ value: d.builtin.slug, detail: `${d.builtin.displayName} · ${kindLabel(d.builtin)}`, doc: summaryDoc(d.builtin), kind: 'destination' });
      }
      break;
    case 'externalId': {
      const ids = env.catalogs.identifiers.identifiers;
      for (const [id, spec] of Object.entries(ids)) {
        if (!spec.default) continue;
        values.push({ value: id, detail: spec.label, doc: `${spec.description}${spec.requiresSendMobileIds ? '\n\nNeeds the `sendMobileIds` connection setting.' : ''}`, kind: 'identifier' });
      }
      for (const id of env.space.customIdentifiers) {
        if (Object.prototype.hasOwnProperty.call(ids, id) && ids[id].default) continue;
        values.push({ value: id, detail: 'custom identifier', doc: `Declared in \`customIdentifiers\` of ${escapeInline(env.space.path ?? 'idsync.space.json')}.`, kind: 'identifier' });
      }
      break;
    }
    case 'strategy': {
      const strategies = env.catalogs.identifiers.strategies;
      const max = env.catalogs.identifiers.limits.maxAllStrategy;
      const allElsewhere = model.entries.filter((e) => e !== entry && e.index !== path[1] && e.strategy?.value === 'all').length;
      for (const s of ['first', 'last', 'all'] as const) {
        if (s === 'all' && allElsewhere >= max) continue;
        values.push({ value: s, detail: strategies[s].label, doc: strategies[s].description, kind: 'strategy' });
      }
      break;
    }
    case 'mapTo': {
      const dest = destinationOf(model.destinationSlug, env);
      if (!dest) break;
      const spaceData = fromSpaceFile(dest);
      const externalId = stringValue(entry?.externalId);
      const suggested = externalId !== undefined ? suggestedKey(dest, externalId) : undefined;
      const keys = Object.entries(dest.keys).map(([key, spec]) => ({
        value: key,
        detail: isReliable(spec) ? spec.label : `${spec.label} (${spec.confidence})`,
        doc: keyDoc(dest, key),
        kind: 'key' as const,
        spaceData,
      }));
      if (suggested !== undefined && !keys.some((k) => k.value === suggested)) {
        keys.push({ value: suggested, detail: 'key convention', doc: `The documented key for ${inlineCode(externalId!)} at ${catalogText(dest.displayName, spaceData)}.`, kind: 'key', spaceData });
      }
      const i = keys.findIndex((k) => k.value === suggested);
      if (i > 0) keys.unshift(...keys.splice(i, 1));
      if (i >= 0) keys[0].detail = `${keys[0].detail} (suggested for ${externalId})`;
      values.push(...keys);
      if (keys.length === 0) values.push(...uncuratedKeys(dest, externalId, env));
      break;
    }
    default: {
      const spec = propSpecAt(path);
      if (!spec && role !== 'connectionSetting') break;
      if (spec?.enum) for (const v of spec.enum) values.push({ value: v, kind: 'value' });
      else if (spec?.type === 'boolean') values.push({ value: true, kind: 'value' }, { value: false, kind: 'value' });
      else if (role === 'connectionSetting') {
        const dest = destinationOf(model.destinationSlug, env);
        const cs = dest?.connectionSettings?.[path[1] as string];
        if (cs?.type === 'boolean') values.push({ value: true, kind: 'value' }, { value: false, kind: 'value' });
      }
    }
  }
  return values
    .filter((v) => !inside || typeof v.value === 'string')
    .map((v, i) => {
      const content = inside ? inQuotes(v.value as string) : undefined;
      return {
        label: String(v.value),
        kind: v.kind,
        detail: v.detail,
        documentation: v.doc,
        insertText: inside ? content + inside.closeQuote : JSON.stringify(v.value),
        snippet: false,
        sortText: `0${pad(i)}`,
        filterText: content !== undefined && content !== v.value ? content : undefined,
        ...r,
      };
    });
}

/**
 * `mapTo` values for a destination whose keys idsync does not know: the keys its audience action
 * reads by default (not curated yet), else the Segment identifier names, the entry's own first.
 */
function uncuratedKeys(dest: DestinationCatalog, externalId: string | undefined, env: FeatureEnv): ValueInfo[] {
  const spaceData = fromSpaceFile(dest);
  const reads = Object.entries(dest.readsByDefault ?? {});
  if (reads.length) {
    return reads.map(([key, r]) => ({
      value: key, detail: 'read by default', kind: 'key' as const,
      doc: `The default mapping of ${catalogText(dest.displayName, spaceData)} reads ${inlineCode(key)}: ${r.map((x) => `${inlineCode(x.field)} = ${inlineCode(x.default)}`).join('; ')}. Not curated yet: normalisation and hashing unknown.\n\nSource: ${r[0].source}`,
    }));
  }
  const ids = env.catalogs.identifiers.identifiers;
  const names = [...Object.keys(ids).filter((id) => ids[id].default), ...env.space.customIdentifiers];
  const ordered = externalId !== undefined && names.includes(externalId) ? [externalId, ...names.filter((n) => n !== externalId)] : names;
  return [...new Set(ordered)].map((name) => ({
    value: name, detail: name === externalId ? 'Segment identifier name (this entry)' : 'Segment identifier name', kind: 'key' as const,
    doc: `${catalogText(dest.displayName, spaceData)} takes free-text keys and idsync knows none of its own: the key arrives in its events under the name you give (here the Segment identifier name ${inlineCode(name)}).`,
  }));
}
