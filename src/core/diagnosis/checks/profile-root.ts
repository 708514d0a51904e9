// Which profile holds the login behind a profile, and its SSO token-cache key. Pure and light: the SessionStart hook uses it.
import type { AwsProfile } from '../../aws-config/index.js';

/** Follow assume-role source profiles to the profile that holds the login (SSO, aws login, keys...). */
export function credentialRoot(profile: AwsProfile | undefined, all: AwsProfile[] | null): AwsProfile | undefined {
  const seen = new Set<string>();
  let cur = profile;
  while (cur && cur.kind === 'assume-role' && cur.sourceProfile !== undefined && !seen.has(cur.name)) {
    seen.add(cur.name);
    cur = all?.find((p) => p.name === cur!.sourceProfile && p.sources.length > 0);
  }
  return cur;
}

/** The token-cache key of an SSO profile: its sso-session name, or the legacy start URL exactly as written. */
export function ssoCacheKey(p: AwsProfile): string | null {
  if (p.kind === 'sso-session') return p.ssoSession ?? null;
  if (p.kind === 'sso-legacy') return p.values.sso_start_url ?? null;
  return null;
}
