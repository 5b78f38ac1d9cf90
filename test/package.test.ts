/**
 * `npm run package` builds an installable .vsix: this test runs it (output in a temporary folder)
 * and reads the archive's central directory, asserting what is in it and what is not.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = path.resolve(__dirname, '../..');

/** The file names stored in a zip archive (from its central directory). */
export function zipEntries(buf: Buffer): string[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'not a zip archive (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'central directory entry');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names.sort();
}

describe('the .vsix package', function () {
  this.timeout(120000);
  let entries: string[];
  let manifest: Record<string, any>;
  let log: string;

  before(() => {
    for (const f of ['dist/server.js', 'dist/client.js']) assert.ok(fs.existsSync(path.join(ROOT, f)), `${f} is missing: run npm run build`);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-vsix-')), 'idsync.vsix');
    // Exactly what `npm run package` does, with the output redirected to a temporary folder.
    const r = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', out], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    log = r.stdout + r.stderr;
    assert.equal(r.status, 0, `npm run package: ${log}`);
    entries = zipEntries(fs.readFileSync(out));
    manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  it('vsce packages with no warning; one repository everywhere (manifest, package script, docs links)', () => {
    assert.doesNotMatch(log, /WARN/i);
    assert.match(log, /DONE/);
    assert.deepEqual(manifest.repository, { type: 'git', url: 'https://github.com/idsync/idsync.git' });
    const web = manifest.repository.url.replace(/\.git$/, '');
    assert.equal(manifest.scripts.package, `npm run build && vsce package --no-dependencies --baseContentUrl ${web}/blob/main --baseImagesUrl ${web}/raw/main`);
    assert.equal(manifest.bugs.url, `${web}/issues`);
    assert.ok(manifest.homepage.startsWith(web));
  });

  it('has a 128x128 PNG icon and a CHANGELOG with this version', () => {
    assert.equal(manifest.icon, 'images/icon.png');
    const png = fs.readFileSync(path.join(ROOT, manifest.icon));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.toString('ascii', 12, 16), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.match(fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}\\b`, 'm'));
  });

  it('contains the bundles, grammar, language configuration, README, CHANGELOG, LICENSE and icon', () => {
    for (const f of [
      'extension/changelog.md',
      'extension/images/icon.png',
      'extension/package.json',
      'extension/dist/server.js',
      'extension/dist/client.js',
      'extension/dist/web/server.js',
      'extension/dist/web/client.js',
      'extension/syntaxes/idsync.tmLanguage.json',
      'extension/language-configuration.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
      'extension.vsixmanifest',
    ]) {
      assert.ok(entries.includes(f), `${f} in ${entries.join(', ')}`);
    }
  });

  it('contains every schema, including the one jsonValidation points at', () => {
    const dir = path.join(ROOT, 'schemas');
    const schemas = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
    for (const s of schemas) assert.ok(entries.includes(`extension/schemas/${s}`), `schemas/${s} is packaged`);
    for (const v of manifest.contributes.jsonValidation as Array<{ url: string }>) {
      const file = path.join(ROOT, v.url);
      if (fs.existsSync(file)) assert.ok(entries.includes(`extension/${path.posix.normalize(v.url)}`), `${v.url} is packaged`);
    }
  });

  it('contains no sources, tests, node_modules, source maps or build leftovers', () => {
    const bad = entries.filter((e) =>
      /^extension\/(server|client|test|out|node_modules|samples|docs|\.ci|bench)\//.test(e) ||
      /\.(ts|map)$/.test(e) ||
      /^extension\/(tsconfig.*|esbuild\.mjs|package-lock\.json|\.vscodeignore|\.gitignore|\.mocharc\.json)$/.test(e),
    );
    assert.deepEqual(bad, []);
  });

  it('declares what VS Code needs to start the extension', () => {
    assert.equal(manifest.main, './dist/client.js');
    assert.equal(manifest.browser, './dist/web/client.js');
    assert.equal(manifest.engines.vscode, '^1.91.0');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
    assert.equal(manifest.bin['idsync-language-server'], './dist/server.js');
    assert.deepEqual(manifest.contributes.languages[0].filenamePatterns, ['*.idsync.json']);
    const settings = manifest.contributes.configuration.properties;
    assert.deepEqual(
      Object.entries(settings).map(([k, v]: [string, any]) => [k, v.scope, typeof v.description]),
      [
        ['idsync.trace.server', 'window', 'string'],
        ['idsync.maxFileSize', 'resource', 'string'],
        ['idsync.sampleProfiles', 'resource', 'string'],
        ['idsync.preview.maskValues', 'resource', 'string'],
      ],
    );
    assert.deepEqual(settings['idsync.sampleProfiles'].default, [], 'an empty setting lets samples/profiles/*.json beside the config apply');
    assert.equal(settings['idsync.preview.maskValues'].default, false);
    const preview = manifest.contributes.commands.find((c: { command: string }) => c.command === 'idsync.preview');
    assert.deepEqual([preview.title, preview.category], ['Preview Sample Profiles', 'ID Sync']);
    // No telemetry dependency.
    const deps = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
    assert.deepEqual(deps.filter((d) => /telemetry/i.test(d)), []);
  });

  it('ships a grammar that embeds JSON with comments and marks the format', () => {
    const g = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes/idsync.tmLanguage.json'), 'utf8'));
    assert.equal(g.scopeName, 'source.idsync');
    assert.ok(g.patterns.some((p: { include: string }) => p.include === 'source.json.comments'));
    const strategy = new RegExp(g.repository.strategy.match);
    assert.equal(strategy.exec('"strategy": "last"')?.[5], 'last');
    assert.equal(strategy.exec('"strategy": "Last Added"'), null);
    const key = new RegExp(g.repository['format-key'].match);
    assert.equal(key.exec('"externalId" : "email"')?.[2], 'externalId');
    assert.equal(key.exec('"email": 1'), null);
    const directive = new RegExp(g.repository.directive.match);
    assert.equal(directive.exec('// idsync-disable-next-line too-many-all -- ok')?.[2], 'idsync-disable-next-line');
  });
});
