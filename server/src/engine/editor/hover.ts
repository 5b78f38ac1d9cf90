/**
 * Hover, protocol-free: markdown for the key or value at an offset. Keys show what they mean
 * (from the format's specs); destination, identifier, strategy and mapTo values show their
 * catalog entry. Every piece of text taken from the file is escaped.
 */
import { findNodeAtOffset, getNodePath } from 'jsonc-parser';
import { parseDocument } from '../lint/parse';
import { buildModel } from '../lint/model';
import type { ConfigModel } from '../lint/model';
import type { DestinationCatalog } from '../catalogs/catalog';
import { hashingLabel } from '../preview/normalize';
import { Analysed, FeatureEnv, Segment, destinationOf, fromSpaceFile, propSpecAt, valueRole } from './context';
import { catalogText, inlineCode, destinationDoc, escapeInline, keyDoc } from './markdown';

export interface HoverResult {
  markdown: string;
  offset: number;
  length: number;
}

/** The hover at `offset`: of a text, or of a document already parsed (the server's analysis cache). */
export function hoverAt(source: string | Analysed, offset: number, env: FeatureEnv): HoverResult | undefined {
  const doc = typeof source === 'string' ? parseDocument(source) : source.doc;
  if (!doc.root) return undefined;
  const node = findNodeAtOffset(doc.root, offset, true);
  if (!node || (node.type !== 'string' && node.type !== 'boolean' && node.type !== 'number' && node.type !== 'null')) return undefined;
  const parent = node.parent;
  const model = typeof source === 'string' ? buildModel(doc) : source.model;
  const at = (markdown: string | undefined): HoverResult | undefined => (markdown ? { markdown, offset: node.offset, length: node.length } : undefined);

  if (parent?.type === 'property' && parent.children?.[0] === node) {
    const path = getNodePath(node) as Segment[];
    return at(keyHover(path, node.value as string, model, env));
  }
  if (node.type !== 'string') return undefined;
  const path = getNodePath(node) as Segment[];
  return at(valueHover(path, node.value as string, model, env));
}

function keyHover(path: Segment[], key: string, model: ConfigModel, env: FeatureEnv): string | undefined {
  const spec = propSpecAt(path);
  const role = valueRole(path);
  const parts: string[] = [];
  if (role === 'connectionSetting') {
    const dest = destinationOf(model.destinationSlug, env);
    const cs = dest?.connectionSettings?.[key];
    if (cs) {
      const esc = fromSpaceFile(cs);
      parts.push(`**${inlineCode(key)}** (${cs.type}, connection setting of ${catalogText(dest!.displayName, fromSpaceFile(dest!))})`, '', catalogText(cs.description, esc), '', `Source: ${catalogText(cs.source, esc)}`);
      return parts.join('\n');
    }
  }
  if (!spec) return undefined;
  parts.push(`**${inlineCode(key)}** (${spec.type}${spec.enum ? `: ${spec.enum.map((v) => inlineCode(v)).join(' | ')}` : ''})`, '', spec.description);
  return parts.join('\n');
}

function valueHover(path: Segment[], value: string, model: ConfigModel, env: FeatureEnv): string | undefined {
  const role = valueRole(path);
  switch (role) {
    case 'slug': {
      const dest = destinationOf(value, env);
      if (!dest) return `${inlineCode(value)}: a destination slug in no catalog (built-in or \`idsync.space.json\`).`;
      const alias = dest.slug !== value ? `${inlineCode(value)} is another name of ${inlineCode(dest.slug)} (its canonical slug).\n\n` : '';
      return alias + destinationDoc(dest);
    }
    case 'externalId': {
      const id = env.catalogs.identifiers.identifiers[value];
      if (id && Object.prototype.hasOwnProperty.call(env.catalogs.identifiers.identifiers, value)) {
        const lines = [`**${id.label}** (${inlineCode(value)}${id.default ? ', a default identifier' : ''})`, '', id.description];
        if (id.requiresSendMobileIds) lines.push('', 'A mobile advertising id: needs the `sendMobileIds` connection setting.');
        if (id.unmatchable) lines.push('', `Ad-list destinations cannot match it: ${id.unmatchableReason ?? 'it is not a contact or advertising identifier'}.`);
        const dest = destinationOf(model.destinationSlug, env);
        if (dest) lines.push(...sentAs(dest, value));
        lines.push('', `Source: ${id.source}`);
        return lines.join('\n');
      }
      if (env.space.customIdentifiers.has(value)) {
        return [`${inlineCode(value)}: a custom identifier of the space`, '', `Declared in \`customIdentifiers\` of ${escapeInline(env.space.path ?? 'idsync.space.json')}.`].join('\n');
      }
      return `${inlineCode(value)}: neither a default identifier nor one of the space's \`customIdentifiers\`.`;
    }
    case 'strategy': {
      const strategies = env.catalogs.identifiers.strategies;
      if (value === 'first' || value === 'last' || value === 'all') {
        const s = strategies[value];
        const lines = [`**${s.label}** (${inlineCode(value)})`, '', s.description];
        if (value === 'all') lines.push('', `At most ${env.catalogs.identifiers.limits.maxAllStrategy} entries can use \`all\`.`);
        lines.push('', `Source: ${s.source}`);
        return lines.join('\n');
      }
      return `${inlineCode(value)} is not a strategy value: use \`first\`, \`last\` or \`all\`.`;
    }
    case 'mapTo': {
      const dest = destinationOf(model.destinationSlug, env);
      if (!dest) return undefined;
      if (Object.prototype.hasOwnProperty.call(dest.keys, value)) return keyDoc(dest, value);
      const te = dest.traitEnrichmentKeys?.[value];
      if (te) {
        return `${inlineCode(value)} (${te.label}) belongs to Trait Enrichment at ${dest.displayName}, not to ID Sync.\n\nSource: ${te.source}`;
      }
      return `${inlineCode(value)} is not a key of ${catalogText(dest.displayName, fromSpaceFile(dest))}'s catalog.`;
    }
    default:
      return undefined;
  }
}

function sentAs(dest: DestinationCatalog, externalId: string): string[] {
  for (const [key, spec] of Object.entries(dest.keys)) {
    if (spec.suggestedFor?.includes(externalId)) {
      return ['', `At ${catalogText(dest.displayName, fromSpaceFile(dest))}: usually mapped to ${inlineCode(key)} (${spec.hashing === 'none' ? 'unhashed' : `${hashingLabel(spec.hashing)} hashed`}).`];
    }
  }
  return [];
}

