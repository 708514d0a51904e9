// `claude-bedrock login`: sign in to IAM Identity Center for a profile (PKCE in the browser, or a device code), write
// the token cache exactly as the AWS CLI v2 does, refresh silently when possible, one sign-in for concurrent callers.
import type { CommandModule } from '../command.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import type { Output } from '../io/output.js';
import { loadAwsFiles } from '../io/aws-files.js';
import { isFileRefused } from '../core/aws-config/index.js';
import { formatAwsTimestamp, parseAwsTimestamp } from '../core/sso/cache-format.js';
import { loadSettingsSnapshot } from '../io/claude-settings.js';
import { resolveProfile } from '../core/claude-settings/effective.js';
import { profileWithoutFlag, resolveSsoTarget } from '../core/sso/resolve.js';
import { describeTarget, shellWord, type SsoTarget } from '../core/sso/target.js';
import { validateName } from '../core/sso/validate.js';
import { login, untilText, type LoginMethod } from '../aws/sso/login.js';

export interface LoginOpts {
  profile?: string;
  ssoSession?: string;
  flow: 'auto' | 'pkce' | 'device' | 'aws-cli';
  openBrowser: boolean;
  force: boolean;
  timeoutMs: number;
  redirectPort: number;
}

export interface LoginResult {
  profile: string | null;
  ssoSession: string | null;
  startUrl: string;
  accessTokenExpiresAt: string;
  refreshable: boolean;
  registrationExpiresAt: string | null;
  method: LoginMethod;
  cacheFile: string;
  warnings: string[];
  /** For rendering only. */
  now: string;
}

export function positiveInt(v: unknown, flag: string, min: number, max: number, def: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got ${JSON.stringify(v)}).`, `claude-bedrock login ${flag} ${def}`);
  return n;
}

export function legacyWarning(t: SsoTarget): string {
  return `Profile "${t.profile}" uses the legacy SSO format (sso_start_url in the profile): its session lasts about 8 hours and never refreshes. Fix it once with: claude-bedrock sso migrate --profile ${shellWord(t.profile ?? '')}`;
}

const command: CommandModule<LoginOpts, LoginResult> = {
  help: `Usage: claude-bedrock login [--profile P | --sso-session NAME] [--device-code] [--no-browser] [--force]
                            [--use-aws-cli] [--timeout SECONDS] [--redirect-port PORT] [--json]

Signs in to IAM Identity Center for an SSO profile and writes the token to ~/.aws/sso/cache exactly as the AWS CLI
v2 does, so the AWS CLI, boto3, the AWS SDKs and Claude Code all use it. The profile, without --profile: $AWS_PROFILE,
else the AWS_PROFILE Claude Code's settings set (as \`status\` shows it; login says so), else "default".

  - If the cached token has a refresh token, it is refreshed silently: no browser.
  - Otherwise the browser opens the sign-in page (authorization code + PKCE, answered on 127.0.0.1). BROWSER is
    honoured; the URL is always printed. Without a display (SSH, WSL, containers) the device-code flow is used.
  - Several logins for one session at once (Claude Code sessions running awsAuthRefresh together) share one
    sign-in: the others wait, then reuse its token (a token written in the last 30 s is reused).
  - Ctrl-C (or SIGINT) while it waits cancels: the calls are aborted, the loopback listener is closed and nothing
    is cached, not even a new client registration (exit 2).

The IAM Identity Center region is the session's sso_region; --region is refused (it would change nothing).

Flags:
  --sso-session NAME   log in to an [sso-session] directly
  --device-code        sign in with a code on any device instead of the local browser
  --no-browser         print the URL, do not open a browser
  --force              always sign in again (no reuse, no refresh)
  --use-aws-cli        run \`aws sso login\` (AWS CLI v2 >= 2.9 for sso-session profiles) instead
  --timeout SECONDS    give up waiting for the browser or code after this long (default 180)
  --redirect-port N    loopback port for the browser redirect (default: any free port)

JSON: { profile, ssoSession, accessTokenExpiresAt, refreshable, registrationExpiresAt, method, warnings }
Exit codes: 0 signed in · 1 error · 2 usage or cancelled · 4 sign-in did not complete`,
  globals: ['profile', 'region'],
  options: {
    'sso-session': { type: 'string' },
    'device-code': { type: 'boolean' },
    'no-browser': { type: 'boolean' },
    force: { type: 'boolean' },
    'use-aws-cli': { type: 'boolean' },
    timeout: { type: 'string' },
    'redirect-port': { type: 'string' },
  },
  parse({ values, global }) {
    const ssoSession = values['sso-session'] as string | undefined;
    if (ssoSession !== undefined && global.profile !== undefined) throw new UsageError('Give --profile or --sso-session, not both.', 'claude-bedrock login --profile <name>');
    if (global.profile !== undefined && /[\x00-\x1f\x7f]/.test(global.profile)) throw new UsageError(`--profile ${JSON.stringify(global.profile)} contains a line break or control character; no profile has such a name.`, 'claude-bedrock profiles');
    if (values['device-code'] && values['use-aws-cli']) throw new UsageError('--device-code and --use-aws-cli cannot be combined.', 'claude-bedrock login --device-code');
    if (global.region !== undefined) {
      // Sign-in happens where the [sso-session] says (sso_region); a region flag here would be silently meaningless.
      const who = ssoSession !== undefined ? ` --sso-session ${shellWord(ssoSession)}` : global.profile !== undefined ? ` --profile ${shellWord(global.profile)}` : '';
      throw new UsageError(`login does not take --region: IAM Identity Center sign-in always happens in the sso_region of the profile's [sso-session] (or legacy profile), and a profile's region is only for AWS calls afterwards. To sign in to another IAM Identity Center region, create a session for it: claude-bedrock sso add --sso-region <region> ...`, `claude-bedrock login${who}`);
    }
    return {
      profile: global.profile,
      ssoSession: ssoSession === undefined ? undefined : validateName('sso-session', ssoSession, '--sso-session', (flag, v) => `claude-bedrock login ${flag} ${v}`),
      flow: values['use-aws-cli'] ? 'aws-cli' : values['device-code'] ? 'device' : 'auto',
      openBrowser: !values['no-browser'],
      force: !!values.force,
      timeoutMs: positiveInt(values.timeout, '--timeout', 1, 3600, 180) * 1000,
      redirectPort: positiveInt(values['redirect-port'], '--redirect-port', 0, 65535, 0),
    };
  },
  async run(opts, deps, out) {
    return runLogin(opts, deps, out);
  },
  toJson: (r) => ({
    profile: r.profile,
    ssoSession: r.ssoSession,
    accessTokenExpiresAt: r.accessTokenExpiresAt,
    refreshable: r.refreshable,
    registrationExpiresAt: r.registrationExpiresAt,
    method: r.method,
    warnings: r.warnings,
  }),
  render(r, out) {
    const who = r.ssoSession !== null ? `SSO session "${r.ssoSession}"${r.profile ? ` (profile ${r.profile})` : ''}` : `profile "${r.profile}"`;
    const left = untilText(new Date(r.now), new Date(r.accessTokenExpiresAt));
    const head = {
      reused: `Already signed in to ${who}: another login finished moments ago.`,
      refresh: `Refreshed ${who} silently (no browser needed).`,
      pkce: `Signed in to ${who}.`,
      'device-code': `Signed in to ${who}.`,
      'aws-cli': `Signed in to ${who} with the AWS CLI.`,
    }[r.method];
    out.print(head);
    out.print(`  access token valid until ${r.accessTokenExpiresAt} (${left})`);
    out.print(r.refreshable
      ? `  refreshes silently until the IAM Identity Center session ends${r.registrationExpiresAt ? ` (client registered until ${r.registrationExpiresAt})` : ''}`
      : '  does not refresh: sign in again when it expires');
    for (const w of r.warnings) out.note(out.yellow(`warning: ${w}`));
  },
};
export default command;

/**
 * The profile to sign in to (or out of) when neither --profile nor --sso-session is given: $AWS_PROFILE, else the one
 * Claude Code's settings name (the profile `status` shows, and says so on stderr), else today's "default".
 */
export function profileForSignIn(deps: Deps, out: Output, cmd: 'login' | 'logout'): string {
  const p = profileWithoutFlag(deps.env, () => resolveProfile(loadSettingsSnapshot(deps, { withoutProfiles: true })).resolved);
  if (p.from) out.note(`Using profile "${p.name}": AWS_PROFILE in Claude Code's ${p.from.source} settings${p.from.file ? ` (${p.from.file})` : ''}. Another: claude-bedrock ${cmd} --profile <name>`);
  return p.name;
}

export async function runLogin(opts: LoginOpts, deps: Deps, out: Output): Promise<LoginResult> {
  const files = loadAwsFiles(deps);
  const target = resolveSsoTarget({
    model: files.model,
    configPath: files.config.path,
    configText: files.config.text,
    ...(opts.ssoSession !== undefined ? { ssoSession: opts.ssoSession } : { profile: opts.profile ?? profileForSignIn(deps, out, 'login') }),
  });
  if (target.via) out.note(`Profile "${target.profile}" assumes a role with credentials from "${target.via}": signing in to ${describeTarget(target)}.`);
  const warnings: string[] = [];
  if (target.sessionName === null) warnings.push(legacyWarning(target));
  // We read past these, but the AWS CLI and boto3 refuse the whole file: the sign-in alone would not make them work.
  for (const i of files.model.issues.filter(isFileRefused)) warnings.push(`${i.message}${i.fix ? ` Fix: ${i.fix}` : ''}`);
  const outcome = await login(deps, (s) => out.note(s), target, opts);
  const now = deps.now();
  if (target.sessionName !== null && !outcome.refreshable) {
    warnings.push(`The token for ${describeTarget(target)} has no refresh token, so it will not renew silently. Add "sso_registration_scopes = sso:account:access" to [sso-session ${target.sessionName}] (claude-bedrock sso add --session-name ${shellWord(target.sessionName)} ... does it), then: claude-bedrock login --force${target.profile ? ` --profile ${shellWord(target.profile)}` : ''}`);
  }
  const reg = outcome.token.registrationExpiresAt ? parseAwsTimestamp(outcome.token.registrationExpiresAt) : undefined;
  return {
    profile: target.profile,
    ssoSession: target.sessionName,
    startUrl: target.startUrl,
    accessTokenExpiresAt: formatAwsTimestamp(outcome.expiresAt),
    refreshable: outcome.refreshable,
    registrationExpiresAt: reg ? formatAwsTimestamp(reg) : null,
    method: outcome.method,
    cacheFile: outcome.cacheFile,
    warnings,
    now: now.toISOString(),
  };
}
