/** The language server's web-worker platform (`lsp/platform.ts`): any URI scheme (`uri.ts`), files through the client (`host.ts`). */
import type { LspPlatform } from '../lsp/platform';
import { WebFileHost } from './host';
import type { WebFiles } from './host';
import { webPathToUri, webUriToPath } from './uri';

export function webPlatform(files: WebFiles): LspPlatform {
  return {
    uriToPath: webUriToPath,
    pathToUri: webPathToUri,
    createHost: (root, overlays) => new WebFileHost(root, overlays, files),
    arriving: files,
  };
}
