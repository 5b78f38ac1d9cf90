/**
 * Privacy: sample profiles hold personal data, and nothing the CLI prints in CI leaks a raw
 * profile value unless asked. Runs the built bundle (dist/cli.js) on a copy of the samples plus
 * profiles made to provoke every profile problem message (items left out, bad timestamps,
 * broken JSON, traits), and fails if any raw value (an `id`, a `created_at`, a trait value, a
 * stray string item) appears in the output of `idsync check` (every format), `idsync preview`
 * under CI=true (text and json) or `idsync diff` (every format).
 *
 * What the destination receives (hashed, or normalised for unhashed keys such as MADID) is not
 * a raw value: it is what masking is meant to show; values identical to a sent value are
 * therefore not searched for.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, run, tempDir, write, initRepo, commitAll } from '../review/helpers';
import type { RunResult } from '../cli/harness';

const LEAKY = {
  external_ids: [
    { type: 'email', id: 'leak.me@example.com', created_at: 'LEAK-not-a-date' },
    { type: 'email', id: 'Leak.Second@Example.com', created_at: 12345 },
    'LEAK-string-item',
    { type: 'phone', id: 5550100123 },
    { type: 'email' },
    { type: 'LEAK-type-is-fine-but', id: '' },
    { type: 'ios.idfa', id: 'LEAKABCD-0000-1111-2222-333344445555' },
  ],
  traits: { email: 'trait.leak@example.com', name: 'Leaky McLeakface' },
};

const BROKEN = '{ "external_ids": [ { "type": "email", "id": "broken.leak@example.com", "created_at": "2024-01-01T00:00:00Z" }, { "type": "email" "id": "broken.two@example.com" ';

const CONFIG = (strategy: string) => `{
  "audience": { "key": "leaky" },
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "connectionSettings": { "sendMobileIds": true },
  "idSyncConfiguration": [
    { "externalId": "email", "strategy": "${strategy}", "mapTo": "EMAIL" },
    { "externalId": "ios.idfa", "strategy": "all", "mapTo": "MADID" }
  ],
  "samples": ["profiles/leaky.json", "profiles/broken.json", "profiles/jane.json", "profiles/omar.json", "profiles/li.json"]
}
`;

/** Every string (and number) leaf of a JSON value, except object keys and "type"/"collection"-like metadata. */
function leaves(v: unknown, out: Set<string>, key = ''): void {
  if (typeof v === 'string' || typeof v === 'number') {
    if (!['type', 'collection', 'encoding', 'source_id', 'segment_id', 'first_message_id'].includes(key)) out.add(String(v));
  } else if (Array.isArray(v)) for (const x of v) leaves(x, out, key);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, out, k);
}

function setup(): { root: string; raw: string[] } {
  const root = tempDir('idsync-privacy-');
  initRepo(root);
  const profiles = path.join(REPO, 'samples', 'profiles');
  for (const f of fs.readdirSync(profiles)) if (f.endsWith('.json')) fs.copyFileSync(path.join(profiles, f), ensure(path.join(root, 'profiles', f)));
  write(root, 'profiles/leaky.json', JSON.stringify(LEAKY, null, 2));
  write(root, 'profiles/broken.json', BROKEN);
  write(root, 'leaky.idsync.json', CONFIG('last'));
  commitAll(root, 'base');
  // The change under review: a new strategy.
  write(root, 'leaky.idsync.json', CONFIG('all'));
  const raw = new Set<string>();
  for (const f of ['jane.json', 'omar.json', 'li.json']) leaves(JSON.parse(fs.readFileSync(path.join(profiles, f), 'utf8')), raw);
  leaves(LEAKY, raw);
  for (const v of ['broken.leak@example.com', 'broken.two@example.com', 'LEAK-string-item']) raw.add(v);
  // Short or generic leaves (true/false-like, small numbers) would match by accident: skip them.
  return { root, raw: [...raw].filter((v) => v.length >= 6) };
}

function ensure(p: string): string {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  return p;
}

/** The values the destination receives (from the masked JSON preview): shown on purpose. */
function sentValues(root: string): Set<string> {
  const r = run(['preview', 'leaky.idsync.json', '--mask', '--format', 'json'], { cwd: root });
  const sent = new Set<string>();
  // Every "sent" list: the ID Sync identifiers and the Audience Exit events.
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'sent' && Array.isArray(x)) for (const s of x) sent.add(String(s));
        else walk(x);
      }
  };
  walk(JSON.parse(r.stdout));
  return sent;
}

function assertNoLeak(r: RunResult, raw: string[], sent: Set<string>): void {
  const text = r.stdout + r.stderr;
  const leaked = raw.filter((v) => !sent.has(v) && text.includes(v));
  assert.deepEqual(leaked, [], `idsync ${r.args.join(' ')} printed raw profile values:\n${text}`);
}

describe('privacy: no raw profile value in CI output', () => {
  let root: string;
  let raw: string[];
  let sent: Set<string>;
  const CI = { CI: 'true' };

  before(() => {
    ({ root, raw } = setup());
    sent = sentValues(root);
    // The needles are real: the unmasked preview prints them.
    const shown = run(['preview', 'leaky.idsync.json', '--show-values'], { cwd: root, env: CI });
    for (const v of ['leak.me@example.com', 'jane.doe@work.example.com', 'LEAKABCD-0000-1111-2222-333344445555']) assert.ok(shown.stdout.includes(v), `--show-values prints ${v}`);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  for (const format of ['stylish', 'json', 'sarif', 'github']) {
    it(`idsync check --format ${format}: sample-profile diagnostics quote no profile value`, () => {
      const r = run(['check', '--format', format, '.'], { cwd: root, env: CI });
      assert.match(r.stdout + r.stderr, /sample-profile|Sample profile|left out/, 'the profile problems are reported');
      assertNoLeak(r, raw, sent);
    });
  }

  for (const format of ['text', 'json']) {
    it(`idsync preview --format ${format} under CI=true masks raw values (and says so on stderr)`, () => {
      const r = run(['preview', 'leaky.idsync.json', '--format', format], { cwd: root, env: CI });
      assert.equal(r.status, 1, `${'a broken profile: exit 1'}; stderr: ${r.stderr}`);
      assert.match(r.stderr, /CI is set, so raw profile values are masked; pass --show-values to show them\./);
      assertNoLeak(r, raw, sent);
    });
  }

  it('idsync preview outside CI (or CI=false) shows raw values unless --mask', () => {
    for (const env of [{}, { CI: 'false' }, { CI: '0' }] as Array<Record<string, string>>) {
      const r = run(['preview', 'leaky.idsync.json'], { cwd: root, env });
      assert.ok(r.stdout.includes('leak.me@example.com'), JSON.stringify(env));
      assert.doesNotMatch(r.stderr, /CI is set/);
    }
    assertNoLeak(run(['preview', 'leaky.idsync.json', '--mask'], { cwd: root }), raw, sent);
  });

  it('idsync preview rejects --mask together with --show-values', () => {
    const r = run(['preview', 'leaky.idsync.json', '--mask', '--show-values'], { cwd: root });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^idsync preview: --mask and --show-values cannot be used together\n/);
    assert.equal(r.stdout, '');
  });

  for (const format of ['text', 'markdown', 'json']) {
    it(`idsync diff --format ${format} masks raw values by default`, () => {
      const r = run(['diff', '--base', 'main', '--format', format], { cwd: root, env: CI });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /leaky\\?\.idsync\\?\.json/);
      assertNoLeak(r, raw, sent);
    });
  }
});
