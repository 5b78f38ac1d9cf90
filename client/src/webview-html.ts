/**
 * The preview panel's HTML document, as a pure function (no `vscode` import) so it can be unit
 * tested. The body comes from the language server (`renderPreviewHtml`: every file value
 * escaped); this wraps it in a document with a strict Content-Security-Policy:
 * nothing may load or run except the one stylesheet below, which carries a fresh nonce.
 * There is no script at all: live updates replace the whole document.
 */

export interface WebviewDocumentInput {
  /** The panel title (a file name: escaped here). */
  title: string;
  /** HTML fragment from the server (already escaped there). */
  body: string;
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce for the style element. */
  nonce: string;
}

export function escapeHtmlText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The Content-Security-Policy of the panel: no script, no images, no frames, no fetches; styles only with the nonce. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource ? cspSource + ' ' : ''}'nonce-${nonce}'; img-src 'none'; script-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`;
}

/**
 * `webview.cspSource` comes from VS Code; still, only well-formed source expressions
 * (`'self'`, `scheme:`, `scheme://host[:port]` with `*` wildcards) are kept, so nothing in it can
 * end the directive or the attribute.
 */
export function cspSources(cspSource: string): string {
  return cspSource
    .split(/\s+/)
    .filter((t) => /^(?:'self'|[a-z][a-z0-9+.-]*:(?:\/\/[A-Za-z0-9.*_:[\]-]+)?\/?)$/i.test(t))
    .join(' ');
}

/** A nonce: 32 characters of [A-Za-z0-9] from a random source (crypto in the extension, injectable for tests). */
export function makeNonce(random: (n: number) => Uint8Array): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(random(32), (b) => chars[b % chars.length]).join('');
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1em 2em; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; } h3 { font-size: 1em; margin-top: 1.2em; }
code { font-family: var(--vscode-editor-font-family); word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: var(--vscode-editorWidget-background, transparent); }
td.events { text-align: right; }
tr.skipped-row td { color: var(--vscode-descriptionForeground); }
.none, .when, .how, .note, .exit-note, .masked { color: var(--vscode-descriptionForeground); }
.note { font-size: .9em; }
.value + .value { margin-top: 2px; }
.error { color: var(--vscode-errorForeground); }
`;

export function webviewDocument(input: WebviewDocumentInput): string {
  const nonce = /^[A-Za-z0-9+/=]{16,}$/.test(input.nonce) ? input.nonce : 'invalid-nonce';
  const csp = contentSecurityPolicy(cspSources(input.cspSource), nonce);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<title>${escapeHtmlText(input.title)}</title>`,
    `<style nonce="${nonce}">${STYLE}</style>`,
    '</head>',
    '<body>',
    input.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The panel body when the server could not preview the config (or is not running). */
export function errorBody(title: string, message: string): string {
  return `<main id="idsync-preview">\n<header><h1 id="preview-title">${escapeHtmlText(title)}</h1></header>\n<p class="error">${escapeHtmlText(message)}</p>\n</main>\n`;
}
