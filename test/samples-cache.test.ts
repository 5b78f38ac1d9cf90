/**
 * Sample profiles are parsed once per text: re-linting a config on every keystroke reads its
 * profiles again but parses only the ones whose text changed.
 */
import * as assert from 'node:assert/strict';
import { loadSampleProfiles } from '../server/src/engine';
import type { FileHost, SampleRef } from '../server/src/engine';
import type { ProfileCache } from '../server/src/engine/samples';

describe('sample profile cache', () => {
  const files = new Map<string, string>([
    ['/ws/a.json', '[{ "type": "email", "id": "a@example.com" }]'],
    ['/ws/b.json', '[{ "type": "email", "id": "b@example.com" }]'],
  ]);
  const host: FileHost = { readFile: (p) => files.get(p) };
  const refs: SampleRef[] = ['/ws/a.json', '/ws/b.json'].map((path) => ({ path, display: path, origin: 'config' }));

  it('returns the same parsed profile while the text is the same, a new one when it changes', () => {
    const cache: ProfileCache = new Map();
    const first = loadSampleProfiles(host, refs, cache);
    const second = loadSampleProfiles(host, refs, cache);
    assert.equal(second[0].profile, first[0].profile);
    assert.equal(second[1].profile, first[1].profile);
    files.set('/ws/b.json', '[{ "type": "email", "id": "b2@example.com" }]');
    const third = loadSampleProfiles(host, refs, cache);
    assert.equal(third[0].profile, first[0].profile);
    assert.notEqual(third[1].profile, first[1].profile);
    assert.equal(third[1].profile!.externalIds[0].id, 'b2@example.com');
  });

  it('without a cache, parses every time', () => {
    const a = loadSampleProfiles(host, refs);
    const b = loadSampleProfiles(host, refs);
    assert.notEqual(a[0].profile, b[0].profile);
    assert.deepEqual(a[0].profile, b[0].profile);
  });
});

describe('sample profile cache with stamps', () => {
  it('does not read a profile whose stamp is unchanged, reads it again when the stamp changes', () => {
    const text = new Map([['/ws/a.json', '[{ "type": "email", "id": "a@example.com" }]']]);
    const stamps = new Map([['/ws/a.json', '1']]);
    let reads = 0;
    const host: FileHost = {
      readFile: (p) => {
        reads++;
        return text.get(p);
      },
      stamp: (p) => stamps.get(p),
    };
    const refs: SampleRef[] = [{ path: '/ws/a.json', display: 'a.json', origin: 'config' }];
    const cache: ProfileCache = new Map();
    const first = loadSampleProfiles(host, refs, cache);
    loadSampleProfiles(host, refs, cache);
    const again = loadSampleProfiles(host, refs, cache);
    assert.equal(reads, 1);
    assert.equal(again[0].profile, first[0].profile);
    text.set('/ws/a.json', '[{ "type": "email", "id": "new@example.com" }]');
    stamps.set('/ws/a.json', '2');
    const changed = loadSampleProfiles(host, refs, cache);
    assert.equal(reads, 2);
    assert.equal(changed[0].profile!.externalIds[0].id, 'new@example.com');
  });
});
