/**
 * Markdown helpers for hovers and completion documentation. Text that comes from a file the
 * user edits (values, space-file catalogs) is escaped so it can never become markup or HTML.
 */

const SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"']/g;

/** Escapes text so a markdown renderer shows it literally (no emphasis, links, HTML, code). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : c === "'" ? '&#39;' : '\\' + c))
    .replace(/\r\n|\r|\n/g, ' ');
}

/** A value shown as inline code: backticks are not allowed inside, so such values fall back to escaped text. */
export function code(text: string): string {
  if (/[`\r\n]/.test(text) || text.length === 0) return escapeMarkdown(text || '""');
  return '`' + text + '`';
}

/** Catalog text: built-in catalogs are trusted markdown we ship; catalogs declared in a space file are escaped. */
export function catalogText(text: string, fromSpaceFile: boolean): string {
  return fromSpaceFile ? escapeMarkdown(text) : text;
}
