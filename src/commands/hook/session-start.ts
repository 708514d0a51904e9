// `claude-bedrock hook session-start`: Claude Code's SessionStart hook. Offline and fast (reads a handful of files, no
// AWS SDK, no JSON-with-comments parser on the happy path); warns about an expired or expiring SSO session, the legacy
// 8-hour SSO format and a broken Bedrock configuration. Prints nothing when all is well; never fails the session.
import path from 'node:path';
import type { CommandModule } from '../../command.js';
import type { Deps } from '../../deps.js';
import type { Output } from '../../io/output.js';
import { readUserFile } from '../../io/fs.js';
import { loadAwsFiles } from '../../io/aws-files.js';
import { localSettingsFile, managedSettingsFile, projectSettingsFile, userSettingsFile } from '../../core/paths.js';
import { bedrockFlag, MODEL_ENV_KEYS } from '../../core/claude-settings/keys.js';
import { checkConfiguredModel } from '../../core/models/ids.js';
import { credentialRoot, ssoCacheKey } from '../../core/diagnosis/checks/profile-root.js';
import { readLoginToken, readSsoToken } from '../../aws/sso-cache-read.js';
import { scrubSecrets } from '../../core/redact.js';
import { shellWord } from '../../core/sso/target.js';

/** SessionStart input (https://code.claude.com/docs/en/hooks): we only use cwd and source. */
interface HookInput {
  cwd?: string;
  source?: string;
}

export interface Warning {
  /** One line for the user (systemMessage). */
  message: string;
  fix: string;
}

export interface HookResult {
  warnings: Warning[];
}

const SOON_MS = 60 * 60_000;
const REGISTRATION_SOON_MS = 3 * 86_400_000;
const STDIN_WAIT_MS = 150;

/** The hook input on stdin, if any: never waits on a terminal, and gives up quickly on a pipe that stays open. */
export function readHookInput(deps: Pick<Deps, 'isTTY' | 'stdin'>): Promise<HookInput> {
  if (deps.isTTY.stdin) return Promise.resolve({});
  return new Promise((resolve) => {
    let text = '';
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      deps.stdin.off('data', onData);
      deps.stdin.off('end', done);
      deps.stdin.off('error', done);
      deps.stdin.pause?.();
      try {
        const v = JSON.parse(text) as unknown;
        resolve(v && typeof v === 'object' ? (v as HookInput) : {});
      } catch {
        resolve({});
      }
    };
    const onData = (d: Buffer | string) => { text += d; if (text.length > 1_000_000) done(); };
    // Given up one turn of the event loop later: timers run before I/O, so a process that was not scheduled for the
    // whole wait (a busy machine) would otherwise give up with Claude Code's input already in the pipe, unread.
    const timer = setTimeout(() => setImmediate(done), STDIN_WAIT_MS);
    timer.unref?.();
    deps.stdin.on('data', onData);
    deps.stdin.once('end', done);
    deps.stdin.once('error', done);
  });
}

interface Layer { file: string; value: Record<string, unknown> | null; broken: boolean }

function readSettings(file: string): Layer {
  try {
    const f = readUserFile(file);
    if (!f.exists || f.text.trim() === '') return { file, value: null, broken: false };
    const v = JSON.parse(f.text) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return { file, value: null, broken: true };
    const env = (v as Record<string, unknown>).env;
    if (env !== undefined && (typeof env !== 'object' || env === null || Array.isArray(env))) return { file, value: null, broken: true };
    return { file, value: v as Record<string, unknown>, broken: false };
  } catch {
    return { file, value: null, broken: true };
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Everything the hook finds, from files and the environment only. Throws nothing it does not catch itself. */
export async function sessionStartWarnings(deps: Deps, cwd: string): Promise<Warning[]> {
  const home = deps.home();
  const env = deps.env;
  const managed = managedSettingsFile(env, deps.platform);
  // Highest precedence first (managed drop-ins are read by the full engine when something looks wrong).
  const files = [managed, localSettingsFile(cwd), projectSettingsFile(cwd), userSettingsFile(env, home)];
  const layers = [...new Set(files.map((f) => path.resolve(f)))].map(readSettings);
  const envOf = (key: string): string | undefined => {
    for (const l of layers) {
      const e = l.value?.env as Record<string, unknown> | undefined;
      if (e && Object.prototype.hasOwnProperty.call(e, key)) return str(e[key]);
    }
    return env[key];
  };
  const setting = (key: string): string | undefined => {
    for (const l of layers) if (l.value && Object.prototype.hasOwnProperty.call(l.value, key)) return str(l.value[key]);
    return undefined;
  };

  const warnings: Warning[] = [];
  let suspect = layers.some((l) => l.broken);
  const on = bedrockFlag(envOf('CLAUDE_CODE_USE_BEDROCK'));
  if (!on.on) suspect = true;
  const models = [...MODEL_ENV_KEYS.map((k) => envOf(k)), setting('model')].filter((m): m is string => !!m);
  if (models.some((m) => !checkConfiguredModel(m).ok) && !bedrockFlag(envOf('CLAUDE_CODE_USE_MANTLE')).on) suspect = true;

  const credsElsewhere = !!envOf('AWS_BEARER_TOKEN_BEDROCK') || !!setting('awsCredentialExport') || bedrockFlag(envOf('CLAUDE_CODE_SKIP_BEDROCK_AUTH')).on || (!!envOf('AWS_ACCESS_KEY_ID') && !envOf('AWS_PROFILE'));
  const profileName = envOf('AWS_PROFILE') || 'default';
  if (!credsElsewhere) {
    let aws: ReturnType<typeof loadAwsFiles> | undefined;
    try {
      aws = loadAwsFiles({ ...deps, env: { ...env, ...pick(envOf, ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) } });
    } catch {
      suspect = true;
    }
    const profile = aws?.model.profiles.find((p) => p.name === profileName && p.sources.length > 0);
    if (aws && !profile) suspect = true;
    const root = credentialRoot(profile, aws?.model.profiles ?? null);
    if (root) warnings.push(...tokenWarnings(deps, home, profileName, root, setting('awsAuthRefresh')));
  }

  if (suspect) warnings.unshift(...(await configErrors({ ...deps, cwd }, on.on)));
  return warnings;
}

function pick(get: (k: string) => string | undefined, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) { const v = get(k); if (v) out[k] = v; }
  return out;
}

function when(d: Date, now: Date): string {
  const ms = d.getTime() - now.getTime();
  const a = Math.abs(ms);
  const t = a < 90 * 60_000 ? `${Math.max(1, Math.round(a / 60_000))} min` : a < 48 * 3_600_000 ? `${Math.round(a / 3_600_000)} h` : `${Math.round(a / 86_400_000)} days`;
  return ms >= 0 ? `in ${t}` : `${t} ago`;
}

function tokenWarnings(deps: Deps, home: string, profileName: string, root: NonNullable<ReturnType<typeof credentialRoot>>, refresh: string | undefined): Warning[] {
  const now = deps.now();
  const login = `claude-bedrock login --profile ${shellWord(profileName)}`;
  const auto = refresh ? ` (Claude Code will run awsAuthRefresh "${refresh}" when it needs credentials)` : '';
  const out: Warning[] = [];
  if (root.kind === 'login') {
    const t = readLoginToken(deps.env, home, root.loginSession ?? '');
    if (!t.exists || t.invalid) out.push({ message: `AWS profile ${profileName} has no aws login session on this machine${auto}.`, fix: `aws login --profile ${shellWord(profileName)}` });
    return out;
  }
  const key = ssoCacheKey(root);
  if (key === null) return out;
  if (root.kind === 'sso-legacy') {
    out.push({ message: `AWS profile ${root.name} uses the legacy SSO format: its session lasts about 8 hours and never refreshes.`, fix: `claude-bedrock sso migrate --profile ${shellWord(root.name)}` });
  }
  const t = readSsoToken(home, key);
  const refreshes = root.kind === 'sso-session' && t.refreshable;
  if (!t.exists || t.invalid || !t.accessTokenExpiresAt) {
    out.push({ message: `Not signed in to IAM Identity Center for AWS profile ${profileName}${auto}.`, fix: login });
  } else if (refreshes) {
    const reg = t.registrationExpiresAt;
    if (reg && reg.getTime() <= now.getTime()) out.push({ message: `The IAM Identity Center session of AWS profile ${profileName} can no longer refresh (client registration ended ${when(reg, now)})${auto}.`, fix: `${login} --force` });
    else if (reg && reg.getTime() - now.getTime() < REGISTRATION_SOON_MS) out.push({ message: `The IAM Identity Center session of AWS profile ${profileName} stops refreshing ${when(reg, now)}.`, fix: `${login} --force` });
  } else {
    const exp = t.accessTokenExpiresAt;
    if (exp.getTime() <= now.getTime()) out.push({ message: `The SSO session of AWS profile ${profileName} expired ${when(exp, now)}${auto}.`, fix: login });
    else if (exp.getTime() - now.getTime() < SOON_MS) out.push({ message: `The SSO session of AWS profile ${profileName} expires ${when(exp, now)} and cannot refresh.`, fix: login });
  }
  return out;
}

/** Something looks wrong: let the settings engine say exactly what (its errors only; warnings are for doctor). */
async function configErrors(deps: Deps, bedrockOn: boolean): Promise<Warning[]> {
  const [{ loadSettingsSnapshot }, { buildStatusReport }] = await Promise.all([import('../../io/claude-settings.js'), import('../../core/claude-settings/effective.js')]);
  const report = buildStatusReport(loadSettingsSnapshot(deps));
  const out = report.warnings.filter((w) => w.severity === 'error').map((w) => ({ message: w.message, fix: w.fix }));
  if (!bedrockOn && !out.some((w) => /CLAUDE_CODE_USE_BEDROCK/.test(w.message))) {
    out.unshift({ message: 'Claude Code is not set up to use Amazon Bedrock (CLAUDE_CODE_USE_BEDROCK is not on).', fix: 'claude-bedrock setup   (or /bedrock:setup)' });
  }
  return out;
}

/** Claude Code's SessionStart hook output: a line for the user, and context for Claude. */
export function hookOutput(warnings: Warning[]): Record<string, unknown> | null {
  if (!warnings.length) return null;
  const lines = warnings.map((w) => `${w.message} Fix: ${w.fix}`);
  return {
    systemMessage: `claude-bedrock: ${lines.join('\n')}`,
    hookSpecificOutput: {
      hookEventName: 'SessionStart',
      additionalContext: `Amazon Bedrock configuration check (claude-bedrock, offline):\n${lines.map((l) => `- ${l}`).join('\n')}\nIf Bedrock requests fail, suggest the fix above or /bedrock:doctor for a full diagnosis.`,
    },
  };
}

const HARD_LIMIT_MS = 2_000;

const command: CommandModule<Record<string, never>, HookResult> = {
  help: `Usage: claude-bedrock hook session-start

Claude Code SessionStart hook (the bedrock plugin installs it). Offline and fast: reads the settings files, the AWS
config and the SSO token cache, and warns about an expired or soon-expiring SSO session, the legacy 8-hour SSO
format, or a broken Bedrock configuration, as hook JSON on stdout ({"systemMessage", "hookSpecificOutput"}).
Prints nothing when all is well. Always exits 0: it never blocks or fails a session.`,
  parse: () => ({}),
  async run(_opts, deps) {
    try {
      const work = (async () => {
        const input = await readHookInput(deps);
        const cwd = typeof input.cwd === 'string' && path.isAbsolute(input.cwd) ? input.cwd : deps.cwd;
        return sessionStartWarnings(deps, cwd);
      })();
      const limit = new Promise<Warning[]>((resolve) => { const t = setTimeout(() => resolve([]), HARD_LIMIT_MS); t.unref?.(); });
      return { warnings: await Promise.race([work, limit]) };
    } catch (e) {
      // A bug here must not stop the user's session: say so once, quietly, and carry on.
      return { warnings: [{ message: `The claude-bedrock session check failed (${scrubSecrets(String((e as Error)?.message ?? e))}).`, fix: 'claude-bedrock doctor' }] };
    }
  },
  render(r: HookResult, out: Output) {
    const o = hookOutput(r.warnings);
    if (o) out.print(JSON.stringify(o));
  },
  toJson: (r) => hookOutput(r.warnings) ?? {},
};
export default command;

