// The environment Claude Code runs with (shell env overlaid by the effective settings `env`), and from it the
// credentials source and region an online command uses when no flag says otherwise. No SDK here.
import type { Deps } from '../deps.js';
import { CliError } from '../errors.js';
import { loadSettingsSnapshot } from '../io/claude-settings.js';
import { effectiveRaw, resolveRegion, type ResolvedRegion, type SettingsSnapshot } from '../core/claude-settings/effective.js';
import { BEDROCK_ENV_KEYS, bedrockFlag, isAwsRegion } from '../core/claude-settings/keys.js';
import { defaultAuthSource, type AuthSource } from './credentials.js';

/** Settings `env` keys that change how AWS calls are made (beyond the Bedrock keys the settings engine tracks). */
const EXTRA_ENV_KEYS = [
  'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE',
  'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'AWS_CA_BUNDLE', 'NODE_EXTRA_CA_CERTS',
  'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_ENDPOINT_URL_BEDROCK', 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
];

export interface OnlineContext {
  /** Deps whose env is what Claude Code would see. */
  deps: Deps;
  snapshot: SettingsSnapshot;
  source: AuthSource;
  /** Where the source was chosen from, for people: "--profile", "AWS_PROFILE in user settings (…)". */
  sourceOrigin: string;
  region: ResolvedRegion | { value: string; source: 'flag' };
  /** ANTHROPIC_BEDROCK_BASE_URL: Claude Code sends Bedrock traffic there. */
  bedrockBaseUrl?: string;
}

/** Shell env + settings env, as Claude Code applies them ("" in a settings file cancels a shell value). */
export function claudeCodeEnv(deps: Deps, snap: SettingsSnapshot): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...deps.env };
  for (const key of [...BEDROCK_ENV_KEYS, ...EXTRA_ENV_KEYS]) {
    const o = effectiveRaw(snap, key);
    if (!o || o.source === 'shell') continue;
    if (typeof o.value !== 'string' || o.value === '') delete env[key];
    else env[key] = o.value;
  }
  return env;
}

function origin(snap: SettingsSnapshot, key: string): string {
  const o = effectiveRaw(snap, key);
  if (!o) return 'default';
  return o.source === 'shell' ? `${key} in your shell` : `${key} in ${o.source} settings ${o.file}`;
}

export function onlineContext(deps: Deps, flags: { profile?: string; region?: string }): OnlineContext {
  if (flags.region !== undefined && !isAwsRegion(flags.region)) {
    throw new CliError({ what: `--region ${JSON.stringify(flags.region)} is not an AWS region name (like us-west-2).`, next: 'claude-bedrock regions  # lists the Bedrock regions', code: 'usage' });
  }
  const snapshot = loadSettingsSnapshot(deps);
  const env = claudeCodeEnv(deps, snapshot);
  const runDeps: Deps = { ...deps, env };
  let source: AuthSource;
  let sourceOrigin: string;
  if (flags.profile) {
    source = { kind: 'profile', profile: flags.profile };
    sourceOrigin = '--profile';
  } else {
    if (bedrockFlag(env.CLAUDE_CODE_SKIP_BEDROCK_AUTH).on) {
      throw new CliError({
        what: 'CLAUDE_CODE_SKIP_BEDROCK_AUTH is on: Claude Code sends unsigned requests (a gateway signs them).',
        why: 'claude-bedrock cannot test what the gateway does with them.',
        next: 'pass --profile <name> to test AWS directly',
        code: 'skip-auth',
      });
    }
    const exportCmd = effectiveRaw(snapshot, 'awsCredentialExport');
    // Claude Code's order: a Bedrock API key, then awsCredentialExport (run even when the default chain works), then the SDK chain.
    source = !env.AWS_BEARER_TOKEN_BEDROCK && typeof exportCmd?.value === 'string' && exportCmd.value.trim() ? { kind: 'export', command: exportCmd.value } : defaultAuthSource(env);
    sourceOrigin =
      source.kind === 'export' ? `awsCredentialExport in ${exportCmd!.source} settings ${exportCmd!.file}`
      : source.kind === 'bearer' ? origin(snapshot, 'AWS_BEARER_TOKEN_BEDROCK')
      : source.kind === 'env' ? origin(snapshot, 'AWS_ACCESS_KEY_ID')
      : env.AWS_PROFILE ? origin(snapshot, 'AWS_PROFILE') : 'the default profile (AWS_PROFILE is not set)';
  }
  const profileName = source.kind === 'profile' ? source.profile : undefined;
  const info = snapshot.profiles?.find((p) => p.name === profileName);
  const region = flags.region ? { value: flags.region, source: 'flag' as const } : resolveRegion(snapshot, info);
  const base = env.ANTHROPIC_BEDROCK_BASE_URL;
  return { deps: runDeps, snapshot, source, sourceOrigin, region, ...(base ? { bedrockBaseUrl: base } : {}) };
}
