/** Shared helpers of the preview tests: fixtures, hash constants, a one-call preview. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText, parseProfile, previewAll, builtinCatalogs, EMPTY_SPACE } from '../../server/src/engine';
import type { ConfigPreview, LoadedProfile, SpaceConfig, PreviewEntry } from '../../server/src/engine';

/** The fixtures live in the source tree (tests run from out/test/preview). */
export const FIXTURES = path.resolve(__dirname, '../../../test/preview/fixtures');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/**
 * SHA-256 hex digests computed independently with `printf %s <value> | sha256sum`.
 * Hard-coded so a wrong normalisation or hashing makes the tests fail.
 */
export const SHA = {
  'jane@example.com': '8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d',
  'jane.doe@example.com': '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',
  'j.doe@work.example': 'dadfbbe4b9edf3126caf2dfd30f950fe97894c3b14bd8c50a12bf7e47936357f',
  'sam@example.org': '22e7ba7a5786d8fb02a3b39893ae2176a995d052f816741a37e747565de7f45d',
  '12023095976': '6f02fe2414b25db8f50362cc16e5a1dc1e539c1e174412c5e9d9e5d076cc340e',
  '+12023095976': 'ab2e885e8213b2fbb894c6da2936ada8ef712c1c31762cc937dcb81172278932',
  '442079460958': '35e206e5dec4c89b9e8b71b8c32724a5bb518483ac5a20c6617d738375b3b823',
  '+442079460958': 'f0bf0228144d9fe2bdf1da2d8ca698f17bf1410ee688b075c27062e47b6f0b6d',
  '<img src=x onerror=alert(1)>': '63b586b4a93f204837ee1e038f8ce2be880e42e59bb43cc12813cf3ac6d05d0c',
  /** sha256 of the hex string sha256("jane@example.com"): a double hash. */
  'sha(jane@example.com)': '6a2f1064f0f8a66b4c42208204fe233d14bd6fc181f718270e4d136c38709da0',
  '6d92078a-8246-4ba4-ae5b-76104861e7dc': '31b806b4deec8c4cb1ffb18b9ab4ee1fa82a2b30e1f47902f04d03f5db023376',
  'a@example.com': '08168cd80dfd534ab0f10af10f1303fe00af2d43ab5c1432360d137f8197e17a',
  'b@example.com': 'e8f39b3e1382367d6d41ab34dc270d4e7533f978c9e9a775dfe2185b2f96b96c',
} as const;

export function loaded(display: string, text: string): LoadedProfile {
  const r = parseProfile(text);
  return r.ok ? { display, profile: r.profile } : { display, problem: r.error, error: `Sample profile is broken: ${r.error.message}` };
}

/** Lints a config text and previews the given profiles (name -> fixture file or inline text). */
export function preview(config: string | object, profiles: Array<[string, string]>, space: Partial<SpaceConfig> = {}): ConfigPreview {
  const text = typeof config === 'string' ? config : JSON.stringify(config, null, 2);
  const sp = { ...EMPTY_SPACE, ...space };
  const { model } = lintText(text, { space: sp });
  return previewAll({ model, catalogs: builtinCatalogs(), space: sp }, profiles.map(([d, t]) => loaded(d, t)));
}

/** The CLI-json view of one row: what the contract fixes. */
export function row(e: PreviewEntry) {
  return {
    externalId: e.externalId,
    mapTo: e.mapTo,
    strategy: e.strategy,
    values: e.values.map((v) => v.raw),
    sent: e.values.map((v) => v.sent),
    skipped: e.skipped,
  };
}

export const FB = 'personas-facebook-custom-audiences';
export const GADS = 'adwords-remarketing-lists';
export const SNAP = 'actions-snap-audiences';

export function config(slug: string, entries: unknown[] | undefined, extra: Record<string, unknown> = {}): object {
  return {
    audience: { key: 'vip' },
    destination: { slug },
    ...extra,
    ...(entries ? { idSyncConfiguration: entries } : {}),
  };
}
