// `claude-bedrock sso add`: create an [sso-session] (with sso_registration_scopes = sso:account:access, so tokens
// refresh) and a profile that uses it — prompted on a TTY (account and role picked from the portal), flags otherwise.
import type { CommandModule } from '../../command.js';
import type { Deps } from '../../deps.js';
import { CancelledError, CliError, UsageError } from '../../errors.js';
import type { Output } from '../../io/output.js';
import { applyChangeSet, type FileChangeReport } from '../../io/changeset.js';
import { confirmThenApply } from './write.js';
import { loadAwsFiles } from '../../io/aws-files.js';
import { canPrompt, createTtyPrompter, type Prompter } from '../../io/prompt.js';
import { interruptible } from '../../io/interrupt.js';
import { buildProfileModel, type AwsConfigModel } from '../../core/aws-config/index.js';
import { PLACEHOLDERS, planSsoAdd, REFRESH_SCOPE, ssoAddCommand, type Action } from '../../core/sso/plan-add.js';
import { assertEditable } from '../../core/sso/editable.js';
import { loginCommand, shellWord, type SsoTarget } from '../../core/sso/target.js';
import {
  isAccountId,
  isRegion,
  isRoleName,
  nameProblem,
  normalizeStartUrl,
  sameStartUrl,
  sessionNameFromStartUrl,
  startUrlProblem,
  validateAccountId,
  validateName,
  validateRegion,
  validateRoleName,
  validateStartUrl,
  type Rerun,
} from '../../core/sso/validate.js';
import type { SsoAddInput } from '../../core/sso/plan-add.js';
import { AuthError } from '../../errors.js';

export interface SsoAddOpts {
  sessionName?: string;
  startUrl?: string;
  /** What --start-url said when normalizing changed it (a `#/` or trailing `/` dropped): run() notes the change. */
  startUrlGiven?: string;
  ssoRegion?: string;
  profile?: string;
  accountId?: string;
  roleName?: string;
  region?: string;
  deviceCode: boolean;
  dryRun: boolean;
  yes: boolean;
}

export interface SsoAddResult {
  changes: FileChangeReport[];
  backup: string | null;
  undoId: string | null;
  dryRun: boolean;
  profile: string;
  ssoSession: string;
  sessionAction: Action;
  profileAction: Action;
  file: string;
}

const REGION_RE = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

function opt(values: Record<string, unknown>, k: string): string | undefined {
  const v = values[k];
  return typeof v === 'string' ? v.trim() : undefined;
}

const FLAG_FIELD: Record<string, keyof SsoAddInput> = {
  '--session-name': 'sessionName', '--start-url': 'startUrl', '--sso-region': 'ssoRegion', '--profile': 'profile',
  '--account': 'accountId', '--role': 'roleName', '--region': 'region',
};

/** The given values that are valid (an invalid one becomes a placeholder in the suggested command). */
function validOnly(g: Partial<SsoAddInput>): Partial<SsoAddInput> {
  const ok: Record<keyof SsoAddInput, (v: string) => boolean> = {
    sessionName: (v) => !nameProblem(v), startUrl: (v) => !startUrlProblem(v), ssoRegion: isRegion, profile: (v) => !nameProblem(v),
    accountId: isAccountId, roleName: isRoleName, region: isRegion,
  };
  return Object.fromEntries(Object.entries(g).filter(([k, v]) => v !== undefined && ok[k as keyof SsoAddInput](v))) as Partial<SsoAddInput>;
}

const command: CommandModule<SsoAddOpts, SsoAddResult> = {
  help: `Usage: claude-bedrock sso add [--session-name NAME] --start-url URL --sso-region REGION --profile NAME
                               --account ID --role NAME [--region REGION] [--dry-run] [--yes] [--json]

Writes to ~/.aws/config (one change set: claude-bedrock undo reverts it):
  [profile NAME]            sso_session, sso_account_id, sso_role_name, region
  [sso-session SESSION]     sso_start_url, sso_region, sso_registration_scopes = ${REFRESH_SCOPE}
The scope is what makes the session refreshable (up to 90 days instead of 8 hours).

On a terminal, anything not given is asked for; the account and role are picked from the ones IAM Identity Center
assigns you (this signs you in first). Without a terminal every value comes from a flag.
An existing session with the same start URL and region is reused. Nothing existing is ever overwritten.
A start URL copied from the browser (https://<id>.awsapps.com/start/#/) is used without the #... part and trailing
slashes; an existing session's start URL is compared the same way and kept as written.
A ~/.aws/config the AWS CLI cannot read (duplicate sections or keys, a line without "=", ...) is never edited: the
error names the line and the fix (claude-bedrock profiles lists every problem).

Flags:
  --start-url URL        https://<id>.awsapps.com/start (or https://identitycenter.amazonaws.com/ssoins-<id>)
  --sso-region REGION    the IAM Identity Center region (where the start URL lives)
  --session-name NAME    the [sso-session] name (default: from the start URL)
  --profile NAME         the profile to create
  --account ID, --role NAME   the account and permission set (role) to use
  --region REGION        the profile's default region (Bedrock calls)
  --device-code          sign in with a device code when listing accounts (no local browser)`,
  globals: ['profile', 'region', 'dry-run'],
  options: {
    'session-name': { type: 'string' },
    'start-url': { type: 'string' },
    'sso-region': { type: 'string' },
    account: { type: 'string' },
    role: { type: 'string' },
    'device-code': { type: 'boolean' },
  },
  parse({ values, global }) {
    const sessionName = opt(values, 'session-name');
    const startUrlRaw = opt(values, 'start-url');
    // A URL pasted from the browser's address bar (`/start/#/`) is the start URL plus the portal's page.
    const startUrl = startUrlRaw === undefined ? undefined : normalizeStartUrl(startUrlRaw).url;
    const ssoRegion = opt(values, 'sso-region');
    const accountId = opt(values, 'account');
    const roleName = opt(values, 'role');
    const given: Partial<SsoAddInput> = { sessionName, startUrl, ssoRegion, profile: global.profile, accountId, roleName, region: global.region };
    const rerun: Rerun = (flag, value) => ssoAddCommand({ ...validOnly(given), [FLAG_FIELD[flag]!]: value });
    return {
      sessionName: sessionName === undefined ? undefined : validateName('sso-session', sessionName, '--session-name', rerun),
      startUrl: startUrlRaw === undefined ? undefined : validateStartUrl(startUrlRaw, rerun),
      ...(startUrlRaw !== undefined && startUrlRaw !== startUrl ? { startUrlGiven: startUrlRaw } : {}),
      ssoRegion: ssoRegion === undefined ? undefined : validateRegion(ssoRegion, '--sso-region', rerun),
      profile: global.profile === undefined ? undefined : validateName('profile', global.profile, '--profile', rerun),
      accountId: accountId === undefined ? undefined : validateAccountId(accountId, rerun),
      roleName: roleName === undefined ? undefined : validateRoleName(roleName, rerun),
      region: global.region === undefined ? undefined : validateRegion(global.region, '--region', rerun),
      deviceCode: !!values['device-code'],
      dryRun: global.dryRun,
      yes: global.yes,
    };
  },
  async run(opts, deps, out) {
    return runSsoAdd(opts, deps, out, canPrompt(deps) ? createTtyPrompter(deps) : undefined);
  },
  toJson: (r) => ({ changes: r.changes.map((c) => ({ file: c.file, diff: c.diff })), backup: r.backup, undoId: r.undoId, dryRun: r.dryRun, profile: r.profile, ssoSession: r.ssoSession }),
  render(r, out) {
    if (r.changes.length === 0) {
      out.print(`No change: profile "${r.profile}" and [sso-session ${r.ssoSession}] are already in ${r.file}.`);
    } else if (r.dryRun) {
      for (const c of r.changes) out.print(c.diff.trimEnd());
      out.note('Dry run: nothing was written.');
      return;
    } else {
      out.print(`Updated ${r.file}:`);
      out.print(`  [${r.profile === 'default' ? 'default' : `profile ${r.profile}`}]  ${r.profileAction}`);
      out.print(`  [sso-session ${r.ssoSession}]  ${r.sessionAction}`);
      out.print(`Backup: ${r.backup}`);
      out.print('Undo:   claude-bedrock undo');
    }
    out.note(`Next: claude-bedrock login --profile ${shellWord(r.profile)}   then: claude-bedrock setup --profile ${shellWord(r.profile)}`);
  },
};
export default command;

/** A value is missing and there is no terminal to ask: the next step is the whole command, with a placeholder for it. */
function need(flag: string, what: string, known: Partial<SsoAddInput>): never {
  throw new UsageError(`${what} is needed: give ${flag} (there is no terminal to ask on).`, ssoAddCommand(known));
}

/**
 * A sign-in error's next says `claude-bedrock login --sso-session NAME`; before sso add has written that session there
 * is nothing to log in to, so the next step is sso add again, with the values known so far (the rest is asked again).
 */
function rerunInstead(e: unknown, t: SsoTarget, known: Partial<SsoAddInput>, deviceCode: boolean): unknown {
  if (!(e instanceof CliError) || e instanceof CancelledError || !e.next) return e;
  const login = loginCommand(t);
  if (!e.next.includes(login)) return e;
  const add = ssoAddCommand(known, { onlyGiven: true });
  return e.withNext(e.next.replaceAll(`${login} --device-code`, `${add} --device-code`).replaceAll(login, deviceCode ? `${add} --device-code` : add));
}

/** Sign in (reusing a valid token) and pick an account and role from what the portal assigns. */
async function pickFromPortal(deps: Deps, out: Output, p: Prompter, t: SsoTarget, deviceCode: boolean, need: { account: boolean; role: boolean; accountId?: string }, known: Partial<SsoAddInput>, sessionExists: boolean): Promise<{ accountId: string; roleName?: string }> {
  const { defaultSeams, ensureFreshToken, login } = await import('../../aws/sso/login.js');
  const { callError } = await import('../../aws/sso/api.js');
  const seams = defaultSeams(deps);
  try {
    let accessToken: string;
    try {
      const r = await ensureFreshToken(deps, t, seams);
      if (r.token.startUrl && r.token.startUrl !== t.startUrl) throw new AuthError({ what: 'stale token for another start URL' });
      accessToken = r.token.accessToken;
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      out.note(`Signing in to ${t.startUrl} to list the accounts and roles assigned to you...`);
      try {
        const o = await login(deps, (s) => out.note(s), t, { flow: deviceCode ? 'device' : 'auto', openBrowser: true, force: true, timeoutMs: 180_000, redirectPort: 0 }, seams);
        accessToken = o.token.accessToken;
      } catch (e2) {
        throw sessionExists ? e2 : rerunInstead(e2, t, known, deviceCode);
      }
    }
    const portal = await seams.apis.portal(t.region);
    const fail = (op: string, e: unknown) => {
      if (e instanceof CancelledError) return e;
      const c = callError(e);
      return new CliError({ what: `Could not list your ${op} from IAM Identity Center: ${c.name}: ${c.message}.`, next: `${ssoAddCommand(known)}   # give the account and role as flags` });
    };
    let accountId = need.accountId;
    if (need.account) {
      let accounts;
      try { accounts = await interruptible(deps, (signal) => portal.listAccounts(accessToken, { signal })); } catch (e) { throw fail('accounts', e); }
      if (!accounts.length) throw new CliError({ what: `No AWS account is assigned to you in ${t.startUrl}.`, why: 'IAM Identity Center lists no account for this user.', next: `ask your AWS administrator to assign you a permission set for the Bedrock account; then: ${ssoAddCommand(known, { onlyGiven: true })}` });
      accounts.sort((a, b) => (a.accountName ?? '').localeCompare(b.accountName ?? ''));
      accountId = accounts.length === 1
        ? accounts[0]!.accountId
        : await p.select('AWS account', accounts.map((a) => ({ label: `${a.accountName ?? a.accountId} (${a.accountId})`, value: a.accountId, hint: a.emailAddress })));
      if (accounts.length === 1) out.note(`Using the only account assigned to you: ${accounts[0]!.accountName ?? ''} (${accountId}).`);
    }
    if (!need.role) return { accountId: accountId! };
    let roles;
    try { roles = await interruptible(deps, (signal) => portal.listAccountRoles(accessToken, accountId!, { signal })); } catch (e) { throw fail('roles', e); }
    if (!roles.length) throw new CliError({ what: `No role is assigned to you in account ${accountId}.`, next: `ask your AWS administrator for a permission set with Bedrock access in that account; then: ${ssoAddCommand({ ...known, accountId }, { onlyGiven: true })}` });
    roles.sort();
    const roleName = roles.length === 1 ? roles[0]! : await p.select('Role (permission set)', roles.map((r) => ({ label: r, value: r })));
    if (roles.length === 1) out.note(`Using the only role assigned to you there: ${roleName}.`);
    return { accountId: accountId!, roleName };
  } finally {
    seams.apis.close();
  }
}

export async function runSsoAdd(opts: SsoAddOpts, deps: Deps, out: Output, prompter?: Prompter): Promise<SsoAddResult> {
  const files = loadAwsFiles(deps);
  const model = files.model;
  // A file the AWS CLI cannot read is never edited: say so before any question or sign-in.
  assertEditable(model, files.config.path, 'sso add', ssoAddCommand(opts, { onlyGiven: !!prompter }));
  const sessions = Object.values(model.ssoSessions);

  const given = opts.startUrl !== undefined
    ? (opts.startUrlGiven ?? opts.startUrl)
    : (prompter ? await prompter.text('IAM Identity Center start URL (AWS access portal URL)', { validate: (v) => startUrlProblem(normalizeStartUrl(v).url) }) : need('--start-url', 'The SSO start URL', opts));
  const normalized = normalizeStartUrl(given);
  let startUrl = normalized.url;
  if (normalized.why) out.note(`Using ${startUrl} (${normalized.why}).`);
  // Existing sessions match normalized (`/start/` is `/start`): one portal, one session, one sign-in.
  const sameUrl = sessions.filter((s) => sameStartUrl(s.startUrl, startUrl) && s.region);
  const ssoRegion = opts.ssoRegion
    ?? (sameUrl.length === 1 && !opts.sessionName ? sameUrl[0]!.region! : undefined)
    ?? (prompter ? await prompter.text('IAM Identity Center region (sso_region)', { default: 'us-east-1', validate: (v) => (REGION_RE.test(v) ? undefined : 'an AWS region like us-east-1') }) : need('--sso-region', 'The SSO region', { ...opts, startUrl }));
  const existing = sessions.filter((s) => sameStartUrl(s.startUrl, startUrl) && s.region === ssoRegion).map((s) => s.name).sort()[0];
  let sessionName = opts.sessionName ?? existing;
  // A session already in the file keeps its start URL as written (and signs in with it).
  const written = model.ssoSessions[sessionName ?? '']?.startUrl;
  if (written !== undefined && sameStartUrl(written, startUrl)) startUrl = written;
  if (sessionName === undefined) {
    const taken = new Set(Object.keys(model.ssoSessions));
    const base = sessionNameFromStartUrl(startUrl);
    const def = [base, `${base}-${ssoRegion}`, `${base}-2`, `${base}-3`].find((n) => !taken.has(n)) ?? `${base}-${Date.now()}`;
    sessionName = prompter
      ? await prompter.text('SSO session name', { default: def, validate: (v) => (nameProblem(v) ? `not allowed: ${nameProblem(v)}` : model.ssoSessions[v] ? `[sso-session ${v}] already exists for another start URL or region` : undefined) })
      : def;
  } else if (existing !== undefined && opts.sessionName === undefined) {
    out.note(`Using the existing [sso-session ${sessionName}] for ${startUrl}.`);
  }

  const profile = opts.profile
    ?? (prompter ? await prompter.text('Profile name', { default: 'bedrock', validate: (v) => (nameProblem(v) ? `not allowed: ${nameProblem(v)}` : undefined) }) : need('--profile', 'The profile name', { ...opts, startUrl, ssoRegion, sessionName }));
  const current = model.profiles.find((p) => p.name === profile);
  let accountId = opts.accountId ?? current?.ssoAccountId;
  let roleName = opts.roleName ?? current?.ssoRoleName;
  // Refuse conflicts (an existing legacy profile, a session pointing elsewhere) before any sign-in or question.
  planSsoAdd(files.config.text, files.config.path, model, { sessionName, startUrl, ssoRegion, profile, accountId: accountId ?? PLACEHOLDERS.accountId, roleName: roleName ?? PLACEHOLDERS.roleName });
  if (accountId === undefined || roleName === undefined) {
    const known = { ...opts, startUrl, ssoRegion, sessionName, profile, accountId, roleName };
    if (!prompter) need(accountId === undefined ? '--account' : '--role', accountId === undefined ? 'The AWS account ID' : 'The role (permission set) name', known);
    const t: SsoTarget = { profile: null, sessionName, startUrl, region: ssoRegion, scopes: parseScopesFor(model, sessionName) };
    const picked = await pickFromPortal(deps, out, prompter, t, opts.deviceCode, { account: accountId === undefined, role: roleName === undefined, accountId }, known, model.ssoSessions[sessionName] !== undefined);
    accountId = picked.accountId;
    roleName = roleName ?? picked.roleName;
  }
  const region = opts.region
    ?? current?.region
    ?? (prompter ? await prompter.text('Default region for this profile (where Bedrock is called)', { default: ssoRegion, validate: (v) => (REGION_RE.test(v) ? undefined : 'an AWS region like us-west-2') }) : undefined);
  if (region === undefined) out.note('No --region given: the profile gets no region (claude-bedrock setup sets AWS_REGION for Claude Code).');

  const input = { sessionName, startUrl, ssoRegion, profile, accountId: accountId!, roleName: roleName!, ...(region ? { region } : {}) };
  const configPath = files.config.path;
  let actions: { session: Action; profile: Action } = { session: 'unchanged', profile: 'unchanged' };
  const apply = (dryRun: boolean) =>
    applyChangeSet(deps, {
      command: 'sso add',
      files: [{ path: configPath }],
      dryRun,
      plan(cur) {
        // Planned on what is on disk under the lock, not on what was read before the prompts.
        const text = cur.get(configPath)!.text;
        const m: AwsConfigModel = buildProfileModel({ configText: text, configPath, credentialsText: files.credentials.text, credentialsPath: files.credentials.path, env: deps.env });
        const p = planSsoAdd(text, configPath, m, input);
        actions = { session: p.session, profile: p.profile };
        return [{ path: configPath, after: p.text }];
      },
    });
  const r = await confirmThenApply(apply, { ...(prompter ? { prompter } : {}), dryRun: opts.dryRun, yes: opts.yes, out, file: configPath });
  return { ...r, profile, ssoSession: sessionName, sessionAction: actions.session, profileAction: actions.profile, file: configPath };
}

function parseScopesFor(model: AwsConfigModel, sessionName: string): string[] {
  const raw = model.ssoSessions[sessionName]?.registrationScopes;
  const list = raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [];
  return list.includes(REFRESH_SCOPE) ? list : [...list, REFRESH_SCOPE];
}
