/**
 * The tests module VS Code loads in the Node extension host (`extensionTestsPath`): `run()` runs the
 * mocha suite and resolves when every test passed, rejects otherwise. The same module runs in
 * code-server (test/vscode/run.mjs, the workbench's `payload` parameter) and in desktop VS Code
 * (`npm run test:vscode -- --electron`, @vscode/test-electron's runTests). The web-worker
 * extension host loads `index.web.ts` instead.
 *
 * IDSYNC_VSCODE_GROUP picks the group: `main` (a trusted workspace, the default) or `restricted`
 * (an untrusted workspace: Restricted Mode). IDSYNC_VSCODE_GREP filters tests by name.
 */
import { nodeEnv } from './env-node';
import { runSuite } from './run-suite';
import type { MochaLike } from './run-suite';

// mocha 12 is ESM; its CommonJS build loads in the extension host (kept out of the bundle).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha = require('mocha/lib/mocha.cjs') as MochaLike;

export function run(): Promise<void> {
  return runSuite(Mocha, nodeEnv, process.env.IDSYNC_VSCODE_GROUP ?? 'main', process.env.IDSYNC_VSCODE_GREP, `extension host Node ${process.version}`);
}
