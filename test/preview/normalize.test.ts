import * as assert from 'node:assert/strict';
import { normalize, normalizeStep, normalizeValue, sha256Hex, isSha256Hex, hashValue, looksHashed } from '../../server/src/engine/preview/normalize';

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
      assert.deepEqual(normalizeStep(input, step), { value: expected });
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

  describe('pattern steps', () => {
    it('replace applies the pattern with its flags and substitution', () => {
      assert.deepEqual(normalizeStep('(020) 7946-0958', { replace: '[\\s()+-]', flags: 'g', with: '', why: 'drop spacing' }), { value: '02079460958' });
      assert.deepEqual(normalizeStep('j.o.e@gmail.com', { replace: '^([^@.]*)\\.', with: '$1', why: 'first dot' }), { value: 'jo.e@gmail.com' });
    });

    it('reject drops a matching value and says why; require drops a value that does not match', () => {
      const reject = { reject: '^\\+?[0-9]{16,}$', why: 'more than 15 digits' };
      assert.deepEqual(normalizeStep('+1234567890123456', reject), { value: null, dropped: 'more than 15 digits' });
      assert.deepEqual(normalizeStep('+123456789012345', reject), { value: '+123456789012345' });
      const require = { require: '@', why: 'not an email address' };
      assert.deepEqual(normalizeStep('janeexample.com', require), { value: null, dropped: 'not an email address' });
    });

    it('stops at the first step that drops the value', () => {
      assert.deepEqual(normalize(' x ', ['trim', { require: '@', why: 'no @' }, 'lowercase']), { value: null, dropped: 'no @' });
      assert.equal(normalizeValue(' x ', ['trim', { require: '@', why: 'no @' }]), '');
    });

    it('a global pattern gives the same result on every call (no lastIndex carried over)', () => {
      const step = { reject: '[0-9]', flags: 'g', why: 'digit' };
      for (let i = 0; i < 3; i++) assert.deepEqual(normalizeStep('a1', step), { value: null, dropped: 'digit' });
    });
  });

  describe('hashings', () => {
    // Expected digests from coreutils: printf %s jane@example.com | sha256sum | xxd -r -p | base64; sha1sum; md5sum
    it('digests in each encoding', () => {
      assert.equal(hashValue('jane@example.com', 'sha256'), '8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d');
      assert.equal(hashValue('jane@example.com', 'sha256-base64'), 'jIe0ic41zy4vOfgOKCyy6ASTKlaiE5g+7rQoQH1DtS0=');
      assert.equal(hashValue('abc', 'sha1'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
      assert.equal(hashValue('abc', 'md5'), '900150983cd24fb0d6963f7d28e17f72');
    });

    it('recognises already-hashed values by length and alphabet, hex in any case', () => {
      assert.ok(looksHashed('8C87B489CE35CF2E2F39F80E282CB2E804932A56A213983EEEB428407D43B52D', 'sha256'));
      assert.ok(!looksHashed('8c87b489', 'sha256'));
      assert.ok(looksHashed('jIe0ic41zy4vOfgOKCyy6ASTKlaiE5g+7rQoQH1DtS0=', 'sha256-base64'));
      assert.ok(!looksHashed('8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d', 'sha256-base64'));
      assert.ok(looksHashed('a9993e364706816aba3e25717850c26c9cd0d89d', 'sha1'));
      assert.ok(looksHashed('900150983cd24fb0d6963f7d28e17f72', 'md5'));
    });
  });
});

