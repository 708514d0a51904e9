// `claude-bedrock setup`: merge the Bedrock settings into one Claude Code settings file, as one undoable change set.
import path from 'node:path';
import type { CommandModule, Scope } from '../command.js';
import type { Deps } from '../deps.js';
import type { Output } from '../io/output.js';
import { CliError, UsageError } from '../errors.js';
import { applyChangeSet, type ApplyResult } from '../io/changeset.js';
import { shq } from '../io/fs.js';
import { loadSettingsSnapshot, settingsFileForScope } from '../io/claude-settings.js';
import { planSettingsEdit } from '../core/claude-settings/edit.js';
import { parseSettingsText } from '../core/claude-settings/parse.js';
import { candidates, configWarnings, withFileText, type ConfigWarning, type SettingsSnapshot } from '../core/claude-settings/effective.js';
import {
  checkSetupInput, checkSetupProfile, decideAuthRefresh, setupIntent,
  type AuthRefreshDecision, type AuthRefreshMode, type SetupInput,
} from '../core/claude-settings/setup-plan.js';
import { EXTRA_HELP, EXTRA_OPTIONS, extrasExitCode, extrasToJson, isExtras, parseExtraFlags, renderExtras, wantsExtras, type ExtraFlags, type ExtrasResult } from './setup/extras.js';

export interface SetupOptions {
  profile?: string;
  region?: string;
  model?: string;
  pins: SetupInput['pins'];
  authRefresh: AuthRefreshMode;
  scope: Scope;
  dryRun: boolean;
  /** The wizard, --print and --auth api-key (src/commands/setup/). */
  extras: ExtraFlags;
}

/** A value this setup wrote that a higher-precedence layer overrides, so Claude Code will not use it. */
export interface Shadowed {
  key: string;
  by: { source: string; file?: string; value: unknown };
}

export interface SetupResult extends ApplyResult {
  scope: Scope;
  file: string;
  /** Key paths written and their values (setup never writes secrets). */
  settings: Record<string, string>;
  /** Keys this setup removed from the file, with the value they had (a stale awsAuthRefresh). */
  removed: { key: string; value: unknown }[];
  authRefresh: AuthRefreshDecision;
  shadowed: Shadowed[];
  /** The configuration's warnings after the change. */
  warnings: ConfigWarning[];
  notes: string[];
}

const REQUIRED = [['profile', '--profile <aws-profile>'], ['region', '--region <aws-region>'], ['model', '--model <inference-profile-id>']] as const;

export function parseAuthRefresh(v: string | undefined): AuthRefreshMode {
  if (v === undefined || v === 'auto') return 'auto';
  if (v === 'none' || v === 'aws-cli') return v;
  return { command: v };
}

/** New user and local settings files are private (0600); project and managed files are read by others. */
export function isPrivateScope(scope: Scope): boolean {
  return scope === 'user' || scope === 'local';
}

export function shadowedAfter(after: SettingsSnapshot, file: string, keys: string[]): Shadowed[] {
  const out: Shadowed[] = [];
  for (const keyPath of keys) {
    const key = keyPath.startsWith('env.') ? keyPath.slice(4) : keyPath;
    const top = candidates(after, key)[0];
    if (top && top.source !== 'shell' && top.file && path.resolve(top.file) !== path.resolve(file)) {
      out.push({ key, by: { source: top.source, file: top.file, value: top.value } });
    }
  }
  return out;
}

/** Validate offline, then write (or preview) the settings. Used by the flag-driven command and the wizard. */
export async function executeSetup(deps: Deps, input: SetupInput, opts: { scope: Scope; dryRun: boolean }): Promise<SetupResult> {
  const notes = checkSetupInput(input);
  const file = settingsFileForScope(deps, opts.scope);
  const snap = loadSettingsSnapshot(deps);
  if (snap.profiles === null) {
    const issue = snap.awsIssues?.[0];
    throw new CliError({ what: issue?.message ?? 'The AWS config files could not be read.', why: `setup checks that profile ${JSON.stringify(input.profile)} exists before writing anything; nothing was written.`, next: issue?.fix ?? 'claude-bedrock profiles', code: 'aws-config-unreadable' });
  }
  const profile = checkSetupProfile(input.profile, snap.profiles, (p) => {
    const src = p.sources[0];
    return snap.awsIssues?.find((i) => i.code === 'sdk-profile-invisible' && src && i.file === src.file && i.line === src.line)?.fix;
  });
  // Where this tool is installed (for its own login) and, for --auth-refresh aws-cli, whether the AWS CLI can sign in.
  const { authRefreshContext } = await import('../aws/sso/aws-cli.js');
  const refresh = decideAuthRefresh(profile, input.authRefresh, await authRefreshContext(deps, input.authRefresh, opts.scope));
  const intent = setupIntent(input, refresh);

  let afterText: string | undefined;
  let removed: SetupResult['removed'] = [];
  const applied = await applyChangeSet(deps, {
    command: `setup --scope ${opts.scope}`,
    files: [{ path: file, secret: isPrivateScope(opts.scope) }],
    dryRun: opts.dryRun,
    plan(current) {
      const cur = current.get(file)!;
      afterText = planSettingsEdit(cur.exists ? cur.text : '', intent, file);
      const was = cur.exists ? parseSettingsText(cur.text, file).value : {};
      removed = (intent.unset ?? []).filter((k) => k in was).map((key) => ({ key, value: was[key] }));
      return [{ path: file, after: afterText }];
    },
  });
  const after = withFileText(snap, file, afterText!);
  return {
    ...applied,
    scope: opts.scope,
    file,
    settings: intent.set,
    removed,
    authRefresh: refresh,
    shadowed: shadowedAfter(after, file, Object.keys(intent.set)),
    warnings: configWarnings(after),
    notes,
  };
}

function requireInputs(opts: SetupOptions, deps: Deps): SetupInput {
  const missing = REQUIRED.filter(([k]) => opts[k] === undefined);
  if (missing.length > 0) {
    const interactive = deps.isTTY.stdin && deps.isTTY.stdout;
    const why = interactive
      ? 'setup needs every choice as a flag here.'
      : 'stdin/stdout is not a terminal, so setup cannot ask and needs every choice as a flag (or --yes for automatic choices).';
    throw new UsageError(
      `Missing ${missing.map(([, f]) => f.split(' ')[0]).join(', ')}. ${why}`,
      `claude-bedrock setup ${REQUIRED.map(([k, f]) => (opts[k] !== undefined && !/[\x00-\x1f]/.test(opts[k]!) ? `--${k} ${shq(opts[k]!)}` : f)).join(' ')}   (see your profiles: claude-bedrock profiles)`,
    );
  }
  return { profile: opts.profile!, region: opts.region!, model: opts.model!, pins: opts.pins, authRefresh: opts.authRefresh };
}

export function renderWarnings(warnings: ConfigWarning[], out: Output): void {
  for (const w of warnings) {
    out.note(`${w.severity === 'error' ? out.red('error') : out.yellow('warning')}: ${w.message}`);
    out.note(`  fix: ${w.fix}`);
  }
}

const command: CommandModule<SetupOptions, SetupResult | ExtrasResult> = {
  help: `Usage: claude-bedrock setup --profile <name> --region <region> --model <id> [flags]

Writes the Claude Code settings for Amazon Bedrock into one settings file, merged with what is there: only the
keys below are added or changed, every other byte of the file stays as it is. One change set: undo with
'claude-bedrock undo'. Everything is checked offline first; on any problem nothing is written.

Writes: env.CLAUDE_CODE_USE_BEDROCK "1", env.AWS_PROFILE, env.AWS_REGION, env.ANTHROPIC_MODEL,
        env.ANTHROPIC_DEFAULT_{OPUS,SONNET,HAIKU}_MODEL (the pins you give), awsAuthRefresh.
Never writes access keys, secrets or tokens (only the Bedrock API key you ask for with --auth api-key).

Flags:
  --profile <name>         AWS profile Claude Code uses (must exist: claude-bedrock profiles)
  --region <region>        AWS region, e.g. us-west-2
  --model <id>             inference-profile ID (global.anthropic.claude-...), app-profile ARN or alias;
                           append [1m] for the 1M-token context window
  --opus-model <id>, --sonnet-model <id>, --haiku-model <id>
                           pin what the opus / sonnet / haiku aliases (and background tasks) use
  --auth-refresh <mode>    auto (default): claude-bedrock login (else, and in project and managed files, which
                           others read: aws sso login) for SSO profiles, aws login for login profiles, nothing
                           for keys; none; aws-cli (fail if the profile has no AWS CLI login); or a command to
                           run. With none, or a profile that needs no refresh (keys, credential_process, web
                           identity), an awsAuthRefresh already in the file is removed
  --scope <scope>          user (default: ~/.claude/settings.json), project (.claude/settings.json),
                           local (.claude/settings.local.json) or managed (managed-settings.json)
  --dry-run                print the diff, write nothing
  --json                   {changes[{file, diff}], backup, undoId, ...}
  --yes                    take every default instead of asking (see below)${EXTRA_HELP}`,
  globals: ['profile', 'region', 'scope', 'dry-run'],
  options: {
    model: { type: 'string' },
    'opus-model': { type: 'string' },
    'sonnet-model': { type: 'string' },
    'haiku-model': { type: 'string' },
    'auth-refresh': { type: 'string' },
    ...EXTRA_OPTIONS,
  },
  parse({ values, global }) {
    const s = (k: string) => values[k] as string | undefined;
    return {
      profile: global.profile,
      region: global.region,
      model: s('model'),
      pins: {
        ...(s('opus-model') !== undefined ? { opus: s('opus-model') } : {}),
        ...(s('sonnet-model') !== undefined ? { sonnet: s('sonnet-model') } : {}),
        ...(s('haiku-model') !== undefined ? { haiku: s('haiku-model') } : {}),
      },
      authRefresh: parseAuthRefresh(s('auth-refresh')),
      scope: global.scope ?? 'user',
      dryRun: global.dryRun,
      extras: parseExtraFlags(values, global),
    };
  },
  async run(opts, deps, out) {
    const missing = REQUIRED.some(([k]) => opts[k] === undefined);
    if (wantsExtras(opts.extras, missing, deps)) return (await import('./setup/run-extras.js')).runExtras(opts, deps, out);
    return executeSetup(deps, requireInputs(opts, deps), { scope: opts.scope, dryRun: opts.dryRun });
  },
  exitCode: (r) => (isExtras(r) ? extrasExitCode(r) : 0),
  toJson: (r) => (isExtras(r) ? extrasToJson(r, (s) => command.toJson!(s as SetupResult) as Record<string, unknown>) : {
    changes: r.changes,
    backup: r.backup,
    undoId: r.undoId,
    dryRun: r.dryRun,
    scope: r.scope,
    file: r.file,
    settings: r.settings,
    removed: r.removed ?? [],
    awsAuthRefresh: r.authRefresh.command,
    shadowed: r.shadowed,
    warnings: r.warnings,
    notes: r.notes,
  }),
  render(r, out) {
    if (isExtras(r)) return renderExtras(r, out, (s) => command.render(s as SetupResult, out));
    if (r.changes.length === 0) {
      out.print(`No change: ${r.file} already has these settings.`);
    } else if (r.dryRun) {
      for (const c of r.changes) out.print(c.diff.trimEnd());
      out.note('Dry run: nothing was written.');
    } else {
      out.print(`${r.changes[0]!.created ? 'Created' : 'Updated'} ${r.file} (${r.scope} settings):`);
      const w = Math.max(...Object.keys(r.settings).map((k) => k.length));
      for (const [k, v] of Object.entries(r.settings)) out.print(`  ${k.padEnd(w)}  ${JSON.stringify(v)}`);
      for (const x of r.removed ?? []) out.print(`  ${x.key.padEnd(w)}  removed (was ${JSON.stringify(x.value)})`);
      out.print(`Backup: ${r.backup}`);
      out.print('Undo:   claude-bedrock undo');
    }
    out.note(r.authRefresh.command ? `awsAuthRefresh: ${r.authRefresh.reason}.` : `${r.authRefresh.reason}.`);
    const gone = (r.removed ?? []).find((x) => x.key === 'awsAuthRefresh');
    // A written change lists the removal with the keys above; a dry run only has the diff.
    if (gone && r.dryRun) out.note(`Would remove awsAuthRefresh ${JSON.stringify(gone.value)} from ${r.file}.`);
    for (const n of r.notes) out.note(`warning: ${n}`);
    for (const s of r.shadowed) {
      out.note(`${out.yellow('warning')}: ${s.key} is also set in ${s.by.source} settings ${s.by.file}, which takes precedence: Claude Code will not use the value written here.`);
      out.note(`  fix: remove "${s.key}" from ${s.by.file}, or run setup with --scope ${s.by.source}`);
    }
    renderWarnings(r.warnings, out);
    if (!r.dryRun && r.changes.length > 0) out.note('Start a new Claude Code session to use it (settings are read at launch). Check with: claude-bedrock test (a 1-token call to each model)');
  },
};
export default command;

