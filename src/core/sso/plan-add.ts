// Planner for `sso add`: an [sso-session] with sso_registration_scopes and a profile that uses it, as minimal
// edits of the config text. Re-running with the same answers changes nothing; conflicting answers are refused. Pure.
import { addSection, setKey, type AwsConfigModel } from '../aws-config/index.js';
import { ConflictError } from '../../errors.js';
import { parseScopes } from './cache-format.js';
import { assertEditable } from './editable.js';
import { shellWord } from './target.js';
import { sameStartUrl } from './validate.js';

export const REFRESH_SCOPE = 'sso:account:access';

export interface SsoAddInput {
  sessionName: string;
  startUrl: string;
  ssoRegion: string;
  profile: string;
  accountId: string;
  roleName: string;
  region?: string;
}

export type Action = 'created' | 'updated' | 'unchanged';

/** Stand-ins for values not known yet (the account and role are picked from the portal after the first checks). */
export const PLACEHOLDERS = { startUrl: '<start-url>', ssoRegion: '<sso-region>', profile: '<profile>', accountId: '<account-id>', roleName: '<role-name>' } as const;

const isPlaceholder = (v: string) => /^<[a-z-]+>$/.test(v);

/**
 * The whole `claude-bedrock sso add` command line for these values, ready to paste: every required flag, with a
 * <placeholder> for a value not known (onlyGiven: just the flags given, for a terminal, where the rest is asked).
 */
export function ssoAddCommand(a: Partial<SsoAddInput>, opts: { onlyGiven?: boolean } = {}): string {
  const parts = ['claude-bedrock sso add'];
  const flag = (name: string, v: string | undefined, placeholder?: string) => {
    if (v !== undefined) parts.push(`${name} ${isPlaceholder(v) ? v : shellWord(v)}`);
    else if (placeholder !== undefined && !opts.onlyGiven) parts.push(`${name} ${placeholder}`);
  };
  flag('--session-name', a.sessionName);
  flag('--start-url', a.startUrl, PLACEHOLDERS.startUrl);
  flag('--sso-region', a.ssoRegion, PLACEHOLDERS.ssoRegion);
  flag('--profile', a.profile, PLACEHOLDERS.profile);
  flag('--account', a.accountId, PLACEHOLDERS.accountId);
  flag('--role', a.roleName, PLACEHOLDERS.roleName);
  flag('--region', a.region);
  return parts.join(' ');
}

export interface SsoAddPlan {
  text: string;
  session: Action;
  profile: Action;
}

export function profileSection(profile: string): string {
  return profile === 'default' ? 'default' : `profile ${profile}`;
}

/** Scopes with sso:account:access added (the value as written, or a new value). */
export function withRefreshScope(raw: string | undefined): string | undefined {
  const scopes = parseScopes(raw);
  if (scopes && scopes.includes(REFRESH_SCOPE)) return undefined;
  return scopes && scopes.length ? `${raw!.trim().replace(/,\s*$/, '')}, ${REFRESH_SCOPE}` : REFRESH_SCOPE;
}

export function planSsoAdd(configText: string, configPath: string, model: AwsConfigModel, input: SsoAddInput): SsoAddPlan {
  assertEditable(model, configPath, 'sso add', ssoAddCommand(input));
  let text = configText;
  const P = shellWord(input.profile);

  // The profile first (it is what the user names), then its session, as in the reference layout.
  let profile: Action = 'unchanged';
  const existing = model.profiles.find((p) => p.name === input.profile);
  const wanted: [string, string | undefined][] = [
    ['sso_session', input.sessionName],
    ['sso_account_id', input.accountId],
    ['sso_role_name', input.roleName],
    ['region', input.region],
  ];
  if (!existing) {
    text = addSection(text, profileSection(input.profile), wanted.filter((e): e is [string, string] => e[1] !== undefined));
    profile = 'created';
  } else {
    const src = existing.sources.find((s) => s.file === configPath);
    const taken = new Set(model.profiles.map((p) => p.name));
    const free = ['bedrock', ...Array.from({ length: 98 }, (_, i) => `bedrock-${i + 2}`)].find((n) => !taken.has(n)) ?? `${input.profile}-sso`;
    const otherProfileCommand = ssoAddCommand({ ...input, profile: free });
    if (existing.kind === 'sso-legacy') {
      throw new ConflictError({
        what: `Profile "${input.profile}" already exists as a legacy SSO profile (sso_start_url inline${src ? `, line ${src.line} of ${src.file}` : ''}).`,
        why: 'sso add does not overwrite it; converting it to the sso-session format keeps its account and role.',
        next: `claude-bedrock sso migrate --profile ${P}`,
      });
    }
    if (!src || (existing.kind !== 'sso-session' && existing.kind !== 'unknown')) {
      throw new ConflictError({
        what: `Profile "${input.profile}" already exists${existing.kind !== 'unknown' ? ` and uses ${existing.kind} credentials` : ''} (${existing.sources.map((s) => `${s.file} line ${s.line}`).join(', ')}).`,
        why: 'sso add never replaces an existing profile.',
        next: `${otherProfileCommand}   # another profile name`,
      });
    }
    for (const [key, value] of wanted) {
      if (value === undefined) continue;
      const cur = existing.values[key];
      if (cur === value) continue;
      if (cur !== undefined) {
        throw new ConflictError({
          what: `Profile "${input.profile}" already has ${key} = ${cur} (wanted ${value}) at ${src.file} line ${src.line}.`,
          why: 'sso add never changes a value the profile already has.',
          next: `${otherProfileCommand}   # another profile name, or edit [${src.section}] by hand`,
        });
      }
      text = setKey(text, src.section, key, value);
      profile = 'updated';
    }
  }

  let session: Action = 'unchanged';
  const s = model.ssoSessions[input.sessionName];
  const sec = `sso-session ${input.sessionName}`;
  if (!s) {
    text = addSection(text, sec, [['sso_start_url', input.startUrl], ['sso_region', input.ssoRegion], ['sso_registration_scopes', REFRESH_SCOPE]]);
    session = 'created';
  } else {
    for (const [key, have, want] of [['sso_start_url', s.startUrl, input.startUrl], ['sso_region', s.region, input.ssoRegion]] as const) {
      // The start URL compares normalized (`/start/` is `/start`); what the file has is kept as written.
      if (have !== undefined && (key === 'sso_start_url' ? !sameStartUrl(have, want) : have !== want)) {
        throw new ConflictError({
          what: `[sso-session ${input.sessionName}] (line ${s.source.line} of ${s.source.file}) already has ${key} = ${have}, not ${want}.`,
          why: 'A session name stands for one IAM Identity Center instance; sso add never repoints it.',
          next: `${ssoAddCommand({ ...input, sessionName: `${input.sessionName}-2` })}   # a new session name`,
        });
      }
      if (have === undefined) {
        text = setKey(text, sec, key, want);
        session = 'updated';
      }
    }
    const scopes = withRefreshScope(s.registrationScopes);
    if (scopes !== undefined) {
      text = setKey(text, sec, 'sso_registration_scopes', scopes);
      session = 'updated';
    }
  }
  return { text, session, profile };
}
