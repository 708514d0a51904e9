import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sha1Hex } from './hash.js';

const ref = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

test('sha1Hex: the FIPS 180 examples', () => {
  assert.equal(sha1Hex(''), 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
  assert.equal(sha1Hex('abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(sha1Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'), '84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  assert.equal(sha1Hex('a'.repeat(1_000_000)), '34aa973cd4c4daa4f61eeb2bdbad27316534016f');
});

test('sha1Hex equals node:crypto at every length around the block edges, for ASCII and multi-byte UTF-8', () => {
  const alphabets = ['a', 'é', '€', '😀', 'https://d-1234567890.awsapps.com/start#'];
  for (const unit of alphabets) {
    for (let n = 0; n <= 200; n++) {
      const s = unit.repeat(n).slice(0, n);
      assert.equal(sha1Hex(s), ref(s), `${JSON.stringify(unit)} × ${n}`);
    }
  }
  // Random strings, lone surrogates included (both encode them as U+FFFD).
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < 500; i++) {
    const s = Array.from({ length: Math.floor(rnd() * 300) }, () => String.fromCharCode(Math.floor(rnd() * 0xffff))).join('');
    assert.equal(sha1Hex(s), ref(s));
  }
});
