/**
 * Views of a `ConfigPreview`: Markdown for the editor hover (and the webview), plain text for
 * the CLI. Every value that comes from a file (paths, identifier names, keys, profile values,
 * notes quoting them) goes through `escapeMarkdown` / `sanitizeText`, so it can never become
 * markup, a link, HTML or a terminal control sequence.
 */
import type { ConfigPreview, PreviewEntry, PreviewValue, ProfilePreview } from './preview';
import type { Hashing } from '../catalogs/catalog';
import { hashingLabel } from './normalize';

export interface RenderOptions {
  /** Hide the raw profile values (and normalised values): show only what the destination receives. */
  mask?: boolean;
  /** Only this idSyncConfiguration entry (hover over one entry). */
  entryIndex?: number;
  /** Show the Audience Exit variant (default true). */
  exit?: boolean;
  /** Shorten hashes to this many characters followed by "…" (the hover); full by default. */
  hashLength?: number;
  /** Markdown: add an "Events" column (events per row). */
  events?: boolean;
  /** Markdown: show at most this many values per row, then one "… N more" line (the hover). */
  maxValues?: number;
}

const MASK = '***';

/** Appends `lines` to `out` one by one: `out.push(...lines)` passes every line as an argument and overflows the stack on long lists. */
function append(out: string[], lines: readonly string[]): void {
  for (const l of lines) out.push(l);
}

/** Invisible and control characters that could disguise text or drive a terminal, shown as \u{...}. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Makes invisible characters, control characters and lone surrogates visible as `\u{hex}`. */
export function sanitizeText(s: string): string {
  return s.replace(INVISIBLE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/**
 * Escapes text for CommonMark/GFM so it renders literally: every ASCII punctuation character is
 * backslash-escaped (which also defeats autolinks of URLs and e-mail addresses), `&`, `<` and `>`
 * become HTML entities, and invisible characters are made visible.
 */
export function escapeMarkdown(s: string): string {
  return sanitizeText(s).replace(/[!-/:-@[-`{-~]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      default:
        return '\\' + c;
    }
  });
}

function shortHash(s: string, n: number | undefined): string {
  return n !== undefined && s.length > n + 1 && /^[a-f0-9]{64}$/i.test(s) ? s.slice(0, n) + '…' : s;
}

function entriesFor(list: PreviewEntry[], options: RenderOptions): PreviewEntry[] {
  return options.entryIndex === undefined ? list : list.filter((e) => e.index === options.entryIndex);
}

function setupLabel(setup: 'default' | 'customized'): string {
  return setup === 'customized' ? 'Customized Setup' : 'Default Setup';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------------------------
// Markdown (hover, webview)

function mdReceived(v: PreviewValue, options: RenderOptions): string {
  if (v.sent === null) return '*nothing*';
  const sent = escapeMarkdown(shortHash(v.sent, options.hashLength));
  if (v.transform === 'passed-through') return `${sent} (already ${escapeMarkdown(hashingLabel(v.hashing ?? 'sha256'))})`;
  if (v.hashing) {
    const before = !options.mask && v.normalized !== undefined && v.normalized !== v.raw ? ` of ${escapeMarkdown(v.normalized)}` : '';
    return `${sent} (${escapeMarkdown(hashingLabel(v.hashing))}${before})`;
  }
  return sent;
}

function mdEntryRows(e: PreviewEntry, options: RenderOptions): string[] {
  const id = e.externalId === null ? '*(none)*' : escapeMarkdown(e.externalId);
  const key = e.key === null ? (e.mapTo === null ? '—' : escapeMarkdown(e.mapTo)) : escapeMarkdown(e.key);
  const strategy = e.strategy ?? '—';
  const cells = (first: boolean, raw: string, recv: string, note: string) => {
    const row = first ? [id, key, strategy] : ['', '', ''];
    if (!options.mask) row.push(raw);
    row.push(recv);
    if (options.events) row.push(first ? String(e.events) : '');
    row.push(note);
    return `| ${row.join(' | ')} |`;
  };
  const entryNotes = e.notes.map(escapeMarkdown);
  if (e.skipped !== null || e.values.length === 0) {
    const reason = e.skipped !== null ? `skipped: ${escapeMarkdown(e.skipped)}` : '';
    return [cells(true, '—', '*nothing*', [reason, ...entryNotes].filter(Boolean).join('; '))];
  }
  const max = options.maxValues !== undefined && options.maxValues >= 1 && e.values.length > options.maxValues + 1 ? options.maxValues : e.values.length;
  const rows = e.values.slice(0, max).map((v, i) => {
    const notes = [...(i === 0 ? entryNotes : []), ...v.notes.map(escapeMarkdown)].join('; ');
    return cells(i === 0, escapeMarkdown(v.raw), mdReceived(v, options), notes);
  });
  if (max < e.values.length) {
    const more = e.values.length - max;
    rows.push(cells(false, `*… ${more} more*`, options.mask ? `*… ${more} more*` : '', ''));
  }
  return rows;
}

function mdTable(entries: PreviewEntry[], options: RenderOptions): string[] {
  const head = ['Segment', 'Destination key', 'Strategy', ...(options.mask ? [] : ['Value']), 'Destination receives', ...(options.events ? ['Events'] : []), 'Notes'];
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...entries.flatMap((e) => mdEntryRows(e, options))];
}

function mdProfile(p: ProfilePreview, options: RenderOptions): string[] {
  const title = `**${escapeMarkdown(p.profile)}**`;
  if (p.error !== null) return [`${title}: cannot preview: ${escapeMarkdown(p.error)}`];
  const entries = entriesFor(p.identifiers, options);
  const out = [`${title} — ${setupLabel(p.setup)}, ${plural(p.events, 'event')}${p.partial ? ' (partial profile)' : ''}`, ''];
  if (entries.length === 0) out.push(options.entryIndex === undefined ? '*No identifiers configured.*' : '*This entry is not previewed.*');
  else append(out, mdTable(entries, options));
  if (options.exit !== false) {
    const sent = p.exit.identifiers.filter((e) => e.events > 0);
    const list = sent.map((e) => `${escapeMarkdown(e.externalId ?? '')} → ${escapeMarkdown(e.key ?? '')} ×${e.events}`).join(', ');
    out.push('', `*Audience Exit:* ${plural(p.exit.events, 'event')} (ID Sync ignored: all ID combinations)${list ? `: ${list}` : ''}`);
  }
  for (const n of p.notes) out.push('', `*Note:* ${escapeMarkdown(n)}`);
  return out;
}

/** The preview as Markdown: a compact table per sample profile. */
export function renderPreviewMarkdown(preview: ConfigPreview, options: RenderOptions = {}): string {
  const out: string[] = [];
  const dest = preview.destination.slug === null ? escapeMarkdown(preview.destination.displayName) : `${escapeMarkdown(preview.destination.displayName)} (${escapeMarkdown(preview.destination.slug)})`;
  out.push(`**ID Sync preview** — ${dest}, ${setupLabel(preview.setup)}`);
  for (const n of preview.notes) out.push('', `*Note:* ${escapeMarkdown(n)}`);
  if (preview.profiles.length === 0) out.push('', '*No sample profiles.*');
  for (const p of preview.profiles) {
    out.push('', '---', '');
    append(out, mdProfile(p, options));
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Plain text (CLI)

function quote(s: string): string {
  return sanitizeText(JSON.stringify(s));
}

/** The hashing as the plain-text preview names it: the catalog's own name ("sha256", "sha1"...). */
function textHashing(hashing: Exclude<Hashing, 'none'>): string {
  return hashing;
}

function textValue(v: PreviewValue, options: RenderOptions): string[] {
  const raw = options.mask ? MASK : quote(v.raw);
  let recv: string;
  if (v.sent === null) recv = 'nothing';
  else if (v.transform === 'passed-through') recv = `${shortHash(v.sent, options.hashLength)} (already ${textHashing(v.hashing ?? 'sha256')})`;
  else if (v.hashing) {
    const before = !options.mask && v.normalized !== undefined && v.normalized !== v.raw ? ` of ${quote(v.normalized)}` : '';
    recv = `${shortHash(v.sent, options.hashLength)} (${textHashing(v.hashing)}${before})`;
  }
  else recv = quote(v.sent);
  const when = v.createdAt && !options.mask ? `  [${sanitizeText(v.createdAt)}]` : '';
  return [`    ${raw} -> ${recv}${when}`, ...v.notes.map((n) => `      note: ${sanitizeText(n)}`)];
}

function textEntry(e: PreviewEntry, options: RenderOptions): string[] {
  const id = e.externalId === null ? '(no externalId)' : sanitizeText(e.externalId);
  const key = e.key ?? e.mapTo;
  const head = `  ${id} -> ${key === null ? '(no key)' : sanitizeText(key)}${e.strategy ? ` [${e.strategy}]` : ''}`;
  const out: string[] = [];
  if (e.skipped !== null) out.push(`${head}: skipped: ${sanitizeText(e.skipped)}`);
  else out.push(`${head}: ${plural(e.values.length, 'value')} of ${e.available}, ${plural(e.events, 'event')}`);
  for (const n of e.notes) out.push(`    note: ${sanitizeText(n)}`);
  if (e.skipped === null) for (const v of e.values) append(out, textValue(v, options));
  return out;
}

function textProfile(p: ProfilePreview, options: RenderOptions): string[] {
  const name = sanitizeText(p.profile);
  if (p.error !== null) return [`${name}: error: ${sanitizeText(p.error)}`];
  const out = [`${name}: ${setupLabel(p.setup)}, ${plural(p.events, 'event')}${p.partial ? ' (partial profile)' : ''}`];
  const entries = entriesFor(p.identifiers, options);
  if (entries.length === 0) out.push('  (no identifiers configured)');
  for (const e of entries) append(out, textEntry(e, options));
  if (options.exit !== false) {
    out.push(`  Audience Exit events (ID Sync ignored: all ID combinations): ${plural(p.exit.events, 'event')}`);
    for (const e of p.exit.identifiers) {
      if (e.events === 0) continue;
      out.push(`    ${sanitizeText(e.externalId ?? '')} -> ${sanitizeText(e.key ?? '')}: ${e.values.filter((v) => v.sent !== null).map((v) => (v.transform === 'as-is' ? quote(v.sent!) : shortHash(v.sent!, options.hashLength))).join(', ')}`);
    }
  }
  for (const n of p.notes) out.push(`  note: ${sanitizeText(n)}`);
  return out;
}

/** The preview as plain text for a terminal or a CI log. */
export function renderPreviewText(preview: ConfigPreview, options: RenderOptions = {}): string {
  const d = preview.destination;
  const out = [`Destination: ${sanitizeText(d.displayName)}${d.slug !== null && d.slug !== d.displayName ? ` (${sanitizeText(d.slug)})` : ''}, ${setupLabel(preview.setup)}`];
  for (const n of preview.notes) out.push(`note: ${sanitizeText(n)}`);
  if (preview.profiles.length === 0) out.push('', 'No sample profiles.');
  for (const p of preview.profiles) {
    out.push('');
    append(out, textProfile(p, options));
  }
  return out.join('\n') + '\n';
}
