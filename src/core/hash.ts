// Hashes and random bytes without paying for node:crypto at start: loading it costs ~3 ms, and most runs of the offline
// commands never hash anything. Everything on those paths gets crypto from here, on first use.
import { createRequire } from 'node:module';

const nodeRequire = createRequire(import.meta.url);
let cryptoModule: typeof import('node:crypto') | undefined;

export function nodeCrypto(): typeof import('node:crypto') {
  return (cryptoModule ??= nodeRequire('node:crypto') as typeof import('node:crypto'));
}

export function sha1Hex(text: string): string {
  return nodeCrypto().createHash('sha1').update(text, 'utf8').digest('hex');
}

export function sha256Hex(text: string | Buffer): string {
  return nodeCrypto().createHash('sha256').update(text).digest('hex');
}

export function randomHex(bytes: number): string {
  return nodeCrypto().randomBytes(bytes).toString('hex');
}
