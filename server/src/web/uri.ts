/**
 * The web extension's mapping between document URIs and engine paths. The engine works on
 * absolute '/'-paths; in a browser the workspace is any file system (`vscode-vfs://github/...` on
 * github.dev, `file:` on vscode.dev with a local folder, `vscode-remote:` in code-server...), so a
 * URI `scheme://authority/path` becomes `/scheme/authority/path` (`~` for an empty authority) and
 * back. Plain string work (no Node): shared by the web worker's server and the browser client.
 */

/** Schemes whose documents have no file behind them: linted without a path (no space file, no profiles), as on the desktop. */
const NO_FILES = new Set(['untitled', 'vscode-notebook-cell', 'output', 'git', 'vscode-userdata']);

const URI = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)/;

/** The engine path of a URI; undefined for a URI that names no file (`untitled:`) or cannot be decoded. */
export function webUriToPath(uri: string): string | undefined {
  const m = URI.exec(uri);
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  if (NO_FILES.has(scheme)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(m[3]);
  } catch {
    return undefined;
  }
  // '.' and '..' segments would make two paths name one file (and step out of a folder): refused.
  if (path.split('/').some((s) => s === '.' || s === '..')) return undefined;
  if (!path.startsWith('/')) path = '/' + path;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const authority = m[2] ? m[2] : '~';
  return `/${scheme}/${authority}${path === '/' ? '' : path}`;
}

/** The URI of an engine path made by `webUriToPath`; undefined for any other path. */
export function webPathToUri(path: string): string | undefined {
  const m = /^\/([a-z][a-z0-9+.-]*)\/([^/]+)(\/.*)?$/.exec(path);
  if (!m) return undefined;
  const authority = m[2] === '~' ? '' : m[2];
  const rest = (m[3] ?? '/').split('/').map(encodeURIComponent).join('/');
  return `${m[1]}://${authority}${rest}`;
}
