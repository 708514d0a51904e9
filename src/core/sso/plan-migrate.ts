// Planner for `sso migrate`: legacy inline SSO profiles ([default] included) → the sso-session format, one session
// per (start URL, SSO region) shared by its profiles. Minimal edits; every other byte kept; idempotent. Pure.
import { addSection, setKey, unsetKey, type AwsConfigModel, type AwsProfile } from '../aws-config/index.js';
import { CliError, ConflictError, UsageError } from '../../errors.js';
import { parseScopes } from './cache-format.js';
import { assertEditable } from './editable.js';
import { REFRESH_SCOPE, withRefreshScope } from './plan-add.js';
import { shellWord } from './target.js';
import { nameProblem, normalizeStartUrl, sameStartUrl, sessionNameFromStartUrl } from './validate.js';

export interface MigrateInput {
  /** Profile names, or every legacy profile. */
  profiles: string[] | 'all';
  sessionName?: string;
}

export interface MigratedSession {
  name: string;
  /** The session's sso_start_url as written (a reused session's own, else the first profile's). */
  startUrl: string;
  /** The first profile's sso_start_url as written: its legacy token cache key is sha1 of exactly this. */
  legacyStartUrl: string;
  region: string;
  /** created: a new [sso-session]; reused: an existing one with the same start URL and region. */
  action: 'created' | 'reused';
  /** sso_registration_scopes gained sso:account:access. */
  scopeAdded: boolean;
  profiles: string[];
}

export interface MigratePlan {
  text: string;
  sessions: MigratedSession[];
  /** Profiles that already use an sso-session (nothing to do). */
  already: string[];
  skipped: { profile: string; reason: string }[];
}

/** The `claude-bedrock sso migrate` command line for this selection. */
export function migrateCommand(input: Partial<MigrateInput>): string {
  const sel = input.profiles === undefined ? [] : input.profiles === 'all' ? ['--all'] : input.profiles.map((p) => `--profile ${shellWord(p)}`);
  return ['claude-bedrock sso migrate', ...sel, ...(input.sessionName !== undefined ? [`--session-name ${shellWord(input.sessionName)}`] : [])].join(' ');
}

function legacyProblem(p: AwsProfile, configPath: string): string | undefined {
  if (!p.sources.some((s) => s.file === configPath)) return `its SSO settings are not in ${configPath}`;
  const missing = ['sso_start_url', 'sso_region'].filter((k) => p.values[k] === undefined);
  if (missing.length) return `it has no ${missing.join(' or ')}`;
  return undefined;
}

export function planMigration(configText: string, configPath: string, model: AwsConfigModel, input: MigrateInput): MigratePlan {
  assertEditable(model, configPath, 'sso migrate', migrateCommand(input));
  const byName = new Map(model.profiles.map((p) => [p.name, p]));
  const already: string[] = [];
  const skipped: MigratePlan['skipped'] = [];
  const todo: AwsProfile[] = [];
  if (input.profiles === 'all') {
    for (const p of model.profiles) {
      if (p.kind !== 'sso-legacy') continue;
      const problem = legacyProblem(p, configPath);
      if (problem) skipped.push({ profile: p.name, reason: problem });
      else todo.push(p);
    }
  } else {
    for (const name of input.profiles) {
      const p = byName.get(name);
      if (!p) {
        throw new CliError({ what: `There is no profile "${name}" in ${configPath}.`, next: 'claude-bedrock profiles   # lists every profile and its kind', code: 'profile-not-found' });
      }
      if (p.kind === 'sso-session') { already.push(name); continue; }
      if (p.kind !== 'sso-legacy') {
        throw new CliError({ what: `Profile "${name}" is not a legacy SSO profile (it is ${p.kind}); there is nothing to migrate.`, next: 'claude-bedrock profiles', code: 'not-sso-profile' });
      }
      const problem = legacyProblem(p, configPath);
      if (problem) {
        throw new CliError({
          what: `Profile "${name}" cannot be migrated: ${problem}.`,
          why: 'The start URL and SSO region are what the new [sso-session] holds.',
          next: `add sso_start_url and sso_region to [${p.sources[0]?.section ?? `profile ${name}`}] in ${configPath}, then: claude-bedrock sso migrate --profile ${shellWord(name)}`,
          code: 'sso-incomplete',
        });
      }
      todo.push(p);
    }
  }

  const groups = new Map<string, AwsProfile[]>();
  for (const p of todo) {
    // Grouped by the normalized start URL (`/start/` and `/start` are one portal, one sign-in); each profile's URL as
    // written stays what its legacy token cache key is made of, and the session takes the first one's.
    const k = `${normalizeStartUrl(p.values.sso_start_url!).url}\0${p.values.sso_region}`;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  if (input.sessionName !== undefined && groups.size > 1) {
    throw new UsageError(
      `--session-name names one session, but these profiles use ${groups.size} different start URL / SSO region pairs.`,
      `claude-bedrock sso migrate --profile ${shellWord(todo[0]!.name)} --session-name ${shellWord(input.sessionName)}   # one start URL at a time`,
    );
  }

  let text = configText;
  const sessions: MigratedSession[] = [];
  const taken = new Set(Object.keys(model.ssoSessions));
  for (const members of groups.values()) {
    const startUrl = members[0]!.values.sso_start_url!;
    const region = members[0]!.values.sso_region!;
    const same = (n: string) => sameStartUrl(model.ssoSessions[n]?.startUrl, startUrl) && model.ssoSessions[n]?.region === region;
    let name: string;
    let action: MigratedSession['action'];
    if (input.sessionName !== undefined) {
      name = input.sessionName;
      const s = model.ssoSessions[name];
      if (s && !same(name)) {
        throw new ConflictError({
          what: `[sso-session ${name}] (line ${s.source.line} of ${s.source.file}) points at ${s.startUrl ?? '(no start URL)'} in ${s.region ?? '(no region)'}, not ${startUrl} in ${region}.`,
          why: 'Profiles moved into it would log in to a different IAM Identity Center.',
          next: `claude-bedrock sso migrate --profile ${shellWord(members[0]!.name)} --session-name ${shellWord(`${name}-2`)}`,
        });
      }
      action = s ? 'reused' : 'created';
    } else {
      const match = Object.keys(model.ssoSessions).filter(same).sort()[0];
      if (match !== undefined) {
        name = match;
        action = 'reused';
      } else {
        const base = sessionNameFromStartUrl(startUrl);
        const candidates = [base, `${base}-${region}`, ...Array.from({ length: 50 }, (_, i) => `${base}-${i + 2}`)];
        name = candidates.find((c) => !taken.has(c) && !nameProblem(c)) ?? `sso-${Date.now()}`;
        action = 'created';
      }
    }
    taken.add(name);

    const extraScopes = members.flatMap((p) => parseScopes(p.values.sso_registration_scopes) ?? []);
    for (const p of members) {
      const section = p.sources.find((s) => s.file === configPath)!.section;
      text = setKey(text, section, 'sso_session', name);
      text = unsetKey(text, section, 'sso_start_url');
      text = unsetKey(text, section, 'sso_region');
      // A key both in the profile and its session must agree (botocore); the session keeps the scopes.
      text = unsetKey(text, section, 'sso_registration_scopes');
    }
    let scopeAdded = false;
    if (action === 'created') {
      const scopes = [...new Set([REFRESH_SCOPE, ...extraScopes])].join(', ');
      text = addSection(text, `sso-session ${name}`, [['sso_start_url', startUrl], ['sso_region', region], ['sso_registration_scopes', scopes]]);
      scopeAdded = true;
    } else {
      const cur = model.ssoSessions[name]!.registrationScopes;
      const merged = [...new Set([...(parseScopes(cur) ?? []), ...extraScopes])];
      const raw = merged.length ? (cur !== undefined && merged.length === (parseScopes(cur) ?? []).length ? cur : merged.join(', ')) : undefined;
      const next = withRefreshScope(raw);
      if (next !== undefined || raw !== cur) {
        text = setKey(text, `sso-session ${name}`, 'sso_registration_scopes', next ?? raw!);
        scopeAdded = next !== undefined;
      }
    }
    const sessionUrl = action === 'reused' ? (model.ssoSessions[name]?.startUrl ?? startUrl) : startUrl;
    sessions.push({ name, startUrl: sessionUrl, legacyStartUrl: startUrl, region, action, scopeAdded, profiles: members.map((p) => p.name) });
  }
  return { text, sessions, already, skipped };
}
