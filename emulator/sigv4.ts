// SigV4: parse the Authorization header (region, service, access key) and recompute the signature the way AWS does.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SigV4Auth {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH_RE = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.:-]+),\s*Signature=([0-9a-f]{64})$/;

/** The parts of a well-formed SigV4 Authorization header, or undefined when its shape is wrong. */
export function parseSigV4(header: string): SigV4Auth | undefined {
  const m = AUTH_RE.exec(header.trim());
  if (!m) return undefined;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]!, signedHeaders: m[5]!.split(';'), signature: m[6]! };
}

export interface SignableRequest {
  method: string;
  /** Path exactly as sent on the wire (still percent-encoded), without the query. */
  rawPath: string;
  rawQuery: string;
  /** node's `req.rawHeaders`: [name, value, name, value, ...]. */
  rawHeaders: string[];
  body: Buffer;
}

/** RFC 3986 encoding (what both SDKs apply to path segments and query parts). */
export function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Non-S3 services: normalize dot segments, then encode the already-encoded path again ("double encoding"). */
export function canonicalUri(rawPath: string): string {
  const segs: string[] = [];
  for (const s of rawPath.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segs.pop();
    else segs.push(s);
  }
  const normalized = `/${segs.join('/')}${segs.length > 0 && rawPath.endsWith('/') ? '/' : ''}`;
  return normalized.split('/').map(uriEncode).join('/');
}

export function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  const pairs = rawQuery
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const i = p.indexOf('=');
      const k = i < 0 ? p : p.slice(0, i);
      const v = i < 0 ? '' : p.slice(i + 1);
      return [uriEncode(safeDecode(k)), uriEncode(safeDecode(v))] as const;
    });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValues(rawHeaders: string[], name: string): string | undefined {
  const vals: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === name) vals.push(rawHeaders[i + 1]!.trim().replace(/\s+/g, ' '));
  }
  // HTTP/2 carries the signed `host` as the :authority pseudo-header.
  if (vals.length === 0 && name === 'host') return headerValues(rawHeaders, ':authority');
  return vals.length ? vals.join(',') : undefined;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

export function canonicalRequest(req: SignableRequest, auth: SigV4Auth): string {
  const headers = auth.signedHeaders.map((h) => `${h}:${headerValues(req.rawHeaders, h) ?? ''}\n`).join('');
  const declared = headerValues(req.rawHeaders, 'x-amz-content-sha256');
  const payloadHash = declared ?? sha256(req.body);
  return [req.method, canonicalUri(req.rawPath), canonicalQuery(req.rawQuery), headers, auth.signedHeaders.join(';'), payloadHash].join('\n');
}

function sign(canonical: string, amzDate: string, auth: SigV4Auth, secretAccessKey: string): string {
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${secretAccessKey}`, auth.date);
  key = hmac(key, auth.region);
  key = hmac(key, auth.service);
  key = hmac(key, 'aws4_request');
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === 32 && x.length === y.length && timingSafeEqual(x, y);
}

export function expectedSignature(req: SignableRequest, auth: SigV4Auth, secretAccessKey: string): string {
  return sign(canonicalRequest(req, auth), headerValues(req.rawHeaders, 'x-amz-date') ?? '', auth, secretAccessKey);
}

export function signatureMatches(req: SignableRequest, auth: SigV4Auth, secretAccessKey: string): boolean {
  return sameHex(expectedSignature(req, auth, secretAccessKey), auth.signature);
}

/** A query-presigned request (SigV4 in X-Amz-* query parameters): what is signed, as the verifier rebuilds it. */
export interface PresignedRequest {
  method: string;
  rawPath: string;
  /** The query as sent, without X-Amz-Signature (and without anything appended after signing). */
  rawQuery: string;
  /** Values of the signed headers (lower-case names), e.g. host. */
  headers: Record<string, string>;
  amzDate: string;
  /** The hex SHA-256 of the body (presigned URLs for an empty body sign the empty-string hash). */
  payloadHash: string;
}

export function presignedSignatureMatches(req: PresignedRequest, auth: SigV4Auth, secretAccessKey: string): boolean {
  const headers = auth.signedHeaders.map((h) => `${h}:${(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = [req.method, canonicalUri(req.rawPath), canonicalQuery(req.rawQuery), headers, auth.signedHeaders.join(';'), req.payloadHash].join('\n');
  return sameHex(sign(canonical, req.amzDate, auth, secretAccessKey), auth.signature);
}

export const EMPTY_SHA256 = sha256('');

/** `20261125T185946Z` → epoch ms (NaN when malformed). */
export function parseAmzDate(s: string | undefined): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s ?? '');
  if (!m) return NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

export function amzDateHeader(rawHeaders: string[]): string | undefined {
  return headerValues(rawHeaders, 'x-amz-date');
}
