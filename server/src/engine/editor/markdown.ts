/**
 * Markdown for hovers and completion documentation: escaping, and the documentation of catalog
 * entries (destinations, keys). Text that comes from a file the user edits (values, space-file
 * catalogs) is escaped so it can never become markup or HTML.
 */
import { confidenceNotes, isReliable } from '../catalogs/catalog';
import type { DestinationCatalog, DestinationSummary, DestinationTier } from '../catalogs/catalog';
import { describeStep, hashingLabel } from '../preview/normalize';
import { fromSpaceFile } from './context';

const SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"']/g;

/**
 * Escapes text so a markdown renderer shows it literally (no emphasis, links, HTML, code), on one
 * line: line breaks become spaces, as hovers and completion documentation put values inside
 * sentences. (The preview's `escapeMarkdown` instead shows line breaks and invisible characters
 * as `\u{...}`: it renders values a reviewer must see exactly.)
 */
export function escapeInline(text: string): string {
  return text
    .replace(SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : c === "'" ? '&#39;' : '\\' + c))
    .replace(/\r\n|\r|\n/g, ' ');
}

/** A value shown as inline code: backticks are not allowed inside, so such values fall back to escaped text. */
export function inlineCode(text: string): string {
  if (/[`\r\n]/.test(text) || text.length === 0) return escapeInline(text || '""');
  return '`' + text + '`';
}

/** Catalog text: built-in catalogs are trusted markdown we ship; catalogs declared in a space file are escaped. */
export function catalogText(text: string, fromSpaceFile: boolean): string {
  return fromSpaceFile ? escapeInline(text) : text;
}

/** What a built-in destination is, in a few words (slug completion). */
export function kindLabel(d: { kind: DestinationCatalog['kind']; tier?: DestinationTier }): string {
  switch (d.tier) {
    case 1: return 'classic list destination';
    case 2: case 3: return 'audience destination (Actions)';
    case 4: return d.kind === 'actions' ? 'event destination (Actions)' : 'event destination (classic)';
    default: return d.kind;
  }
}

export function summaryDoc(d: DestinationSummary): string {
  const lines = [`**${d.displayName}** (${inlineCode(d.slug)})`, '', `${kindLabel(d)[0].toUpperCase()}${kindLabel(d).slice(1)}.`];
  if (d.aliases.length) lines.push('', `Also written: ${d.aliases.map(inlineCode).join(', ')}.`);
  return lines.join('\n');
}

export function destinationDoc(d: DestinationCatalog): string {
  const esc = fromSpaceFile(d);
  const lines = [
    `**${catalogText(d.displayName, esc)}** (${inlineCode(d.slug)}${d.tier ? `, ${kindLabel(d)}` : ''})`,
    '',
    `${d.input === 'dropdown' ? 'Destination keys from a dropdown' : 'Free-text destination keys'}: ${Object.keys(d.keys).map(inlineCode).join(', ') || (d.tier === 4 ? 'its mappings decide (an event destination)' : d.curated === false ? 'not curated yet' : 'none listed')}.`,
  ];
  const reads = Object.keys(d.readsByDefault ?? {});
  if (d.curated === false && reads.length) lines.push('', `Its audience action reads by default: ${reads.map(inlineCode).join(', ')}.`);
  if (d.aliases?.length) lines.push('', `Also written: ${d.aliases.map(inlineCode).join(', ')}.`);
  if (d.connectionSettings && Object.keys(d.connectionSettings).length) lines.push('', `Connection settings: ${Object.keys(d.connectionSettings).map(inlineCode).join(', ')}.`);
  lines.push('', `Source: ${catalogText(d.source, esc)}${d.confidence ? ` (confidence: ${d.confidence})` : ''}`);
  return lines.join('\n');
}

export function keyDoc(d: DestinationCatalog, key: string): string {
  const spec = d.keys[key];
  const esc = fromSpaceFile(spec);
  const lines = [`**${catalogText(spec.label, esc)}** (${inlineCode(key)} at ${catalogText(d.displayName, fromSpaceFile(d))})`, '', catalogText(spec.description, esc), ''];
  const steps = [...(spec.normalize ?? []).map(describeStep), spec.hashing === 'none' ? 'sent unhashed' : `${hashingLabel(spec.hashing)} hash`];
  lines.push(`Sent as: ${steps.join(', ')}.`);
  if (spec.suggestedFor?.length) lines.push('', `${isReliable(spec) ? 'Suggested' : 'Meant'} for: ${spec.suggestedFor.map(inlineCode).join(', ')}.`);
  const confidence = confidenceNotes(spec);
  if (confidence.length) lines.push('', ...confidence.map((n) => `Confidence: ${catalogText(n, esc)}.`));
  lines.push('', `Source: ${catalogText(spec.source, esc)}`);
  return lines.join('\n');
}
