// Bedrock API keys as Bedrock checks them. A long-term key (ABSK…) is looked up in the scenario. A short-term key is
// `bedrock-api-key-` + base64("bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-…&Version=1"): a SigV4
// query-presigned POST / to bedrock.amazonaws.com signed by an identity the emulator knows (static keys or credentials
// it issued), valid from X-Amz-Date for X-Amz-Expires seconds (at most 12 hours), never after its credentials expire.
import type { Identity } from './scenario.js';
import type { EmulatorState } from './state.js';
import { EMPTY_SHA256, parseAmzDate, presignedSignatureMatches } from './sigv4.js';

export const SHORT_TERM_PREFIX = 'bedrock-api-key-';
const TOKEN_HOST = 'bedrock.amazonaws.com';
const MAX_EXPIRES_SECONDS = 12 * 3600;

export interface KeyHolder {
  account: string;
  arn: string;
  userId: string;
}

/** Why a key is refused (the wire answer is the same for both: see auth.ts). */
export type KeyRefusal = 'invalid' | 'expired';

/** The identity behind a short-term key, or why the key is refused. Never throws. */
export function verifyShortTermKey(state: EmulatorState, key: string): KeyHolder | KeyRefusal {
  const b64 = key.slice(SHORT_TERM_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return 'invalid';
  const url = Buffer.from(b64, 'base64').toString('utf8');
  const m = /^([^/?#]+)\/\?(.*)$/s.exec(url);
  if (!m || m[1] !== TOKEN_HOST) return 'invalid';
  // Version=1 is appended after signing (AWS's generators do so): everything before it is what was signed.
  const all = m[2]!.split('&');
  if (all.at(-1) !== 'Version=1') return 'invalid';
  const signed = all.slice(0, -1);
  const params = new Map<string, string>();
  for (const p of signed) {
    const i = p.indexOf('=');
    if (i <= 0) return 'invalid';
    let k: string;
    let v: string;
    try {
      k = decodeURIComponent(p.slice(0, i));
      v = decodeURIComponent(p.slice(i + 1));
    } catch {
      return 'invalid';
    }
    if (params.has(k)) return 'invalid';
    params.set(k, v);
  }
  const signature = params.get('X-Amz-Signature') ?? '';
  const cred = (params.get('X-Amz-Credential') ?? '').split('/');
  const amzDate = params.get('X-Amz-Date') ?? '';
  const expires = params.get('X-Amz-Expires') ?? '';
  const signedHeaders = (params.get('X-Amz-SignedHeaders') ?? '').split(';');
  if (
    params.get('Action') !== 'CallWithBearerToken'
    || params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256'
    || !/^[0-9a-f]{64}$/.test(signature)
    || cred.length !== 5 || cred[3] !== 'bedrock' || cred[4] !== 'aws4_request' || !amzDate.startsWith(cred[1]!)
    || !/^\d{1,5}$/.test(expires) || +expires < 1 || +expires > MAX_EXPIRES_SECONDS
    || signedHeaders.join(';') !== 'host'
  ) return 'invalid';
  const issuedAt = parseAmzDate(amzDate);
  if (!Number.isFinite(issuedAt)) return 'invalid';

  const found = state.findIdentity(cred[0]!);
  if (!found || (found.identity.sessionToken ?? undefined) !== (params.get('X-Amz-Security-Token') ?? undefined)) return 'invalid';
  const auth = { accessKeyId: cred[0]!, date: cred[1]!, region: cred[2]!, service: 'bedrock', signedHeaders, signature };
  const rawQuery = signed.filter((p) => !p.startsWith('X-Amz-Signature=')).join('&');
  if (!presignedSignatureMatches({ method: 'POST', rawPath: '/', rawQuery, headers: { host: TOKEN_HOST }, amzDate, payloadHash: EMPTY_SHA256 }, auth, found.identity.secretAccessKey)) {
    return 'invalid';
  }
  // Signed correctly: now whether it is still valid, and whether the credentials that signed it are.
  const now = state.now();
  if (issuedAt + +expires * 1000 <= now) return 'expired';
  if (found.identity.expired || (found.expiresAt !== undefined && found.expiresAt <= now)) return 'expired';
  return holder(found.identity);
}

function holder(i: Identity): KeyHolder {
  return { account: i.account, arn: i.arn, userId: i.userId };
}
