/** Every overlay of the ad-platform group satisfies the catalog contract (CATALOG-CONTRACT.md). */
import * as assert from 'node:assert/strict';
import { CONFIDENCES, HASHINGS, NAMED_NORMALIZE_STEPS } from '../../../server/src/engine';
import { overlay } from './_ad-platforms-helpers';

export const AD_PLATFORMS = ['actions-google-enhanced-conversions', 'actions-display-video-360', 'actions-first-party-dv360', 'pinterest-audiences', 'actions-amazon-amc', 'actions-the-trade-desk-crm', 'actions-ms-bing-ads-audiences', 'actions-criteo-audiences', 'actions-stackadapt-audiences', 'actions-liveramp-audiences', 'actions-mntn-audiences', 'snapchat-audiences', 'liveintent-audiences', 'actions-rokt-audiences', 'actions-rokt-capi', 'actions-vibe-audience', 'actions-youappi-audience', 'actions-delivrai-audiences', 'actions-google-data-manager'];

const CITATION = /^(action-destinations|segment-docs|public-api-sdk-typescript) (packages|src)\/[^\s()]+(\.[a-z]+|\/)?( \(.+\))?$/;
const KINDS = ['email', 'phone', 'advertising-id', 'device-id', 'user-id', 'anonymous-id', 'other'];

/** Every object with a `source` in the overlay, with its JSON path. */
function sourced(node: unknown, at: string, out: Array<[string, Record<string, unknown>]>): void {
  if (Array.isArray(node)) node.forEach((n, i) => sourced(n, `${at}[${i}]`, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if ('source' in o || 'confidence' in o) out.push([at, o]);
    for (const [k, v] of Object.entries(o)) sourced(v, `${at}.${k}`, out);
  }
}

describe('ad-platform overlays: contract', () => {
  for (const slug of AD_PLATFORMS) {
    it(`${slug}: slug, kind, sources, confidences, steps`, () => {
      const o = overlay(slug);
      assert.equal(o.slug, slug);
      assert.ok(['actions', 'list'].includes(o.kind), `kind ${o.kind}`);
      assert.ok(['freeText', 'dropdown'].includes(o.input));
      assert.equal(typeof o.displayName, 'string');
      const facts: Array<[string, Record<string, unknown>]> = [];
      sourced(o, slug, facts);
      assert.ok(facts.length > 0);
      for (const [at, f] of facts) {
        assert.equal(typeof f.source, 'string', `${at}: source`);
        for (const c of (f.source as string).split('; ')) assert.match(c, CITATION, `${at}: citation "${c}"`);
        assert.ok(CONFIDENCES.includes(f.confidence as never), `${at}: confidence ${String(f.confidence)}`);
      }
      for (const [name, key] of Object.entries(o.keys)) {
        assert.ok(HASHINGS.includes(key.hashing), `${name}: hashing ${key.hashing}`);
        if (key.expects) assert.ok(KINDS.includes(key.expects), `${name}: expects ${key.expects}`);
        for (const step of key.normalize ?? []) {
          if (typeof step === 'string') {
            assert.ok(NAMED_NORMALIZE_STEPS.includes(step), `${name}: step ${step}`);
            continue;
          }
          const source = 'replace' in step ? step.replace : 'reject' in step ? step.reject : 'require' in step ? step.require : step.keep;
          assert.doesNotThrow(() => new RegExp(source, step.flags), `${name}: pattern ${source}`);
          assert.ok(step.why.length > 0, `${name}: why`);
        }
      }
      for (const [setting, keys] of Object.entries(o.listKeyTypeSetting?.values ?? {})) {
        for (const k of keys) assert.ok(k in o.keys, `listKeyTypeSetting ${setting}: key ${k}`);
      }
    });
  }
});
