// The setup wizard: prerequisites → profile (create / migrate / sign in) → region by RTT → models AWS lists →
// settings file → awsAuthRefresh → diff → confirm → one change set → 1-token test → what next. On a TTY it asks
// (defaults = the current effective values); with --yes it takes every default. Questions and progress go to stderr;
// Ctrl-C (or SIGINT) at any question or wait (sign-in, region probe, model listing, the test) is a clean cancel: the
// AWS calls in flight are aborted, nothing more is written, and the message says what earlier steps wrote (exit 2). The engines it drives (sso add, sso migrate, login, region probe, model
// ranking, executeSetup, the invoke test) are the commands' own: nothing is reimplemented here.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Scope } from '../../command.js';
import type { Deps } from '../../deps.js';
import { AuthError, CancelledError, CliError } from '../../errors.js';
import type { Output } from '../../io/output.js';
import { readUserFile, shq } from '../../io/fs.js';
import { loadAwsFiles } from '../../io/aws-files.js';
import { loadSettingsSnapshot, settingsFileForScope } from '../../io/claude-settings.js';
import { canPrompt, createTtyPrompter, promptColor, step, type Choice, type Prompter, type PrompterStyle } from '../../io/prompt.js';
import { effectiveRaw, type SettingsSnapshot } from '../../core/claude-settings/effective.js';
import { planSettingsEdit } from '../../core/claude-settings/edit.js';
import { checkSetupProfile, decideAuthRefresh, type AuthRefreshMode, type SetupInput } from '../../core/claude-settings/setup-plan.js';
import { rankClaudeProfiles, type ModelEntry } from '../../core/models/rank.js';
import { isFileRefused, type AwsProfile } from '../../core/aws-config/index.js';
import type { AwsApi } from '../../aws/api.js';
import type { AuthSource } from '../../aws/credentials.js';
import type { ModelTestResult, ModelToTest } from '../../aws/invoke-test.js';
import type { ExtraFlags, ExtrasResult, PrerequisiteReport, SetupLike, WizardReport } from './extras.js';
import type { SetupOptions } from '../setup.js';

export interface WizardSeams {
  /** Answers instead of the terminal (tests); without it: the TTY prompter, or none with --yes. */
  prompter?: Prompter;
  prerequisites?(deps: Deps, signal?: AbortSignal): Promise<PrerequisiteReport>;
  /** The AWS API (tests may inject a fake); default: the SDK-backed one. */
  api?(deps: Deps): Promise<AwsApi>;
}

/** Setup values Claude Code currently uses (the wizard's defaults on a re-run). */
export interface CurrentValues {
  profile?: string;
  region?: string;
  model?: string;
  opus?: string;
  sonnet?: string;
  haiku?: string;
  authRefresh?: string;
  /** The settings layer that turns Bedrock on, when it is one setup can write. */
  layer?: Scope;
}

export function currentValues(snap: SettingsSnapshot): CurrentValues {
  const v = (k: string) => {
    const o = effectiveRaw(snap, k);
    return typeof o?.value === 'string' && o.value.trim() !== '' ? o.value.trim() : undefined;
  };
  const layer = effectiveRaw(snap, 'CLAUDE_CODE_USE_BEDROCK')?.source;
  const out: CurrentValues = {};
  const set = <K extends keyof CurrentValues>(k: K, x: CurrentValues[K] | undefined) => { if (x !== undefined) out[k] = x; };
  set('profile', v('AWS_PROFILE'));
  set('region', v('AWS_REGION') ?? v('AWS_DEFAULT_REGION'));
  set('model', v('ANTHROPIC_MODEL'));
  set('opus', v('ANTHROPIC_DEFAULT_OPUS_MODEL'));
  set('sonnet', v('ANTHROPIC_DEFAULT_SONNET_MODEL'));
  set('haiku', v('ANTHROPIC_DEFAULT_HAIKU_MODEL'));
  set('authRefresh', v('awsAuthRefresh'));
  if (layer === 'user' || layer === 'local' || layer === 'project') out.layer = layer;
  return out;
}

// ---------------------------------------------------------------------------------------------- prerequisites

function runVersion(deps: Deps, cmd: string, args: string[], timeoutMs: number, signal?: AbortSignal): Promise<string | null> {
  return new Promise((resolve) => {
    let out = '';
    let child;
    try {
      child = spawn(cmd, args, { env: { ...deps.env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, shell: deps.platform === 'win32' });
    } catch {
      return resolve(null);
    }
    const timer = setTimeout(() => child.kill(), timeoutMs);
    const stop = () => child.kill();
    signal?.addEventListener('abort', stop, { once: true });
    const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', stop); };
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.once('error', () => { done(); resolve(null); });
    child.once('close', (code) => { done(); resolve(code === 0 ? out : null); });
  });
}

const semver = (s: string | null) => {
  const m = s ? /(\d+)\.(\d+)\.(\d+)/.exec(s) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] as const : null;
};
const atLeast = (v: readonly number[], min: number[]) => v[0]! > min[0]! || (v[0] === min[0] && (v[1]! > min[1]! || (v[1] === min[1] && v[2]! >= (min[2] ?? 0))));

/** The AWS CLI line of the prerequisites: what it can do for awsAuthRefresh (doctor's rules), and how to get v2. */
export function describeAwsCli(version: string | null, platform: NodeJS.Platform, rules: { awsCliCapabilities(v: string): { ssoSession: boolean; pkce: boolean; awsLogin: boolean }; awsCliInstallHint(p: NodeJS.Platform): string }): PrerequisiteReport['awsCli'] {
  const hint = rules.awsCliInstallHint(platform);
  if (!version) return { version: null, ssoSession: false, pkce: false, awsLogin: false, note: `not installed; not needed, claude-bedrock signs in natively (${hint})` };
  const caps = rules.awsCliCapabilities(version);
  if (!version.startsWith('2.')) return { version, ...caps, note: `version 1 has no \`aws sso login\`; not needed, claude-bedrock signs in natively (${hint})` };
  const can = [caps.ssoSession ? 'sso-session logins' : null, caps.pkce ? 'browser PKCE' : null, caps.awsLogin ? '`aws login`' : null].filter(Boolean);
  const missing = [!caps.ssoSession ? 'sso-session (2.9)' : null, !caps.pkce ? 'PKCE (2.22)' : null, !caps.awsLogin ? '`aws login` (2.32)' : null].filter(Boolean);
  return { version, ...caps, note: `${can.length ? `can do ${can.join(', ')}` : 'legacy SSO logins only'}${missing.length ? `; too old for ${missing.join(', ')}` : ''}` };
}

/** `signal` (a cancelled wizard) stops the version commands still running. */
export async function checkPrerequisites(deps: Deps, signal?: AbortSignal): Promise<PrerequisiteReport> {
  const [{ awsCliVersion }, rules] = await Promise.all([import('../../aws/sso/aws-cli.js'), import('../../core/diagnosis/checks/prereq.js')]);
  const [claudeOut, aws] = await Promise.all([runVersion(deps, 'claude', ['--version'], 5_000, signal), awsCliVersion(deps, signal)]);
  const node = process.versions.node;
  const claude = semver(claudeOut && rules.parseClaudeVersion(claudeOut));
  return {
    node: { version: node, ok: Number(node.split('.')[0]) >= 20 },
    claudeCode: claude
      ? { version: claude.join('.'), note: atLeast(claude, [2, 1, 172]) ? 'ok' : 'older than 2.1.172: it reads the region only from AWS_REGION (setup writes it); update: claude update' }
      : { version: null, note: 'not found on PATH (install: npm install -g @anthropic-ai/claude-code); the settings are written anyway' },
    awsCli: describeAwsCli(aws?.raw ?? null, deps.platform, rules),
  };
}

// ---------------------------------------------------------------------------------------------- the wizard

export interface Ctx {
  deps: Deps;
  out: Output;
  p: Prompter | undefined;
  style: PrompterStyle;
  opts: SetupOptions;
  flags: ExtraFlags;
  current: CurrentValues;
  /** What steps wrote so far (for an honest cancel message). */
  wrote: string[];
  /** The settings change set was written: a cancel after it can only stop the model test. */
  settingsWritten: boolean;
  /** Aborted when the wizard stops (Ctrl-C or an error): every AWS call in flight is cancelled, not retried. */
  abort: AbortController;
}

const KIND_RANK: Record<string, number> = { 'sso-session': 0, login: 1, 'sso-legacy': 2, 'assume-role': 3, 'credential-process': 4, 'web-identity': 5, static: 6 };
const CREATE = '\u0000create-profile';

function note(c: Ctx, s: string): void {
  c.out.note(s);
}

function chosenAutomatically(c: Ctx, what: string, value: string, flag: string): void {
  note(c, `${what}: ${value}  ${c.out.dim(`(automatic; ${flag} to choose)`)}`);
}

function profileHint(p: AwsProfile, current: string | undefined): string {
  const parts = [p.kind === 'sso-legacy' ? 'sso-legacy · 8-hour sessions' : p.kind === 'sso-session' ? 'sso-session · refreshable' : p.kind];
  if (p.region) parts.push(p.region);
  if (p.name === current) parts.push('current');
  return parts.join(' · ');
}

async function chooseProfile(c: Ctx): Promise<{ profile: AwsProfile; created: boolean; migrated: boolean }> {
  let files = loadAwsFiles(c.deps);
  const usable = () => files.model.profiles.filter((p) => p.sources.length > 0 && p.kind !== 'env');
  let name = c.opts.profile;
  let created = false;
  if (name === undefined) {
    const list = usable();
    if (!c.p) {
      if (!list.length) {
        throw new CliError({ what: 'There is no AWS profile to set up Claude Code with.', why: 'The AWS config and credentials files define no profiles.', next: 'claude-bedrock sso add   # creates an IAM Identity Center profile (prompts on a terminal)', code: 'no-profiles' });
      }
      const cur = list.find((p) => p.name === c.current.profile);
      const pick = cur ?? [...list].sort((a, b) => (KIND_RANK[a.kind] ?? 9) - (KIND_RANK[b.kind] ?? 9) || a.name.localeCompare(b.name))[0]!;
      name = pick.name;
      chosenAutomatically(c, 'Profile', `${name} (${pick.kind}${cur ? ', current' : ''})`, '--profile');
    } else if (!list.length) {
      note(c, 'No AWS profiles yet: create one for IAM Identity Center (your AWS access portal).');
      name = CREATE;
    } else {
      const choices: Choice<string>[] = list.map((p) => ({ label: p.name, value: p.name, hint: profileHint(p, c.current.profile) }));
      choices.push({ label: 'Create a new IAM Identity Center profile', value: CREATE, hint: 'claude-bedrock sso add' });
      const def = Math.max(0, list.findIndex((p) => p.name === c.current.profile));
      const byKind = list.findIndex((p) => p.kind === 'sso-session');
      name = await c.p.select('AWS profile for Claude Code', choices, { default: c.current.profile && list.some((p) => p.name === c.current.profile) ? def : Math.max(0, byKind) });
    }
    if (name === CREATE) {
      const { runSsoAdd } = await import('../sso/add.js');
      const r = await runSsoAdd({ deviceCode: false, dryRun: false, yes: false }, c.deps, c.out, c.p);
      name = r.profile;
      created = true;
      if (r.changes.length) c.wrote.push(`profile ${name} was added to ${r.file} (claude-bedrock undo reverts it)`);
      files = loadAwsFiles(c.deps);
    }
  }
  checkSetupProfile(name, usable(), () => undefined);
  let profile = usable().find((p) => p.name === name)!;
  let migrated = false;
  if (profile.kind === 'sso-legacy') {
    const why = `Profile ${name} uses the legacy SSO format: its sign-in lasts about 8 hours and never refreshes. The sso-session format refreshes silently for up to 90 days.`;
    const refused = files.model.issues.find((i) => isFileRefused(i) && i.file === files.config.path);
    if (refused) {
      // Like sso migrate itself, setup never edits a file the AWS CLI cannot read; the profile is used as it is.
      note(c, `${c.out.yellow('warning')}: ${why} It is not converted now: ${refused.message} Fix: ${refused.fix ?? `line ${refused.line} of ${refused.file}`}; then: claude-bedrock sso migrate --profile ${shq(name)}`);
    } else if (!c.p) {
      note(c, `${c.out.yellow('warning')}: ${why} Convert it with: claude-bedrock sso migrate --profile ${shq(name)}`);
    } else {
      const { runMigrate } = await import('../sso/migrate.js');
      const preview = await runMigrate({ profile: name, all: false, dryRun: true, yes: true }, c.deps, c.out);
      if (preview.changes.length) {
        note(c, why);
        note(c, `Converting writes ${preview.file} now, as its own change set (claude-bedrock undo reverts it):`);
        for (const ch of preview.changes) note(c, colorDiff(c, ch.diff));
        if (await c.p.confirm(`Convert profile ${name} to the refreshable sso-session format?`, { default: true })) {
          const r = await runMigrate({ profile: name, all: false, dryRun: false, yes: true }, c.deps, c.out);
          migrated = true;
          c.wrote.push(`profile ${name} was converted to the sso-session format in ${r.file} (claude-bedrock undo reverts it)`);
          for (const s of r.sessions) {
            note(c, s.token.status === 'login-needed' ? `  [sso-session ${s.name}]: ${s.token.reason}` : `  [sso-session ${s.name}]: your sign-in carries over until ${s.token.expiresAt}`);
          }
          files = loadAwsFiles(c.deps);
          profile = usable().find((p) => p.name === name)!;
        }
      }
    }
  }
  return { profile, created, migrated };
}

function failureError(f: { kind: string; message: string; fix: string }): CliError {
  return f.kind === 'credentials-expired' ? new AuthError({ what: f.message, next: f.fix }) : new CliError({ what: f.message, next: f.fix, code: f.kind });
}

async function verifyCredentials(c: Ctx, api: AwsApi, profile: AwsProfile, region: string): Promise<{ identity: { account: string; arn: string }; signedIn: boolean }> {
  const { toFailure } = await import('../../aws/failure.js');
  const source: AuthSource = { kind: 'profile', profile: profile.name };
  const check = () =>
    step(c.deps, `Checking the credentials of profile ${profile.name}`, () => api.callerIdentity(source, region, { timeoutMs: 15_000 }), {
      done: (id) => `Profile ${profile.name}: ${id.arn}`,
      style: c.style,
    });
  try {
    return { identity: await check(), signedIn: false };
  } catch (e) {
    if (e instanceof CancelledError) throw e;
    const f = toFailure(e, { profile: profile.name, region });
    const sso = profile.kind === 'sso-session' || profile.kind === 'sso-legacy';
    if (f.kind !== 'credentials-expired' || !sso) throw failureError(f);
    const login = `claude-bedrock login --profile ${shq(profile.name)}`;
    if (!c.p) throw new AuthError({ what: `Profile ${profile.name} needs a sign-in: ${f.message}`, next: login });
    note(c, `Profile ${profile.name} is not signed in: ${f.message}`);
    if (!(await c.p.confirm('Sign in to IAM Identity Center now? (opens your browser)', { default: true }))) {
      throw new AuthError({ what: `Profile ${profile.name} is not signed in; nothing was written.`, next: `${login}   then: claude-bedrock setup` });
    }
    const { runLogin } = await import('../login.js');
    // Ctrl-C while it waits for the browser or the device code: the login stops (listener closed, nothing cached).
    await runLogin({ profile: profile.name, flow: 'auto', openBrowser: true, force: false, timeoutMs: 180_000, redirectPort: 0 }, c.deps, c.out);
    c.wrote.push(`profile ${profile.name} is signed in (claude-bedrock logout --profile ${shq(profile.name)} ends it)`);
    return { identity: await check(), signedIn: true };
  }
}

export interface RegionChoice {
  name: string;
  rttMs: number | null;
  regionsWithClaude: number;
}

/** Probe every Bedrock region in parallel (RTT + does it serve Claude), then pick: current, else the closest. */
export async function chooseRegion(c: Ctx, api: AwsApi, source: AuthSource, ownRegion: string | undefined): Promise<RegionChoice> {
  if (c.opts.region !== undefined) return { name: c.opts.region, rttMs: null, regionsWithClaude: 0 };
  const [{ probeRegions }, { regionsToProbe }, { knownSecrets }] = await Promise.all([import('../../aws/probe.js'), import('../../aws/regions-list.js'), import('../../aws/command-support.js')]);
  const regions = regionsToProbe(undefined, ownRegion);
  const probes = await step(
    c.deps,
    `Measuring the round trip to ${regions.length} Bedrock regions`,
    () => probeRegions(api, source, regions, { perCallMs: 5_000, deadlineMs: 15_000, concurrency: 64, secrets: knownSecrets(c.deps.env), ...(source.kind === 'profile' ? { profile: source.profile } : {}) }),
    { done: (ps) => `${ps.filter((x) => x.claude).length} of ${regions.length} Bedrock regions serve Claude here; closest: ${ps.find((x) => x.claude)?.region ?? 'none'}`, style: c.style },
  );
  const claude = probes.filter((x) => x.claude);
  if (!claude.length) {
    const failed = probes.filter((x) => x.error);
    const f = failed[0]?.error;
    throw new CliError({
      what: f ? `No Bedrock region answered with Claude models: ${f.message}` : `None of the ${regions.length} Bedrock regions lists a Claude inference profile for this account.`,
      why: f ? `${failed.length} of ${regions.length} regions failed like this.` : 'Model access for Anthropic models has not been granted, or the identity may not call ListInferenceProfiles.',
      next: f?.fix ?? 'open the Bedrock console → Model catalog → an Anthropic model → submit the use-case form; then: claude-bedrock discover',
      code: f?.kind ?? 'no-claude',
    });
  }
  const unanswered = probes.filter((x) => x.error).length;
  if (unanswered) note(c, c.out.dim(`  ${unanswered} region${unanswered === 1 ? '' : 's'} did not answer (claude-bedrock regions shows why).`));
  const cur = claude.findIndex((x) => x.region === c.current.region);
  const def = Math.max(0, cur);
  let name: string;
  if (!c.p) {
    name = claude[def]!.region;
    chosenAutomatically(c, 'Region', `${name} (${cur >= 0 ? 'current' : 'closest'}, ${claude[def]!.rttMs} ms)`, '--region');
  } else {
    name = await c.p.select(
      'Bedrock region',
      claude.map((x, i) => ({ label: x.region, value: x.region, hint: [`${x.rttMs} ms`, `${x.claudeProfiles} Claude profiles`, i === 0 ? 'closest' : '', x.region === c.current.region ? 'current' : ''].filter(Boolean).join(' · ') })),
      { default: def },
    );
  }
  const chosen = claude.find((x) => x.region === name)!;
  return { name, rttMs: chosen.rttMs, regionsWithClaude: claude.length };
}

/** Models with a 1M-token context window on Bedrock (Claude Code appends [1m]): Sonnet 4 and later, Opus 4.6 and later. */
export function supportsOneM(m: Pick<ModelEntry, 'family' | 'version'>): boolean {
  const [major = 0, minor = 0] = m.version;
  if (m.family === 'sonnet') return major >= 4;
  if (m.family === 'opus') return major > 4 || (major === 4 && minor >= 6);
  return false;
}

const base = (id: string) => id.replace(/\[1m\]$/, '');

/** `Global Anthropic Claude Opus 4.8` → `Claude Opus 4.8` (the ID already says which geography). */
const shortName = (m: Pick<ModelEntry, 'name' | 'id'>) => m.name.replace(/^.*?\bAnthropic\s+/, '') || m.id;

export interface ModelChoices {
  primary: string;
  haiku: string | null;
  opus: string | null;
  sonnet: string | null;
}

/** List the Claude inference profiles AWS returns in the region and choose from them (only IDs AWS listed). */
export async function chooseModels(c: Ctx, api: AwsApi, source: AuthSource, region: string): Promise<ModelChoices> {
  const pins = c.opts.pins;
  if (c.opts.model !== undefined && pins.haiku !== undefined && (!c.p || (pins.opus !== undefined && pins.sonnet !== undefined))) {
    return { primary: c.opts.model, haiku: pins.haiku, opus: pins.opus ?? null, sonnet: pins.sonnet ?? null };
  }
  const list = await step(c.deps, `Listing the Claude inference profiles in ${region}`, () => api.listInferenceProfiles(source, region, { timeoutMs: 15_000 }), {
    done: (l) => `${rankClaudeProfiles(l, region).profiles.length} Claude inference profiles in ${region}`,
    style: c.style,
  });
  const ranked = rankClaudeProfiles(list, region);
  const all = [...ranked.profiles, ...ranked.application];
  const active = all.filter((m) => m.status === 'ACTIVE');
  const models = active.length ? active : all;
  if (!models.length) {
    throw new CliError({
      what: `Bedrock in ${region} lists no Claude inference profile for this identity.`,
      why: 'Claude is not offered in this region, or model access has not been granted.',
      next: `claude-bedrock regions${source.kind === 'profile' ? ` --profile ${shq(source.profile)}` : ''}   # then: claude-bedrock setup --region <a region that serves Claude>`,
      code: 'no-claude',
    });
  }
  const byId = new Map(models.map((m) => [m.id, m]));
  const newest = (family?: string) =>
    models.find((m) => m.type !== 'APPLICATION' && m.geo === 'global' && (!family || m.family === family)) ?? models.find((m) => !family || m.family === family);
  const listed = (id: string | undefined) => (id !== undefined && byId.has(base(id)) ? id : undefined);

  /** Choose among `entries` (default: the current value when AWS still lists it, else `fallback`); then the 1M option. */
  const pick = async (message: string, entries: ModelEntry[], cur: string | undefined, fallback: string | undefined, allowNone: boolean, flag: string): Promise<string | null> => {
    const def = listed(cur) ?? fallback;
    if (!c.p) {
      if (def) chosenAutomatically(c, message, def, flag);
      return def ?? null;
    }
    const choices: Choice<string>[] = entries.map((m) => ({ label: m.id, value: m.id, hint: [shortName(m), cur && base(cur) === m.id ? 'current' : '', supportsOneM(m) ? '1M context available' : ''].filter(Boolean).join(' · ') }));
    if (allowNone) choices.push({ label: 'No pin', value: '', hint: "Claude Code's built-in default" });
    const defIdx = def ? Math.max(0, choices.findIndex((x) => x.value === base(def))) : allowNone ? choices.length - 1 : 0;
    const id = await c.p.select(message, choices, { default: defIdx });
    if (id === '') return null;
    if (!supportsOneM(byId.get(id)!)) return id;
    const oneM = await c.p.confirm(`1M-token context window for ${shortName(byId.get(id)!)}? (adds [1m]; long prompts cost more)`, { default: !!def && base(def) === id && def.endsWith('[1m]') });
    return oneM ? `${id}[1m]` : id;
  };

  const primary = c.opts.model ?? (await pick('Primary model (ANTHROPIC_MODEL)', models, c.current.model, newest()?.id, false, '--model'))!;
  const haikus = models.filter((m) => m.family === 'haiku');
  const haiku = pins.haiku ?? (haikus.length ? await pick('Background model (ANTHROPIC_DEFAULT_HAIKU_MODEL)', haikus, c.current.haiku, newest('haiku')?.id, true, '--haiku-model') : null);
  let opus: string | null = pins.opus ?? null;
  let sonnet: string | null = pins.sonnet ?? null;
  const opuses = models.filter((m) => m.family === 'opus');
  const sonnets = models.filter((m) => m.family === 'sonnet');
  if (!c.p) {
    opus = pins.opus ?? listed(c.current.opus) ?? null;
    sonnet = pins.sonnet ?? listed(c.current.sonnet) ?? null;
    if (opus) chosenAutomatically(c, 'Opus pin', opus, '--opus-model');
    if (sonnet) chosenAutomatically(c, 'Sonnet pin', sonnet, '--sonnet-model');
  } else if ((pins.opus === undefined && opuses.length) || (pins.sonnet === undefined && sonnets.length)) {
    const pinned = !!(c.current.opus || c.current.sonnet);
    if (await c.p.confirm('Also pin the opus and sonnet aliases? (what /model opus and /model sonnet use)', { default: pinned })) {
      if (pins.opus === undefined && opuses.length) opus = await pick('Opus model (ANTHROPIC_DEFAULT_OPUS_MODEL)', opuses, c.current.opus, newest('opus')?.id, true, '--opus-model');
      if (pins.sonnet === undefined && sonnets.length) sonnet = await pick('Sonnet model (ANTHROPIC_DEFAULT_SONNET_MODEL)', sonnets, c.current.sonnet, newest('sonnet')?.id, true, '--sonnet-model');
    }
  }
  for (const [flag, id] of [['--model', c.opts.model], ['--haiku-model', pins.haiku], ['--opus-model', pins.opus], ['--sonnet-model', pins.sonnet]] as const) {
    if (id !== undefined && !byId.has(base(id)) && !id.startsWith('arn:')) note(c, `${c.out.yellow('warning')}: ${flag} ${id} is not among the inference profiles AWS lists in ${region}.`);
  }
  return { primary, haiku, opus, sonnet };
}

const SCOPE_HINT: Record<Scope, string> = {
  user: 'you, in every project',
  local: 'you, in this project only (not committed)',
  project: 'everyone working on this project (committed)',
  managed: 'every user of this machine (needs admin rights)',
};

export function defaultScope(c: Pick<Ctx, 'flags' | 'opts' | 'current'>): Scope {
  return c.flags.given.scope ? c.opts.scope : c.current.layer ?? 'user';
}

/** Fail before any question when the settings file is one setup would refuse to edit (malformed, a directory...). */
export function checkSettingsFile(deps: Deps, scope: Scope): void {
  const file = settingsFileForScope(deps, scope);
  const f = readUserFile(file);
  if (f.exists) planSettingsEdit(f.text, {}, file);
}

async function chooseScope(c: Ctx): Promise<Scope> {
  const def = defaultScope(c);
  if (c.flags.given.scope || !c.p) return def;
  const user = settingsFileForScope(c.deps, 'user');
  const scopes = (['user', 'local', 'project', 'managed'] as Scope[]).filter((s) => s === 'user' || path.resolve(settingsFileForScope(c.deps, s)) !== path.resolve(user));
  const scope = await c.p.select('Settings file to write', scopes.map((s) => ({ label: s, value: s, hint: `${settingsFileForScope(c.deps, s)} · ${SCOPE_HINT[s]}` })), { default: Math.max(0, scopes.indexOf(def)) });
  checkSettingsFile(c.deps, scope);
  return scope;
}

function awsCliCan(pre: PrerequisiteReport | null, kind: string): boolean {
  if (!pre) return true;
  if (kind === 'sso-session') return pre.awsCli.ssoSession;
  if (kind === 'sso-legacy') return pre.awsCli.version !== null && Number(pre.awsCli.version.split('.')[0]) >= 2;
  if (kind === 'login') return pre.awsCli.awsLogin;
  return false;
}

/** The choices are the settings engine's own decisions (auto, aws-cli, none), so the wizard writes what it shows. */
async function chooseAuthRefresh(c: Ctx, profile: AwsProfile, pre: PrerequisiteReport | null, scope: Scope): Promise<AuthRefreshMode> {
  if (c.flags.given.authRefresh) return c.opts.authRefresh;
  const { authRefreshContext } = await import('../../aws/sso/aws-cli.js');
  const auto = decideAuthRefresh(profile, 'auto', await authRefreshContext(c.deps, 'auto', scope));
  if (!auto.command) {
    note(c, c.out.dim(`Credential refresh: ${auto.reason}.`));
    return 'auto';
  }
  const sso = profile.kind === 'sso-session' || profile.kind === 'sso-legacy';
  const viaCli = sso ? decideAuthRefresh(profile, 'aws-cli').command : null;
  const cliOk = awsCliCan(pre, profile.kind);
  const cur = c.current.authRefresh;
  const choices: Choice<AuthRefreshMode | 'keep'>[] = [
    { label: auto.command, value: 'auto', hint: auto.command === viaCli || !sso ? (cliOk ? 'the AWS CLI' : 'needs an AWS CLI this machine does not have') : 'claude-bedrock login, no AWS CLI needed' },
  ];
  // `aws sso login` is offered only where it can work (setup refuses it otherwise).
  if (viaCli && viaCli !== auto.command && (cliOk || cur === viaCli)) choices.push({ label: viaCli, value: 'aws-cli', hint: 'the AWS CLI' });
  choices.push({ label: 'none', value: 'none', hint: 'sign in yourself when the session ends' });
  if (cur && !choices.some((x) => x.label === cur)) choices.push({ label: cur, value: 'keep', hint: 'current' });
  const def = Math.max(0, choices.findIndex((x) => x.label === cur));
  let v: AuthRefreshMode | 'keep';
  if (!c.p) {
    v = choices[def]!.value;
    chosenAutomatically(c, 'Credential refresh (awsAuthRefresh)', choices[def]!.label, '--auth-refresh');
  } else {
    note(c, c.out.dim('awsAuthRefresh: when Claude Code finds its AWS credentials expired (it checks with STS first), it runs this command, so an ended SSO session is renewed by signing in again without leaving Claude Code.'));
    v = await c.p.select('Credential refresh (awsAuthRefresh)', choices, { default: def });
  }
  return v === 'keep' ? { command: cur! } : v;
}

function colorDiff(c: Ctx, diff: string): string {
  return diff
    .trimEnd()
    .split('\n')
    .map((l) => (l.startsWith('+') && !l.startsWith('+++') ? c.out.green(l) : l.startsWith('-') && !l.startsWith('---') ? c.out.red(l) : l))
    .join('\n');
}

/** The 1-token InvokeModel + stream test of each model written (what `claude-bedrock test` runs). */
export async function testWritten(c: Pick<Ctx, 'deps' | 'style'>, api: AwsApi, source: AuthSource, region: string, models: ModelChoices): Promise<ModelTestResult[]> {
  const [{ testModels }, { knownSecrets }] = await Promise.all([import('../../aws/invoke-test.js'), import('../../aws/command-support.js')]);
  const byModel = new Map<string, ModelToTest>();
  for (const [id, key] of [[models.primary, 'ANTHROPIC_MODEL'], [models.opus, 'ANTHROPIC_DEFAULT_OPUS_MODEL'], [models.sonnet, 'ANTHROPIC_DEFAULT_SONNET_MODEL'], [models.haiku, 'ANTHROPIC_DEFAULT_HAIKU_MODEL']] as const) {
    if (!id || id === 'opus' || id === 'sonnet' || id === 'haiku') continue;
    // [1m] is stripped before sending: one test per ID Bedrock sees.
    const m = byModel.get(base(id));
    if (m) m.keys.push(key);
    else byModel.set(base(id), { model: id, keys: [key], region });
  }
  const list = [...byModel.values()];
  return step(c.deps, `Testing ${list.length} model${list.length === 1 ? '' : 's'} in ${region} (1 token each)`, () => testModels(api, source, list, { timeoutMs: 30_000, secrets: knownSecrets(c.deps.env), ...(source.kind === 'profile' ? { profile: source.profile } : {}) }), {
    done: (rs) => `${rs.filter((r) => r.invoke && r.stream).length} of ${rs.length} model${rs.length === 1 ? '' : 's'} answered`,
    style: c.style,
  });
}

/** Choose (or create / migrate) the profile, then make sure it has working credentials (signing in if needed). */
export async function signedInProfile(c: Ctx, seams: WizardSeams) {
  const { profile, created, migrated } = await chooseProfile(c);
  const api = cancellable(await (seams.api ?? defaultApi)(c.deps), c.abort.signal);
  try {
    const source: AuthSource = { kind: 'profile', profile: profile.name };
    const { identity, signedIn } = await verifyCredentials(c, api, profile, c.opts.region ?? profile.region ?? c.current.region ?? 'us-east-1');
    return { profile, created, migrated, api, source, identity, signedIn };
  } catch (e) {
    api.close();
    throw e;
  }
}

export async function defaultApi(deps: Deps): Promise<AwsApi> {
  const { createAwsApi } = await import('../../aws/api.js');
  const base = deps.env.ANTHROPIC_BEDROCK_BASE_URL;
  return createAwsApi(deps, { settings: { requestTimeoutMs: 10_000, connectTimeoutMs: 3_000, maxAttempts: 2 }, ...(base ? { bedrockBaseUrl: base } : {}) });
}

export function wizardContext(opts: SetupOptions, flags: ExtraFlags, deps: Deps, out: Output, seams: WizardSeams): Ctx {
  const style = { color: promptColor(deps, flags.noColor) };
  const p = seams.prompter ?? (flags.yes || !canPrompt(deps) ? undefined : createTtyPrompter(deps, style));
  return { deps, out, p, style, opts, flags, current: currentValues(loadSettingsSnapshot(deps)), wrote: [], settingsWritten: false, abort: new AbortController() };
}

/**
 * The API with the wizard's abort signal on every call. Closing sockets alone is not enough: the SDK retries a call
 * whose socket was destroyed, so a cancelled wizard would wait for the retry.
 */
export function cancellable(api: AwsApi, signal: AbortSignal): AwsApi {
  const merge = <O extends { signal?: AbortSignal } | undefined>(o: O) => ({ ...o, signal: o?.signal ? AbortSignal.any([o.signal, signal]) : signal });
  return {
    network: api.network,
    settings: api.settings,
    credentials: (s) => api.credentials(s),
    profileData: () => api.profileData(),
    callerIdentity: (s, r, o) => api.callerIdentity(s, r, merge(o)),
    listInferenceProfiles: (s, r, o) => api.listInferenceProfiles(s, r, merge(o)),
    getInferenceProfile: (s, r, id, o) => api.getInferenceProfile(s, r, id, merge(o)),
    invoke: (s, r, m, o) => api.invoke(s, r, m, merge(o)),
    invokeStream: (s, r, m, o) => api.invokeStream(s, r, m, merge(o)),
    close: () => api.close(),
  };
}

/**
 * How a setup flow stops on an error or a cancel: every AWS call in flight is aborted, and a cancel says what the
 * steps before it wrote (each was its own confirmed change set or sign-in, and stays done).
 */
export function stopped(c: Pick<Ctx, 'abort' | 'wrote' | 'settingsWritten'>, e: unknown): unknown {
  c.abort.abort();
  if (!(e instanceof CancelledError) || !c.wrote.length) return e;
  const head = c.settingsWritten ? 'Cancelled: the model test was stopped.' : 'Cancelled: the Claude Code settings were not written.';
  return new CancelledError(`${head} Earlier steps you confirmed stay done: ${c.wrote.join('; ')}.`, c.settingsWritten ? 'claude-bedrock test   # tests the models that were written' : undefined);
}

export async function runWizard(opts: SetupOptions, flags: ExtraFlags, deps: Deps, out: Output, seams: WizardSeams = {}): Promise<ExtrasResult> {
  const c = wizardContext(opts, flags, deps, out, seams);
  try {
    return await wizard(c, seams);
  } catch (e) {
    throw stopped(c, e);
  }
}

async function wizard(c: Ctx, seams: WizardSeams): Promise<ExtrasResult> {
  const { deps, out } = c;
  note(c, c.p
    ? `${out.bold('claude-bedrock setup')}: Claude Code on Amazon Bedrock. Enter takes the default (the current value); Ctrl-C stops without writing anything.`
    : `${out.bold('claude-bedrock setup')} with automatic choices (--yes).`);

  checkSettingsFile(deps, defaultScope(c));
  const pre = await step(deps, 'Checking prerequisites', () => (seams.prerequisites ?? checkPrerequisites)(deps, c.abort.signal), { done: () => 'Prerequisites', style: c.style });
  note(c, `  Node.js      ${pre.node.version}${pre.node.ok ? '' : out.yellow('  (claude-bedrock needs 20 or later)')}`);
  note(c, `  Claude Code  ${pre.claudeCode.version ?? '-'}  ${out.dim(pre.claudeCode.note)}`);
  note(c, `  AWS CLI      ${pre.awsCli.version ?? '-'}  ${out.dim(pre.awsCli.note)}`);

  const { profile, created, migrated, api, source, identity, signedIn } = await signedInProfile(c, seams);
  try {
    const region = await chooseRegion(c, api, source, profile.region);
    const models = await chooseModels(c, api, source, region.name);
    const scope = await chooseScope(c);
    const authRefresh = await chooseAuthRefresh(c, profile, pre, scope);

    const { executeSetup } = await import('../setup.js');
    const input: SetupInput = {
      profile: profile.name,
      region: region.name,
      model: models.primary,
      pins: { ...(models.opus ? { opus: models.opus } : {}), ...(models.sonnet ? { sonnet: models.sonnet } : {}), ...(models.haiku ? { haiku: models.haiku } : {}) },
      authRefresh,
    };
    const preview = await executeSetup(deps, input, { scope, dryRun: true });
    let result = preview;
    if (preview.changes.length && !c.opts.dryRun) {
      note(c, `Changes to ${preview.file}:`);
      for (const ch of preview.changes) note(c, colorDiff(c, ch.diff));
      if (c.p && !(await c.p.confirm(`Write these settings to ${preview.file}?`, { default: true }))) throw new CancelledError();
      result = await executeSetup(deps, input, { scope, dryRun: false });
      if (result.changes.length) {
        c.settingsWritten = true;
        c.wrote.push(`the settings were written to ${result.file} (claude-bedrock undo reverts them)`);
      }
    } else if (!preview.changes.length) {
      result = { ...preview, dryRun: c.opts.dryRun };
    }

    const report: WizardReport = {
      mode: c.p ? 'interactive' : 'automatic',
      prerequisites: pre,
      profile: { name: profile.name, kind: profile.kind, identity, created, migrated, signedIn },
      region: { name: region.name, rttMs: region.rttMs, regionsWithClaude: region.regionsWithClaude },
      models,
      test: null,
      testSkipped: null,
    };
    if (c.opts.dryRun) report.testSkipped = 'dry run';
    else if (c.flags.skipTest) report.testSkipped = '--skip-test';
    else report.test = await testWritten(c, api, source, region.name, models);
    if (typeof authRefresh === 'object' && !c.flags.given.authRefresh) result = { ...result, authRefresh: { command: authRefresh.command, reason: 'kept the current command' } };
    return { extras: 'wizard', setup: result as SetupLike, report };
  } finally {
    api.close();
  }
}
