/**
 * Every overlay of the marketing-and-data group satisfies the catalog contract
 * (/work/wt/CATALOG-CONTRACT.md): sourced facts with a repository and a path, a confidence that is
 * one of the four words, patterns that compile, known hashings and named steps.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIDENCES, HASHINGS, NAMED_NORMALIZE_STEPS } from '../../../server/src/engine';
import { OVERLAYS, overlay } from './marketing-helpers';

export const MARKETING_AND_DATA = [
  'actions-klaviyo', 'actions-braze-cohorts', 'actions-iterable-lists', 'actions-iterable-audiences',
  'actions-marketo-static-lists', 'actions-dynamic-yield-audiences', 'actions-insider-audiences',
  'responsys', 'actions-responsys', 'actions-amplitude-cohorts', 'actions-dotdigital-audiences',
  'actions-eagleeye', 'actions-ortto-audiences', 'actions-pendo-audiences', 'actions-s3-csv',
  'actions-webhook-audiences', 'actions-courier', 'actions-hubspot-cloud', 'actions-kevel',
  'actions-launchdarkly-audiences', 'actions-listrak', 'actions-livelike-cloud',
  'actions-optimizely-advanced-audience-targeting', 'actions-postscript', 'actions-s3', 'actions-sftp',
  'actions-vwo-cloud', 'actions-wingify-cloud',
];

const CITATION = /^(action-destinations|segment-docs|public-api-sdk-typescript) ((packages|src)\/[^\s()]+)( \([^()]*\))?$/;

/** Every problem of one overlay, as "<json path>: <problem>". */
function problems(slug: string): string[] {
  return check(overlay(slug) as unknown as Record<string, unknown>, slug);
}

function check(o: Record<string, unknown>, slug: string): string[] {
  const out: string[] = [];
  if (o.slug !== slug) out.push(`slug: ${String(o.slug)} is not the file name`);
  if (slug === 'responsys' ? o.kind !== 'list' : o.kind !== 'actions') out.push(`kind: ${String(o.kind)}`);
  if (o.input !== 'freeText') out.push(`input: ${String(o.input)}`);
  const visit = (v: unknown, at: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${at}[${i}]`));
    if (!v || typeof v !== 'object') return;
    const rec = v as Record<string, unknown>;
    for (const [k, x] of Object.entries(rec)) {
      const here = `${at}.${k}`;
      if (k === 'source' || k === 'keyConventionsSource') {
        if (typeof x !== 'string' || x === '') out.push(`${here}: empty`);
        else for (const c of x.split('; ')) if (!CITATION.test(c)) out.push(`${here}: "${c}" is not "<repository> <path> (<passage>)"`);
      } else if (k === 'confidence') {
        if (!CONFIDENCES.includes(x as never)) out.push(`${here}: "${String(x)}" is not one of ${CONFIDENCES.join(', ')}`);
      } else if (k === 'hashing' && typeof x === 'string') {
        if (!HASHINGS.includes(x as never)) out.push(`${here}: unknown hashing ${x}`);
      } else if (k === 'normalize' && Array.isArray(x)) {
        x.forEach((step, i) => {
          if (typeof step === 'string') {
            if (!NAMED_NORMALIZE_STEPS.includes(step as never)) out.push(`${here}[${i}]: unknown step ${step}`);
            return;
          }
          const s = step as Record<string, string>;
          const re = s.replace ?? s.reject ?? s.require;
          try {
            new RegExp(re, s.flags);
          } catch (e) {
            out.push(`${here}[${i}]: pattern does not compile: ${(e as Error).message}`);
          }
          if (!s.why) out.push(`${here}[${i}]: no why`);
        });
      } else visit(x, here);
    }
  };
  visit(o, slug);
  // Keys and notes carry a source (their own or, for a key, the overlay's).
  for (const [name, key] of Object.entries((o.keys ?? {}) as Record<string, Record<string, unknown>>)) {
    if (typeof key.source !== 'string') out.push(`${slug}.keys.${name}: no source`);
    if (typeof key.label !== 'string' || typeof key.description !== 'string') out.push(`${slug}.keys.${name}: no label/description`);
  }
  for (const [i, n] of ((o.notes ?? []) as Array<Record<string, unknown>>).entries()) {
    if (typeof n.source !== 'string' || typeof n.confidence !== 'string') out.push(`${slug}.notes[${i}]: no source or confidence`);
  }
  if (typeof o.confidence !== 'string') out.push(`${slug}: no confidence`);
  return out;
}

describe('marketing-and-data overlays: catalog contract', () => {
  it('there is one overlay file per destination of the list', () => {
    const files = new Set(fs.readdirSync(OVERLAYS));
    assert.deepEqual(MARKETING_AND_DATA.filter((s) => !files.has(`${s}.json`)), []);
    assert.equal(path.basename(OVERLAYS), 'overlays');
  });

  for (const slug of MARKETING_AND_DATA) {
    it(`${slug} satisfies the contract`, () => {
      assert.deepEqual(problems(slug), []);
    });
  }

  it('the checker finds a bad citation, a bad confidence, a broken pattern and an unknown step', () => {
    const bad = {
      slug: 'actions-x',
      kind: 'actions',
      input: 'freeText',
      source: 'segment-docs',
      confidence: 'code (see note)',
      keys: { k: { label: 'K', description: 'd', hashing: 'sha512', source: 'action-destinations packages/a.ts (f(x))', normalize: [{ require: '(', why: 'w' }, 'upper'] } },
    };
    const found = check(bad, 'actions-x');
    assert.equal(found.length, 6, found.join('\n'));
    assert.ok(found[0].startsWith('actions-x.source: "segment-docs" is not'));
    assert.equal(found[1], 'actions-x.confidence: "code (see note)" is not one of documented, code, inferred, uncertain');
    assert.equal(found[2], 'actions-x.keys.k.hashing: unknown hashing sha512');
    assert.ok(found[3].startsWith('actions-x.keys.k.source: "action-destinations packages/a.ts (f(x))" is not'));
    assert.ok(found[4].startsWith('actions-x.keys.k.normalize[0]: pattern does not compile'));
    assert.equal(found[5], 'actions-x.keys.k.normalize[1]: unknown step upper');
  });
});
