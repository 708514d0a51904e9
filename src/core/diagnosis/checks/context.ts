// What every doctor check reads: the settings snapshot and status report (offline), and seams for processes, the token
// cache and memoized AWS probes (filled in by the doctor command). Plus the pure helpers the checks share.
import type { SettingsSnapshot, StatusReport, ValueOrigin } from '../../claude-settings/effective.js';
import { candidates, effectiveRaw } from '../../claude-settings/effective.js';
import { MODEL_ENV_KEYS } from '../../claude-settings/keys.js';
import type { AwsProfile } from '../../aws-config/index.js';
import type { CheckOutcome } from '../doctor.js';
import { decideAuthRefresh, type AuthRefreshContext } from '../../claude-settings/setup-plan.js';
import { credentialRoot } from './profile-root.js';

export { credentialRoot, ssoCacheKey } from './profile-root.js';

export interface ToolVersion {
  path: string;
  /** null when the tool ran but printed no version we understand. */
  version: string | null;
  /** What it printed (first line), when it had to be run. */
  output?: string;
}

export interface TokenClock {
  exists: boolean;
  invalid?: string;
  accessTokenExpiresAt: Date | null;
  refreshable: boolean;
  registrationExpiresAt: Date | null;
}

/** A failed AWS call, already classified and scrubbed (src/aws/failure.ts `Failure`). */
export interface ProbeFailure {
  kind: string;
  code: string | null;
  status: number | null;
  message: string;
  fix: string;
  explain: string[];
}

export type Probe<T> = { ok: true; value: T; ms: number } | { ok: false; error: ProbeFailure; ms: number };

export interface ListedProfile {
  id: string;
  arn: string;
  type: string;
  status: string;
  modelArns: string[];
}

/** Network probes, each run once per doctor run and shared by every check that needs it. */
export interface OnlineProbes {
  /** Which credentials the probes use, in words ("profile dev", "the Bedrock API key"). */
  readonly sourceLabel: string;
  /** A Bedrock API key has no STS identity and no role credentials. */
  readonly bearer: boolean;
  credentials(): Promise<Probe<{ kind: string; expiration: Date | null; accountId: string | null }>>;
  identity(): Promise<Probe<{ account: string; arn: string }>>;
  listProfiles(region: string): Promise<Probe<ListedProfile[]>>;
  /** GetInferenceProfile of one profile ID or ARN (Claude Code's call for application-inference-profile ARNs). */
  getProfile(region: string, id: string): Promise<Probe<ListedProfile>>;
  /** A 1-token InvokeModel and InvokeModelWithResponseStream of each model, all at once (the probe `test` runs). */
  testModels(models: { model: string; keys: string[]; region: string }[]): Promise<ModelProbe[]>;
}

/** One model's invoke + stream probe (src/aws/invoke-test.ts `ModelTestResult`). */
export interface ModelProbe {
  model: string;
  region: string;
  invoke: boolean;
  stream: boolean;
  latencyMs: number | null;
  /** The first failure (the invoke's, else the stream's). */
  error: ProbeFailure | null;
  /** The stream's failure when it differs from the invoke's. */
  streamError: ProbeFailure | null;
  /** Inference-profile IDs AWS lists that would work instead. */
  suggestions: string[];
}

/** A safe repair the doctor can apply with --fix (one change set, then a login if needed). */
export type FixAction =
  | { kind: 'migrate-sso'; profile: string }
  | { kind: 'set-env'; key: string; value: string; file: string | null }
  | { kind: 'replace-model'; key: string; from: string; to: string; file: string }
  | { kind: 'move-misplaced'; key: string; /** Removed, not moved: nothing should read it (awsAuthRefresh for a profile that needs no login). */ drop?: boolean }
  /** Set awsAuthRefresh to `command` in `file` (null: the --scope / user settings), or remove it from `file` (command null). */
  | { kind: 'auth-refresh'; command: string | null; file: string | null }
  | { kind: 'login'; profile: string; force: boolean };

export interface DoctorOutcome extends CheckOutcome {
  autoFix?: FixAction[];
}

export interface DoctorContext {
  now: Date;
  platform: NodeJS.Platform;
  nodeVersion: string;
  snap: SettingsSnapshot;
  report: StatusReport;
  /** The profile Claude Code uses (or --profile), with the full profile model when it exists. */
  profileName: string;
  profile: AwsProfile | undefined;
  /** All profiles from the AWS files (null when they could not be read). */
  profiles: AwsProfile[] | null;
  /** Shell env with the effective settings env on top: what Claude Code's process sees. */
  env: Readonly<Record<string, string | undefined>>;
  /** A tool's version (`claude`, `aws`): null when it is not on PATH. Read from its install path when that names it, else run once and cached. */
  toolVersion(cmd: 'claude' | 'aws'): Promise<ToolVersion | null>;
  /** The program's path on PATH, or null. */
  which(cmd: string): string | null;
  fileReadable(path: string): boolean;
  ssoToken(cacheKey: string): TokenClock;
  loginToken(loginSession: string): TokenClock & { exists: boolean };
  /** Claude Code's version (null when it is not installed, 'unknown' when it does not say). */
  claudeVersion(): Promise<string | null>;
  online: OnlineProbes | null;
  /** --region: the region the model and AWS checks use instead of the configured one. */
  regionOverride?: string;
  /** What setup knows when it decides awsAuthRefresh (where this tool is installed), so fixes suggest the same value. */
  refreshContext?: AuthRefreshContext;
}

/**
 * The awsAuthRefresh `claude-bedrock setup` (auto) would write for the profile Claude Code uses: its own login by
 * absolute path for SSO, `aws login` for login profiles; null when the profile has no login (keys, credential_process…).
 */
export function setupRefreshCommand(ctx: DoctorContext): string | null {
  const root = credentialRoot(ctx.profile, ctx.profiles);
  if (!ctx.profile || !root) return null;
  return decideAuthRefresh({ name: ctx.profileName, kind: root.kind }, 'auto', ctx.refreshContext ?? {}).command;
}

/** The settings files that set awsAuthRefresh, the one Claude Code uses first. */
export function refreshOrigins(ctx: DoctorContext): ValueOrigin[] {
  return candidates(ctx.snap, 'awsAuthRefresh').filter((o) => !!o.file);
}

export interface RefreshFix { fix: string; autoFix: FixAction[] }

/** Remove awsAuthRefresh from every settings file that sets it (doctor --fix does it, managed settings aside). */
export function removeRefresh(ctx: DoctorContext): RefreshFix {
  const origins = refreshOrigins(ctx);
  const editable = origins.filter((o) => o.source !== 'managed');
  const managed = origins.length > editable.length ? ' (managed settings: ask your administrator)' : '';
  return {
    fix: `remove "awsAuthRefresh" from ${origins.map((o) => o.file).join(' and ') || ctx.snap.userSettingsPath}${managed}${editable.length ? '   (claude-bedrock doctor --fix does it)' : ''}`,
    autoFix: editable.map((o): FixAction => ({ kind: 'auth-refresh', command: null, file: o.file! })),
  };
}

/** Set awsAuthRefresh to what setup would write, in the file that sets it now (else the user settings). */
export function setRefresh(ctx: DoctorContext, command: string): RefreshFix {
  const top = refreshOrigins(ctx)[0];
  const managed = top?.source === 'managed';
  return {
    fix: `${top ? 'set' : 'add'} "awsAuthRefresh": ${JSON.stringify(command)} ${top ? 'in' : 'to'} ${top?.file ?? ctx.snap.userSettingsPath}   (${managed ? 'managed settings: ask your administrator' : 'what claude-bedrock setup writes; claude-bedrock doctor --fix does it'})`,
    autoFix: managed ? [] : [{ kind: 'auth-refresh', command, file: top?.file ?? null }],
  };
}

/** The fix for a wrong awsAuthRefresh: setup's value for this profile, or none at all when it has no login. */
export function refreshFix(ctx: DoctorContext): RefreshFix {
  const want = setupRefreshCommand(ctx);
  return want ? setRefresh(ctx, want) : removeRefresh(ctx);
}

/** The region Bedrock is checked in: --region, else the one Claude Code is configured with. */
export function checkedRegion(ctx: DoctorContext): string {
  return ctx.regionOverride ?? ctx.report.region.value;
}

export const pass = (detail: string): DoctorOutcome => ({ status: 'pass', detail });
export const warn = (detail: string, fix: string, autoFix?: FixAction[]): DoctorOutcome => ({ status: 'warn', detail, fix, ...(autoFix?.length ? { autoFix } : {}) });
export const fail = (detail: string, fix: string, autoFix?: FixAction[]): DoctorOutcome => ({ status: 'fail', detail, fix, ...(autoFix?.length ? { autoFix } : {}) });

export function where(o: { source: string; file?: string }): string {
  return o.source === 'shell' ? 'your shell' : o.source === 'default' ? 'the default' : o.source === 'aws-profile' ? `the AWS profile (${o.file})` : `${o.source} settings ${o.file}`;
}

export interface ConfiguredModel {
  key: string;
  value: string;
  origin: ValueOrigin;
}

/** Every model setting Claude Code reads, with where it comes from. */
export function configuredModels(snap: SettingsSnapshot): ConfiguredModel[] {
  const out: ConfiguredModel[] = [];
  for (const key of [...MODEL_ENV_KEYS, 'model']) {
    const o = effectiveRaw(snap, key);
    if (o && typeof o.value === 'string' && o.value !== '') out.push({ key, value: o.value, origin: o });
  }
  return out;
}

/** The models Claude Code calls: the primary one and the one for background tasks (null: Claude Code's default). */
export function primaryAndBackground(snap: SettingsSnapshot): { primary: ConfiguredModel | null; background: ConfiguredModel | null } {
  const models = configuredModels(snap);
  const get = (k: string) => models.find((m) => m.key === k) ?? null;
  const primary = get('ANTHROPIC_MODEL') ?? get('model');
  // CLAUDE-CODE-BEDROCK §2b: background tasks use the Haiku pin, else the primary when one is chosen.
  const background = get('ANTHROPIC_DEFAULT_HAIKU_MODEL') ?? get('ANTHROPIC_SMALL_FAST_MODEL') ?? primary;
  return { primary, background };
}

/** The model ID as sent to Bedrock: Claude Code strips the `[1m]` suffix. */
export function wireModelId(id: string): string {
  return id.endsWith('[1m]') ? id.slice(0, -4) : id;
}

export function fmtTime(d: Date, now: Date): string {
  const ms = d.getTime() - now.getTime();
  const a = Math.abs(ms);
  const rel = a < 90_000 ? `${Math.round(a / 1000)} s` : a < 90 * 60_000 ? `${Math.round(a / 60_000)} min` : a < 48 * 3_600_000 ? `${(a / 3_600_000).toFixed(1)} h` : `${Math.round(a / 86_400_000)} days`;
  return `${d.toISOString().replace(/\.\d{3}Z$/, 'Z')} (${ms >= 0 ? `in ${rel}` : `${rel} ago`})`;
}

/** Split a command line the way a POSIX shell splits simple words (quotes honoured, no expansion). */
export function shellWords(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let any = false;
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < cmd.length) cur += cmd[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") { quote = ch; any = true; }
    else if (ch === '\\' && i + 1 < cmd.length) { cur += cmd[++i]; any = true; }
    else if (/\s/.test(ch)) { if (cur || any) out.push(cur); cur = ''; any = false; }
    else if (ch === ';' || ch === '&' || ch === '|') { if (cur || any) out.push(cur); out.push(ch); cur = ''; any = false; }
    else cur += ch;
  }
  if (cur || any) out.push(cur);
  return out;
}
