// Bedrock API keys (AWS_BEARER_TOKEN_BEDROCK): short-term keys generated from AWS credentials the way AWS's
// aws-bedrock-token-generator does it, and what can be read from a key without revealing it (kind, region, expiry).
//
// A short-term key is `bedrock-api-key-` + base64("bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-...&Version=1"):
// a SigV4 query-presigned POST to bedrock.amazonaws.com (service `bedrock`, the region in the credential scope),
// signed headers `host` only, the empty-body payload hash, X-Amz-Expires up to 12 hours. The host carries no region
// in AWS's Python, JavaScript and Java generators; the region lives in X-Amz-Credential.
import { createHash, createHmac } from 'node:crypto';
import { CliError } from '../errors.js';
import { loadSdk } from './sdk.js';
import type { BearerKeyContext } from './failure.js';

/** The credentials that sign a key (what any AWS credential provider resolves to). */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export const SHORT_TERM_PREFIX = 'bedrock-api-key-';
export const LONG_TERM_PREFIX = 'ABSK';
export const TOKEN_HOST = 'bedrock.amazonaws.com';
export const MAX_EXPIRES_SECONDS = 12 * 3600;
/** A key that would expire sooner than this is not worth writing into settings. */
export const MIN_EXPIRES_SECONDS = 5 * 60;

export interface ShortTermKey {
  /** The secret: never print it. */
  token: string;
  region: string;
  issuedAt: Date;
  expiresAt: Date;
  /** X-Amz-Expires was shortened because the signing credentials expire first. */
  limitedByCredentials: boolean;
  /** `AKIA…WXYZ` of the signing access key. */
  accessKeyId: string;
}

/** SHA-256 / HMAC-SHA256 for @smithy/signature-v4, on node:crypto. */
class Sha256 {
  private h: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  private readonly secret?: Buffer;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.secret = secret === undefined ? undefined : toBuffer(secret);
    this.h = this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {
    this.h = this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
}

function toBuffer(d: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof d === 'string') return Buffer.from(d, 'utf8');
  if (ArrayBuffer.isView(d)) return Buffer.from(d.buffer, d.byteOffset, d.byteLength);
  return Buffer.from(d);
}

/** RFC 3986 percent-encoding, as @smithy's query-string builder applies it. */
function escapeUri(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Generate a short-term Bedrock API key from resolved credentials. The key lives `expiresInSeconds` (at most 12 h),
 * and never longer than the temporary credentials that signed it.
 */
export async function generateShortTermKey(creds: SigningCredentials, region: string, opts: { now: Date; expiresInSeconds?: number }): Promise<ShortTermKey> {
  const wanted = opts.expiresInSeconds ?? MAX_EXPIRES_SECONDS;
  if (!Number.isInteger(wanted) || wanted <= 0 || wanted > MAX_EXPIRES_SECONDS) {
    throw new CliError({ what: `A short-term Bedrock API key lives at most 12 hours (asked for ${wanted} s).`, next: 'use --expires 12h or less', code: 'usage' });
  }
  let expiresIn = wanted;
  let limited = false;
  if (creds.expiration) {
    const left = Math.floor((creds.expiration.getTime() - opts.now.getTime()) / 1000);
    if (left < MIN_EXPIRES_SECONDS) {
      throw new CliError({
        what: `The AWS credentials expire ${left <= 0 ? 'now' : `in ${left} s`}: too soon to sign a Bedrock API key with them.`,
        why: 'A short-term key stops working when the credentials that signed it expire.',
        next: 'sign in again (claude-bedrock login --profile <profile>), then run the command again',
        code: 'credentials-expiring',
      });
    }
    if (left < expiresIn) {
      expiresIn = left;
      limited = true;
    }
  }
  const { SignatureV4 } = await loadSdk('@smithy/signature-v4');
  const signer = new SignatureV4({
    service: 'bedrock',
    region,
    credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, ...(creds.sessionToken ? { sessionToken: creds.sessionToken } : {}) },
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const request = { method: 'POST', protocol: 'https:', hostname: TOKEN_HOST, path: '/', headers: { host: TOKEN_HOST }, query: { Action: 'CallWithBearerToken' } };
  const signed = await signer.presign(request as any, { expiresIn, signingDate: opts.now });
  const query = signed.query as Record<string, string>;
  const qs = Object.keys(query).sort().map((k) => `${escapeUri(k)}=${escapeUri(query[k]!)}`).join('&');
  const url = `${TOKEN_HOST}/?${qs}&Version=1`;
  const issuedAt = parseAmzDate(query['X-Amz-Date']!)!;
  return {
    token: SHORT_TERM_PREFIX + Buffer.from(url, 'utf8').toString('base64'),
    region,
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + expiresIn * 1000),
    limitedByCredentials: limited,
    accessKeyId: creds.accessKeyId,
  };
}

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

export interface ApiKeyInfo {
  kind: 'short-term' | 'long-term' | 'unknown';
  /** Short-term keys: the region they were signed for, and when they stop working. */
  region?: string;
  issuedAt?: Date;
  expiresAt?: Date;
  /** The signing access key ID (AKIA… / ASIA…), for a fingerprint. */
  accessKeyId?: string;
}

/** What a key says about itself (never the secret parts). */
export function describeApiKey(key: string): ApiKeyInfo {
  if (key.startsWith(LONG_TERM_PREFIX)) return { kind: 'long-term' };
  if (!key.startsWith(SHORT_TERM_PREFIX)) return { kind: 'unknown' };
  let url: URL;
  try {
    const decoded = Buffer.from(key.slice(SHORT_TERM_PREFIX.length), 'base64').toString('utf8');
    url = new URL(`https://${decoded}`);
  } catch {
    return { kind: 'unknown' };
  }
  const q = url.searchParams;
  const cred = (q.get('X-Amz-Credential') ?? '').split('/');
  const issuedAt = parseAmzDate(q.get('X-Amz-Date') ?? '');
  const expires = Number(q.get('X-Amz-Expires'));
  if (q.get('Action') !== 'CallWithBearerToken' || cred.length !== 5 || !issuedAt || !Number.isFinite(expires)) return { kind: 'unknown' };
  return { kind: 'short-term', region: cred[2]!, issuedAt, expiresAt: new Date(issuedAt.getTime() + expires * 1000), accessKeyId: cred[0]! };
}

/** Why a value cannot be a Bedrock API key (without quoting it), or undefined. */
export function apiKeyProblem(key: string): string | undefined {
  if (key === '') return 'it is empty';
  if (/\s/.test(key)) return 'it contains whitespace or a line break';
  if (key.startsWith('AKIA') || key.startsWith('ASIA')) return 'it looks like an AWS access key ID, not a Bedrock API key (those start with ABSK or bedrock-api-key-)';
  if (!key.startsWith(LONG_TERM_PREFIX) && !key.startsWith(SHORT_TERM_PREFIX)) return 'Bedrock API keys start with ABSK (long-term) or bedrock-api-key- (short-term)';
  if (key.length < 24) return 'it is too short to be a Bedrock API key';
  return undefined;
}

/** `12h`, `90m`, `3600s`, `3600` → seconds (undefined when malformed). */
export function parseDuration(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(h|m|s)?$/i.exec(s.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const mult = { h: 3600, m: 60, s: 1 }[(m[2] ?? 's').toLowerCase() as 'h' | 'm' | 's'];
  const v = Math.round(n * mult);
  return Number.isFinite(v) ? v : undefined;
}

/** What a Bedrock API key says about itself (kind, region, expiry), to explain a refusal. Never the key. */
export function bearerKeyContext(key: string, now: Date): BearerKeyContext {
  const info = describeApiKey(key.trim());
  const kind = info.kind === 'unknown' && key.trim().startsWith(SHORT_TERM_PREFIX) ? 'damaged' : info.kind;
  return { kind, ...(info.region ? { region: info.region } : {}), ...(info.expiresAt ? { expiresAt: info.expiresAt } : {}), now };
}
