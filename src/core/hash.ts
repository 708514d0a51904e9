// Hashes and random bytes without paying for node:crypto at start: loading it costs a few ms, and most runs of the
// offline commands never hash anything but a cache key. Everything on those paths gets crypto from here, on first use.
import { createRequire } from 'node:module';

const nodeRequire = createRequire(import.meta.url);
let cryptoModule: typeof import('node:crypto') | undefined;

export function nodeCrypto(): typeof import('node:crypto') {
  return (cryptoModule ??= nodeRequire('node:crypto') as typeof import('node:crypto'));
}

/**
 * SHA-1 of a UTF-8 string, in plain JavaScript: the only hash on the session-start hook's path (the SSO token cache
 * file is named by the SHA-1 of the session name or start URL), where loading node:crypto would cost more than the
 * hashing. Checked against node:crypto in hash.test.ts. Not for secrets: a cache key, as botocore uses it.
 */
export function sha1Hex(text: string): string {
  const msg = Buffer.from(text, 'utf8');
  const blocks = Math.ceil((msg.length + 9) / 64);
  const buf = new Uint8Array(blocks * 64);
  buf.set(msg);
  buf[msg.length] = 0x80;
  const view = new DataView(buf.buffer);
  view.setUint32(buf.length - 8, Math.floor(msg.length / 0x20000000));
  view.setUint32(buf.length - 4, (msg.length * 8) >>> 0);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Int32Array(80);
  for (let off = 0; off < buf.length; off += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getInt32(off + t * 4);
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
      w[t] = (x << 1) | (x >>> 31);
    }
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let t = 0; t < 80; t++) {
      const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const next = (((a << 5) | (a >>> 27)) + f + e + k + w[t]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
    h[4] = (h[4]! + e) | 0;
  }
  return h.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}

export function sha256Hex(text: string | Buffer): string {
  return nodeCrypto().createHash('sha256').update(text).digest('hex');
}

export function randomHex(bytes: number): string {
  return nodeCrypto().randomBytes(bytes).toString('hex');
}
