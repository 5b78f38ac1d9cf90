/**
 * The engine's own SHA-256, SHA-1 and MD5 (server/src/engine/preview/digest.ts, used by the
 * preview in Node and in the web worker) against node:crypto: every length around the 64-byte
 * block boundaries, non-ASCII text (2-, 3- and 4-byte UTF-8, lone surrogates), the empty string,
 * a long text, and thousands of random strings (fast-check).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fc from 'fast-check';
import { digest, toBase64, toHex, fromHex } from '../../server/src/engine/preview/digest';
import { hashValue, sha256Hex } from '../../server/src/engine';
import { hexToBase64 } from '../../server/src/engine/preview/normalize';

const ALGORITHMS = ['sha256', 'sha1', 'md5'] as const;

function expectSame(text: string): void {
  for (const a of ALGORITHMS) {
    const node = createHash(a).update(text, 'utf8');
    const bytes = digest(a, text);
    const hex = node.copy().digest('hex');
    assert.equal(toHex(bytes), hex, `${a} hex of ${JSON.stringify(text.slice(0, 40))} (length ${text.length})`);
    assert.equal(toBase64(bytes), node.digest('base64'), `${a} base64 of ${JSON.stringify(text.slice(0, 40))} (length ${text.length})`);
  }
}

describe('digests (engine, plain TypeScript) equal node:crypto', () => {
  it('known answers: the empty string and "abc" (FIPS 180-4 and RFC 1321 examples)', () => {
    assert.equal(toHex(digest('sha256', '')), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(toHex(digest('sha256', 'abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(toHex(digest('sha1', 'abc')), 'a9993e364706816aba3e25717850c26c9cd0d89d');
    assert.equal(toHex(digest('md5', '')), 'd41d8cd98f00b204e9800998ecf8427e');
    assert.equal(toHex(digest('md5', 'message digest')), 'f96b697d7cb7938d525a2f31aaf161d0');
  });

  it('every length from 0 to 300 bytes (all padding cases around 55, 56, 64 and 119, 120, 128)', () => {
    for (let n = 0; n <= 300; n++) expectSame('a'.repeat(n));
    for (let n = 0; n <= 130; n++) expectSame('é'.repeat(n)); // 2 bytes each: odd and even byte lengths
  });

  it('non-ASCII text: 2-, 3- and 4-byte characters, emoji sequences, a lone surrogate (becomes U+FFFD)', () => {
    for (const t of ['Jürgen.Müller@Example.COM', '山田太郎@例え.jp', '📧+1 (555) 010-9999 👨‍👩‍👧', '\u0000\u007f\u0080\u07ff\u0800\uffff', 'a\ud800b', '\udc00', ' \t\n trailing ']) expectSame(t);
  });

  it('a long text (1 MB of mixed characters)', () => {
    expectSame('ab€😀'.repeat(1024 * 1024 / 9));
  });

  it('2,000 random strings (full Unicode, any length up to 300)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => expectSame(s)), { numRuns: 2000 });
  });

  it('hashValue and sha256Hex: hex and base64 output as the catalog names them', () => {
    const v = 'someone@example.com';
    assert.equal(hashValue(v, 'sha256'), createHash('sha256').update(v).digest('hex'));
    assert.equal(hashValue(v, 'sha256-base64'), createHash('sha256').update(v).digest('base64'));
    assert.equal(hashValue(v, 'sha1'), createHash('sha1').update(v).digest('hex'));
    assert.equal(hashValue(v, 'md5'), createHash('md5').update(v).digest('hex'));
    assert.equal(sha256Hex(v), createHash('sha256').update(v).digest('hex'));
  });

  it('hexToBase64 and fromHex equal Buffer over random digests (upper- and lower-case hex)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), fc.boolean(), (bytes, upper) => {
        let hex = Buffer.from(bytes).toString('hex');
        if (upper) hex = hex.toUpperCase();
        assert.deepEqual([...fromHex(hex)], [...bytes]);
        assert.equal(hexToBase64(hex), Buffer.from(hex, 'hex').toString('base64'));
      }),
      { numRuns: 1000 },
    );
  });
});
