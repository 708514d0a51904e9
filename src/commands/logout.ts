// `claude-bedrock logout`: end an IAM Identity Center session (portal Logout), then remove that session's cached
// token — and nothing else of anyone's (other sessions' tokens and client registrations stay).
import type { CommandModule } from '../command.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import type { Output } from '../io/output.js';
import { loadAwsFiles } from '../io/aws-files.js';
import { acquireLock } from '../io/fs.js';
import { parseScopes } from '../core/sso/cache-format.js';
import { resolveSsoTarget } from '../core/sso/resolve.js';
import { describeTarget, type SsoTarget } from '../core/sso/target.js';
import { validateName } from '../core/sso/validate.js';
import type { AwsConfigModel } from '../core/aws-config/index.js';
import { callError, defaultSsoApis, type SsoApis } from '../aws/sso/api.js';
import { readCachedToken, removeCachedToken, removeCliRoleCredentials } from '../aws/sso/cache.js';
import { loginLockPath } from '../aws/sso/login.js';
import { profileForSignIn } from './login.js';

interface LogoutOpts {
  profile?: string;
  ssoSession?: string;
  all: boolean;
}

export interface LoggedOut {
  ssoSession: string | null;
  startUrl: string;
  /** ok: the portal ended the session; skipped: no live token to end it with; failed: see detail. */
  portalLogout: 'ok' | 'skipped' | 'failed';
  detail?: string;
  tokenRemoved: boolean;
  cacheFile: string;
  roleCredentialsRemoved: number;
}

export interface LogoutResult {
  profile: string | null;
  sessions: LoggedOut[];
}

/** Every login target the config knows: each [sso-session], and each legacy start URL (once per URL and region). */
export function allTargets(model: AwsConfigModel): SsoTarget[] {
  const out: SsoTarget[] = [];
  for (const s of Object.values(model.ssoSessions)) {
    if (s.startUrl && s.region) out.push({ profile: null, sessionName: s.name, startUrl: s.startUrl, region: s.region, scopes: parseScopes(s.registrationScopes) });
  }
  const seen = new Set<string>();
  for (const p of model.profiles) {
    const url = p.values.sso_start_url;
    const region = p.values.sso_region;
    if (p.kind !== 'sso-legacy' || !url || !region || seen.has(url)) continue;
    seen.add(url);
    out.push({ profile: p.name, sessionName: null, startUrl: url, region, scopes: null });
  }
  return out;
}

/** Account/role pairs of the profiles that use this target (for the AWS CLI's role-credential cache). */
function rolesOf(model: AwsConfigModel, t: SsoTarget): { accountId: string; roleName: string }[] {
  return model.profiles
    .filter((p) => (t.sessionName !== null ? p.ssoSession === t.sessionName : p.kind === 'sso-legacy' && p.values.sso_start_url === t.startUrl))
    .filter((p) => p.ssoAccountId && p.ssoRoleName)
    .map((p) => ({ accountId: p.ssoAccountId!, roleName: p.ssoRoleName! }));
}

export async function logoutOne(deps: Deps, model: AwsConfigModel, t: SsoTarget, apis: SsoApis): Promise<LoggedOut> {
  const lock = await acquireLock(loginLockPath(deps, t), { timeoutMs: 30_000, staleMs: 300_000, what: `the login lock for ${describeTarget(t)}` });
  try {
    const cur = readCachedToken(deps, t);
    let portalLogout: LoggedOut['portalLogout'] = 'skipped';
    let detail: string | undefined;
    if (cur.state === 'ok' && cur.expiresAt.getTime() > deps.now().getTime()) {
      const portal = await apis.portal(t.region);
      try {
        await portal.logout(cur.token.accessToken);
        portalLogout = 'ok';
      } catch (e) {
        const c = callError(e);
        // An access token the portal no longer knows is already logged out.
        if (c.name === 'UnauthorizedException') portalLogout = 'ok';
        else {
          portalLogout = 'failed';
          detail = `${c.name}: ${c.message}`;
        }
      }
    } else {
      detail = cur.state === 'missing' ? 'not signed in' : cur.state === 'malformed' ? `the cached token is unusable (${cur.reason})` : 'the token had already expired';
    }
    const tokenRemoved = cur.state !== 'missing' && removeCachedToken(deps, t);
    const removedCreds = removeCliRoleCredentials(deps, t, rolesOf(model, t));
    return { ssoSession: t.sessionName, startUrl: t.startUrl, portalLogout, ...(detail ? { detail } : {}), tokenRemoved, cacheFile: cur.file, roleCredentialsRemoved: removedCreds.length };
  } finally {
    lock.release();
  }
}

const command: CommandModule<LogoutOpts, LogoutResult> = {
  help: `Usage: claude-bedrock logout [--profile P | --sso-session NAME | --all] [--json]

Ends the IAM Identity Center session of a profile (default: $AWS_PROFILE, else the AWS_PROFILE Claude Code's
settings set, else "default") — portal Logout, which
also revokes its refresh token — then removes that session's token from ~/.aws/sso/cache and the AWS CLI's cached
role credentials for its profiles. Other sessions' tokens and client registrations are left alone.
--all does this for every [sso-session] and legacy start URL in ~/.aws/config.

JSON: { profile, accessTokenExpiresAt: null, refreshable: false, sessions[]: { ssoSession, startUrl, portalLogout, tokenRemoved } }`,
  globals: ['profile'],
  options: {
    'sso-session': { type: 'string' },
    all: { type: 'boolean' },
  },
  parse({ values, global }) {
    const ssoSession = values['sso-session'] as string | undefined;
    const picks = [global.profile !== undefined, ssoSession !== undefined, !!values.all].filter(Boolean).length;
    if (global.profile !== undefined && /[\x00-\x1f\x7f]/.test(global.profile)) throw new UsageError(`--profile ${JSON.stringify(global.profile)} contains a line break or control character; no profile has such a name.`, 'claude-bedrock profiles');
    if (picks > 1) throw new UsageError('Give one of --profile, --sso-session and --all.', 'claude-bedrock logout --profile <name>');
    return { profile: global.profile, ssoSession: ssoSession === undefined ? undefined : validateName('sso-session', ssoSession, '--sso-session', (flag, v) => `claude-bedrock logout ${flag} ${v}`), all: !!values.all };
  },
  async run(opts, deps, out) {
    const files = loadAwsFiles(deps);
    const targets = opts.all
      ? allTargets(files.model)
      : [resolveSsoTarget({
        command: 'logout',
        model: files.model,
        configPath: files.config.path,
        configText: files.config.text,
        ...(opts.ssoSession !== undefined ? { ssoSession: opts.ssoSession } : { profile: opts.profile ?? profileForSignIn(deps, out, 'logout') }),
      })];
    const apis = defaultSsoApis(deps);
    try {
      const sessions: LoggedOut[] = [];
      for (const t of targets) sessions.push(await logoutOne(deps, files.model, t, apis));
      return { profile: opts.all || opts.ssoSession !== undefined ? null : targets[0]!.profile, sessions };
    } finally {
      apis.close();
    }
  },
  toJson: (r) => ({
    profile: r.profile,
    accessTokenExpiresAt: null,
    refreshable: false,
    sessions: r.sessions.map((s) => ({ ssoSession: s.ssoSession, startUrl: s.startUrl, portalLogout: s.portalLogout, ...(s.detail ? { detail: s.detail } : {}), tokenRemoved: s.tokenRemoved, roleCredentialsRemoved: s.roleCredentialsRemoved })),
  }),
  render(r, out: Output) {
    if (!r.sessions.length) {
      out.print('No IAM Identity Center sessions are configured in ~/.aws/config: nothing to log out of.');
      return;
    }
    for (const s of r.sessions) {
      const who = s.ssoSession !== null ? `SSO session "${s.ssoSession}"` : `legacy SSO start URL ${s.startUrl}`;
      if (s.portalLogout === 'ok') out.print(`Logged out of ${who}; removed its cached token.`);
      else if (s.portalLogout === 'skipped') out.print(`${who}: ${s.detail ?? 'not signed in'}${s.tokenRemoved ? '; removed the cached token' : ''}.`);
      else {
        out.print(`${who}: removed the cached token locally.`);
        out.note(out.yellow(`warning: the IAM Identity Center portal could not be told (${s.detail}); the session may stay valid in the browser until it expires.`));
      }
      if (s.roleCredentialsRemoved) out.print(`  also removed ${s.roleCredentialsRemoved} cached role credential file(s) of the AWS CLI`);
    }
  },
};
export default command;
