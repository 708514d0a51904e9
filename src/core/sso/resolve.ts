// Which IAM Identity Center session a profile logs in to, from the profile model — or exactly why it cannot. Pure.
import type { AwsConfigModel, AwsProfile } from '../aws-config/index.js';
import { parseIni } from '../aws-config/index.js';
import { CliError } from '../../errors.js';
import { parseScopes } from './cache-format.js';
import { ssoAddCommand } from './plan-add.js';
import { shellWord, type SsoTarget } from './target.js';

export interface ResolveInput {
  /** The command resolving (for the command to run again in a fix); default login. */
  command?: 'login' | 'logout';
  model: AwsConfigModel;
  configPath: string;
  configText: string;
  profile?: string;
  ssoSession?: string;
}

/** 1-based line of `key` inside the section whose header is on `headerLine`, if it is written there. */
function keyLine(configText: string, headerLine: number, key: string): number | undefined {
  const doc = parseIni(configText);
  const sec = doc.sections.find((s) => s.header === headerLine - 1);
  if (!sec) return undefined;
  for (let i = sec.header + 1; i < sec.end; i++) {
    const l = doc.lines[i]!;
    if (l.kind === 'key' && l.key === key) return i + 1;
  }
  return undefined;
}

function sessionTarget(model: AwsConfigModel, configPath: string, name: string, profile: string | null): SsoTarget {
  const s = model.ssoSessions[name];
  const p = profile !== null ? model.profiles.find((x) => x.name === profile) : undefined;
  // sso add recreates or completes the session; a profile's own account and role need no flag.
  const addCmd = (startUrl?: string, ssoRegion?: string) =>
    ssoAddCommand({ sessionName: name, startUrl, ssoRegion, profile: profile ?? undefined, accountId: p?.ssoAccountId, roleName: p?.ssoRoleName });
  if (!s) {
    throw new CliError({
      what: profile
        ? `Profile "${profile}" uses sso_session = ${name}, but ${configPath} has no [sso-session ${name}] section.`
        : `There is no [sso-session ${name}] section in ${configPath}.`,
      why: 'The start URL and SSO region of a session live in that section; without it nothing can log in.',
      next: addCmd(),
      code: 'sso-session-missing',
    });
  }
  const missing = [s.startUrl === undefined ? 'sso_start_url' : '', s.region === undefined ? 'sso_region' : ''].filter(Boolean);
  if (missing.length) {
    throw new CliError({
      what: `[sso-session ${name}] (line ${s.source.line} of ${s.source.file}) is missing ${missing.join(' and ')}.`,
      why: 'AWS tools need both the start URL and the SSO region to log in.',
      next: addCmd(s.startUrl, s.region),
      code: 'sso-session-incomplete',
    });
  }
  return { profile, sessionName: name, startUrl: s.startUrl!, region: s.region!, scopes: parseScopes(s.registrationScopes) };
}

function ssoProfileTarget(p: AwsProfile, input: ResolveInput): SsoTarget {
  const { model, configPath, configText } = input;
  if (p.kind === 'sso-session') {
    const name = p.ssoSession!;
    const t = sessionTarget(model, configPath, name, p.name);
    const session = model.ssoSessions[name]!;
    const header = p.sources.find((s) => s.file === configPath);
    // botocore refuses a profile whose own SSO keys disagree with its session's ("inconsistent").
    for (const [key, sessionValue] of [['sso_region', session.region], ['sso_start_url', session.startUrl]] as const) {
      const own = p.values[key];
      if (own !== undefined && sessionValue !== undefined && own !== sessionValue) {
        const line = header ? keyLine(configText, header.line, key) : undefined;
        throw new CliError({
          what: `The value for ${key} is inconsistent between profile "${p.name}" (${own}) and [sso-session ${name}] (${sessionValue}).`,
          why: 'The AWS CLI, boto3 and Claude Code refuse such a profile; the session\'s value is the one that is used for login.',
          next: `delete the line "${key} = ${own}"${line ? ` (line ${line})` : ''} from [${header?.section ?? `profile ${p.name}`}] in ${configPath}; then: claude-bedrock ${input.command ?? 'login'} --profile ${shellWord(p.name)}`,
          code: 'sso-inconsistent',
        });
      }
    }
    return { ...t, ...(p.ssoAccountId ? { accountId: p.ssoAccountId } : {}), ...(p.ssoRoleName ? { roleName: p.ssoRoleName } : {}) };
  }
  // Legacy inline profile: the start URL and region are the profile's own.
  const missing = [p.values.sso_start_url === undefined ? 'sso_start_url' : '', p.values.sso_region === undefined ? 'sso_region' : ''].filter(Boolean);
  if (missing.length) {
    const src = p.sources[0];
    throw new CliError({
      what: `Profile "${p.name}" is configured for SSO but has no ${missing.join(' or ')}.`,
      why: 'The start URL and SSO region say where to log in.',
      next: `add ${missing.map((k) => `${k} = ...`).join(' and ')} to [${src?.section ?? `profile ${p.name}`}] in ${src?.file ?? configPath}, then: claude-bedrock sso migrate --profile ${shellWord(p.name)}`,
      code: 'sso-incomplete',
    });
  }
  return {
    profile: p.name,
    sessionName: null,
    startUrl: p.values.sso_start_url!,
    region: p.values.sso_region!,
    scopes: parseScopes(p.values.sso_registration_scopes),
    ...(p.ssoAccountId ? { accountId: p.ssoAccountId } : {}),
    ...(p.ssoRoleName ? { roleName: p.ssoRoleName } : {}),
  };
}

/** The profile login uses when --profile is not given: AWS_PROFILE (as Claude Code and the JS SDK), else default. */
export function defaultProfileName(env: Readonly<Record<string, string | undefined>>): string {
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}

/** Where Claude Code's settings name its profile: resolveProfile(snapshot).resolved, as `status` shows it. */
export interface SettingsProfile { name: string; source: string; file?: string }

/**
 * The profile login and logout use without --profile: AWS_PROFILE from the environment (a shell, or Claude Code
 * running awsAuthRefresh); else the AWS_PROFILE of Claude Code's settings files (`settingsProfile`, read only when
 * needed); else AWS_DEFAULT_PROFILE, else "default". `from` says which settings file picked it (null otherwise).
 */
export function profileWithoutFlag(env: Readonly<Record<string, string | undefined>>, settingsProfile: () => SettingsProfile): { name: string; from: SettingsProfile | null } {
  if (env.AWS_PROFILE) return { name: env.AWS_PROFILE, from: null };
  const s = settingsProfile();
  if (s.source !== 'default' && s.source !== 'shell' && s.name) return { name: s.name, from: s };
  return { name: defaultProfileName(env), from: null };
}

/**
 * Resolve `--profile P` (following source_profile for role profiles) or `--sso-session N` to the session to log in
 * to. Every failure names the file, the profile and the command that fixes it.
 */
export function resolveSsoTarget(input: ResolveInput): SsoTarget & { via?: string } {
  const { model, configPath } = input;
  if (input.ssoSession !== undefined) return sessionTarget(model, configPath, input.ssoSession, null);
  const name = input.profile!;
  const byName = new Map(model.profiles.map((p) => [p.name, p]));
  let p = byName.get(name);
  if (!p) {
    throw new CliError({
      what: `There is no profile "${name}" in ${configPath}.`,
      why: 'login needs a profile (or --sso-session) that says which IAM Identity Center to sign in to.',
      next: `${ssoAddCommand({ profile: name })}   # or list the profiles you have: claude-bedrock profiles`,
      code: 'profile-not-found',
    });
  }
  const seen = new Set<string>();
  let via: string | undefined;
  while (p.kind === 'assume-role' && p.sourceProfile !== undefined && !seen.has(p.name)) {
    seen.add(p.name);
    via ??= p.name;
    const next = byName.get(p.sourceProfile);
    if (!next) break;
    p = next;
  }
  if (p.kind !== 'sso-session' && p.kind !== 'sso-legacy') {
    throw new CliError({
      what: `Profile "${via ?? p.name}" does not use IAM Identity Center (it is a ${p.kind} profile), so there is nothing to log in to.`,
      why: p.kind === 'static' ? 'It uses long-term access keys.' : p.kind === 'login' ? 'It uses an AWS console login session (aws login).' : `Its credentials come from ${p.kind}.`,
      next: p.kind === 'login' ? `aws login --profile ${shellWord(p.name)}` : `${ssoAddCommand({})}   # to create an SSO profile`,
      code: 'not-sso-profile',
    });
  }
  const t = ssoProfileTarget(p, input);
  return via ? { ...t, profile: name, via: p.name } : t;
}
