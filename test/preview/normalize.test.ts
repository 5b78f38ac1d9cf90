import * as assert from 'node:assert/strict';
import { normalizeStep, normalizeValue, sha256Hex, isSha256Hex } from '../../server/src/engine/normalize';

describe('normalisation steps', () => {
  const table: Array<[string, Parameters<typeof normalizeStep>[1], string]> = [
    ['  Jane@Example.com ', 'trim', 'Jane@Example.com'],
    ['Jane@Example.com', 'lowercase', 'jane@example.com'],
    ['+1 (202) 309-5976', 'digits-only', '12023095976'],
    ['0044', 'strip-leading-zeros', '44'],
    ['00 44 20 7946 0958', 'e164', '+442079460958'],
    ['jane.doe+promo@gmail.com', 'strip-plus-tag', 'jane.doe@gmail.com'],
    ['jane.doe@gmail.com', 'remove-local-dots', 'janedoe@gmail.com'],
    ['not-an-email.value', 'remove-local-dots', 'not-an-email.value'],
    ['@leading.at', 'strip-plus-tag', '@leading.at'],
  ];
  for (const [input, step, expected] of table) {
    it(`${step}: ${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
      assert.equal(normalizeStep(input, step), expected);
    });
  }

  it('applies steps in catalog order (Reddit-style email canonicalisation)', () => {
    assert.equal(normalizeValue(' J.Doe+x@Gmail.com ', ['trim', 'lowercase', 'strip-plus-tag', 'remove-local-dots']), 'jdoe@gmail.com');
  });

  it('hashes with SHA-256 and recognises hex digests', () => {
    // printf %s jane@example.com | sha256sum
    assert.equal(sha256Hex('jane@example.com'), '8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d');
    assert.ok(isSha256Hex(sha256Hex('x')));
    assert.ok(!isSha256Hex('abc'));
  });
});
