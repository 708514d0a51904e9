// The SSO token cache and client-registration cache formats, exactly as the AWS CLI v2 / botocore write them. Pure.
import { sha1Hex } from '../hash.js';

/** A cached SSO token (`~/.aws/sso/cache/<sha1>.json`). Times are kept as the raw strings found in the file. */
export interface SsoToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

/** A cached client registration (same directory, key from registrationCacheKey). */
export interface SsoRegistration {
  clientId: string;
  clientSecret: string;
  expiresAt: string;
  scopes?: string[];
  grantTypes?: string[];
}

export type Parsed<T> = { ok: true; value: T; expiresAt: Date } | { ok: false; reason: string };

export function sha1(text: string): string {
  return sha1Hex(text);
}

/** File name stem of a token: sha1(sso-session name), or sha1(start URL exactly as written) for a legacy profile. */
export function tokenCacheKey(id: { sessionName?: string | null; startUrl: string }): string {
  return sha1(id.sessionName ?? id.startUrl);
}

/** botocore's registration key: sha1(json.dumps({tool, startUrl, region, scopes, session_name}, sort_keys=True)). */
export function registrationCacheKey(a: { startUrl: string; region: string; scopes: string[] | null; sessionName: string | null }): string {
  return sha1(pythonJsonDumps({ tool: 'botocore', startUrl: a.startUrl, region: a.region, scopes: a.scopes, session_name: a.sessionName }, { sortKeys: true }));
}

/**
 * The AWS CLI v2 role-credential cache key (`~/.aws/cli/cache/<key>.json`) for an SSO profile:
 * sha1(json.dumps({accountId, roleName, sessionName | startUrl}, sort_keys=True, separators=(',', ':'))).
 */
export function cliRoleCredentialCacheKey(a: { accountId: string; roleName: string; sessionName: string | null; startUrl: string }): string {
  const args: Record<string, string> = { roleName: a.roleName, accountId: a.accountId };
  if (a.sessionName !== null) args.sessionName = a.sessionName;
  else args.startUrl = a.startUrl;
  return sha1(pythonJsonDumps(args, { sortKeys: true, compact: true }));
}

/** `sso_registration_scopes` as botocore parses it: comma-split, stripped, empties dropped. */
export function parseScopes(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Python's json.dumps with ensure_ascii and default separators (", ", ": "), or (",", ":") with compact, so the
 * bytes and hashes match botocore's.
 */
export function pythonJsonDumps(value: unknown, opts: { sortKeys?: boolean; compact?: boolean } = {}): string {
  const [item, kv] = opts.compact ? [',', ':'] : [', ', ': '];
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('pythonJsonDumps: non-finite number');
    return String(value);
  }
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return `[${value.map((v) => pythonJsonDumps(v, opts)).join(item)}]`;
  if (typeof value === 'object') {
    let keys = Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    if (opts.sortKeys) keys = keys.sort(byCodePoint);
    return `{${keys.map((k) => `${pyString(k)}${kv}${pythonJsonDumps((value as Record<string, unknown>)[k], opts)}`).join(item)}}`;
  }
  throw new Error(`pythonJsonDumps: cannot serialise ${typeof value}`);
}

/** Python sorts str by code point; JS's default sort compares UTF-16 units (differs above U+FFFF). */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d) return d;
  }
  return x.length - y.length;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function pyString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    if (SHORT_ESCAPES[ch]) out += SHORT_ESCAPES[ch];
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the format botocore writes and both SDKs read. Fractions are truncated like strftime. */
export function formatAwsTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Parse a cache timestamp the way botocore (dateutil) does for the forms seen in real caches: `...Z`, `....000Z`,
 * `+00:00` offsets and the pre-2020 CLI's `...UTC`. A time without a zone is rejected: botocore crashes on it.
 */
export function parseAwsTimestamp(s: unknown): Date | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})$/i.exec(s.trim());
  if (!m) return undefined;
  let zone = m[4]!.toUpperCase();
  if (zone === 'UTC' || zone === 'GMT') zone = 'Z';
  else if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const frac = m[3] ? m[3].slice(0, 4) : '';
  const d = new Date(`${m[1]}T${m[2]}${frac}${zone}`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Parse a token file. Missing accessToken or an unreadable expiresAt make it unusable, as for botocore and the JS SDK. */
export function parseTokenFile(text: string): Parsed<SsoToken> {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { ok: false, reason: 'it is not a JSON object' };
  const o = obj as Record<string, unknown>;
  if (typeof o.accessToken !== 'string' || !o.accessToken) return { ok: false, reason: 'it has no accessToken' };
  if (o.expiresAt === undefined) return { ok: false, reason: 'it has no expiresAt' };
  const expiresAt = parseAwsTimestamp(o.expiresAt);
  if (!expiresAt) return { ok: false, reason: `its expiresAt (${JSON.stringify(o.expiresAt)}) is not a UTC timestamp` };
  const token: SsoToken = { accessToken: o.accessToken, expiresAt: o.expiresAt as string };
  for (const k of ['startUrl', 'region', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken'] as const) {
    if (typeof o[k] === 'string' && o[k]) token[k] = o[k] as string;
  }
  return { ok: true, value: token, expiresAt };
}

/** Serialise a token exactly as the AWS CLI v2 does: one line, Python separators, fixed key order, no newline. */
export function serializeToken(t: SsoToken): string {
  return pythonJsonDumps({
    startUrl: t.startUrl,
    region: t.region,
    accessToken: t.accessToken,
    expiresAt: t.expiresAt,
    clientId: t.clientId,
    clientSecret: t.clientSecret,
    registrationExpiresAt: t.registrationExpiresAt,
    refreshToken: t.refreshToken,
  });
}

export function parseRegistrationFile(text: string): Parsed<SsoRegistration> {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  if (!o || typeof o !== 'object' || typeof o.clientId !== 'string' || typeof o.clientSecret !== 'string') {
    return { ok: false, reason: 'it has no clientId/clientSecret' };
  }
  const expiresAt = parseAwsTimestamp(o.expiresAt);
  if (!expiresAt) return { ok: false, reason: 'its expiresAt is not a UTC timestamp' };
  const reg: SsoRegistration = { clientId: o.clientId, clientSecret: o.clientSecret, expiresAt: o.expiresAt as string };
  if (Array.isArray(o.scopes)) reg.scopes = o.scopes.filter((s): s is string => typeof s === 'string');
  if (Array.isArray(o.grantTypes)) reg.grantTypes = o.grantTypes.filter((s): s is string => typeof s === 'string');
  return { ok: true, value: reg, expiresAt };
}

/** As the AWS CLI v2 writes a registration: clientId, clientSecret, expiresAt, then scopes and grantTypes if set. */
export function serializeRegistration(r: SsoRegistration): string {
  return pythonJsonDumps({ clientId: r.clientId, clientSecret: r.clientSecret, expiresAt: r.expiresAt, scopes: r.scopes, grantTypes: r.grantTypes });
}

/** botocore and the CLI treat a token or registration as expired 15 minutes early. */
export const EXPIRY_WINDOW_MS = 15 * 60_000;

export function isFresh(expiresAt: Date, now: Date, windowMs = EXPIRY_WINDOW_MS): boolean {
  return expiresAt.getTime() - now.getTime() >= windowMs;
}

/** A registration usable for a flow: not within 15 min of expiry, and registered for the same grant (CLI rule). */
export function registrationUsable(reg: Parsed<SsoRegistration>, now: Date, flow: 'pkce' | 'device'): boolean {
  if (!reg.ok || !isFresh(reg.expiresAt, now)) return false;
  const forAuthCode = !!reg.value.grantTypes?.includes('authorization_code');
  return flow === 'pkce' ? forAuthCode : !forAuthCode;
}

/** What the token allows: refresh needs a refresh token, the client it was issued to, and a live registration. */
export function canRefresh(t: SsoToken, now: Date): boolean {
  if (!t.refreshToken || !t.clientId || !t.clientSecret || !t.registrationExpiresAt) return false;
  const reg = parseAwsTimestamp(t.registrationExpiresAt);
  return !!reg && reg.getTime() > now.getTime();
}
