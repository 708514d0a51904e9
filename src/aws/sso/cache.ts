// Reads and writes ~/.aws/sso/cache the way the AWS CLI v2 does (same names, bytes, 0600, atomic). No AWS SDK here:
// offline commands (status, hook) may import this.
import fs from 'node:fs';
import path from 'node:path';
import type { Deps } from '../../deps.js';
import { ssoCacheDir, stateDir } from '../../core/paths.js';
import { atomicWrite, removeFile } from '../../io/fs.js';
import {
  cliRoleCredentialCacheKey,
  parseRegistrationFile,
  parseTokenFile,
  registrationCacheKey,
  serializeRegistration,
  serializeToken,
  tokenCacheKey,
  type Parsed,
  type SsoRegistration,
  type SsoToken,
} from '../../core/sso/cache-format.js';
import type { SsoTarget } from '../../core/sso/target.js';

const MAX_CACHE_FILE_BYTES = 1024 * 1024;

export type CachedToken =
  | { state: 'missing'; file: string }
  | { state: 'malformed'; file: string; reason: string }
  | { state: 'ok'; file: string; token: SsoToken; expiresAt: Date; mtimeMs: number };

export function tokenFileFor(deps: Deps, t: Pick<SsoTarget, 'sessionName' | 'startUrl'>): string {
  return path.join(ssoCacheDir(deps.home()), `${tokenCacheKey(t)}.json`);
}

export function registrationFileFor(deps: Deps, t: Pick<SsoTarget, 'sessionName' | 'startUrl' | 'region' | 'scopes'>): string {
  return path.join(ssoCacheDir(deps.home()), `${registrationCacheKey({ startUrl: t.startUrl, region: t.region, scopes: t.scopes, sessionName: t.sessionName })}.json`);
}

function readSmall(file: string): { text: string; mtimeMs: number } | { error: string } | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { error: `it cannot be read (${(e as NodeJS.ErrnoException).code})` };
  }
  if (!st.isFile()) return { error: 'it is not a regular file' };
  if (st.size > MAX_CACHE_FILE_BYTES) return { error: `it is ${st.size} bytes, far too large for a token` };
  try {
    return { text: fs.readFileSync(file, 'utf8'), mtimeMs: st.mtimeMs };
  } catch (e) {
    return { error: `it cannot be read (${(e as NodeJS.ErrnoException).code})` };
  }
}

export function readCachedToken(deps: Deps, t: Pick<SsoTarget, 'sessionName' | 'startUrl'>): CachedToken {
  const file = tokenFileFor(deps, t);
  const r = readSmall(file);
  if (!r) return { state: 'missing', file };
  if ('error' in r) return { state: 'malformed', file, reason: r.error };
  const p = parseTokenFile(r.text);
  if (!p.ok) return { state: 'malformed', file, reason: p.reason };
  return { state: 'ok', file, token: p.value, expiresAt: p.expiresAt, mtimeMs: r.mtimeMs };
}

/** Write a secret file 0600: an existing looser file is tightened first, so the new secret is never world-readable. */
function writeSecret(file: string, text: string): void {
  try {
    const st = fs.statSync(file);
    if ((st.mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  } catch { /* new file: created 0600 */ }
  atomicWrite(file, text, { newFileMode: 0o600 });
}

/**
 * Write the token (AWS CLI v2 bytes). A malformed file it replaces is first copied to our state directory, so
 * nothing the user had is lost. Returns where that copy went, if any.
 */
export function writeCachedToken(deps: Deps, t: Pick<SsoTarget, 'sessionName' | 'startUrl'>, token: SsoToken): { file: string; keptMalformedAt?: string } {
  const file = tokenFileFor(deps, t);
  const before = readCachedToken(deps, t);
  let keptMalformedAt: string | undefined;
  if (before.state === 'malformed') keptMalformedAt = keepCopy(deps, file);
  writeSecret(file, serializeToken(token));
  return { file, keptMalformedAt };
}

function keepCopy(deps: Deps, file: string): string | undefined {
  try {
    const dir = path.join(stateDir(deps.env, deps.home()), 'backups', 'sso-cache');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stamp = deps.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const dest = path.join(dir, `${path.basename(file, '.json')}-${stamp}.json`);
    fs.copyFileSync(file, dest);
    fs.chmodSync(dest, 0o600);
    return dest;
  } catch {
    return undefined;
  }
}

export function removeCachedToken(deps: Deps, t: Pick<SsoTarget, 'sessionName' | 'startUrl'>): boolean {
  const file = tokenFileFor(deps, t);
  if (!fs.existsSync(file)) return false;
  removeFile(file);
  return true;
}

export function readRegistration(deps: Deps, t: Pick<SsoTarget, 'sessionName' | 'startUrl' | 'region' | 'scopes'>): Parsed<SsoRegistration> | undefined {
  const r = readSmall(registrationFileFor(deps, t));
  if (!r) return undefined;
  if ('error' in r) return { ok: false, reason: r.error };
  return parseRegistrationFile(r.text);
}

export function writeRegistration(deps: Deps, t: Pick<SsoTarget, 'sessionName' | 'startUrl' | 'region' | 'scopes'>, reg: SsoRegistration): string {
  const file = registrationFileFor(deps, t);
  writeSecret(file, serializeRegistration(reg));
  return file;
}

/**
 * Remove the AWS CLI v2's cached role credentials for these account/role pairs of one session (only entries it
 * marked as SSO), so a logout also stops the AWS CLI from using them.
 */
export function removeCliRoleCredentials(deps: Deps, t: Pick<SsoTarget, 'sessionName' | 'startUrl'>, roles: { accountId: string; roleName: string }[]): string[] {
  const removed: string[] = [];
  const dir = path.join(deps.home(), '.aws', 'cli', 'cache');
  for (const r of roles) {
    const file = path.join(dir, `${cliRoleCredentialCacheKey({ ...r, sessionName: t.sessionName, startUrl: t.startUrl })}.json`);
    const c = readSmall(file);
    if (!c || 'error' in c) continue;
    try {
      if ((JSON.parse(c.text) as { ProviderType?: string }).ProviderType !== 'sso') continue;
    } catch {
      continue;
    }
    removeFile(file);
    removed.push(file);
  }
  return removed;
}
