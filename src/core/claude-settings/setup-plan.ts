// What `setup` writes and `reset` removes, and the offline checks that run before anything is written. Pure; the
// flag-driven command and the interactive wizard both build a SetupInput and go through here.
import { CliError, EXIT, type ErrorParts } from '../../errors.js';
import { shq } from '../../io/fs.js';
import { checkConfiguredModel, parseModelId } from '../models/ids.js';
import { geoFitsRegion, geosForRegion } from '../policy.js';
import { SETUP_MANAGED_PATHS, isAwsRegion } from './keys.js';
import type { ProfileInfo } from './effective.js';
import type { SettingsEditIntent } from './edit.js';

export type AuthRefreshMode = 'auto' | 'none' | 'aws-cli' | { command: string };

export interface SetupInput {
  profile: string;
  region: string;
  model: string;
  pins: { opus?: string; sonnet?: string; haiku?: string };
  authRefresh: AuthRefreshMode;
}

/** A flag value that can never work: exit 2, like any usage error, but with what / why / next. */
export class InvalidInputError extends CliError {
  override readonly exitCode = EXIT.usage;
  readonly flag: string;
  constructor(flag: string, parts: ErrorParts) {
    super({ code: 'invalid-input', ...parts });
    this.flag = flag;
  }
}

export const PIN_FLAGS = { opus: '--opus-model', sonnet: '--sonnet-model', haiku: '--haiku-model' } as const;
const PIN_KEYS = { opus: 'ANTHROPIC_DEFAULT_OPUS_MODEL', sonnet: 'ANTHROPIC_DEFAULT_SONNET_MODEL', haiku: 'ANTHROPIC_DEFAULT_HAIKU_MODEL' } as const;

/** Profile names the AWS SDK for JavaScript (and so Claude Code) can read: @smithy/shared-ini-file-loader's grammar. */
const JS_PROFILE_NAME = /^[\w\-@+.%:/]+$/;

/** Checks that need nothing but the input itself. Throws InvalidInputError naming the flag. */
export function checkSetupInput(input: SetupInput): string[] {
  const warnings: string[] = [];
  const p = input.profile;
  if (p === '' || /[\x00-\x1f\x7f]/.test(p)) {
    throw new InvalidInputError('--profile', { what: `--profile ${JSON.stringify(p)} is not a profile name: it is empty or contains a line break or control character.`, next: 'claude-bedrock profiles' });
  }
  if (!JS_PROFILE_NAME.test(p)) {
    throw new InvalidInputError('--profile', {
      what: `--profile ${JSON.stringify(p)} cannot be used by Claude Code.`,
      why: 'Claude Code reads profiles with the AWS SDK for JavaScript, which only accepts names made of letters, digits and - _ @ + . % : /.',
      next: 'claude-bedrock profiles',
    });
  }
  if (!isAwsRegion(input.region)) {
    throw new InvalidInputError('--region', {
      what: `--region ${JSON.stringify(input.region)} is not an AWS region name.`,
      why: 'Region names look like us-west-2, eu-central-1 or us-gov-west-1; Claude Code treats anything else as unset and falls back to us-east-1.',
      next: `claude-bedrock setup --profile ${shq(p)} --region us-west-2 --model ${shq(input.model)}`,
    });
  }
  const models: [string, string][] = [['--model', input.model], ...(Object.keys(PIN_FLAGS) as (keyof typeof PIN_FLAGS)[]).filter((k) => input.pins[k] !== undefined).map((k) => [PIN_FLAGS[k], input.pins[k]!] as [string, string])];
  for (const [flag, id] of models) {
    const r = checkConfiguredModel(id);
    const list = `claude-bedrock models --profile ${shq(p)} --region ${input.region}`;
    if (!r.ok) {
      const raw = r.parsed.kind === 'foundation-model' ? r.parsed.foundationModel : undefined;
      throw new InvalidInputError(flag, {
        what: `${flag}: ${r.reason}`,
        // Which inference profiles contain a model (global., us., eu., ...) depends on the model and the region: only
        // AWS's list says, so the next step asks it rather than guessing a prefix.
        why: raw ? `Claude Code sends this ID to Bedrock as-is; which inference profiles contain ${raw} (global. or a geography's) only AWS's list for ${input.region} tells.` : 'Claude Code sends this ID to Bedrock as-is.',
        next: raw ? `${list} --map ${shq(raw)}   # prints the IDs that contain it and the setup command` : r.suggestion ? `use ${flag} ${shq(r.suggestion)}  (list the IDs your account can use: ${list})` : list,
      });
    }
    const parsed = parseModelId(id);
    if ((parsed.kind === 'inference-profile' || parsed.kind === 'inference-profile-arn') && parsed.geo && parsed.knownGeo !== false && !geoFitsRegion(parsed.geo, input.region)) {
      const fits = geosForRegion(input.region);
      throw new InvalidInputError(flag, {
        what: `${flag} ${id} has the "${parsed.geo}." prefix, which cannot be called from ${input.region}.`,
        why: `Bedrock answers "The provided model identifier is invalid": ${input.region} takes ${fits.map((g) => `${g}.`).join(', ') || 'no cross-region prefix'}.`,
        next: parsed.foundationModel ? `${list} --map ${shq(parsed.foundationModel)}   # the IDs ${input.region} lists for it` : list,
      });
    }
    if (r.warning) warnings.push(`${flag}: ${r.warning}`);
  }
  if (typeof input.authRefresh === 'object') {
    const c = input.authRefresh.command;
    if (c.trim() === '' || /[\x00-\x1f\x7f]/.test(c)) {
      throw new InvalidInputError('--auth-refresh', { what: `--auth-refresh ${JSON.stringify(c)} is empty or contains a line break.`, why: 'Claude Code runs it as one shell command line.', next: 'use --auth-refresh auto, none, aws-cli or a one-line command' });
    }
  }
  return warnings;
}

/** The profile must exist in the AWS files and be visible to the AWS SDK for JavaScript. */
export function checkSetupProfile(name: string, profiles: ProfileInfo[], invisible: (p: ProfileInfo) => string | undefined): ProfileInfo {
  const real = profiles.filter((p) => p.sources.length > 0);
  const found = real.find((p) => p.name === name);
  if (!found) {
    throw new CliError({
      what: `AWS profile ${JSON.stringify(name)} does not exist.`,
      why: real.length ? `The AWS config and credentials files define: ${real.map((p) => p.name).join(', ')}.` : 'The AWS config and credentials files define no profiles.',
      next: 'claude-bedrock profiles',
      code: 'profile-not-found',
    });
  }
  const hidden = invisible(found);
  if (hidden) throw new CliError({ what: `Claude Code cannot see AWS profile ${JSON.stringify(name)}.`, why: 'It reads profiles with the AWS SDK for JavaScript, which does not read this section as written.', next: hidden, code: 'profile-invisible' });
  return found;
}

export interface AuthRefreshDecision {
  command: string | null;
  /** Why that command (or none), for the user. */
  reason: string;
  /**
   * No command, and none is wanted: an awsAuthRefresh already in the file (left by a setup for another profile, or
   * from before --auth-refresh none) is removed. Unset when the tool cannot tell (assume-role, unknown kinds).
   */
  remove?: boolean;
}

/** What decideAuthRefresh may know about this machine (setup passes it; --print, for other machines, does not). */
export interface AuthRefreshContext {
  /** Absolute node binary and our entry script: `auto` then writes claude-bedrock's own login for SSO profiles. */
  self?: { node: string; script: string };
  /** The AWS CLI on PATH (null: none). When given, `aws-cli` is refused for an AWS CLI that cannot sign in. */
  awsCli?: { raw: string; major: number; minor: number } | null;
}

function awsCliCannotSsoLogin(cli: AuthRefreshContext['awsCli'], kind: string): string | undefined {
  if (cli === undefined) return undefined;
  if (cli === null) return 'the AWS CLI (aws) is not on PATH';
  if (cli.major < 2) return `the AWS CLI on PATH is version ${cli.raw}, which has no \`aws sso login\` (SSO login is AWS CLI v2 only)`;
  if (kind === 'sso-session' && cli.major === 2 && cli.minor < 9) return `AWS CLI ${cli.raw} cannot sign in to sso-session profiles (that needs 2.9 or later)`;
  return undefined;
}

/** Profile kinds whose credentials renew without any login (so no awsAuthRefresh belongs to them). */
export function renewsWithoutLogin(kind: string): boolean {
  return ['static', 'credential-process', 'web-identity', 'env'].includes(kind);
}

/**
 * The one place that decides `awsAuthRefresh`. SSO profiles refresh with claude-bedrock's own login when setup knows
 * where this tool is installed (absolute node + script, so it runs whatever PATH Claude Code has), else — or with
 * `aws-cli` — `aws sso login`; `aws login` profiles with `aws login`; keys, credential_process and web identity renew
 * without a browser.
 */
export function decideAuthRefresh(profile: { name: string; kind: string }, mode: AuthRefreshMode, ctx: AuthRefreshContext = {}): AuthRefreshDecision {
  if (mode === 'none') return { command: null, reason: '--auth-refresh none', remove: true };
  if (typeof mode === 'object') return { command: mode.command, reason: 'the command given with --auth-refresh' };
  const q = shq(profile.name);
  switch (profile.kind) {
    case 'sso-session':
    case 'sso-legacy': {
      if (mode === 'auto' && ctx.self) {
        return { command: `${shq(ctx.self.node)} ${shq(ctx.self.script)} login --profile ${q}`, reason: `profile ${profile.name} signs in through IAM Identity Center with claude-bedrock login (no AWS CLI needed; one sign-in for concurrent Claude Code sessions)` };
      }
      const problem = mode === 'aws-cli' ? awsCliCannotSsoLogin(ctx.awsCli, profile.kind) : undefined;
      if (problem) {
        throw new InvalidInputError('--auth-refresh', { what: `--auth-refresh aws-cli cannot work for profile ${JSON.stringify(profile.name)}: ${problem}.`, why: 'Claude Code would run `aws sso login` when the credentials expire, and it would fail.', next: 'use --auth-refresh auto (claude-bedrock login: no AWS CLI needed)' });
      }
      return { command: `aws sso login --profile ${q}`, reason: `profile ${profile.name} signs in through IAM Identity Center` };
    }
    case 'login':
      return { command: `aws login --profile ${q}`, reason: `profile ${profile.name} signs in with aws login` };
  }
  const why = {
    static: 'it uses long-term access keys, which do not expire',
    'credential-process': 'its credential_process renews the credentials itself',
    'web-identity': 'its web identity token is renewed outside Claude Code',
    env: 'it uses keys from the environment',
    'assume-role': 'an assume-role profile renews from its source profile; pass that profile\'s login command with --auth-refresh',
  }[profile.kind] ?? `its kind (${profile.kind}) has no known login command`;
  if (mode === 'aws-cli') {
    throw new InvalidInputError('--auth-refresh', { what: `--auth-refresh aws-cli does not apply to profile ${JSON.stringify(profile.name)}: ${why}.`, next: 'use --auth-refresh auto or none, or give the command to run' });
  }
  // A refresh command left in the file could only run a stranger's login.
  return { command: null, reason: `no awsAuthRefresh: ${why}`, ...(renewsWithoutLogin(profile.kind) ? { remove: true } : {}) };
}

/**
 * The settings `setup` writes (merged into the file: nothing else is touched). Never any secret. A profile that needs
 * no refresh command (or --auth-refresh none) also removes an awsAuthRefresh the file holds.
 */
export function setupIntent(input: SetupInput, refresh: AuthRefreshDecision): SettingsEditIntent & { set: Record<string, string> } {
  const set: Record<string, string> = {
    'env.CLAUDE_CODE_USE_BEDROCK': '1',
    'env.AWS_PROFILE': input.profile,
    'env.AWS_REGION': input.region,
    'env.ANTHROPIC_MODEL': input.model,
  };
  for (const k of ['opus', 'sonnet', 'haiku'] as const) if (input.pins[k] !== undefined) set[`env.${PIN_KEYS[k]}`] = input.pins[k]!;
  if (refresh.command) set.awsAuthRefresh = refresh.command;
  return refresh.command === null && refresh.remove ? { set, unset: ['awsAuthRefresh'] } : { set };
}

/**
 * What `reset` removes: exactly the keys setup manages. An `env` object that this removal leaves empty goes too
 * (it held nothing but setup's keys); an `env` that was already empty, and every other key, stays.
 */
export function resetIntent(): SettingsEditIntent {
  return { unset: [...SETUP_MANAGED_PATHS], pruneEmptied: true };
}
