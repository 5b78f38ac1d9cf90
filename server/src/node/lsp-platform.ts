/** The language server's Node platform (`lsp/platform.ts`): `file:` URIs only, files from disk through `NodeFileHost`. */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LspPlatform } from '../lsp/platform';
import { NodeFileHost, fromEnginePath, toEnginePath } from './host';

export const nodePlatform: LspPlatform = {
  uriToPath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return toEnginePath(fileURLToPath(uri));
    } catch {
      return undefined;
    }
  },
  pathToUri: (path) => pathToFileURL(fromEnginePath(path)).href,
  createHost: (root, overlays) => new NodeFileHost(root, overlays),
};
