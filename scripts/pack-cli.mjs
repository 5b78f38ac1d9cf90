// Packs the idsync CLI as its own npm package, `@idsync/cli`: the bundle dist/cli.js (built by
// `npm run build`), a package.json written here, README and LICENSE. No dependencies: the bundle
// holds everything it runs. The root package.json is the VS Code extension's manifest (its
// dependencies are the extension's), so it is not packed as the CLI: a staging folder gets a
// package.json of its own and `npm pack` runs there (docs/cli.md, "Installing the CLI").
//
//   node scripts/pack-cli.mjs [--out <dir>]     (default build/; prints the tarball's path)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_PACKAGE = '@idsync/cli';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? join(ROOT, 'build'));
const bundle = join(ROOT, 'dist', 'cli.js');
if (!existsSync(bundle)) {
  console.error('pack-cli: dist/cli.js is missing: run npm run build first');
  process.exit(2);
}

const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const repository = root.repository;
const web = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const manifest = {
  name: CLI_PACKAGE,
  version: root.version,
  description: 'The idsync command line: lint Segment Engage ID Sync configs (*.idsync.json), preview, diff and export them. One self-contained file, no dependencies.',
  license: root.license,
  repository,
  homepage: `${web}/blob/main/docs/cli.md`,
  bugs: `${web}/issues`,
  keywords: ['segment', 'id-sync', 'linter', 'sarif', 'cli'],
  engines: { node: root.engines.node },
  bin: { idsync: 'cli.js' },
  files: ['cli.js'],
};

const stage = join(out, 'cli-package');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
copyFileSync(bundle, join(stage, 'cli.js'));
copyFileSync(join(ROOT, 'LICENSE'), join(stage, 'LICENSE'));
writeFileSync(
  join(stage, 'README.md'),
  `# ${CLI_PACKAGE}

The \`idsync\` command line for Segment Engage ID Sync configs (\`*.idsync.json\`): \`check\` (lint;
stylish, json, sarif or github annotations), \`preview\`, \`diff\` and \`export\`. One bundled file,
no dependencies, no network access, Node.js ${root.engines.node}.

\`\`\`sh
npm install --global ./idsync-cli-${root.version}.tgz   # the tarball of a release
idsync check . --format sarif --output idsync.sarif
\`\`\`

Documentation: ${manifest.homepage}
`,
);

// npm pack prints the tarball's name last; --ignore-scripts: nothing of this package runs at pack time.
const name = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', out], { cwd: stage, encoding: 'utf8' }).trim().split('\n').pop();
console.log(join(out, name));
