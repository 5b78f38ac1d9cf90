/**
 * The preview as an HTML fragment, for the editor's preview panel (a webview). A third view of
 * the same `ConfigPreview` as the Markdown (hover) and the plain text (CLI).
 *
 * Everything that comes from a file (paths, identifier names, keys, profile values, notes that
 * quote them) goes through `escapeHtml`, so it is text in the page and never markup: no
 * element, attribute or script can come from a config or a profile. The fragment holds no
 * script and no inline style attribute; the panel wraps it in a document with a strict
 * Content-Security-Policy (client/src/webview-html.ts).
 *
 * Stable hooks for tests: `section.profile[data-profile]`, `h2.profile-path`,
 * `table.identifiers` / `table.exit` with `tr[data-entry]`, cells `td.segment`, `td.key`,
 * `td.strategy`, `td.raw`, `td.sent`, `td.events`, `td.skipped`; `.error`, `.notes`.
 */
import type { ConfigPreview, PreviewEntry, PreviewValue, ProfilePreview } from './preview';
import { sanitizeText } from './render';
import { hashingLabel } from './normalize';

export interface HtmlOptions {
  /** Hide raw (and normalised) profile values: show only what the destination receives. */
  mask?: boolean;
}

export const PREVIEW_COLUMNS = ['Segment identifier', 'Destination key', 'Strategy', 'Values (raw)', 'Sent (as received)', 'Events', 'Skipped'] as const;

/** Escapes text for HTML element content and quoted attribute values; invisible characters are made visible. */
export function escapeHtml(s: string): string {
  return sanitizeText(s).replace(/[&<>"'`]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&#39;';
      default:
        return '&#96;';
    }
  });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function setupLabel(setup: 'default' | 'customized'): string {
  return setup === 'customized' ? 'Customized Setup' : 'Default Setup';
}

const NONE = '<span class="none">—</span>';

function received(v: PreviewValue, options: HtmlOptions): string {
  if (v.sent === null) return '<span class="none">nothing</span>';
  const sent = `<code>${escapeHtml(v.sent)}</code>`;
  let how = '';
  if (v.transform === 'passed-through') how = ` <span class="how">already ${escapeHtml(hashingLabel(v.hashing ?? 'sha256'))}</span>`;
  else if (v.hashing) {
    const of = !options.mask && v.normalized !== undefined && v.normalized !== v.raw ? ` of <code>${escapeHtml(v.normalized)}</code>` : '';
    how = ` <span class="how">${escapeHtml(hashingLabel(v.hashing))}${of}</span>`;
  }
  const notes = v.notes.map((n) => `<div class="note">${escapeHtml(n)}</div>`).join('');
  return `<div class="value">${sent}${how}${notes}</div>`;
}

function rawValue(v: PreviewValue, options: HtmlOptions): string {
  if (options.mask) return '<div class="value masked">masked</div>';
  const when = v.createdAt ? ` <span class="when">${escapeHtml(v.createdAt)}</span>` : '';
  return `<div class="value"><code>${escapeHtml(v.raw)}</code>${when}</div>`;
}

function row(e: PreviewEntry, options: HtmlOptions): string {
  const attr = e.index === null ? '' : ` data-entry="${e.index}"`;
  const id = e.externalId === null ? NONE : `<code>${escapeHtml(e.externalId)}</code>`;
  const keyText = e.key ?? e.mapTo;
  const key = keyText === null ? NONE : `<code>${escapeHtml(keyText)}</code>`;
  const strategy = e.strategy === null ? NONE : escapeHtml(e.strategy);
  const raw = e.values.length === 0 ? NONE : e.values.map((v) => rawValue(v, options)).join('');
  const sent = e.values.length === 0 ? '<span class="none">nothing</span>' : e.values.map((v) => received(v, options)).join('');
  const skipped = e.skipped === null ? NONE : escapeHtml(e.skipped);
  return (
    `<tr${attr}${e.skipped !== null ? ' class="skipped-row"' : ''}>` +
    `<td class="segment">${id}</td><td class="key">${key}</td><td class="strategy">${strategy}</td>` +
    `<td class="raw">${raw}</td><td class="sent">${sent}</td><td class="events">${e.events}</td><td class="skipped">${skipped}</td></tr>`
  );
}

function table(cls: string, entries: readonly PreviewEntry[], options: HtmlOptions): string {
  const head = PREVIEW_COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('');
  const body = entries.length === 0 ? `<tr><td class="empty" colspan="${PREVIEW_COLUMNS.length}">No identifiers.</td></tr>` : entries.map((e) => row(e, options)).join('\n');
  return `<table class="${cls}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function rowNotes(entries: readonly PreviewEntry[]): string[] {
  return entries.flatMap((e) => e.notes.map((n) => `<li>${e.externalId === null ? '' : `<code>${escapeHtml(e.externalId)}</code>: `}${escapeHtml(n)}</li>`));
}

function profileSection(p: ProfilePreview, options: HtmlOptions): string {
  const path = escapeHtml(p.profile);
  const out = [`<section class="profile${p.error !== null ? ' error' : ''}" data-profile="${path}">`, `<h2 class="profile-path">${path}</h2>`];
  if (p.error !== null) {
    out.push(`<p class="error">Cannot preview: ${escapeHtml(p.error)}</p>`, '</section>');
    return out.join('\n');
  }
  out.push(`<p class="summary">${setupLabel(p.setup)}: ${plural(p.events, 'event')}${p.partial ? ' <span class="partial">(partial profile: more external ids than this page)</span>' : ''}</p>`);
  out.push(table('identifiers', p.identifiers, options));
  const notes = [...rowNotes(p.identifiers), ...p.notes.map((n) => `<li>${escapeHtml(n)}</li>`)];
  if (notes.length > 0) out.push(`<ul class="notes">${notes.join('')}</ul>`);
  out.push(`<h3 class="exit-title">Audience Exit events: ${plural(p.exit.events, 'event')}</h3>`, `<p class="exit-note">${escapeHtml(p.exit.note)}</p>`);
  out.push(table('exit', p.exit.identifiers, options));
  out.push('</section>');
  return out.join('\n');
}

/** The body of the preview panel: a header, then one section per sample profile. */
export function renderPreviewHtml(preview: ConfigPreview, options: HtmlOptions & { title?: string; emptyHint?: string } = {}): string {
  const d = preview.destination;
  const dest = d.slug === null || d.slug === d.displayName ? escapeHtml(d.displayName) : `${escapeHtml(d.displayName)} (<code>${escapeHtml(d.slug)}</code>)`;
  const out = ['<main id="idsync-preview">', '<header>'];
  if (options.title !== undefined) out.push(`<h1 id="preview-title">${escapeHtml(options.title)}</h1>`);
  out.push(`<p class="destination">Destination: <span id="preview-destination">${dest}</span>, ${setupLabel(preview.setup)}. ${plural(preview.profiles.length, 'sample profile')}.</p>`);
  if (options.mask) out.push('<p class="masked-note">Raw values are masked (setting <code>idsync.preview.maskValues</code>): only what the destination receives is shown.</p>');
  if (preview.notes.length > 0) out.push(`<ul class="notes config-notes">${preview.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  out.push('</header>');
  if (preview.profiles.length === 0) out.push(`<p class="no-profiles">${escapeHtml(options.emptyHint ?? 'No sample profiles.')}</p>`);
  for (const p of preview.profiles) out.push(profileSection(p, options));
  out.push('</main>');
  return out.join('\n') + '\n';
}
