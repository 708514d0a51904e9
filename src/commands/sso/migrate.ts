// `claude-bedrock sso migrate`: convert legacy inline SSO profiles to the refreshable sso-session format (one
// session per start URL and region), carrying over the token the user already has when that is sound.
import fs from 'node:fs';
import type { CommandModule } from '../../command.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { Output } from '../../io/output.js';
import { applyChangeSet, type FileChangeReport } from '../../io/changeset.js';
import { confirmThenApply } from './write.js';
import { loadAwsFiles } from '../../io/aws-files.js';
import { acquireLock } from '../../io/fs.js';
import { canPrompt, createTtyPrompter, type Prompter } from '../../io/prompt.js';
import { buildProfileModel } from '../../core/aws-config/index.js';
import { canRefresh, formatAwsTimestamp } from '../../core/sso/cache-format.js';
import { migrateCommand, planMigration, type MigratedSession } from '../../core/sso/plan-migrate.js';
import { assertEditable } from '../../core/sso/editable.js';
import { describeTarget, shellWord, type SsoTarget } from '../../core/sso/target.js';
import { nameProblem, validateName } from '../../core/sso/validate.js';
import { readCachedToken, writeCachedToken } from '../../aws/sso/cache.js';
import { loginLockPath } from '../../aws/sso/login.js';

interface MigrateOpts {
  profile?: string;
  all: boolean;
  sessionName?: string;
  dryRun: boolean;
  yes: boolean;
}

/** What happened to the user's existing token for a migrated session. */
export type TokenCarry =
  | { status: 'carried-over'; expiresAt: string }
  | { status: 'already-signed-in'; expiresAt: string }
  | { status: 'login-needed'; reason: string };

export interface MigrateResult {
  changes: FileChangeReport[];
  backup: string | null;
  undoId: string | null;
  dryRun: boolean;
  file: string;
  sessions: (MigratedSession & { token: TokenCarry })[];
  already: string[];
  skipped: { profile: string; reason: string }[];
}

const command: CommandModule<MigrateOpts, MigrateResult> = {
  help: `Usage: claude-bedrock sso migrate [--profile P | --all] [--session-name NAME] [--dry-run] [--yes] [--json]

Converts legacy SSO profiles (sso_start_url and sso_region written in the profile, [default] included) to the
sso-session format, whose tokens refresh silently for up to 90 days instead of expiring after 8 hours:
  - one [sso-session] per start URL and SSO region, shared by the profiles that use it (an existing matching
    session is reused; start URLs differing only by a trailing / or #... match), with
    sso_registration_scopes = sso:account:access;
  - each profile gets sso_session = NAME instead of its sso_start_url / sso_region lines;
  - every other byte of ~/.aws/config is kept (comments, order, spacing); running it again changes nothing.
The token you already have keeps working: it is copied to the new session's cache entry until it expires; sign in
once more (claude-bedrock login) to get the refreshable kind. One change set: claude-bedrock undo reverts it.
A ~/.aws/config the AWS CLI cannot read (duplicate sections or keys, a line without "=", ...) is never edited: the
error names the line and the fix (claude-bedrock profiles lists every problem).

Flags:
  --profile P           migrate one profile        --all   migrate every legacy SSO profile
  --session-name NAME   name for the new session (only when the profiles share one start URL and region)`,
  globals: ['profile', 'dry-run'],
  options: {
    all: { type: 'boolean' },
    'session-name': { type: 'string' },
  },
  parse({ values, global }) {
    if (values.all && global.profile !== undefined) throw new UsageError('Give --profile or --all, not both.', 'claude-bedrock sso migrate --all');
    const sessionName = typeof values['session-name'] === 'string' ? values['session-name'].trim() : undefined;
    return {
      profile: global.profile,
      all: !!values.all,
      sessionName: sessionName === undefined ? undefined : validateName('sso-session', sessionName, '--session-name', (_flag, v) => migrateCommand({
        ...(values.all ? { profiles: 'all' as const } : global.profile !== undefined && !nameProblem(global.profile) ? { profiles: [global.profile] } : {}),
        sessionName: v,
      })),
      dryRun: global.dryRun,
      yes: global.yes,
    };
  },
  async run(opts, deps, out) {
    return runMigrate(opts, deps, out, canPrompt(deps) ? createTtyPrompter(deps) : undefined);
  },
  toJson: (r) => ({
    changes: r.changes.map((c) => ({ file: c.file, diff: c.diff })),
    backup: r.backup,
    undoId: r.undoId,
    dryRun: r.dryRun,
    sessions: r.sessions.map((s) => ({ name: s.name, startUrl: s.startUrl, region: s.region, action: s.action, profiles: s.profiles, token: s.token })),
    already: r.already,
    skipped: r.skipped,
  }),
  render(r, out) {
    for (const s of r.skipped) out.note(out.yellow(`warning: profile "${s.profile}" was not migrated: ${s.reason}.`));
    if (r.already.length) out.print(`Already in the sso-session format: ${r.already.join(', ')}.`);
    if (!r.sessions.length) {
      if (!r.already.length) out.print('No legacy SSO profiles to migrate.');
      return;
    }
    if (r.dryRun) {
      for (const c of r.changes) out.print(c.diff.trimEnd());
      out.note('Dry run: nothing was written.');
    } else {
      out.print(`Updated ${r.file}:`);
    }
    for (const s of r.sessions) {
      out.print(`  [sso-session ${s.name}] ${r.dryRun ? (s.action === 'created' ? 'would be created' : 'would be reused') : s.action}  ← ${s.profiles.map((p) => `"${p}"`).join(', ')}`);
      const t = s.token;
      const verb = r.dryRun ? 'would be copied' : 'copied';
      out.print(t.status === 'carried-over'
        ? `    your current sign-in (valid until ${t.expiresAt}) ${verb} to the new session; it does not refresh`
        : t.status === 'already-signed-in'
          ? `    already signed in to this session (valid until ${t.expiresAt})`
          : `    ${t.reason}`);
    }
    if (!r.dryRun) {
      out.print(`Backup: ${r.backup}`);
      out.print('Undo:   claude-bedrock undo');
      const first = r.sessions.map((s) => s.profiles[0]!);
      out.note(`Next: sign in once to get a refreshable session: ${first.map((p) => `claude-bedrock login --force --profile ${shellWord(p)}`).join(' ; ')}`);
    }
  },
};
export default command;

/**
 * Copy the legacy token (cache key sha1(start URL)) to the session's entry (sha1(name)) when that is sound: the
 * legacy token is valid and for the same start URL, and the session has no better token. The copy keeps the
 * original's modification time, so a later `login` does not mistake it for a fresh sign-in.
 */
export async function carryToken(deps: Deps, s: { name: string; startUrl: string; legacyStartUrl?: string; region: string }, dryRun: boolean): Promise<TokenCarry> {
  const legacyUrl = s.legacyStartUrl ?? s.startUrl;
  const legacy: SsoTarget = { profile: null, sessionName: null, startUrl: legacyUrl, region: s.region, scopes: null };
  const target: SsoTarget = { profile: null, sessionName: s.name, startUrl: s.startUrl, region: s.region, scopes: null };
  const now = deps.now().getTime();
  const old = readCachedToken(deps, legacy);
  const cur = readCachedToken(deps, target);
  // Never replace a session token that works or can refresh: it is better than any legacy token.
  if (cur.state === 'ok' && (cur.expiresAt.getTime() > now || canRefresh(cur.token, deps.now()))) {
    return { status: 'already-signed-in', expiresAt: formatAwsTimestamp(cur.expiresAt) };
  }
  const loginNeeded = (why: string): TokenCarry => ({ status: 'login-needed', reason: `${why}: sign in with claude-bedrock login` });
  if (old.state === 'missing') return loginNeeded('not signed in yet');
  if (old.state === 'malformed') return loginNeeded(`the legacy token ${old.file} is unusable (${old.reason})`);
  if (old.expiresAt.getTime() <= now) return loginNeeded(`the legacy token expired at ${formatAwsTimestamp(old.expiresAt)}`);
  if (old.token.startUrl !== undefined && old.token.startUrl !== legacyUrl) return loginNeeded('the cached legacy token is for another start URL');
  if (old.token.region !== undefined && old.token.region !== s.region) return loginNeeded(`the cached legacy token is for SSO region ${old.token.region}`);
  if (dryRun) return { status: 'carried-over', expiresAt: formatAwsTimestamp(old.expiresAt) };
  const lock = await acquireLock(loginLockPath(deps, target), { timeoutMs: 30_000, staleMs: 300_000, what: `the login lock for ${describeTarget(target)}` });
  try {
    const w = writeCachedToken(deps, target, { ...old.token, startUrl: s.startUrl, region: s.region });
    fs.utimesSync(w.file, old.mtimeMs / 1000, old.mtimeMs / 1000);
  } finally {
    lock.release();
  }
  return { status: 'carried-over', expiresAt: formatAwsTimestamp(old.expiresAt) };
}

export async function runMigrate(opts: MigrateOpts, deps: Deps, out: Output, prompter?: Prompter): Promise<MigrateResult> {
  const files = loadAwsFiles(deps);
  const configPath = files.config.path;
  // A file the AWS CLI cannot read is never edited (checked again on the locked file when planning).
  assertEditable(files.model, configPath, 'sso migrate', migrateCommand({
    ...(opts.all ? { profiles: 'all' as const } : opts.profile !== undefined ? { profiles: [opts.profile] } : {}),
    ...(opts.sessionName !== undefined ? { sessionName: opts.sessionName } : {}),
  }));
  let selection: string[] | 'all';
  if (opts.all) selection = 'all';
  else if (opts.profile !== undefined) selection = [opts.profile];
  else {
    const legacy = files.model.profiles.filter((p) => p.kind === 'sso-legacy').map((p) => p.name);
    if (legacy.length === 0) selection = 'all';
    else if (!prompter) {
      throw new UsageError(`Say which profiles to migrate: --profile P or --all (legacy SSO profiles: ${legacy.join(', ')}).`, legacy.length === 1 ? `claude-bedrock sso migrate --profile ${shellWord(legacy[0]!)}` : 'claude-bedrock sso migrate --all');
    } else {
      selection = 'all';
      out.note(`Legacy SSO profiles: ${legacy.join(', ')}`);
    }
  }
  let plan: ReturnType<typeof planMigration> | undefined;
  const apply = (dryRun: boolean) =>
    applyChangeSet(deps, {
      command: 'sso migrate',
      files: [{ path: configPath }],
      dryRun,
      plan(cur) {
        const text = cur.get(configPath)!.text;
        const model = buildProfileModel({ configText: text, configPath, credentialsText: files.credentials.text, credentialsPath: files.credentials.path, env: deps.env });
        plan = planMigration(text, configPath, model, { profiles: selection, ...(opts.sessionName !== undefined ? { sessionName: opts.sessionName } : {}) });
        return [{ path: configPath, after: plan.text }];
      },
    });
  const r = await confirmThenApply(apply, { ...(prompter ? { prompter } : {}), dryRun: opts.dryRun, yes: opts.yes, out, file: configPath });
  const p = plan!;
  const sessions: MigrateResult['sessions'] = [];
  for (const s of p.sessions) sessions.push({ ...s, token: await carryToken(deps, s, opts.dryRun) });
  return { ...r, file: configPath, sessions, already: p.already, skipped: p.skipped };
}
