/**
 * Bundle shim for `minimatch` in the client: vscode-languageclient needs it only for the
 * `workspace.fileOperations` filters a server may register (will/did create, rename, delete).
 * The idsync server registers none, so the ~27 KB matcher (with brace-expansion) is left out of
 * the bundle (esbuild.mjs aliases `minimatch` here). Should a server ever register such a
 * filter, the client's own try/catch logs "Ignoring invalid glob pattern" instead of matching.
 */
export class Minimatch {
  constructor(pattern: string) {
    throw new Error(`file operation filters are not supported by the idsync client (${pattern})`);
  }
  makeRe(): false {
    return false;
  }
  match(): boolean {
    return false;
  }
}
