import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runPreview } from '../../server/src/cli/preview';
import { fixture, SHA, FB } from './helpers';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cwd: string, ...argv: string[]): Promise<Run> {
  return runEnv({}, cwd, ...argv);
}

async function runEnv(env: Record<string, string>, cwd: string, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runPreview(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, env });
  return { code, stdout, stderr };
}

function write(root: string, rel: string, text: string): void {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

const CONFIG = `{
  // VIP customers to Facebook
  "audience": { "key": "vip_customers" },
  "destination": { "slug": "${FB}" },
  "connectionSettings": { "sendMobileIds": true },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "last", "mapTo": "EMAIL" },
    { "externalId": "ios.idfa", "strategy": "all", "mapTo": "MADID" },
  ],
  "samples": ["samples/profiles/jane.json"]
}
`;

describe('idsync preview (CLI, in-process)', () => {
  let root: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-preview-')));
    write(root, 'vip.idsync.json', CONFIG);
    write(root, 'samples/profiles/jane.json', fixture('jane.profile-api.json'));
    write(root, 'samples/profiles/sam.jsonc', fixture('sam.external-ids.jsonc'));
    write(root, 'samples/profiles/broken.json', fixture('broken.json'));
    write(root, 'nosamples/a.idsync.json', `{"audience": {"key": "a"}, "destination": {"slug": "${FB}"}, "idSyncConfiguration": [{"externalId": "email", "strategy": "first", "mapTo": "EMAIL"}]}`);
    write(root, 'defaults/b.idsync.json', `{"audience": {"key": "b"}, "destination": {"slug": "${FB}"}, "idSyncConfiguration": [{"externalId": "email", "strategy": "first", "mapTo": "EMAIL"}]}`);
    write(root, 'defaults/samples/profiles/z.json', '[{"type": "email", "id": "jane@example.com"}]');
    write(root, 'errors.idsync.json', `{"audience": {"key": "e"}, "destination": {"slug": "${FB}"}, "idSyncConfiguration": [{"externalId": "email", "strategy": "sometimes", "mapTo": "EMAIL"}], "samples": ["samples/profiles/jane.json"]}`);
    write(root, 'dir.idsync.json/x', '');
    fs.writeFileSync(path.join(root, 'latin1.idsync.json'), Buffer.from([0x7b, 0xe9, 0x7d]));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('text: the full preview of the config samples', async () => {
    const r = await run(root, 'vip.idsync.json');
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        'Destination: Facebook Custom Audiences (personas-facebook-custom-audiences), Customized Setup',
        '',
        'samples/profiles/jane.json: Customized Setup, 2 events',
        '  email -> EMAIL [last]: 1 value of 3, 1 event',
        "    note: uncertain: normalisation (Facebook's guidance to senders, assumed applied by Segment)",
        `    "Jane.Doe@Example.com " -> ${SHA['jane.doe@example.com']} (sha256 of "jane.doe@example.com")  [2023-05-01T10:00:00.000000Z]`,
        '  ios.idfa -> MADID [all]: 1 value of 1, 1 event',
        "    note: uncertain: normalisation (Facebook's guidance to senders, assumed applied by Segment)",
        '    "6D92078A-8246-4BA4-AE5B-76104861E7DC" -> "6d92078a-8246-4ba4-ae5b-76104861e7dc"  [2022-01-01T00:00:00Z]',
        '  Audience Exit events (ID Sync ignored: all ID combinations): 5 events',
        `    email -> EMAIL: ${SHA['jane@example.com']}, ${SHA['j.doe@work.example']}, ${SHA['jane.doe@example.com']}`,
        '    ios.idfa -> MADID: "6d92078a-8246-4ba4-ae5b-76104861e7dc"',
        '    android.idfa -> MADID: "38400000-8cf0-11bd-b23e-10b96e40000d"',
        '',
      ].join('\n'),
    );
    assert.equal(r.code, 0, r.stderr);
  });

  it('json: the contract shape, per profile, per entry in file order', async () => {
    const r = await run(root, 'vip.idsync.json', '--format', 'json', '--profile', 'samples/profiles/sam.jsonc', '--profile', 'samples/profiles/jane.json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.profiles.map((p: { profile: string; setup: string; identifiers: Array<Record<string, unknown>> }) => ({
        profile: p.profile,
        setup: p.setup,
        identifiers: p.identifiers.map((e) => ({ externalId: e.externalId, mapTo: e.mapTo, strategy: e.strategy, values: e.values, sent: e.sent, skipped: e.skipped })),
      })),
      [
        {
          profile: 'samples/profiles/sam.jsonc',
          setup: 'customized',
          identifiers: [
            { externalId: 'email', mapTo: 'EMAIL', strategy: 'last', values: [SHA['jane@example.com']], sent: [SHA['sha(jane@example.com)']], skipped: null },
            { externalId: 'ios.idfa', mapTo: 'MADID', strategy: 'all', values: [], sent: [], skipped: 'the profile has no ios.idfa' },
          ],
        },
        {
          profile: 'samples/profiles/jane.json',
          setup: 'customized',
          identifiers: [
            { externalId: 'email', mapTo: 'EMAIL', strategy: 'last', values: ['Jane.Doe@Example.com '], sent: [SHA['jane.doe@example.com']], skipped: null },
            { externalId: 'ios.idfa', mapTo: 'MADID', strategy: 'all', values: ['6D92078A-8246-4BA4-AE5B-76104861E7DC'], sent: ['6d92078a-8246-4ba4-ae5b-76104861e7dc'], skipped: null },
          ],
        },
      ],
    );
    assert.equal(out.configErrors, 0);
    assert.deepEqual(out.destination, { slug: FB, displayName: 'Facebook Custom Audiences', known: true });
    assert.equal(out.profiles[1].events, 2);
    assert.equal(out.profiles[1].exit.events, 5); // no user_id -> EXTERN_ID: that classic Facebook key is undocumented (uncertain), so exit does not guess it
  });

  it('--mask: no raw value in the output, what the destination receives stays', async () => {
    const r = await run(root, 'vip.idsync.json', '--mask', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes('Jane.Doe') && !r.stdout.includes('jane.doe@'), r.stdout);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.profiles[0].identifiers[0].values, ['***']);
    assert.deepEqual(out.profiles[0].identifiers[0].sent, [SHA['jane.doe@example.com']]);
    const t = await run(root, 'vip.idsync.json', '--mask');
    assert.ok(t.stdout.includes(`    *** -> ${SHA['jane.doe@example.com']} (sha256)\n`), t.stdout);
    assert.ok(!t.stdout.includes('Jane.Doe') && !t.stdout.includes('jane.doe@') && !t.stdout.includes('2023-05-01'), t.stdout);
  });

  it('CI=true masks by default (a note on stderr); --show-values shows raw values; CI=false does not mask', async () => {
    const masked = await runEnv({ CI: 'true' }, root, 'vip.idsync.json');
    const plain = await run(root, 'vip.idsync.json', '--mask');
    assert.equal(masked.code, 0, masked.stderr);
    assert.equal(masked.stdout, plain.stdout, 'the same output as --mask');
    assert.equal(masked.stderr, 'idsync preview: CI is set, so raw profile values are masked; pass --show-values to show them.\n');
    const json = JSON.parse((await runEnv({ CI: '1' }, root, 'vip.idsync.json', '--format', 'json')).stdout);
    assert.deepEqual(json.profiles[0].identifiers[0].values, ['***']);
    const shown = await runEnv({ CI: 'true' }, root, 'vip.idsync.json', '--show-values');
    assert.ok(shown.stdout.includes('Jane.Doe@Example.com'), shown.stdout);
    assert.equal(shown.stderr, '');
    assert.equal((await run(root, 'vip.idsync.json')).stdout, (await runEnv({ CI: 'false' }, root, 'vip.idsync.json')).stdout);
    assert.ok((await runEnv({ CI: 'false' }, root, 'vip.idsync.json')).stdout.includes('Jane.Doe@Example.com'));
    // --mask under CI: masked, and no note (it was asked for).
    assert.equal((await runEnv({ CI: 'true' }, root, 'vip.idsync.json', '--mask')).stderr, '');
  });

  it('a broken or refused profile is a line in the preview and exit 1; the others still preview; outside files are not read', async () => {
    const r = await run(root, 'vip.idsync.json', '-p', 'samples/profiles/broken.json', '-p', '../../etc/passwd', '-p', 'samples/profiles/none.json', '-p', 'samples/profiles/jane.json');
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.slice(2, 9), [
      'samples/profiles/broken.json: error: Sample profile is broken: Not valid JSON: Comma expected at line 4, column 5.',
      '',
      `../../etc/passwd: error: Sample profile refused: "../../etc/passwd" is outside ${root}: sample profiles must stay inside the workspace; not read.`,
      '',
      `samples/profiles/none.json: error: Sample profile not found: ${root}/samples/profiles/none.json.`,
      '',
      'samples/profiles/jane.json: Customized Setup, 2 events',
    ]);
    assert.ok(!r.stdout.includes('root:'));
  });

  it('a symlink that escapes the working tree is refused by the host', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.json'), '[{"type": "email", "id": "secret@example.com"}]');
      fs.symlinkSync(path.join(outside, 'secret.json'), path.join(root, 'link.json'));
      const r = await run(root, 'vip.idsync.json', '-p', 'link.json');
      assert.equal(r.code, 1, r.stderr);
      assert.ok(!r.stdout.includes('secret@'), r.stdout);
      assert.match(r.stdout, /link\.json: error: Sample profile cannot be read: .*link\.json: resolves to a file outside the checked tree \(symbolic link\): not read\./);
    } finally {
      fs.rmSync(path.join(root, 'link.json'), { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('samples/profiles/*.json beside the config when the config lists none', async () => {
    const r = await run(root, 'defaults/b.idsync.json', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.profiles.map((p: { profile: string }) => p.profile), ['defaults/samples/profiles/z.json']);
    assert.deepEqual(out.profiles[0].identifiers[0].sent, [SHA['jane@example.com']]);
  });

  it('no sample profile at all: exit 2 with what to do', async () => {
    const r = await run(root, 'nosamples/a.idsync.json');
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, 'idsync preview: no sample profile: pass --profile, list "samples" in the config, or add samples/profiles/*.json beside it.\n');
  });

  it('a config with errors still previews, exit 1, and says so', async () => {
    const r = await run(root, 'errors.idsync.json');
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, 'idsync preview: errors.idsync.json has 1 error: run `idsync check errors.idsync.json` for details.\n');
    assert.ok(r.stdout.includes('  email -> EMAIL: skipped: strategy "sometimes" is not "first", "last" or "all": Segment would reject the entry\n'), r.stdout);
  });

  const usage = (message: string) => new RegExp(`^idsync preview: ${message}\nUsage: idsync preview <config> \\[--profile <path>\\]\\.\\.\\. \\[--format text\\|json\\] \\[--mask \\| --show-values\\]\nRun 'idsync preview --help' for the options\\.\n$`);
  const usageCases: Array<[string, string[], RegExp]> = [
    ['no config', [], usage('missing <config>')],
    ['two configs', ['a', 'b'], usage('expected one config, got 2')],
    ['bad format', ['vip.idsync.json', '--format', 'xml'], usage("unknown format 'xml': use text or json")],
    ['unknown option', ['vip.idsync.json', '--nope'], usage("unknown option '--nope'")],
    ['missing config', ['nope.idsync.json'], /^idsync preview: nope\.idsync\.json: no such file or directory\n$/],
    ['a directory', ['dir.idsync.json'], /^idsync preview: dir\.idsync\.json: is a directory, not a file\n$/],
    ['config outside the working tree', ['../x.idsync.json'], /^idsync preview: \.\.\/x\.idsync\.json: no such file or directory\n$/],
    ['not UTF-8', ['latin1.idsync.json'], /^idsync preview: latin1\.idsync\.json: is not valid UTF-8 text\n$/],
  ];
  for (const [name, argv, stderr] of usageCases) {
    it(`usage and I/O errors exit 2: ${name}`, async () => {
      const r = await run(root, ...argv);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, stderr);
    });
  }

  it('a config outside the working tree (real file) is refused, not read', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'x.idsync.json'), CONFIG);
      const rel = path.relative(root, path.join(outside, 'x.idsync.json'));
      const r = await run(root, rel);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr, `idsync preview: ${rel}: is outside the checked tree (the working directory): not read\n`);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('--help prints the usage, exit 0', async () => {
    const r = await run(root, '--help');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage: idsync preview <config> \[--profile <path>\]\.\.\. \[--format text\|json\] \[--mask \| --show-values\]\n/);
  });
});
