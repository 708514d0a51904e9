// `claude-bedrock doctor [--fix]`: every check at once, each with its status and fix; --fix applies the safe fixes as
// one change set (after showing the diff), logs in if needed, and runs the checks again.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { CommandModule, Scope } from '../command.js';
import type { Deps } from '../deps.js';
import { CancelledError, CliError, EXIT, UsageError } from '../errors.js';
import type { Output } from '../io/output.js';
import { applyChangeSet, type FileChangeReport } from '../io/changeset.js';
import { atomicWrite } from '../io/fs.js';
import { loadSettingsSnapshot, settingsFileForScope } from '../io/claude-settings.js';
import { canPrompt, createTtyPrompter } from '../io/prompt.js';
import { awsConfigFile, awsCredentialsFile, stateDir } from '../core/paths.js';
import { shellWord } from '../core/sso/target.js';
import { scrubSecrets } from '../core/redact.js';
import { buildStatusReport } from '../core/claude-settings/effective.js';
import { bedrockFlag, isAwsRegion } from '../core/claude-settings/keys.js';
import type { AwsProfile } from '../core/aws-config/index.js';
import { runChecks, summarize, type CheckResult, type Summary } from '../core/diagnosis/doctor.js';
import { ALL_CHECKS } from '../core/diagnosis/checks/index.js';
import { parseAwsCliVersion, parseClaudeVersion, versionFromInstallPath } from '../core/diagnosis/checks/prereq.js';
import type { DoctorContext, DoctorOutcome, ModelProbe, OnlineProbes, Probe, TokenClock, ToolVersion } from '../core/diagnosis/checks/context.js';
import { planFixes, uniqueActions } from '../core/diagnosis/checks/fixes.js';
import { readLoginToken, readSsoToken } from '../aws/sso-cache-read.js';
import { claudeCodeEnv } from '../aws/context.js';
import { defaultAuthSource, describeSource, type AuthSource } from '../aws/credentials.js';
import { knownSecrets } from '../aws/command-support.js';
import { selfCommand } from '../aws/sso/aws-cli.js';

export interface DoctorOptions {
  offline: boolean;
  fix: boolean;
  profile?: string;
  scope?: Scope;
  yes: boolean;
  dryRun: boolean;
  timeoutMs: number;
  /** --region: check Bedrock and the models in this region instead of the configured one. */
  region?: string;
}

type Result = CheckResult<DoctorOutcome>;

export interface FixReport {
  /** Fixes planned from the first run. */
  planned: string[];
  skipped: string[];
  changes: FileChangeReport[];
  backup: string | null;
  /** The last change set written (undo reverts it first). */
  undoId: string | null;
  /**
   * Every change set written, oldest first: a second round runs when the first one made more fixes possible (a
   * sign-in lets doctor look up the model IDs AWS lists), and each round is its own change set.
   */
  undoIds: string[];
  dryRun: boolean;
  logins: { profile: string; ok: boolean; detail: string }[];
  /** The summary before the fixes (the checks shown are from the run after them). */
  before: Summary;
}

export interface DoctorResult {
  checks: Result[];
  summary: Summary;
  offline: boolean;
  fixes?: FixReport;
}

function whichIn(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, cmd: string): string | null {
  if (cmd.includes('/') || (platform === 'win32' && cmd.includes('\\'))) return isExecutable(cmd) ? cmd : null;
  const exts = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';')] : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const p = path.join(dir, cmd + ext);
      if (isExecutable(p)) return p;
    }
  }
  return null;
}

function isExecutable(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

interface ExecResult { code: number | null; stdout: string; stderr: string }

function execWithTimeout(file: string, args: string[], env: Record<string, string | undefined>, cwd: string, timeoutMs: number): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: /\.(cmd|bat)$/i.test(file), windowsHide: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { if (stdout.length < 65_536) stdout += d; });
    child.stderr.on('data', (d) => { if (stderr.length < 65_536) stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    timer.unref();
    child.on('error', (e) => { clearTimeout(timer); resolve({ code: null, stdout, stderr: stderr || e.message }); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

function toClock(t: { exists: boolean; invalid?: string; accessTokenExpiresAt?: Date | null; credentialsExpireAt?: Date | null; refreshable: boolean; registrationExpiresAt?: Date | null }): TokenClock {
  return {
    exists: t.exists,
    ...(t.invalid ? { invalid: t.invalid } : {}),
    accessTokenExpiresAt: t.accessTokenExpiresAt ?? t.credentialsExpireAt ?? null,
    refreshable: t.refreshable,
    registrationExpiresAt: t.registrationExpiresAt ?? null,
  };
}

interface OnlineHandle { probes: OnlineProbes; close(): void }

/** AWS probes over one AwsApi (one set of clients and credentials), each call made once and shared. */
function onlineProbes(deps: Deps, env: Record<string, string | undefined>, profile: string | undefined, timeoutMs: number, region: string | undefined): OnlineHandle {
  type Mods = { api: import('../aws/api.js').AwsApi; failure: typeof import('../aws/failure.js'); invokeTest: typeof import('../aws/invoke-test.js'); apiKey?: import('../aws/failure.js').BearerKeyContext };
  const procDeps: Deps = { ...deps, env };
  const secrets = knownSecrets(env);
  let mods: Promise<Mods> | undefined;
  const load = () => (mods ??= (async () => {
    const [apiMod, failure, invokeTest] = await Promise.all([import('../aws/api.js'), import('../aws/failure.js'), import('../aws/invoke-test.js')]);
    // A refused short-term API key: the key itself says whether it expired or was damaged (see aws/failure.ts).
    const apiKey = src.kind === 'bearer' ? (await import('../aws/api-key.js')).bearerKeyContext(env.AWS_BEARER_TOKEN_BEDROCK ?? '', deps.now()) : undefined;
    const api = apiMod.createAwsApi(procDeps, {
      settings: { connectTimeoutMs: Math.min(3_000, timeoutMs), requestTimeoutMs: timeoutMs, maxAttempts: 2 },
      ...(env.ANTHROPIC_BEDROCK_BASE_URL ? { bedrockBaseUrl: env.ANTHROPIC_BEDROCK_BASE_URL } : {}),
    });
    return { api, failure, invokeTest, ...(apiKey ? { apiKey } : {}) };
  })());
  const src = defaultAuthSource(env, profile);
  const memo = new Map<string, Promise<Probe<any>>>();
  const tested = new Map<string, Promise<ModelProbe[]>>();
  const probe = <T>(key: string, ctx: { region?: string; model?: string }, f: (m: Mods, s: AuthSource) => Promise<T>): Promise<Probe<T>> => {
    let p = memo.get(key) as Promise<Probe<T>> | undefined;
    if (!p) {
      p = (async () => {
        const m = await load();
        const t0 = performance.now();
        try {
          const value = await f(m, src);
          return { ok: true as const, value, ms: Math.round(performance.now() - t0) };
        } catch (e) {
          const error = m.failure.toFailure(e, { ...(src.kind === 'profile' ? { profile: src.profile } : {}), ...ctx, secrets, ...(m.apiKey ? { apiKey: m.apiKey } : {}) });
          return { ok: false as const, error, ms: Math.round(performance.now() - t0) };
        }
      })();
      memo.set(key, p);
    }
    return p;
  };
  // Start loading the SDK now, while the offline checks run.
  load().catch(() => {});
  const limit = timeoutMs * 2 + 1_000;
  return {
    probes: {
      sourceLabel: describeSource(src),
      bearer: src.kind === 'bearer',
      credentials: () => probe('credentials', {}, async (m, s) => {
        const c = await m.api.credentials(s);
        return { kind: c.kind, expiration: c.expiration ?? null, accountId: c.accountId ?? null };
      }),
      identity: () => probe('identity', {}, async (m, s) => m.api.callerIdentity(s, region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1', { timeoutMs: limit })),
      listProfiles: (region) => probe(`list:${region}`, { region }, (m, s) => m.api.listInferenceProfiles(s, region, { timeoutMs: limit })),
      getProfile: (region, id) => probe(`get:${region}:${id}`, { region, model: id }, (m, s) => m.api.getInferenceProfile(s, region, id, { timeoutMs: limit })),
      testModels: (models) => {
        const key = JSON.stringify(models);
        let p = tested.get(key);
        if (!p) {
          p = (async () => {
            const m = await load();
            return m.invokeTest.testModels(m.api, src, models, { timeoutMs: limit, ...(src.kind === 'profile' ? { profile: src.profile } : {}), secrets, ...(m.apiKey ? { apiKey: m.apiKey } : {}) });
          })();
          tested.set(key, p);
        }
        return p;
      },
    },
    close() {
      if (mods) void mods.then((m) => m.api.close(), () => {});
    },
  };
}

/** npm installs: the version is in the package's own package.json next to the binary. */
function npmPackageVersion(realPath: string, name: string): string | null {
  let dir = path.dirname(realPath);
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && typeof pkg.version === 'string') return pkg.version;
    } catch { /* not here */ }
    dir = path.dirname(dir);
  }
  return null;
}

interface VersionCache { [key: string]: { version: string | null; output: string; at: number } }

const CACHE_TTL_MS = 7 * 86_400_000;

/**
 * `claude` / `aws` version without starting them when possible (the AWS CLI takes about half a second to say its
 * version): from the install path, npm's package.json, else `--version` once per binary (path, size, mtime), cached.
 */
async function detectToolVersion(deps: Deps, env: Record<string, string | undefined>, file: string, tool: 'claude' | 'aws', cache: ToolVersionCache): Promise<ToolVersion> {
  let real = file;
  try { real = fs.realpathSync(file); } catch { /* use the PATH entry */ }
  const fromPath = versionFromInstallPath(tool, real) ?? (tool === 'claude' ? npmPackageVersion(real, '@anthropic-ai/claude-code') : null);
  if (fromPath) return { path: file, version: fromPath };
  let key = real;
  try { const st = fs.statSync(real); key = `${real}|${st.size}|${st.mtimeMs}`; } catch { /* key by path only */ }
  const now = deps.now().getTime();
  const hit = cache.get()[key];
  if (hit && now - hit.at < CACHE_TTL_MS) return { path: file, version: hit.version, output: hit.output };
  const r = await execWithTimeout(file, ['--version'], env, deps.cwd, 5_000);
  const output = `${r.stdout}\n${r.stderr}`.trim().split('\n')[0] ?? '';
  const version = r.code === 0 || tool === 'aws' ? (tool === 'aws' ? parseAwsCliVersion(output) : parseClaudeVersion(output)) : null;
  if (version) cache.put(key, { version, output: output.slice(0, 200), at: now });
  return { path: file, version, output: output.slice(0, 200) };
}

/** The tool-version cache file, read once per run; both tools' entries are merged before each write (no lost update). */
interface ToolVersionCache { get(): VersionCache; put(key: string, entry: VersionCache[string]): void }

function toolVersionCache(deps: Deps): ToolVersionCache {
  const file = path.join(stateDir(deps.env, deps.home()), 'cache', 'tool-versions.json');
  let cache: VersionCache | undefined;
  const get = () => {
    if (!cache) {
      try { cache = JSON.parse(fs.readFileSync(file, 'utf8')) as VersionCache; } catch { cache = {}; }
    }
    return cache;
  };
  return {
    get,
    put(key, entry) {
      const c = get();
      c[key] = entry;
      try { atomicWrite(file, JSON.stringify(c) + '\n', { newFileMode: 0o600 }); } catch { /* a cache is optional */ }
    },
  };
}

export interface BuiltContext { ctx: DoctorContext; close(): void; offlineReason?: string }

export function buildContext(deps: Deps, opts: Pick<DoctorOptions, 'offline' | 'profile' | 'timeoutMs' | 'region'>): BuiltContext {
  const snap = loadSettingsSnapshot(deps);
  const report = buildStatusReport(snap);
  const env = claudeCodeEnv(deps, snap);
  if (opts.profile) env.AWS_PROFILE = opts.profile;
  const profiles = snap.profiles as AwsProfile[] | null;
  const profileName = opts.profile ?? report.profile.name;
  const profile = profiles?.find((p) => p.name === profileName && p.sources.length > 0);
  const home = deps.home();
  // Checks ask for the same tools more than once: search PATH once per tool.
  const found = new Map<string, string | null>();
  const which = (cmd: string) => {
    if (!found.has(cmd)) found.set(cmd, whichIn(env, deps.platform, cmd));
    return found.get(cmd)!;
  };
  const tools = new Map<string, Promise<ToolVersion | null>>();
  const versionCache = toolVersionCache(deps);
  const toolVersion = (cmd: 'claude' | 'aws') => {
    let p = tools.get(cmd);
    if (!p) {
      const file = which(cmd);
      p = file ? detectToolVersion(deps, env, file, cmd, versionCache) : Promise.resolve(null);
      tools.set(cmd, p);
    }
    return p;
  };
  // Behind a gateway that signs requests (CLAUDE_CODE_SKIP_BEDROCK_AUTH) there are no AWS credentials to check.
  const gateway = !opts.profile && bedrockFlag(env.CLAUDE_CODE_SKIP_BEDROCK_AUTH).on;
  const online = opts.offline || gateway ? null : onlineProbes(deps, env, opts.profile, opts.timeoutMs, opts.region);
  const self = selfCommand(deps);
  const ctx: DoctorContext = {
    now: deps.now(),
    platform: deps.platform,
    nodeVersion: process.versions.node,
    snap,
    report,
    profileName,
    profile,
    profiles,
    env,
    toolVersion,
    which,
    fileReadable: (p) => { try { fs.accessSync(p, fs.constants.R_OK); return fs.statSync(p).isFile(); } catch { return false; } },
    ssoToken: (key) => toClock(readSsoToken(home, key)),
    loginToken: (session) => toClock(readLoginToken(deps.env, home, session)),
    claudeVersion: () => toolVersion('claude').then((t) => (t ? t.version ?? 'unknown' : null)),
    online: online?.probes ?? null,
    ...(opts.region ? { regionOverride: opts.region } : {}),
    // Where this tool is installed: the awsAuthRefresh the fixes suggest is the one setup would write.
    refreshContext: self ? { self } : {},
  };
  return { ctx, close: () => online?.close(), ...(gateway ? { offlineReason: 'skipped: CLAUDE_CODE_SKIP_BEDROCK_AUTH is on, so a gateway signs the requests (check AWS directly with --profile P)' } : {}) };
}

async function runOnce(deps: Deps, opts: DoctorOptions): Promise<{ results: Result[]; ctx: DoctorContext }> {
  const { ctx, close, offlineReason } = buildContext(deps, opts);
  const known = knownSecrets(ctx.env);
  try {
    const results = await runChecks(ALL_CHECKS, ctx, { offline: opts.offline || !ctx.online, ...(offlineReason ? { offlineReason } : {}), defaultTimeoutMs: opts.timeoutMs * 3 + 2_000, scrub: (s) => scrubSecrets(s, known) });
    return { results, ctx };
  } finally {
    close();
  }
}

async function applyFixes(deps: Deps, opts: DoctorOptions, out: Output, first: Result[], ctx: DoctorContext, triedLogins: ReadonlySet<string> = new Set()): Promise<Omit<FixReport, 'before' | 'undoIds'>> {
  const actions = uniqueActions(first.filter((r) => r.status !== 'pass' && r.status !== 'skip').flatMap((r) => r.autoFix ?? []));
  const home = deps.home();
  const files = {
    awsConfig: awsConfigFile(deps.env, home),
    awsCredentials: awsCredentialsFile(deps.env, home),
    userSettings: ctx.snap.userSettingsPath,
    claudeState: ctx.snap.claudeState?.path ?? path.join(home, '.claude.json'),
    defaultSettings: opts.scope ? settingsFileForScope(deps, opts.scope) : ctx.snap.userSettingsPath,
  };
  const targets = [...new Set([files.awsConfig, files.userSettings, files.claudeState, files.defaultSettings, ...actions.flatMap((a) => ('file' in a && a.file ? [a.file] : []))])];
  let plan: ReturnType<typeof planFixes> | undefined;
  const apply = (dryRun: boolean) => applyChangeSet(deps, {
    command: 'doctor --fix',
    files: targets.map((p) => ({ path: p, secret: p !== files.awsConfig && p !== files.claudeState })),
    dryRun,
    plan(current) {
      const texts = new Map([...current].map(([p, f]) => [p, f.text]));
      plan = planFixes(actions, texts, files, deps.env);
      return [...plan.edits].map(([p, after]) => ({ path: p, after }));
    },
  });
  const preview = await apply(true);
  const planned = plan!.done;
  // A sign-in already tried in an earlier round (and failed, or was cancelled) is not started again.
  const logins = plan!.logins.filter((l) => !triedLogins.has(l.profile));
  const base = { planned: [...planned, ...logins.map((l) => `log in: claude-bedrock login${l.force ? ' --force' : ''} --profile ${shellWord(l.profile)}`)], skipped: plan!.skipped };
  if (!planned.length && !logins.length) return { ...base, changes: [], backup: null, undoId: null, dryRun: opts.dryRun, logins: [] };
  for (const c of preview.changes) out.note(c.diff.trimEnd());
  for (const l of base.planned) out.note(`fix: ${l}`);
  for (const s of base.skipped) out.note(out.yellow(`not fixed: ${s}`));
  if (opts.dryRun) return { ...base, changes: preview.changes, backup: null, undoId: null, dryRun: true, logins: [] };
  if (!opts.yes) {
    if (!canPrompt(deps)) throw new UsageError('doctor --fix needs --yes to apply changes when not run on a terminal (the changes are shown above).', 'claude-bedrock doctor --fix --yes   (or --dry-run to only show them)');
    if (!(await createTtyPrompter(deps).confirm('Apply these fixes?', { default: true }))) throw new CancelledError();
  }
  const applied = preview.changes.length ? await apply(false) : preview;
  if (plan!.migrated.length) {
    const { carryToken } = await import('./sso/migrate.js');
    for (const s of plan!.migrated) await carryToken(deps, s, false);
  }
  const loginResults: FixReport['logins'] = [];
  if (logins.length) {
    const { runLogin } = await import('./login.js');
    for (const l of logins) {
      try {
        const r = await runLogin({ profile: l.profile, flow: 'auto', openBrowser: true, force: l.force, timeoutMs: 180_000, redirectPort: 0 }, deps, out);
        loginResults.push({ profile: l.profile, ok: true, detail: `signed in (${r.method}), token valid until ${r.accessTokenExpiresAt}${r.refreshable ? ', refreshable' : ''}` });
      } catch (e) {
        const msg = e instanceof CliError ? `${e.message}${e.next ? ` next: ${e.next}` : ''}` : (e as Error).message;
        loginResults.push({ profile: l.profile, ok: false, detail: scrubSecrets(msg) });
      }
    }
  }
  return { ...base, changes: applied.changes, backup: applied.backup, undoId: applied.undoId, dryRun: false, logins: loginResults };
}

export async function runDoctor(opts: DoctorOptions, deps: Deps, out: Output): Promise<DoctorResult> {
  const first = await runOnce(deps, opts);
  if (!opts.fix) return { checks: first.results, summary: summarize(first.results), offline: opts.offline };
  const before = summarize(first.results);
  const fixes = await applyFixes(deps, opts, out, first.results, first.ctx);
  const undoIds = fixes.undoId ? [fixes.undoId] : [];
  if (fixes.dryRun || (!fixes.changes.length && !fixes.logins.length)) {
    return { checks: first.results, summary: before, offline: opts.offline, fixes: { ...fixes, undoIds, before } };
  }
  let again = await runOnce(deps, opts);
  // A sign-in can make fixes possible that were not before (the model IDs AWS lists need working credentials): one
  // more round, with its own diff, confirmation and change set, instead of "run it again". Without a sign-in the
  // first round's plan already saw everything it could: one command, one change set.
  if (fixes.logins.some((l) => l.ok)) {
    const more = await applyFixes(deps, opts, out, again.results, again.ctx, new Set(fixes.logins.map((l) => l.profile)));
    if (more.changes.length || more.logins.length) {
      if (more.undoId) undoIds.push(more.undoId);
      again = await runOnce(deps, opts);
      const merged = {
        planned: [...fixes.planned, ...more.planned],
        skipped: more.skipped,
        changes: [...fixes.changes, ...more.changes],
        backup: more.backup ?? fixes.backup,
        undoId: more.undoId ?? fixes.undoId,
        dryRun: false,
        logins: [...fixes.logins, ...more.logins],
      };
      return { checks: again.results, summary: summarize(again.results), offline: opts.offline, fixes: { ...merged, undoIds, before } };
    }
  }
  return { checks: again.results, summary: summarize(again.results), offline: opts.offline, fixes: { ...fixes, undoIds, before } };
}

const MARK: Record<CheckResult['status'], string> = { pass: '✓', warn: '!', fail: '✗', skip: '–' };

function render(r: DoctorResult, out: Output): void {
  const paint = { pass: out.green, warn: out.yellow, fail: out.red, skip: out.dim };
  for (const c of r.checks) {
    out.print(`${paint[c.status](MARK[c.status])} ${c.title}: ${c.status === 'skip' ? out.dim(c.detail) : c.detail}`);
    if (c.fix && (c.status === 'fail' || c.status === 'warn')) out.print(`    fix: ${c.fix}`);
  }
  const s = r.summary;
  out.print('');
  out.print(`${s.pass} passed, ${s.warn} warning${s.warn === 1 ? '' : 's'}, ${s.fail} failed, ${s.skip} skipped${r.offline ? ' (offline: network checks skipped)' : ''}`);
  const f = r.fixes;
  if (f) {
    if (f.dryRun) out.print('Dry run: the fixes above were not applied.');
    else if (f.undoId) {
      const now = s.fail || s.warn ? `; now ${s.fail} failed, ${s.warn} warnings: follow the fix lines above` : '';
      const undo = f.undoIds.length > 1 ? `claude-bedrock undo (${f.undoIds.length} times: one per round of fixes)` : 'claude-bedrock undo';
      out.print(`Fixed (was: ${f.before.fail} failed, ${f.before.warn} warnings${now}). Backup: ${f.backup}   Undo: ${undo}`);
    }
    else if (!f.planned.length) out.print('Nothing here can be fixed automatically; follow the fix lines above.');
    for (const l of f.logins) out.print(`${l.ok ? out.green('✓') : out.red('✗')} login ${l.profile}: ${l.detail}`);
  }
  if (s.fail > 0 && !f) out.print('Some checks failed. Safe fixes: claude-bedrock doctor --fix');
}

const command: CommandModule<DoctorOptions, DoctorResult> = {
  help: `Usage: claude-bedrock doctor [--offline] [--fix [--yes] [--dry-run] [--scope S]] [--profile P] [--region R] [--timeout S] [--json]

Runs every check of a Claude Code on Bedrock setup at once and gives each a status (✓ pass, ! warning, ✗ failed,
– skipped) and the exact fix: prerequisites (Node, Claude Code and known Bedrock regressions in its version, the
AWS CLI), every settings layer and the AWS files, keys in files Claude Code does not read, shadowed settings,
CLAUDE_CODE_USE_BEDROCK, the profile and its SSO format (8-hour legacy vs refreshable), the token clocks, region,
model IDs, awsAuthRefresh, proxy/CA settings; online: credentials, STS identity, Bedrock reachable in the region,
the models listed there, model access (1-token invoke of the primary and background model) and the IAM actions
Claude Code calls (GetInferenceProfile too, when a model is an application-inference-profile ARN).

  --offline      files and environment only: no network, no AWS calls
  --fix          apply the safe fixes as one change set after showing the diff (migrate legacy SSO, add
                 AWS_REGION, replace a raw model ID by its global. profile when AWS lists it, move settings out of
                 ~/.claude.json, set awsAuthRefresh to what setup writes or remove it for a profile without a
                 login, log in), then run the checks again; what the sign-in made fixable (a raw model ID)
                 is a second round and a second change set. Asks on a terminal; --yes otherwise.
                 Undo with: claude-bedrock undo (once per round)
  --dry-run      with --fix: show the changes, apply nothing
  --scope S      with --fix: the settings file new values go to (default user)
  --profile P    check with AWS profile P instead of the configured one
  --region R     check Bedrock and the configured models in region R instead of the configured one (the region
                 check still judges the configured region; not with --fix, which repairs the configured setup)
  --timeout S    per AWS call (default 8)
  --json         {checks[]: {id, title, status, detail, fix}, summary{pass,warn,fail,skip}, fixes?{planned,
                 skipped, changes, backup, undoId, undoIds, dryRun, logins, before}}

Exit codes: 0 no check failed · 3 a check failed · 1 error · 2 usage/cancelled`,
  globals: ['profile', 'region', 'scope', 'dry-run'],
  options: { offline: { type: 'boolean' }, fix: { type: 'boolean' }, timeout: { type: 'string' } },
  parse({ values, global }) {
    const t = values.timeout === undefined ? 8 : Number(values.timeout);
    if (!Number.isFinite(t) || t <= 0 || t > 600) throw new UsageError(`--timeout must be a number of seconds between 0 and 600 (got ${JSON.stringify(values.timeout)}).`, 'claude-bedrock doctor --timeout 8');
    if (!values.fix && global.dryRun) throw new UsageError('--dry-run only applies with --fix.', 'claude-bedrock doctor --fix --dry-run');
    if (!values.fix && global.scope !== undefined) throw new UsageError('--scope only applies with --fix (the settings file the fixes write).', `claude-bedrock doctor --fix --scope ${global.scope}`);
    if (global.region !== undefined) {
      if (!isAwsRegion(global.region)) throw new UsageError(`--region ${JSON.stringify(global.region)} is not an AWS region name (like us-west-2).`, 'claude-bedrock regions  # lists the Bedrock regions');
      // --fix writes the configuration Claude Code runs with; fixes judged in another region would not fit it.
      if (values.fix) throw new UsageError(`--fix repairs the configured setup, so it cannot be combined with --region (which checks another region than the configured one). To make ${global.region} the region Claude Code uses, set it first.`, `claude-bedrock setup --region ${global.region}   # then: claude-bedrock doctor --fix`);
    }
    return {
      offline: !!values.offline,
      fix: !!values.fix,
      ...(global.profile !== undefined ? { profile: global.profile } : {}),
      ...(global.scope !== undefined ? { scope: global.scope } : {}),
      yes: global.yes,
      dryRun: global.dryRun,
      timeoutMs: Math.round(t * 1000),
      ...(global.region !== undefined ? { region: global.region } : {}),
    };
  },
  run: runDoctor,
  render,
  toJson: (r) => ({
    checks: r.checks.map((c) => ({ id: c.id, title: c.title, status: c.status, detail: c.detail, fix: c.fix })),
    summary: r.summary,
    ...(r.fixes ? { fixes: r.fixes } : {}),
  }),
  exitCode: (r) => (r.summary.fail > 0 ? EXIT.checkFailed : EXIT.ok),
};
export default command;

