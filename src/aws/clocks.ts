// The clocks that decide when Claude Code's Bedrock access stops: role credentials, the SSO access token, the SSO
// refresh (client registration), an `aws login` session, a short-term Bedrock API key; and what Claude Code does when
// each runs out. `computeClocks` is pure; `readClockInputs` reads the caches (never the tokens themselves).
import type { Deps } from '../deps.js';
import { ssoLoginCommand } from '../core/diagnosis/catalog.js';
import { shellWord } from '../core/sso/target.js';
import { describeApiKey } from './api-key.js';
import type { AwsProfileData, CredentialKind } from './credentials.js';
import { readLoginToken, readSsoToken, type LoginTokenInfo, type SsoTokenInfo } from './sso-cache-read.js';

export type ExpiryAction = 'refresh-silently' | 'auth-refresh' | 'fail';

export interface Clock {
  id: 'role-credentials' | 'sso-access-token' | 'sso-refresh' | 'login-session' | 'api-key';
  label: string;
  /** ISO 8601 (UTC); null when the time is not recorded anywhere on this machine. */
  expiresAt: string | null;
  expired: boolean;
  onExpiry: ExpiryAction;
  /** What Claude Code will do then, in words. */
  then: string;
}

export interface ClockInputs {
  /** How the credentials are obtained (null: not resolved). */
  kind: CredentialKind | 'bearer' | null;
  profile: string | null;
  roleExpiration?: Date;
  sso?: SsoTokenInfo & { sessionName: string | null };
  login?: LoginTokenInfo;
  apiKey?: { kind: string; expiresAt?: Date };
  awsAuthRefresh: string | null;
}

export interface Clocks {
  roleCredentialsExpireAt: string | null;
  accessTokenExpiresAt: string | null;
  refreshable: boolean | null;
  registrationExpiresAt: string | null;
  clocks: Clock[];
}

function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

export function computeClocks(inp: ClockInputs, now: Date): Clocks {
  const clocks: Clock[] = [];
  const login = ssoLoginCommand(inp.profile ?? '<profile>');
  const orRefresh = (failure: string): { onExpiry: ExpiryAction; then: string } =>
    inp.awsAuthRefresh
      ? { onExpiry: 'auth-refresh', then: `Claude Code runs awsAuthRefresh (${inp.awsAuthRefresh}), which may open a browser` }
      : { onExpiry: 'fail', then: `Claude Code fails (${failure}) until you run ${login}; set awsAuthRefresh (claude-bedrock setup) to have it log in for you` };
  const past = (d: Date | null | undefined) => !!d && d.getTime() <= now.getTime();
  const sso = inp.sso;
  const ssoRefreshable = !!sso && !!sso.sessionName && sso.refreshable && !past(sso.registrationExpiresAt);

  if (inp.roleExpiration) {
    const silently = inp.kind === 'sso-session' || inp.kind === 'sso-legacy'
      ? 'Claude Code gets new role credentials from the SSO token, silently'
      : inp.kind === 'assume-role' ? 'Claude Code assumes the role again with the source credentials, silently'
      : inp.kind === 'credential-process' ? 'Claude Code runs credential_process again, silently'
      : inp.kind === 'credential-export' ? 'Claude Code runs awsCredentialExport again, silently'
      : inp.kind === 'web-identity' ? 'Claude Code exchanges the web identity token again, silently'
      : inp.kind === 'login' ? 'Claude Code renews them with the aws login refresh token, silently'
      : null;
    clocks.push({
      id: 'role-credentials',
      label: 'AWS credentials',
      expiresAt: iso(inp.roleExpiration),
      expired: past(inp.roleExpiration),
      ...(silently ? { onExpiry: 'refresh-silently' as const, then: silently } : orRefresh('The security token included in the request is expired')),
    });
  }
  if (sso) {
    clocks.push({
      id: 'sso-access-token',
      label: 'SSO access token',
      expiresAt: iso(sso.accessTokenExpiresAt),
      expired: past(sso.accessTokenExpiresAt),
      ...(ssoRefreshable
        ? { onExpiry: 'refresh-silently' as const, then: 'Claude Code (the AWS SDK) refreshes it with the refresh token, silently' }
        : orRefresh('The SSO session associated with this profile has expired')),
    });
    if (sso.sessionName && sso.refreshable) {
      clocks.push({
        id: 'sso-refresh',
        label: 'SSO refresh (client registration; the portal session may end sooner)',
        expiresAt: iso(sso.registrationExpiresAt),
        expired: past(sso.registrationExpiresAt),
        ...orRefresh('Token has expired and refresh failed'),
      });
    }
  }
  if (inp.login) {
    clocks.push({
      id: 'login-session',
      label: 'aws login session (up to 12 h after aws login; the end is not recorded locally)',
      expiresAt: null,
      expired: false,
      ...(inp.awsAuthRefresh ? orRefresh('') : { onExpiry: 'fail' as const, then: `Claude Code fails until you run aws login --profile ${inp.profile ? shellWord(inp.profile) : '<profile>'}` }),
    });
  }
  if (inp.apiKey?.expiresAt) {
    clocks.push({
      id: 'api-key',
      label: 'Bedrock API key (short-term)',
      expiresAt: iso(inp.apiKey.expiresAt),
      expired: past(inp.apiKey.expiresAt),
      onExpiry: 'fail',
      then: 'Claude Code fails (403) until AWS_BEARER_TOKEN_BEDROCK holds a new key',
    });
  }
  return {
    roleCredentialsExpireAt: iso(inp.roleExpiration ?? inp.login?.credentialsExpireAt ?? null),
    accessTokenExpiresAt: iso(sso?.accessTokenExpiresAt ?? null),
    refreshable: inp.kind === null ? null : sso ? ssoRefreshable : inp.kind === 'login' ? !!inp.login?.refreshable : inp.kind !== 'env' && inp.kind !== 'static' && inp.kind !== 'bearer',
    registrationExpiresAt: iso(sso?.registrationExpiresAt ?? null),
    clocks,
  };
}

/** The SSO token and aws login caches behind a profile (following source_profile to where the chain starts). */
export function readClockInputs(deps: Deps, data: AwsProfileData | null, profile: string | null): Pick<ClockInputs, 'sso' | 'login'> {
  if (!data || !profile) return {};
  const seen = new Set<string>();
  let name: string | undefined = profile;
  while (name && !seen.has(name)) {
    seen.add(name);
    const p: Record<string, string | undefined> | undefined = data.profiles[name];
    if (!p) return {};
    if (p.sso_session || p.sso_start_url) {
      const key = p.sso_session ?? p.sso_start_url!;
      return { sso: { ...readSsoToken(deps.home(), key), sessionName: p.sso_session ?? null } };
    }
    if (p.login_session) return { login: readLoginToken(deps.env, deps.home(), p.login_session) };
    name = p.role_arn ? p.source_profile : undefined;
  }
  return {};
}

export function apiKeyClockInput(token: string | undefined): ClockInputs['apiKey'] | undefined {
  if (!token) return undefined;
  const k = describeApiKey(token);
  return { kind: k.kind, ...(k.expiresAt ? { expiresAt: k.expiresAt } : {}) };
}
