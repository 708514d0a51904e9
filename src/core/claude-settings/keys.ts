// The Claude Code settings keys this tool reads and writes, and how Claude Code interprets their values. Pure.

/** Environment variables that decide how Claude Code reaches Bedrock (CLAUDE-CODE-BEDROCK.md §2a–2c). */
export const BEDROCK_ENV_KEYS = [
  'CLAUDE_CODE_USE_BEDROCK',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'ANTHROPIC_MODEL',
  'ANTHROPIC_DEFAULT_OPUS_MODEL',
  'ANTHROPIC_DEFAULT_SONNET_MODEL',
  'ANTHROPIC_DEFAULT_HAIKU_MODEL',
  'ANTHROPIC_SMALL_FAST_MODEL',
  'ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION',
  'ANTHROPIC_BEDROCK_BASE_URL',
  'CLAUDE_CODE_SKIP_BEDROCK_AUTH',
  'ANTHROPIC_BEDROCK_REGION_PREFIX',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_ACCESS_KEY_ID',
  'MAX_THINKING_TOKENS',
  'CLAUDE_CODE_MAX_OUTPUT_TOKENS',
  'DISABLE_PROMPT_CACHING',
] as const;

/** Top-level settings keys (not environment variables) that matter for Bedrock. */
export const BEDROCK_SETTINGS_KEYS = ['awsAuthRefresh', 'awsCredentialExport', 'model'] as const;

export type BedrockEnvKey = (typeof BEDROCK_ENV_KEYS)[number];
export type BedrockSettingsKey = (typeof BEDROCK_SETTINGS_KEYS)[number];
export type EffectiveKey = BedrockEnvKey | BedrockSettingsKey;

/** Never shown: only "present". */
export const HIDDEN_KEYS: readonly string[] = ['AWS_BEARER_TOKEN_BEDROCK'];
/** Shown as a fingerprint (`AKIA…WXYZ`). */
export const FINGERPRINT_KEYS: readonly string[] = ['AWS_ACCESS_KEY_ID'];
/** Secrets that must never be written into a settings file by this tool, and are flagged when found in shared files. */
export const SECRET_ENV_KEYS: readonly string[] = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_BEARER_TOKEN_BEDROCK', 'ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'];

export const MODEL_ENV_KEYS = ['ANTHROPIC_MODEL', 'ANTHROPIC_DEFAULT_OPUS_MODEL', 'ANTHROPIC_DEFAULT_SONNET_MODEL', 'ANTHROPIC_DEFAULT_HAIKU_MODEL', 'ANTHROPIC_SMALL_FAST_MODEL'] as const;

/**
 * Exactly the key paths `setup` writes and `reset` removes. Anything else in the file belongs to the user.
 * Order is the order setup adds them in.
 */
export const SETUP_MANAGED_PATHS = [
  'env.CLAUDE_CODE_USE_BEDROCK',
  'env.AWS_PROFILE',
  'env.AWS_REGION',
  'env.ANTHROPIC_MODEL',
  'env.ANTHROPIC_DEFAULT_OPUS_MODEL',
  'env.ANTHROPIC_DEFAULT_SONNET_MODEL',
  'env.ANTHROPIC_DEFAULT_HAIKU_MODEL',
  // Written by `setup --auth api-key`.
  'env.AWS_BEARER_TOKEN_BEDROCK',
  'awsAuthRefresh',
] as const;

/**
 * How Claude Code reads CLAUDE_CODE_USE_BEDROCK, as its 2.1.332 binary does: String(value).toLowerCase().trim() in
 * 1/true/yes/on is on, 0/false/no/off or "" is off; anything else is simply not on. Settings `env` values that are
 * not strings are converted with String() first (1 → "1"), though v2.1.94 crashed on them (anthropics/claude-code#45494).
 * The docs only list 1/true and 0/false; "1" is the canonical value.
 */
export function bedrockFlag(value: unknown): { on: boolean; canonical: boolean; problem?: 'not-string' | 'unrecognized' } {
  if (value === undefined) return { on: false, canonical: true };
  const s = String(value).toLowerCase().trim();
  const on = ['1', 'true', 'yes', 'on'].includes(s);
  const off = ['', '0', 'false', 'no', 'off'].includes(s);
  if (typeof value !== 'string') return { on, canonical: false, problem: 'not-string' };
  if (!on && !off) return { on: false, canonical: false, problem: 'unrecognized' };
  return { on, canonical: on ? value === '1' : true };
}

/**
 * An AWS region name, as botocore's partitions define them (partitions.json `regionRegex`), with the middle word
 * narrowed from `\w+` to what every region of every partition uses — a compass direction or "central" — so a typo
 * like us-wst-2 is caught while regions AWS adds later still pass: us-east-1, eu-central-2, us-gov-west-1,
 * cn-northwest-1, us-iso-east-1, eu-isoe-west-1, eusc-de-east-1...
 */
const REGION_RE = /^(?:us|eu|ap|sa|ca|me|af|il|mx|cn|us-gov|us-iso|us-isob|us-isof|eu-isoe|eusc-de)-(?:(?:north|south)?(?:east|west)|north|south|central)-\d+$/;

export function isAwsRegion(value: string): boolean {
  return REGION_RE.test(value);
}
