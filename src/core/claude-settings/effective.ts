// The configuration Claude Code will actually run with: every settings layer and the shell, merged by Claude Code's
// precedence, each value with the layer it comes from, plus the warnings a user needs to act on. Pure.
import { fingerprint } from '../redact.js';
import { shellWord } from '../sso/target.js';
import { checkConfiguredModel, parseModelId, type ModelIdKind } from '../models/ids.js';
import { parseSettingsText, type ParsedSettings } from './parse.js';
import {
  BEDROCK_ENV_KEYS, BEDROCK_SETTINGS_KEYS, FINGERPRINT_KEYS, HIDDEN_KEYS, MODEL_ENV_KEYS, SECRET_ENV_KEYS,
  bedrockFlag, isAwsRegion, type EffectiveKey,
} from './keys.js';

export type SettingsLayer = 'managed' | 'local' | 'project' | 'user';
export type ValueSource = SettingsLayer | 'shell' | 'default';

/** One settings file as read from disk. Managed settings may be several files (the base and its drop-ins). */
export interface LayerFile {
  layer: SettingsLayer;
  path: string;
  exists: boolean;
  /** Present when the file exists and could be read. */
  parsed?: ParsedSettings;
  /** Present when the file exists but cannot be read (a directory, permissions, not UTF-8, a BOM...). */
  readError?: { message: string; fix: string };
}

/** What this engine needs to know about an AWS profile (structurally an AwsProfile). */
export interface ProfileInfo {
  name: string;
  kind: string;
  region?: string;
  refreshable: boolean;
  sources: { file: string; line: number }[];
}

export interface SettingsSnapshot {
  /** In precedence order: managed (base, then drop-ins A→Z), local, project, user. */
  files: LayerFile[];
  shellEnv: Readonly<Record<string, string | undefined>>;
  /** `~/.claude.json` and the settings keys wrongly placed in it. */
  claudeState?: { path: string; misplacedKeys: string[] };
  /** Profiles from the AWS config and credentials files; null when they could not be read. */
  profiles: ProfileInfo[] | null;
  /** Problems reading the AWS files, reported as warnings. */
  awsIssues?: { file: string; line?: number; severity: 'error' | 'warning'; message: string; fix?: string; code?: string }[];
  /** Where the user settings file is, for fix messages. */
  userSettingsPath: string;
}

export interface ValueOrigin {
  value: unknown;
  source: ValueSource;
  file?: string;
}

export interface EffectiveEntry extends ValueOrigin {
  /** Lower-precedence values that this one hides. */
  shadowed: ValueOrigin[];
  /** 'hidden': the value is never shown, only "present"; 'fingerprint': shown as AKIA…WXYZ. */
  redacted?: 'hidden' | 'fingerprint';
}

export interface ConfigWarning {
  id: string;
  severity: 'error' | 'warning';
  message: string;
  fix: string;
  file?: string;
  line?: number;
  column?: number;
  key?: string;
}

const LAYER_ORDER: SettingsLayer[] = ['managed', 'local', 'project', 'user'];

/** The same snapshot with one file's text replaced: the configuration a planned edit would produce. */
export function withFileText(snap: SettingsSnapshot, file: string, text: string): SettingsSnapshot {
  return { ...snap, files: snap.files.map((f) => (f.path === file ? { layer: f.layer, path: f.path, exists: true, parsed: parseSettingsText(text, f.path) } : f)) };
}

/** Every candidate value of a key, highest precedence first (raw: may hold secrets). */
export function candidates(snap: SettingsSnapshot, key: string): ValueOrigin[] {
  const isEnv = !(BEDROCK_SETTINGS_KEYS as readonly string[]).includes(key);
  const out: ValueOrigin[] = [];
  for (const layer of LAYER_ORDER) {
    const files = snap.files.filter((f) => f.layer === layer && f.parsed?.ok);
    // Managed drop-ins are applied A→Z over the base file: the last file that sets a key wins.
    const ordered = layer === 'managed' ? [...files].reverse() : files;
    const found: ValueOrigin[] = [];
    for (const f of ordered) {
      const settings = f.parsed!.value;
      const holder = isEnv ? settings.env : settings;
      if (holder && typeof holder === 'object' && !Array.isArray(holder) && Object.prototype.hasOwnProperty.call(holder, key)) {
        found.push({ value: (holder as Record<string, unknown>)[key], source: layer, file: f.path });
      }
    }
    out.push(...found);
  }
  if (isEnv && snap.shellEnv[key] !== undefined) out.push({ value: snap.shellEnv[key], source: 'shell' });
  return out;
}

/** The value Claude Code uses for a key (raw), or undefined. */
export function effectiveRaw(snap: SettingsSnapshot, key: string): ValueOrigin | undefined {
  return candidates(snap, key)[0];
}

function redact(key: string, o: ValueOrigin): ValueOrigin & { redacted?: 'hidden' | 'fingerprint' } {
  if (HIDDEN_KEYS.includes(key)) return { ...o, value: o.value === '' ? '' : 'present', redacted: 'hidden' };
  if (FINGERPRINT_KEYS.includes(key)) return { ...o, value: typeof o.value === 'string' ? fingerprint(o.value) : '…', redacted: 'fingerprint' };
  return o;
}

export function effectiveEntries(snap: SettingsSnapshot): Record<EffectiveKey, EffectiveEntry> {
  const out = {} as Record<EffectiveKey, EffectiveEntry>;
  for (const key of [...BEDROCK_ENV_KEYS, ...BEDROCK_SETTINGS_KEYS]) {
    const all = candidates(snap, key).map((c) => redact(key, c));
    const [top, ...rest] = all;
    const shadowed = rest.map(({ redacted: _r, ...o }) => o);
    out[key] = top ? { ...top, shadowed } : { value: null, source: 'default', shadowed: [] };
  }
  return out;
}

function where(o: ValueOrigin): string {
  return o.source === 'shell' ? 'your shell environment' : `${o.source} settings ${o.file}`;
}

/** A value as Claude Code sees it: settings env numbers and booleans are converted with String(). */
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/**
 * A region value as Claude Code uses it: trimmed, and unset when it then contains a slash, dot or whitespace
 * (v2.1.232+; checked against 2.1.332, which sends anything else, even "us-wst-2", as-is).
 */
function regionValue(v: string): string | undefined {
  const t = v.trim();
  return t !== '' && !/[/.\s]/.test(t) ? t : undefined;
}

export interface ResolvedRegion {
  value: string;
  source: ValueSource | 'aws-profile';
  file?: string;
}

/** Claude Code's region order since v2.1.172: AWS_REGION → AWS_DEFAULT_REGION → the profile's region → us-east-1. */
export function resolveRegion(snap: SettingsSnapshot, profile: ProfileInfo | undefined): ResolvedRegion {
  for (const key of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const o = effectiveRaw(snap, key);
    const v = regionValue(str(o?.value) ?? '');
    if (o && v !== undefined) return { value: v, source: o.source, ...(o.file ? { file: o.file } : {}) };
  }
  const fromProfile = regionValue(profile?.region ?? '');
  if (profile && fromProfile) {
    return { value: fromProfile, source: 'aws-profile', ...(profile.sources[0] ? { file: profile.sources[0].file } : {}) };
  }
  return { value: 'us-east-1', source: 'default' };
}

export interface ResolvedProfile {
  name: string;
  source: ValueSource;
  file?: string;
  /** null when the AWS files could not be read. */
  exists: boolean | null;
  kind: string | null;
  refreshable: boolean | null;
}

export function resolveProfile(snap: SettingsSnapshot): { resolved: ResolvedProfile; info?: ProfileInfo } {
  const o = effectiveRaw(snap, 'AWS_PROFILE');
  const v = str(o?.value);
  const name = v && v !== '' ? v : 'default';
  const source: ValueSource = v && v !== '' ? o!.source : 'default';
  const info = snap.profiles?.find((p) => p.name === name && p.sources.length > 0);
  return {
    resolved: {
      name, source, ...(source !== 'default' && o?.file ? { file: o.file } : {}),
      exists: snap.profiles === null ? null : !!info,
      kind: info?.kind ?? null,
      refreshable: info ? info.refreshable : null,
    },
    info,
  };
}

export interface ResolvedModel {
  value: string | null;
  source: ValueSource;
  file?: string;
  /** Which setting chose it: ANTHROPIC_MODEL beats the `model` key, whatever layer each is in. */
  key: 'ANTHROPIC_MODEL' | 'model' | null;
  kind: ModelIdKind | null;
}

export function resolveModel(snap: SettingsSnapshot): ResolvedModel {
  for (const key of ['ANTHROPIC_MODEL', 'model'] as const) {
    const o = effectiveRaw(snap, key);
    const v = str(o?.value);
    if (o && v) return { value: v, source: o.source, ...(o.file ? { file: o.file } : {}), key, kind: parseModelId(v).kind };
  }
  return { value: null, source: 'default', key: null, kind: null };
}

export interface ResolvedAuth {
  /** The profile kind, or how Claude Code authenticates without one. */
  kind: string;
  profile: string | null;
  refreshable: boolean | null;
  awsAuthRefresh: string | null;
  awsCredentialExport: boolean;
  // Filled by the online engine; null offline.
  roleCredentialsExpireAt: string | null;
  accessTokenExpiresAt: string | null;
  registrationExpiresAt: string | null;
}

/** Which credentials Claude Code will use, in its order: skip-auth, Bedrock API key, export command, env keys, profile. */
export function resolveAuth(snap: SettingsSnapshot, profile: ResolvedProfile): ResolvedAuth {
  const on = (k: string) => bedrockFlag(effectiveRaw(snap, k)?.value).on;
  const has = (k: string) => !!str(effectiveRaw(snap, k)?.value);
  const refresh = str(effectiveRaw(snap, 'awsAuthRefresh')?.value) ?? null;
  const exportCmd = has('awsCredentialExport');
  const clocks = { roleCredentialsExpireAt: null, accessTokenExpiresAt: null, registrationExpiresAt: null };
  const base = { awsAuthRefresh: refresh, awsCredentialExport: exportCmd, ...clocks };
  if (on('CLAUDE_CODE_SKIP_BEDROCK_AUTH')) return { kind: 'skip', profile: null, refreshable: null, ...base };
  if (has('AWS_BEARER_TOKEN_BEDROCK')) return { kind: 'bearer-token', profile: null, refreshable: false, ...base };
  if (exportCmd) return { kind: 'credential-export', profile: null, refreshable: true, ...base };
  if (has('AWS_ACCESS_KEY_ID')) return { kind: 'env', profile: null, refreshable: false, ...base };
  return { kind: profile.kind ?? 'unknown', profile: profile.name, refreshable: profile.refreshable, ...base };
}

const PREFIXES = ['us', 'eu', 'apac', 'jp', 'au', 'global'];

/** Every warning, each with the fix. Values of secret keys never appear in messages. */
export function configWarnings(snap: SettingsSnapshot): ConfigWarning[] {
  const w: ConfigWarning[] = [];
  const userFile = snap.userSettingsPath;

  for (const f of snap.files) {
    if (f.readError) {
      w.push({ id: 'settings-unreadable', severity: 'error', message: `${f.readError.message} Claude Code cannot use the ${f.layer} settings in it.`, fix: f.readError.fix, file: f.path });
    }
    for (const i of f.parsed?.issues ?? []) {
      if (i.code === 'env-value-not-string' && i.key === 'env.CLAUDE_CODE_USE_BEDROCK') continue; // said below, more precisely
      w.push({ id: `settings-${i.code}`, severity: i.severity, message: i.message, fix: i.fix, file: i.file, ...(i.line ? { line: i.line, column: i.column } : {}), ...(i.key ? { key: i.key } : {}) });
    }
  }

  for (const k of snap.claudeState?.misplacedKeys ?? []) {
    w.push({
      id: 'misplaced-setting', severity: 'warning', key: k, file: snap.claudeState!.path,
      message: `"${k}" is in ${snap.claudeState!.path}, Claude Code's own state file. Claude Code does not read settings from it, so this "${k}" is ignored.`,
      fix: `move "${k}" from ${snap.claudeState!.path} into ${userFile}`,
    });
  }

  // A settings `env` value silently replaces what the shell exported.
  for (const key of BEDROCK_ENV_KEYS) {
    const all = candidates(snap, key);
    const top = all[0];
    const shell = all.find((c) => c.source === 'shell');
    if (!top || !shell || top.source === 'shell' || str(top.value) === shell.value) continue;
    const secret = HIDDEN_KEYS.includes(key) || FINGERPRINT_KEYS.includes(key);
    const shown = (o: ValueOrigin) => (secret ? '' : `=${JSON.stringify(o.value)}`);
    w.push({
      id: 'env-overrides-shell', severity: 'warning', key, file: top.file,
      message: `${key}${shown(top)} from ${where(top)} overrides ${key}${shown(shell)} exported in your shell: Claude Code uses the settings value.`,
      fix: `to use the shell value, remove "${key}" from the "env" block of ${top.file}; otherwise unset ${key} in your shell`,
    });
  }

  const flagAll = candidates(snap, 'CLAUDE_CODE_USE_BEDROCK');
  const flagSettings = flagAll.filter((c) => c.source !== 'shell');
  const flagTop = flagAll[0];
  if (new Set(flagSettings.map((c) => bedrockFlag(c.value).on)).size > 1) {
    w.push({
      id: 'bedrock-flag-conflict', severity: 'warning', key: 'CLAUDE_CODE_USE_BEDROCK', file: flagSettings[0]!.file,
      message: `CLAUDE_CODE_USE_BEDROCK is set differently in several settings files: ${flagSettings.map((c) => `${JSON.stringify(c.value)} in ${c.source} (${c.file})`).join(', ')}. Claude Code uses the ${flagSettings[0]!.source} one, so Bedrock is ${bedrockFlag(flagSettings[0]!.value).on ? 'on' : 'off'}.`,
      fix: `keep CLAUDE_CODE_USE_BEDROCK in one file: remove it from ${flagSettings.slice(1).map((c) => c.file).join(' and ')}`,
    });
  }
  if (flagTop) {
    const f = bedrockFlag(flagTop.value);
    const at = flagTop.source === 'shell' ? 'export CLAUDE_CODE_USE_BEDROCK=1' : `set "CLAUDE_CODE_USE_BEDROCK": "1" in ${flagTop.file}`;
    if (f.problem === 'not-string') {
      w.push({ id: 'bedrock-flag-not-string', severity: 'warning', key: 'CLAUDE_CODE_USE_BEDROCK', file: flagTop.file, message: `CLAUDE_CODE_USE_BEDROCK in ${where(flagTop)} is the JSON ${flagTop.value === null ? 'null' : typeof flagTop.value} ${JSON.stringify(flagTop.value)}, not a string. Claude Code 2.1.332 converts it to ${JSON.stringify(String(flagTop.value))} (Bedrock ${f.on ? 'on' : 'off'}), but v2.1.94 crashed on non-string env values ("toLowerCase is not a function").`, fix: at });
    } else if (f.problem === 'unrecognized') {
      w.push({ id: 'bedrock-flag-invalid', severity: 'error', key: 'CLAUDE_CODE_USE_BEDROCK', file: flagTop.file, message: `CLAUDE_CODE_USE_BEDROCK=${JSON.stringify(flagTop.value)} in ${where(flagTop)} is neither on (1, true, yes, on) nor off (0, false, no, off, ""), so Claude Code does not use Bedrock.`, fix: at });
    } else if (f.on && !f.canonical) {
      w.push({ id: 'bedrock-flag-noncanonical', severity: 'warning', key: 'CLAUDE_CODE_USE_BEDROCK', file: flagTop.file, message: `CLAUDE_CODE_USE_BEDROCK=${JSON.stringify(flagTop.value)} in ${where(flagTop)} works, but "1" is the documented value and what other tools check for.`, fix: at });
    }
  }
  const configured = bedrockFlag(flagTop?.value).on;

  const { resolved: profile, info } = resolveProfile(snap);
  const keyId = effectiveRaw(snap, 'AWS_ACCESS_KEY_ID');
  const profileSet = profile.source !== 'default';
  if (keyId && str(keyId.value) && (profileSet || str(effectiveRaw(snap, 'awsAuthRefresh')?.value))) {
    const fp = fingerprint(str(keyId.value));
    w.push({
      id: 'static-keys-override-profile', severity: 'warning', key: 'AWS_ACCESS_KEY_ID', file: keyId.file,
      message: `AWS_ACCESS_KEY_ID (${fp}) is set in ${where(keyId)}. The AWS SDK uses environment keys before any profile, so Claude Code signs with these keys, not with profile "${profile.name}"${profileSet ? ` (${where(effectiveRaw(snap, 'AWS_PROFILE')!)})` : ''}, and awsAuthRefresh cannot renew them.`,
      fix: keyId.source === 'shell' ? 'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN' : `remove AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from the "env" block of ${keyId.file}`,
    });
  }

  const apiKey = candidates(snap, 'ANTHROPIC_API_KEY').filter((c) => str(c.value));
  if (apiKey.length > 0) {
    const first = apiKey[0]!;
    w.push({
      id: 'anthropic-api-key-present', severity: 'warning', key: 'ANTHROPIC_API_KEY', file: first.file,
      message: configured
        ? `ANTHROPIC_API_KEY is set in ${where(first)}. Bedrock credentials take precedence, but if CLAUDE_CODE_USE_BEDROCK is ever off or cancelled (""), Claude Code silently bills this Anthropic API key instead.`
        : `ANTHROPIC_API_KEY is set in ${where(first)} and Bedrock is not on: Claude Code uses the Anthropic API, not Bedrock.`,
      fix: first.source === 'shell' ? 'unset ANTHROPIC_API_KEY' : `remove ANTHROPIC_API_KEY from the "env" block of ${first.file}`,
    });
  }

  for (const f of snap.files.filter((x) => x.layer === 'project' && x.parsed?.ok)) {
    const env = f.parsed!.value.env;
    if (!env || typeof env !== 'object') continue;
    for (const k of [...SECRET_ENV_KEYS, 'AWS_ACCESS_KEY_ID']) {
      if (Object.prototype.hasOwnProperty.call(env, k)) {
        w.push({ id: 'secret-in-project-settings', severity: 'warning', key: k, file: f.path, message: `${k} is stored in plain text in ${f.path}, the shared project settings file that is usually committed to git.`, fix: `move ${k} out of ${f.path} (into .claude/settings.local.json, or better an AWS profile: claude-bedrock profiles)` });
      }
    }
  }

  const profileOrigin = effectiveRaw(snap, 'AWS_PROFILE');
  const credsElsewhere = !!(keyId && str(keyId.value)) || !!str(effectiveRaw(snap, 'AWS_BEARER_TOKEN_BEDROCK')?.value) || !!str(effectiveRaw(snap, 'awsCredentialExport')?.value) || bedrockFlag(effectiveRaw(snap, 'CLAUDE_CODE_SKIP_BEDROCK_AUTH')?.value).on;
  if (profile.exists === false && (profileSet || (configured && !credsElsewhere))) {
    const names = (snap.profiles ?? []).filter((p) => p.sources.length > 0).map((p) => p.name);
    w.push({
      id: 'profile-not-found', severity: 'error', key: 'AWS_PROFILE', file: profileOrigin?.file,
      message: profileSet
        ? `AWS_PROFILE="${profile.name}" (from ${where(profileOrigin!)}) names a profile that is not in your AWS config or credentials file${names.length ? ` (profiles: ${names.join(', ')})` : ' (there are no profiles)'}.`
        : `Bedrock is on but AWS_PROFILE is not set and there is no [default] profile${names.length ? ` (profiles: ${names.join(', ')})` : ''}, so Claude Code finds no AWS credentials.`,
      fix: 'claude-bedrock profiles',
    });
  }

  for (const key of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION']) {
    const o = effectiveRaw(snap, key);
    const v = str(o?.value);
    if (!o || v === undefined || v.trim() === '' || isAwsRegion(v.trim())) continue;
    w.push({
      id: 'region-invalid', severity: 'error', key, file: o.file,
      message: `${key}=${JSON.stringify(v)} in ${where(o)} is not an AWS region name (like us-west-2)${regionValue(v) ? '' : '; Claude Code treats it as unset'}.`,
      fix: o.source === 'shell' ? `export ${key}=us-west-2  # your region` : `set "${key}" in ${o.file} to a region such as "us-west-2"`,
    });
  }
  const prefix = effectiveRaw(snap, 'ANTHROPIC_BEDROCK_REGION_PREFIX');
  const pv = str(prefix?.value);
  if (prefix && pv && !PREFIXES.includes(pv)) {
    w.push({ id: 'region-prefix-invalid', severity: 'warning', key: 'ANTHROPIC_BEDROCK_REGION_PREFIX', file: prefix.file, message: `ANTHROPIC_BEDROCK_REGION_PREFIX=${JSON.stringify(pv)} in ${where(prefix)} is not one of ${PREFIXES.join(', ')}; Claude Code ignores it and derives the prefix from the region.`, fix: prefix.source === 'shell' ? 'export ANTHROPIC_BEDROCK_REGION_PREFIX=global' : `set "ANTHROPIC_BEDROCK_REGION_PREFIX" in ${prefix.file} to "global"` });
  }
  if (configured) {
    const region = resolveRegion(snap, info);
    if (region.source === 'default') {
      w.push({ id: 'region-default', severity: 'warning', key: 'AWS_REGION', message: `No region is set (AWS_REGION, AWS_DEFAULT_REGION, or the profile's region), so Claude Code uses us-east-1; Claude Code 2.1.171 and older require AWS_REGION.`, fix: `claude-bedrock setup --profile ${shellWord(profile.name)} --region <region> --model <model>` });
    }
  }

  const mantle = bedrockFlag(effectiveRaw(snap, 'CLAUDE_CODE_USE_MANTLE')?.value).on;
  for (const key of [...MODEL_ENV_KEYS, 'model']) {
    const o = effectiveRaw(snap, key);
    const v = str(o?.value);
    if (!o || !v) continue;
    const check = checkConfiguredModel(v);
    if (check.ok) continue;
    if (check.parsed.kind === 'foundation-model' && mantle) continue; // Mantle takes native IDs
    // A raw ID: which inference profiles contain it (global., us., eu., ...) only AWS's list says (Claude 3.5 Sonnet has
    // no global. one), so the fix asks it instead of naming an ID that may not exist. Claude reads these fixes.
    const raw = check.parsed.kind === 'foundation-model' ? check.parsed.foundationModel : undefined;
    const fix = raw
      ? `claude-bedrock models --map ${raw}   then set ${key}${o.source === 'shell' ? '' : ` in ${o.file}`} to the ID it recommends (claude-bedrock doctor --fix does it)`
      : check.suggestion
        ? o.source === 'shell' ? `export ${key}=${check.suggestion}` : `set "${key}" in ${o.file} to "${check.suggestion}" (list what your account offers: claude-bedrock models)`
        : 'claude-bedrock models';
    w.push({ id: check.parsed.kind === 'foundation-model' ? 'raw-model-id' : 'invalid-model-id', severity: 'error', key, file: o.file, message: `${key} from ${where(o)}: ${check.reason}`, fix });
  }

  for (const i of snap.awsIssues ?? []) {
    if (i.severity !== 'error') continue;
    w.push({ id: 'aws-config', severity: 'error', message: i.message, fix: i.fix ?? 'claude-bedrock profiles', file: i.file, ...(i.line ? { line: i.line } : {}) });
  }
  return w;
}

export interface StatusReport {
  configured: boolean;
  effective: Record<EffectiveKey, EffectiveEntry>;
  profile: ResolvedProfile;
  region: ResolvedRegion;
  model: ResolvedModel;
  auth: ResolvedAuth;
  warnings: ConfigWarning[];
  files: { layer: SettingsLayer; path: string; exists: boolean; used: boolean }[];
}

/** Everything `status --offline` reports, from what is on disk and in the environment. */
export function buildStatusReport(snap: SettingsSnapshot): StatusReport {
  const { resolved: profile, info } = resolveProfile(snap);
  return {
    configured: bedrockFlag(effectiveRaw(snap, 'CLAUDE_CODE_USE_BEDROCK')?.value).on,
    effective: effectiveEntries(snap),
    profile,
    region: resolveRegion(snap, info),
    model: resolveModel(snap),
    auth: resolveAuth(snap, profile),
    warnings: configWarnings(snap),
    files: snap.files.map((f) => ({ layer: f.layer, path: f.path, exists: f.exists, used: !!f.parsed?.ok && !f.parsed.empty })),
  };
}
