import * as assert from 'node:assert/strict';
import { lintText, resolveSampleProfiles, loadSampleProfiles, checkSamples, expandGlob } from '../../server/src/engine';
import type { FileHost, SampleRef } from '../../server/src/engine';
import { fixture } from './helpers';

/** An in-memory tree: files by absolute path; records every read and listing. */
class MemoryHost implements FileHost {
  readonly reads: string[] = [];
  readonly listed: string[] = [];
  constructor(private readonly files: Record<string, string>) {}
  readFile(p: string): string | undefined {
    this.reads.push(p);
    if (p === '/ws/unreadable.json') throw new Error('EACCES: permission denied');
    return this.files[p];
  }
  listDir(p: string): string[] | undefined {
    this.listed.push(p);
    const prefix = p.endsWith('/') ? p : p + '/';
    const names = new Set<string>();
    for (const f of Object.keys(this.files)) {
      if (!f.startsWith(prefix)) continue;
      const rest = f.slice(prefix.length);
      const i = rest.indexOf('/');
      names.add(i < 0 ? rest : rest.slice(0, i + 1));
    }
    return names.size ? [...names] : undefined;
  }
}

const JANE = fixture('jane.profile-api.json');

function modelOf(text: string) {
  return lintText(text).model;
}

const CONFIG_WITH_SAMPLES = `{
  "audience": { "key": "vip" },
  "destination": { "slug": "personas-facebook-custom-audiences" },
  "idSyncConfiguration": [{ "externalId": "email", "strategy": "last", "mapTo": "EMAIL" }],
  "samples": [
    "profiles/jane.json",
    "../../etc/passwd",
    "/etc/shadow",
    "profiles/missing.json",
    "profiles/broken.json",
    42,
    "../unreadable.json",
    "profiles/partial.json"
  ]
}`;

function summary(refs: SampleRef[]) {
  return refs.map((r) => [r.origin, r.display, r.path ?? null, r.error ?? null]);
}

describe('sample profiles: which ones', () => {
  const host = new MemoryHost({
    '/ws/audiences/vip.idsync.json': CONFIG_WITH_SAMPLES,
    '/ws/audiences/profiles/jane.json': JANE,
    '/ws/audiences/profiles/broken.json': fixture('broken.json'),
    '/ws/audiences/profiles/partial.json': '[{"type": "email", "id": "a@example.com"}, {"id": "x"}]',
    '/ws/audiences/samples/profiles/b.json': JANE,
    '/ws/audiences/samples/profiles/a.json': JANE,
    '/ws/audiences/samples/profiles/notes.txt': 'x',
    '/ws/audiences/samples/profiles/sub/c.json': JANE,
    '/ws/shared/p1.json': JANE,
    '/ws/shared/deep/p2.json': JANE,
    '/ws/node_modules/x/p3.json': JANE,
    '/etc/passwd': 'root:x:0:0',
  });

  it('the config\'s samples, relative to the config; outside the root refused', () => {
    const refs = resolveSampleProfiles('/ws/audiences/vip.idsync.json', modelOf(CONFIG_WITH_SAMPLES), ['shared/*.json'], '/ws', { listDir: (p) => host.listDir(p) });
    assert.deepEqual(summary(refs), [
      ['config', 'audiences/profiles/jane.json', '/ws/audiences/profiles/jane.json', null],
      ['config', '../../etc/passwd', null, '"../../etc/passwd" is outside /ws: sample profiles must stay inside the workspace; not read'],
      ['config', '/etc/shadow', null, '"/etc/shadow" is outside /ws: sample profiles must stay inside the workspace; not read'],
      ['config', 'audiences/profiles/missing.json', '/ws/audiences/profiles/missing.json', null],
      ['config', 'audiences/profiles/broken.json', '/ws/audiences/profiles/broken.json', null],
      ['config', 'samples[5]', null, 'samples[5] must be a path (a string)'],
      ['config', 'unreadable.json', '/ws/unreadable.json', null],
      ['config', 'audiences/profiles/partial.json', '/ws/audiences/profiles/partial.json', null],
    ]);
  });

  it('flags replace everything, relative to the working directory', () => {
    const refs = resolveSampleProfiles('/ws/audiences/vip.idsync.json', modelOf(CONFIG_WITH_SAMPLES), ['shared/*.json'], '/ws', {
      profiles: ['shared/p1.json', '../outside.json'],
      cwd: '/ws',
    });
    assert.deepEqual(summary(refs), [
      ['flag', 'shared/p1.json', '/ws/shared/p1.json', null],
      ['flag', '../outside.json', null, '"../outside.json" is outside /ws: sample profiles must stay inside the workspace; not read'],
    ]);
  });

  it('without samples in the config: the setting globs (relative to the root; ** skips node_modules)', () => {
    const cfg = '{"destination": {"slug": "x"}}';
    const refs = resolveSampleProfiles('/ws/audiences/vip.idsync.json', modelOf(cfg), ['shared/**/*.json', '**/p3.json', '../etc/*', 'shared/p1.json'], '/ws', { listDir: (p) => host.listDir(p) });
    assert.deepEqual(summary(refs), [
      ['setting', 'shared/deep/p2.json', '/ws/shared/deep/p2.json', null],
      ['setting', 'shared/p1.json', '/ws/shared/p1.json', null],
      ['setting', '../etc/*', null, 'the setting\'s pattern "../etc/*" is outside /ws: not read'],
    ]);
  });

  it('else samples/profiles/*.json beside the config, sorted, files only', () => {
    const cfg = '{"destination": {"slug": "x"}}';
    const refs = resolveSampleProfiles('/ws/audiences/vip.idsync.json', modelOf(cfg), undefined, '/ws', { listDir: (p) => host.listDir(p) });
    assert.deepEqual(summary(refs), [
      ['default', 'audiences/samples/profiles/a.json', '/ws/audiences/samples/profiles/a.json', null],
      ['default', 'audiences/samples/profiles/b.json', '/ws/audiences/samples/profiles/b.json', null],
    ]);
    assert.deepEqual(resolveSampleProfiles('/ws/other/x.idsync.json', modelOf(cfg), undefined, '/ws', { listDir: (p) => host.listDir(p) }), []);
    assert.deepEqual(resolveSampleProfiles('/ws/other/x.idsync.json', modelOf(cfg), undefined, '/ws'), []);
  });

  it('a listing that throws (refused directory) gives no profiles, never a crash', () => {
    const refs = resolveSampleProfiles('/ws/a.idsync.json', modelOf('{}'), undefined, '/ws', {
      listDir: () => {
        throw new Error('outside');
      },
    });
    assert.deepEqual(refs, []);
  });

  it('expandGlob supports *, ?, [...] and **', () => {
    const list = (p: string) => host.listDir(p);
    assert.deepEqual(expandGlob('/ws/audiences/samples/profiles/?.json', list), ['/ws/audiences/samples/profiles/a.json', '/ws/audiences/samples/profiles/b.json']);
    assert.deepEqual(expandGlob('/ws/audiences/samples/profiles/[!a].json', list), ['/ws/audiences/samples/profiles/b.json']);
    assert.deepEqual(expandGlob('/ws/audiences/**/c.json', list), ['/ws/audiences/samples/profiles/sub/c.json']);
  });

  it('loading: refused paths are never read; missing, unreadable and broken are errors; the good ones load', () => {
    const model = modelOf(CONFIG_WITH_SAMPLES);
    const refs = resolveSampleProfiles('/ws/audiences/vip.idsync.json', model, undefined, '/ws');
    const loaded = loadSampleProfiles(host, refs);
    assert.deepEqual(host.reads, [
      '/ws/audiences/profiles/jane.json',
      '/ws/audiences/profiles/missing.json',
      '/ws/audiences/profiles/broken.json',
      '/ws/unreadable.json',
      '/ws/audiences/profiles/partial.json',
    ]);
    assert.ok(!host.reads.includes('/etc/passwd'));
    assert.deepEqual(
      loaded.map((l) => [l.display, l.error ?? null, l.profile?.externalIds.length ?? null]),
      [
        ['audiences/profiles/jane.json', null, 8],
        ['../../etc/passwd', 'Sample profile refused: "../../etc/passwd" is outside /ws: sample profiles must stay inside the workspace; not read.', null],
        ['/etc/shadow', 'Sample profile refused: "/etc/shadow" is outside /ws: sample profiles must stay inside the workspace; not read.', null],
        ['audiences/profiles/missing.json', 'Sample profile not found: /ws/audiences/profiles/missing.json.', null],
        ['audiences/profiles/broken.json', 'Sample profile is broken: Not valid JSON: Comma expected at line 4, column 5.', null],
        ['samples[5]', 'Sample profile refused: samples[5] must be a path (a string).', null],
        ['unreadable.json', 'Sample profile cannot be read: EACCES: permission denied.', null],
        ['audiences/profiles/partial.json', null, 1],
      ],
    );
  });

  it('checkSamples: a diagnostic on each samples entry that cannot be previewed', () => {
    const model = modelOf(CONFIG_WITH_SAMPLES);
    const loaded = loadSampleProfiles(host, resolveSampleProfiles('/ws/audiences/vip.idsync.json', model, undefined, '/ws'));
    const diags = checkSamples(model, loaded);
    assert.deepEqual(
      diags.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character, d.pointer, d.message]),
      [
        ['sample-profile', 'warning', 6, 4, 22, '/samples/1', '"../../etc/passwd": Sample profile refused: "../../etc/passwd" is outside /ws: sample profiles must stay inside the workspace; not read. Fix the profile or the path; the other profiles still preview.'],
        ['sample-profile', 'warning', 7, 4, 17, '/samples/2', '"/etc/shadow": Sample profile refused: "/etc/shadow" is outside /ws: sample profiles must stay inside the workspace; not read. Fix the profile or the path; the other profiles still preview.'],
        ['sample-profile', 'warning', 8, 4, 27, '/samples/3', '"audiences/profiles/missing.json": Sample profile not found: /ws/audiences/profiles/missing.json. Fix the profile or the path; the other profiles still preview.'],
        ['sample-profile', 'warning', 9, 4, 26, '/samples/4', '"audiences/profiles/broken.json": Sample profile is broken: Not valid JSON: Comma expected at line 4, column 5. Fix the profile or the path; the other profiles still preview.'],
        ['sample-profile', 'warning', 10, 4, 6, '/samples/5', '"samples[5]": Sample profile refused: samples[5] must be a path (a string). Fix the profile or the path; the other profiles still preview.'],
        ['sample-profile', 'warning', 11, 4, 24, '/samples/6', '"unreadable.json": Sample profile cannot be read: EACCES: permission denied. Fix the profile or the path; the other profiles still preview.'],
        ['sample-profile', 'info', 12, 4, 27, '/samples/7', '"audiences/profiles/partial.json": 1 item left out of the preview. An external id without "type" (item 2, line 1, column 44): left out.'],
      ],
    );
  });

  it('checkSamples: a Profile API page with cursor.has_more true is a partial profile (warning on its samples item)', () => {
    // segment-docs src/unify/profile-api.md (Pagination): has_more "Whether or not there are more elements available after this set"
    const cfg = '{\n  "destination": { "slug": "x" },\n  "samples": ["p1.json", "p2.json"]\n}';
    const model = modelOf(cfg);
    const page = (more: boolean) => `{ "data": [{ "type": "email", "id": "a@b.c" }], "cursor": { "url": "/v1/x", "has_more": ${more}, "next": "n" } }`;
    const h = new MemoryHost({ '/ws/p1.json': page(true), '/ws/p2.json': page(false) });
    const loaded = loadSampleProfiles(h, resolveSampleProfiles('/ws/c.idsync.json', model, undefined, '/ws'));
    assert.deepEqual(loaded.map((l) => l.profile?.partial !== undefined), [true, false]);
    assert.deepEqual(
      checkSamples(model, loaded).map((d) => [d.severity, d.pointer, d.range.start.character, d.range.end.character, d.message]),
      [['warning', '/samples/0', 14, 23, '"p1.json": a partial Profile API page (cursor.has_more is true): the profile has more external ids than the file holds, so "first", "last" and "all" may pick other values. Save every page (follow cursor.next) into one file.']],
    );
  });

  it('checkSamples: profiles from the default folder are reported on the idSyncConfiguration key', () => {
    const cfg = '{\n  "destination": { "slug": "x" },\n  "idSyncConfiguration": []\n}';
    const model = modelOf(cfg);
    const h = new MemoryHost({ '/ws/samples/profiles/bad.json': '{' });
    const loaded = loadSampleProfiles(h, resolveSampleProfiles('/ws/c.idsync.json', model, undefined, '/ws', { listDir: (p) => h.listDir(p) }));
    const diags = checkSamples(model, loaded);
    assert.deepEqual(
      diags.map((d) => [d.range, d.message]),
      [[{ start: { line: 2, character: 2 }, end: { line: 2, character: 23 } }, '"samples/profiles/bad.json": Sample profile is broken: Not valid JSON: Closing brace `}` expected at line 1, column 2. Fix the profile or the path; the other profiles still preview.']],
    );
  });
});
