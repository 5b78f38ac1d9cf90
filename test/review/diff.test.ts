/**
 * `idsync diff` through the built bundle, against a real temporary git repository whose history
 * adds a config, changes mappings (strategy last -> all, a new entry, a new mapTo), removes a
 * mapping, deletes a config and renames one; plus an untracked config with errors.
 * Full output of every format is compared with golden files (test/review/golden).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitAll, expectGolden, FB, git, HOSTILE, initRepo, JANE, run, tempDir, withoutCommit, write } from './helpers';

const VIP_BASE = `{
  // VIP customers to Facebook: the audience already syncs.
  "name": "VIP customers",
  "audience": { "key": "vip_customers", "id": "aud_vip", "existing": true },
  "destination": { "slug": "${FB}", "id": "dst_fb" },
  "connectionSettings": { "sendMobileIds": true },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" },
    { "externalId": "user_id", "strategy": "last", "mapTo": "EXTERN_ID" },
    { "externalId": "phone", "strategy": "last", "mapTo": "PHONE" }
  ],
  "samples": ["../samples/profiles/jane.json", "../samples/profiles/hostile.json"]
}
`;

const SNAP_BASE = `{
  "audience": { "key": "cart_abandoners" },
  "destination": { "slug": "actions-snap-audiences" },
  "connectionSettings": { "sendMobileIds": true },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "last", "mapTo": "email" },
    { "externalId": "ios.idfa", "strategy": "last", "mapTo": "ios.idfa" }
  ],
  "samples": ["../samples/profiles/jane.json"]
}
`;

const WINBACK = `// Win-back campaign: lapsed buyers, matched on the CRM id only.
// Retired when the campaign ended; deleting the file does not remove the connection.
{
  "audience": { "key": "winback", "name": "Lapsed buyers (win-back)" },
  "destination": { "slug": "${FB}" },
  "idSyncConfiguration": [
    { "externalId": "user_id", "strategy": "first", "mapTo": "EXTERN_ID" }
  ],
  "samples": ["../samples/profiles/jane.json"]
}
`;

const NEW_CONFIG = `{
  "audience": { "key": "newsletter", "id": "aud_news" },
  "destination": { "slug": "adwords-remarketing-lists" },
  "setup": "customized",
  "idSyncConfiguration": [
    // Google Ads takes email plus one other identifier.
    { "externalId": "email", "strategy": "all", "mapTo": "email" },
    { "externalId": "phone", "strategy": "last", "mapTo": "phone" }
  ],
  "samples": ["../samples/profiles/jane.json"]
}
`;

const DRAFT = `{
  "audience": { "key": "draft" },
  "destination": { "slug": "${FB}" },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "Last Added", "mapTo": "EMAIL" }
  ],
  "samples": []
}
`;

describe('idsync diff (built CLI, real git repository)', function () {
  let repo: string;
  let base: string;
  let afterRename: string;

  before(() => {
    repo = tempDir('idsync-diff-');
    initRepo(repo);
    write(repo, 'samples/profiles/jane.json', JANE);
    write(repo, 'samples/profiles/hostile.json', HOSTILE);
    write(repo, 'audiences/vip.idsync.json', VIP_BASE);
    write(repo, 'audiences/old-name.idsync.json', SNAP_BASE);
    write(repo, 'audiences/winback.idsync.json', WINBACK);
    write(repo, 'README.md', 'not a config\n');
    base = commitAll(repo, 'base');
    git(repo, 'tag', 'base');

    write(repo, 'audiences/newsletter.idsync.json', NEW_CONFIG);
    commitAll(repo, 'add a config');
    write(
      repo,
      'audiences/vip.idsync.json',
      VIP_BASE.replace('"strategy": "last", "mapTo": "EMAIL" }', '"strategy": "all", "mapTo": "EMAIL" }').replace(
        '"mapTo": "PHONE" }\n',
        '"mapTo": "PHONE" },\n    { "externalId": "ios.idfa", "strategy": "all", "mapTo": "MADID" }\n',
      ),
    );
    commitAll(repo, 'vip: email last -> all, add ios.idfa');
    write(repo, 'audiences/old-name.idsync.json', SNAP_BASE.replace('"mapTo": "ios.idfa"', '"mapTo": "ios_idfa"'));
    commitAll(repo, 'snap: ios_idfa key');
    const vip = fs.readFileSync(path.join(repo, 'audiences/vip.idsync.json'), 'utf8');
    write(repo, 'audiences/vip.idsync.json', vip.replace('    { "externalId": "phone", "strategy": "last", "mapTo": "PHONE" },\n', ''));
    commitAll(repo, 'vip: remove the phone mapping');
    fs.rmSync(path.join(repo, 'audiences/winback.idsync.json'));
    commitAll(repo, 'delete winback');
    git(repo, 'mv', 'audiences/old-name.idsync.json', 'audiences/cart-abandoners.idsync.json');
    afterRename = commitAll(repo, 'rename');
    write(repo, 'audiences/draft.idsync.json', DRAFT); // untracked: counts as added
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  const diff = (...args: string[]) => run(['diff', ...args], { cwd: repo });

  it('text: every kind of change, against the base commit', () => {
    const r = diff('--base', 'base');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    expectGolden('diff-text', withoutCommit(r, base));
  });

  it('markdown: tables per file, values masked by default', () => {
    const r = diff('--base', 'base', '--format', 'markdown');
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /u-1001|jane\\?@example|javascript|<b>/, 'no raw value without --show-values');
    assert.ok(r.stdout.includes('&lt;b&gt;idfa&lt;\\/b&gt;\\|\\[x\\]\\(http\\:\\/\\/e\\)'), 'an unhashed key (MADID) shows what is sent, escaped');
    expectGolden('diff-markdown', withoutCommit(r, base));
  });

  it('markdown --show-values: raw values, escaped so a hostile profile cannot break the table', () => {
    const r = diff('--base', 'base', '--format', 'markdown', '--show-values', 'audiences/vip.idsync.json');
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /<img|<b>|\]\(javascript|\]\(http/);
    assert.ok(r.stdout.includes('\\"\\+1 202 \\| &lt;img src\\=x onerror\\=alert\\(1\\)&gt; \\]\\(javascript\\:alert\\(1\\)\\)\\"'), 'the raw phone, escaped');
    for (const line of r.stdout.split('\n').filter((l) => l.startsWith('| '))) {
      const cells = line.replace(/\\\|/g, '').split('|').length;
      assert.equal(cells, line.startsWith('| File') || /^\| \S+\\\.idsync/.test(line) ? 7 : 6, line);
    }
    expectGolden('diff-markdown-values', withoutCommit(r, base));
  });

  it('json: the documented shape', () => {
    const r = diff('--base', 'base', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['base', 'valuesShown', 'summary', 'problems', 'files']);
    assert.deepEqual(out.summary, { files: 5, added: 2, modified: 1, renamed: 1, deleted: 1, errors: 1 });
    assert.deepEqual(
      out.files.map((f: { status: string; path: string; oldPath: string | null }) => [f.status, f.path, f.oldPath]),
      [
        ['renamed', 'audiences/cart-abandoners.idsync.json', 'audiences/old-name.idsync.json'],
        ['added', 'audiences/draft.idsync.json', null],
        ['added', 'audiences/newsletter.idsync.json', null],
        ['modified', 'audiences/vip.idsync.json', null],
        ['deleted', 'audiences/winback.idsync.json', 'audiences/winback.idsync.json'],
      ],
    );
    const vip = out.files[3];
    assert.deepEqual(vip.entries, {
      added: [{ externalId: 'ios.idfa', strategy: 'all', mapTo: 'MADID' }],
      removed: [{ externalId: 'phone', strategy: 'last', mapTo: 'PHONE' }],
      changed: [{ externalId: 'email', before: { externalId: 'email', strategy: 'last', mapTo: 'EMAIL' }, after: { externalId: 'email', strategy: 'all', mapTo: 'EMAIL' } }],
      reordered: false,
    });
    expectGolden('diff-json', withoutCommit(r, base));
  });

  it('--fail-on-errors: exit 1 when a new version has lint errors', () => {
    const r = diff('--base', 'base', '--fail-on-errors');
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, diff('--base', 'base').stdout);
    const vip = diff('--base', 'base', '--fail-on-errors', 'audiences/vip.idsync.json');
    assert.equal(vip.status, 0, vip.stderr);
  });

  it('a path filter, a ref name, a rename alone, --profile', () => {
    git(repo, 'tag', 'before-rename', `${afterRename}~1`);
    const r = diff('--base', 'before-rename', '--profile', 'samples/profiles/hostile.json', 'audiences/cart-abandoners.idsync.json', 'audiences/old-name.idsync.json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    expectGolden('diff-rename-only', withoutCommit(r, git(repo, 'rev-parse', 'before-rename').trim()));
  });

  it('a comment-only change: no change to the configuration or to what is sent', () => {
    const vip = fs.readFileSync(path.join(repo, 'audiences/vip.idsync.json'), 'utf8');
    fs.writeFileSync(path.join(repo, 'audiences/vip.idsync.json'), `// reviewed\n${vip}`);
    try {
      const r = diff('--base', 'HEAD', 'audiences');
      assert.equal(r.status, 0, r.stderr);
      expectGolden('diff-comment-only', withoutCommit(r, git(repo, 'rev-parse', 'HEAD').trim()));
    } finally {
      fs.writeFileSync(path.join(repo, 'audiences/vip.idsync.json'), vip);
    }
  });

  it('from a subdirectory: paths relative to the working directory', () => {
    const r = run(['diff', '--base', 'base', '--format', 'json', 'vip.idsync.json'], { cwd: path.join(repo, 'audiences') });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.files.map((f: { path: string }) => f.path), ['vip.idsync.json']);
    assert.deepEqual(out.files[0].profiles.map((p: { profile: string }) => p.profile), ['samples/profiles/jane.json', 'samples/profiles/hostile.json']);
  });

  it('errors: missing --base, a bad ref, an option as ref, a path outside the repository, no repository, no git', () => {
    const cases: Array<[string[], string, Record<string, string>?]> = [
      [['diff'], "idsync diff: missing --base <git ref> (e.g. --base origin/main)\nUsage: idsync diff --base <git ref> [options] [paths...]\nRun 'idsync diff --help' for the options.\n"],
      [['diff', '--base', 'nope'], "idsync diff: unknown git ref 'nope': no such commit in this repository (in a shallow CI clone, fetch it first, e.g. git fetch --depth=1 origin nope)\n"],
      [['diff', '--base=--output=x'], "idsync diff: '--output=x' is not a git ref\nUsage: idsync diff --base <git ref> [options] [paths...]\nRun 'idsync diff --help' for the options.\n"],
      [['diff', '--base', base, '--format', 'html'], "idsync diff: unknown format 'html': use text, markdown or json\nUsage: idsync diff --base <git ref> [options] [paths...]\nRun 'idsync diff --help' for the options.\n"],
      [['diff', '--base', base, '/'], `idsync diff: '/' is outside the git repository (${repo})\nUsage: idsync diff --base <git ref> [options] [paths...]\nRun 'idsync diff --help' for the options.\n`],
      [['diff', '--base', base], 'idsync diff: git is not installed or not on PATH: idsync diff reads the base version through git\n', { PATH: '/nonexistent' }],
    ];
    for (const [args, stderr, env] of cases) {
      const r = run(args, { cwd: repo, env });
      assert.equal(r.stderr, stderr, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.equal(r.status, 2, `${args.join(' ')}; stderr: ${r.stderr}`);
    }
    const outside = tempDir('idsync-norepo-');
    try {
      const r = run(['diff', '--base', 'main'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: path.dirname(outside) } });
      assert.equal(r.stderr, 'idsync diff: not inside a git repository: run idsync diff from a clone (the base is read through git)\n');
      assert.equal(r.status, 2, r.stderr);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
