// A small reader of the SSO token cache (~/.aws/sso/cache/<sha1>.json, AWS-WIRE §4): expiry and refreshability, never the tokens.
import { sha1Hex, sha256Hex } from '../core/hash.js';
import fs from 'node:fs';
import path from 'node:path';
import { ssoCacheDir } from '../core/paths.js';
import { parseAwsTimestamp, parseTokenFile } from '../core/sso/cache-format.js';

export interface SsoTokenInfo {
  file: string;
  exists: boolean;
  /** The file is there but unreadable or not the expected JSON. */
  invalid?: string;
  accessTokenExpiresAt: Date | null;
  /** refreshToken, clientId and clientSecret are all present: the SDKs can refresh silently. */
  refreshable: boolean;
  registrationExpiresAt: Date | null;
  startUrl?: string;
  region?: string;
}

/** The cache key: the sso-session section name, or for legacy profiles the sso_start_url exactly as written. */
export function ssoTokenFile(home: string, key: string): string {
  return path.join(ssoCacheDir(home), `${sha1Hex(key)}.json`);
}

function date(v: unknown): Date | null {
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function readSsoToken(home: string, key: string): SsoTokenInfo {
  const file = ssoTokenFile(home, key);
  const empty: SsoTokenInfo = { file, exists: false, accessTokenExpiresAt: null, refreshable: false, registrationExpiresAt: null };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return empty;
  }
  const parsed = parseTokenFile(text);
  if (!parsed.ok) return { ...empty, exists: true, invalid: parsed.reason };
  const t = parsed.value;
  const info: SsoTokenInfo = {
    file,
    exists: true,
    accessTokenExpiresAt: parsed.expiresAt,
    refreshable: !!(t.refreshToken && t.clientId && t.clientSecret),
    registrationExpiresAt: parseAwsTimestamp(t.registrationExpiresAt) ?? null,
    ...(t.startUrl ? { startUrl: t.startUrl } : {}),
    ...(t.region ? { region: t.region } : {}),
  };
  // botocore reads `2020-12-01T01:02:03UTC` (old AWS CLI caches); the JS SDK, and so Claude Code, cannot.
  if (!date(t.expiresAt)) info.invalid = `its expiresAt ${JSON.stringify(t.expiresAt)} is a form the JS SDK (Claude Code) cannot read`;
  return info;
}

export interface LoginTokenInfo {
  file: string;
  exists: boolean;
  invalid?: string;
  /** When the current 15-minute credentials run out (the SDK refreshes them with the refresh token). */
  credentialsExpireAt: Date | null;
  refreshable: boolean;
}

/** `aws login` cache: <AWS_LOGIN_CACHE_DIRECTORY or ~/.aws/login/cache>/<sha256(login_session)>.json. */
export function readLoginToken(env: Readonly<Record<string, string | undefined>>, home: string, loginSession: string): LoginTokenInfo {
  const dir = env.AWS_LOGIN_CACHE_DIRECTORY || path.join(home, '.aws', 'login', 'cache');
  const file = path.join(dir, `${sha256Hex(loginSession)}.json`);
  let j: Record<string, any>;
  try {
    j = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    return { file, exists: !missing, ...(missing ? {} : { invalid: 'not readable JSON' }), credentialsExpireAt: null, refreshable: false };
  }
  return {
    file,
    exists: true,
    credentialsExpireAt: date(j?.accessToken?.expiresAt),
    refreshable: typeof j?.refreshToken === 'string' && !!j.refreshToken && typeof j?.dpopKey === 'string',
  };
}
