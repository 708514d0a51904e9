// A HOME full of planted secrets (every kind the tool can meet) and an emulator that accepts them, for the security
// and reliability tests. Every secret is unique and recognisable, so finding one anywhere is a leak.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator, type ScenarioInput } from '../../emulator/index.js';
import { getScenario } from '../../emulator/scenarios/index.js';
import { ACCOUNT, SSO_USER } from '../../emulator/scenarios/default.js';
import { serializeToken, tokenCacheKey } from '../../src/core/sso/cache-format.js';
import os from 'node:os';
import { ROOT, runCli, type RunResult } from '../helpers.js';

export const START_URL = SSO_USER.startUrl;
export const OPUS = 'global.anthropic.claude-opus-4-5-20251101-v1:0';
export const HAIKU = 'global.anthropic.claude-haiku-4-5-20251001-v1:0';
export const BROWSER = `${process.execPath} ${path.join(ROOT, 'test', 'sso', 'fixtures', 'browser.mjs')}`;

const made: string[] = [];
process.once('exit', () => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }); });

/** A temp directory removed at exit (one exit listener for all of them: a matrix makes hundreds). */
export function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

/** A unique planted value: a recognisable prefix, then characters no other planted value shares. */
function plant(prefix: string, name: string, length = 40): string {
  const h = crypto.createHash('sha256').update(name).digest('base64').replace(/[^A-Za-z0-9]/g, '');
  return (prefix + h).slice(0, length);
}

/** Every planted secret, by where it lives. */
export const SECRETS = {
  staticSecretKey: plant('plantStatic/', 'static secret key'),
  tempSecretKey: plant('plantTemp/', 'temp secret key'),
  tempSessionToken: plant('plantSessionToken', 'temp session token', 120),
  procSecretKey: plant('plantProc/', 'proc secret key'),
  procSessionToken: plant('plantProcSession', 'proc session token', 120),
  procArgSecret: plant('plantProcArg', 'credential_process argument', 32),
  envSecretKey: plant('plantEnv/', 'env secret key'),
  apiKey: plant('ABSK', 'bedrock api key', 60),
  shortTermApiKey: plant('bedrock-api-key-', 'short-term api key', 60),
  ssoAccessToken: plant('plantSsoAccess', 'sso access token', 60),
  ssoRefreshToken: plant('plantSsoRefresh', 'sso refresh token', 60),
  ssoClientSecret: plant('plantSsoClient', 'sso client secret', 60),
  legacyAccessToken: plant('plantLegacyAccess', 'legacy access token', 60),
  anthropicApiKey: plant('sk-ant-api03-', 'anthropic api key', 60),
  settingsSecretKey: plant('plantSettings/', 'settings secret key'),
  claudeJsonSecret: plant('plantClaudeJson', 'claude json secret'),
} as const;

/** Access key IDs: not secret to AWS, but the tool shows only a fingerprint (AKIA…WXYZ). */
export const KEY_IDS = {
  static: 'AKIAPLANTSTATIC00001',
  temp: 'ASIAPLANTTEMPORARY01',
  proc: 'ASIAPLANTPROCESS0001',
  env: 'AKIAPLANTENVIRONMNT1',
};

export const SEED_CLIENT_ID = 'plantClientId0001';

/** The default scenario (or a named one) with every planted credential known to the emulator. */
export function plantedScenario(name = 'default'): ScenarioInput {
  const base = getScenario(name);
  const expired = name === 'expired';
  const id = (accessKeyId: string, secretAccessKey: string, user: string, sessionToken?: string) => ({
    accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/${user}`, userId: `AIDA${user.toUpperCase().padEnd(17, 'X')}`, ...(expired ? { expired: true } : {}),
  });
  return {
    ...base,
    name: `planted-${name}`,
    identities: [
      id(KEY_IDS.static, SECRETS.staticSecretKey, 'static'),
      id(KEY_IDS.temp, SECRETS.tempSecretKey, 'temp', SECRETS.tempSessionToken),
      id(KEY_IDS.proc, SECRETS.procSecretKey, 'proc', SECRETS.procSessionToken),
      id(KEY_IDS.env, SECRETS.envSecretKey, 'env'),
    ],
    apiKeys: [
      { key: SECRETS.apiKey, account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/BedrockAPIKey-plant`, ...(expired ? { expired: true } : {}) },
    ],
    sso: {
      ...base.sso,
      users: [{
        ...SSO_USER,
        sessions: [
          { clientId: SEED_CLIENT_ID, clientSecret: SECRETS.ssoClientSecret, accessToken: SECRETS.ssoAccessToken, refreshToken: SECRETS.ssoRefreshToken, state: expired ? 'revoked' : 'valid' },
          { clientId: 'plantLegacyClient01', clientSecret: 'plantLegacyClientSecret000000000000001', accessToken: SECRETS.legacyAccessToken, state: expired ? 'revoked' : 'valid' },
        ],
      }],
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A credential_process that prints the planted temporary credentials (its arguments carry a secret too). */
function credentialProcessScript(dir: string): string {
  const p = path.join(dir, 'cred-proc.mjs');
  fs.writeFileSync(p, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(KEY_IDS.proc)}, SecretAccessKey: ${JSON.stringify(SECRETS.procSecretKey)}, SessionToken: ${JSON.stringify(SECRETS.procSessionToken)}, Expiration: new Date(Date.now() + 3600e3).toISOString() }));\n`);
  return p;
}

/** A credential_process that fails, printing a secret on stderr as a careless helper might. */
function failingProcessScript(dir: string): string {
  const p = path.join(dir, 'cred-proc-fail.mjs');
  fs.writeFileSync(p, `process.stderr.write('refresh failed; cached secret ' + ${JSON.stringify(SECRETS.procSecretKey)} + '\\n'); process.exit(1);\n`);
  return p;
}

export interface HomeOptions {
  /** Settings env uses the Bedrock API key instead of the SSO profile. */
  apiKey?: boolean;
  /** Every file is broken right next to a secret (a parser that quotes the bad line would leak it). */
  broken?: boolean;
  /** The SSO tokens in the cache are already expired (access token; the refresh token still works unless revoked). */
  tokenExpired?: boolean;
}

/** A HOME with AWS files, SSO cache, settings and ~/.claude.json, all holding planted secrets. */
export function plantedHome(opts: HomeOptions = {}): string {
  const home = tempDir('cb-planted-');
  const aws = path.join(home, '.aws');
  fs.mkdirSync(path.join(aws, 'sso', 'cache'), { recursive: true, mode: 0o700 });
  const proc = credentialProcessScript(home);
  fs.writeFileSync(path.join(aws, 'config'), [
    '[default]', 'region = us-west-2', '',
    '[profile dev]', 'sso_session = corp', `sso_account_id = ${ACCOUNT}`, 'sso_role_name = BedrockUser', 'region = us-west-2', '',
    '[sso-session corp]', `sso_start_url = ${START_URL}`, 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', '',
    '[profile old]', `sso_start_url = ${START_URL}`, 'sso_region = us-east-1', `sso_account_id = ${ACCOUNT}`, 'sso_role_name = BedrockUser', 'region = us-west-2', '',
    '[profile proc]', `credential_process = ${process.execPath} ${proc} --secret ${SECRETS.procArgSecret}`, 'region = us-west-2', '',
    '[profile chain]', 'role_arn = arn:aws:iam::123456789012:role/Bedrock', 'source_profile = keys', 'region = us-west-2', '',
    '[profile procfail]', `credential_process = ${process.execPath} ${failingProcessScript(home)} --secret ${SECRETS.procArgSecret}`, 'region = us-west-2', '',
  ].join('\n'));
  fs.writeFileSync(path.join(aws, 'credentials'), [
    '[keys]', `aws_access_key_id = ${KEY_IDS.static}`, `aws_secret_access_key = ${SECRETS.staticSecretKey}`, '',
    '[temp]', `aws_access_key_id = ${KEY_IDS.temp}`, `aws_secret_access_key = ${SECRETS.tempSecretKey}`, `aws_session_token = ${SECRETS.tempSessionToken}`, '',
  ].join('\n'), { mode: 0o600 });
  const now = Date.now();
  const expiresAt = iso(now + (opts.tokenExpired ? -600e3 : 3600e3));
  const regExpiresAt = iso(now + 80 * 86400e3);
  const cache = (key: string, text: string) => fs.writeFileSync(path.join(aws, 'sso', 'cache', `${key}.json`), text, { mode: 0o600 });
  cache(tokenCacheKey({ sessionName: 'corp', startUrl: START_URL }), serializeToken({ startUrl: START_URL, region: 'us-east-1', accessToken: SECRETS.ssoAccessToken, expiresAt, clientId: SEED_CLIENT_ID, clientSecret: SECRETS.ssoClientSecret, registrationExpiresAt: regExpiresAt, refreshToken: SECRETS.ssoRefreshToken }));
  cache(tokenCacheKey({ sessionName: null, startUrl: START_URL }), serializeToken({ startUrl: START_URL, region: 'us-east-1', accessToken: SECRETS.legacyAccessToken, expiresAt: iso(now + 3 * 3600e3) }));
  const env: Record<string, string> = { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-west-2', ANTHROPIC_MODEL: OPUS, ANTHROPIC_DEFAULT_HAIKU_MODEL: HAIKU, ANTHROPIC_API_KEY: SECRETS.anthropicApiKey };
  if (opts.apiKey) env.AWS_BEARER_TOKEN_BEDROCK = SECRETS.apiKey;
  else env.AWS_PROFILE = 'dev';
  fs.mkdirSync(path.join(home, '.claude'), { mode: 0o700 });
  fs.writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify({ env, awsAuthRefresh: 'aws sso login --profile dev', permissions: { allow: ['Bash(ls)'] } }, null, 2) + '\n', { mode: 0o600 });
  fs.mkdirSync(path.join(home, 'project', '.claude'), { recursive: true });
  fs.writeFileSync(path.join(home, 'project', '.claude', 'settings.local.json'), JSON.stringify({ env: { AWS_SECRET_ACCESS_KEY: SECRETS.settingsSecretKey } }) + '\n', { mode: 0o600 });
  fs.writeFileSync(path.join(home, '.claude.json'), JSON.stringify({ numStartups: 3, primaryApiKey: SECRETS.anthropicApiKey, env: { AWS_SECRET_ACCESS_KEY: SECRETS.claudeJsonSecret }, awsAuthRefresh: 'aws sso login --profile dev' }, null, 2) + '\n', { mode: 0o600 });
  if (opts.broken) {
    // No delimiter on a line holding a secret: botocore refuses the file and names the line.
    fs.appendFileSync(path.join(aws, 'credentials'), `[broken]\naws_secret_access_key ${SECRETS.staticSecretKey}\n`);
    fs.appendFileSync(path.join(aws, 'config'), `[profile broken]\ncredential_process ${process.execPath} ${proc} --secret ${SECRETS.procArgSecret}\n`);
    fs.writeFileSync(path.join(home, '.claude', 'settings.json'), `{"env": {"AWS_BEARER_TOKEN_BEDROCK": "${SECRETS.apiKey}" "AWS_PROFILE": "dev"}}\n`, { mode: 0o600 });
    fs.writeFileSync(path.join(home, 'project', '.claude', 'settings.local.json'), `{"env": {"AWS_SECRET_ACCESS_KEY": "${SECRETS.settingsSecretKey}",}}\n`, { mode: 0o600 });
    fs.writeFileSync(path.join(home, '.claude.json'), `{"primaryApiKey": "${SECRETS.anthropicApiKey}", oops}\n`, { mode: 0o600 });
    const tok = path.join(aws, 'sso', 'cache', `${tokenCacheKey({ sessionName: 'corp', startUrl: START_URL })}.json`);
    fs.writeFileSync(tok, `{"accessToken": "${SECRETS.ssoAccessToken}", "refreshToken": "${SECRETS.ssoRefreshToken}", "expiresAt": "not a date"`, { mode: 0o600 });
  }
  return home;
}

/** A fresh copy of a prepared HOME (so each run starts from the same files). */
export function copyHome(src: string): string {
  const home = tempDir('cb-planted-run-');
  fs.cpSync(src, home, { recursive: true, preserveTimestamps: true });
  return home;
}

/** Secret-looking strings a leak would show: the planted values, a 12-character slice of each, full key IDs. */
export function leaks(text: string, extra: string[] = []): string[] {
  const found: string[] = [];
  for (const s of [...Object.values(SECRETS), ...extra]) {
    if (!s || s.length < 16) continue;
    if (text.includes(s)) found.push(`${s.slice(0, 6)}… (whole)`);
    else {
      // A truncated leak shows a part: the last 12 characters are unique to each planted value.
      const tail = s.slice(-12);
      if (text.includes(tail)) found.push(`${s.slice(0, 6)}… (part: …${tail})`);
    }
  }
  for (const id of Object.values(KEY_IDS)) if (text.includes(id)) found.push(`${id.slice(0, 4)}… (full access key ID)`);
  return found;
}

/** Every string value of the SSO token cache now (logins mint new tokens during a run). */
export function cacheSecrets(home: string): string[] {
  const dir = path.join(home, '.aws', 'sso', 'cache');
  const out: string[] = [];
  for (const n of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    try {
      const j = JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as Record<string, unknown>;
      for (const k of ['accessToken', 'refreshToken', 'clientSecret']) if (typeof j[k] === 'string') out.push(j[k] as string);
    } catch { /* not ours to judge here */ }
  }
  return out;
}

/** Bedrock API keys written into settings files during a run (setup --auth api-key --api-key generate). */
export function settingsSecrets(home: string): string[] {
  const out: string[] = [];
  for (const f of [path.join(home, '.claude', 'settings.json'), path.join(home, 'project', '.claude', 'settings.local.json'), path.join(home, 'project', '.claude', 'settings.json')]) {
    try {
      const v = (JSON.parse(fs.readFileSync(f, 'utf8')) as { env?: Record<string, unknown> }).env?.AWS_BEARER_TOKEN_BEDROCK;
      if (typeof v === 'string') out.push(v);
    } catch { /* absent or broken on purpose */ }
  }
  return out;
}

export interface World {
  emu: Emulator;
  run(args: string[], home: string, env?: Record<string, string | undefined>, timeoutMs?: number, input?: string): Promise<RunResult>;
  stop(): Promise<void>;
}

export async function plantedWorld(scenario = 'default'): Promise<World> {
  const emu = await startEmulator({ scenario: plantedScenario(scenario) });
  return {
    emu,
    run: (args, home, env = {}, timeoutMs = 30_000, input) => runCli(args, { home, cwd: path.join(home, 'project'), env: { ...emu.env, BROWSER, ...env }, timeoutMs, input }),
    stop: () => emu.stop(),
  };
}
