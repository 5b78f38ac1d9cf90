/**
 * Golden tests of `idsync init` (built bundle): the message, the exit code and the exact text
 * written, for a dropdown destination, a free-text one, a space file with custom identifiers and
 * a destination function, an existing file, an unknown slug. Every written file must lint clean
 * with `idsync check` (nothing reported, hints included, exit 0).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinAudienceDestinations, lintText } from '../../server/src/engine';
import { expectGolden, expectGoldenFiles, run, tempDir } from './harness';

const SPACE = `{
  "customIdentifiers": ["phone", "shopify_id"],
  "destinations": {
    "crm-sync-function": {
      "displayName": "CRM sync (destination function)",
      "input": "freeText",
      "identifiers": ["email", { "key": "crm_customer_id", "hashing": "none", "suggestedFor": ["shopify_id"] }]
    }
  }
}
`;

describe('idsync init (golden, built bundle)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    fs.mkdirSync(path.join(dir, '.git')); // the space lookup stops here
  });
  afterEach(() => cleanup());
  const read = (rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');

  /** `idsync check` on the written files, hints shown as infos: nothing reported, exit 0. */
  function assertLintsClean(...rels: string[]) {
    const r = run(['check', '--rule', 'all-on-single-value=info', ...rels], { cwd: dir });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '', r.stdout);
    assert.equal(r.stderr, '');
  }

  it('a dropdown destination: Default Setup made explicit, mapped to the dropdown keys, Send Mobile IDs on', () => {
    const r = run(['init', 'personas-facebook-custom-audiences'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    expectGoldenFiles('init-dropdown', r, [['personas-facebook-custom-audiences.idsync.json', read('personas-facebook-custom-audiences.idsync.json')]]);
    assertLintsClean('personas-facebook-custom-audiences.idsync.json');
  });

  it('a free-text destination, --audience and --output into a new folder', () => {
    const r = run(['init', 'actions-reddit-audiences', '--audience', 'vip_customers', '-o', 'configs/reddit-vip.idsync.json'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    expectGoldenFiles('init-free-text', r, [['configs/reddit-vip.idsync.json', read('configs/reddit-vip.idsync.json')]]);
    assertLintsClean('configs/reddit-vip.idsync.json');
  });

  it('an alias is written as the canonical slug', () => {
    const r = run(['init', 'personas-facebook-ads', '-o', '-'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes('"destination": { "slug": "personas-facebook-custom-audiences" },'), r.stdout);
  });

  it("with the space's custom identifiers: entries where the catalog maps them, commented suggestions otherwise", () => {
    fs.writeFileSync(path.join(dir, 'idsync.space.json'), SPACE);
    fs.mkdirSync(path.join(dir, 'configs'));
    // The space file is found from the file's folder upward, as by every command.
    const fb = run(['init', 'personas-facebook-custom-audiences', '-o', 'configs/fb.idsync.json'], { cwd: dir });
    assert.equal(fb.status, 0, fb.stderr);
    const crm = run(['init', 'crm-sync-function', '-o', 'configs/crm.idsync.json'], { cwd: dir });
    assert.equal(crm.status, 0, crm.stderr);
    expectGoldenFiles('init-space', { ...fb, args: [...fb.args], stdout: fb.stdout + crm.stdout, stderr: fb.stderr + crm.stderr }, [
      ['configs/fb.idsync.json', read('configs/fb.idsync.json')],
      ['configs/crm.idsync.json', read('configs/crm.idsync.json')],
    ]);
    assertLintsClean('configs');
    // Uncommenting the suggestion the catalog is unsure of gives a config that still parses.
    const text = read('configs/fb.idsync.json').replace('// { "externalId": "phone"', '{ "externalId": "phone"');
    assert.ok(!lintText(text).diagnostics.some((d) => d.code === 'syntax'));
  });

  it('refuses to overwrite an existing file (exit 2) unless --force', () => {
    fs.writeFileSync(path.join(dir, 'mine.idsync.json'), '{ "kept": true }\n');
    const r = run(['init', 'actions-snap-audiences', '-o', 'mine.idsync.json'], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    expectGolden('init-exists', r);
    assert.equal(read('mine.idsync.json'), '{ "kept": true }\n');
    const forced = run(['init', 'actions-snap-audiences', '-o', 'mine.idsync.json', '--force'], { cwd: dir });
    assert.equal(forced.status, 0, forced.stderr);
    assert.ok(read('mine.idsync.json').includes('"slug": "actions-snap-audiences"'));
  });

  it('an unknown destination: did-you-mean, exit 2, nothing written', () => {
    const r = run(['init', 'facebook-custom-audience'], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    const typo = run(['init', 'actions-snap-audeinces'], { cwd: dir });
    assert.equal(typo.status, 2, typo.stderr);
    expectGolden('init-unknown', { ...r, stderr: r.stderr + typo.stderr });
    assert.deepEqual(fs.readdirSync(dir), ['.git']);
  });

  it('usage errors: no destination, two destinations', () => {
    const none = run(['init'], { cwd: dir });
    assert.equal(none.status, 2, none.stderr);
    assert.match(none.stderr, /^idsync init: missing <destination> \(run 'idsync init --list' for the slugs\)\nUsage: idsync init/);
    const two = run(['init', 'a', 'b'], { cwd: dir });
    assert.equal(two.status, 2, two.stderr);
    assert.match(two.stderr, /^idsync init: expected one destination, got 2\n/);
  });

  it('--list: every audience destination, then the space file\'s own', () => {
    fs.writeFileSync(path.join(dir, 'idsync.space.json'), SPACE);
    const r = run(['init', '--list'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    expectGolden('init-list', r);
    for (const d of builtinAudienceDestinations()) assert.ok(r.stdout.includes(`\n${d.slug} `), d.slug);
  });

  it('every audience destination gets a file that lints clean', function () {
    this.timeout(120000);
    const slugs = builtinAudienceDestinations().map((d) => d.slug);
    for (const slug of slugs) {
      const r = run(['init', slug], { cwd: dir });
      assert.equal(r.status, 0, `${slug}: ${r.stderr}`);
    }
    assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.idsync.json')).length, slugs.length);
    assertLintsClean('.');
  });
});
