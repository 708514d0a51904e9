// An AWS world for the engine's end-to-end tests: the emulator in-process, a temp HOME with AWS files and SSO caches,
// secrets that are unique to the run (so any leak into output is caught), and the built CLI run against it.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, getScenario, type Emulator, type Scenario } from '../../emulator/index.js';
import { runCli, tempDir, type RunResult } from '../helpers.js';

export const ACCOUNT = '123456789012';

export interface World {
  emu: Emulator;
  home: string;
  /** Endpoint variables plus anything the test adds. */
  env: Record<string, string>;
  /** Every secret value planted in this world: none may appear in any output. */
  secrets: string[];
  /** Static keys of a unique IAM user (`engine`). */
  keys: { accessKeyId: string; secretAccessKey: string };
  apiKey: string;
  config(text: string): void;
  credentials(text: string): void;
  settings(obj: unknown): void;
  /** Log a profile in: write an SSO token cache file keyed like the AWS CLI does (session name or start URL). */
  ssoLogin(key: string, opts?: { refreshable?: boolean; expiresInSeconds?: number; registrationExpiresAt?: string }): void;
  cli(args: string[], env?: Record<string, string | undefined>, timeoutMs?: number): Promise<RunResult>;
  stop(): Promise<void>;
}

const rnd = (n: number) => crypto.randomBytes(n).toString('hex');

export async function world(scenario: string | ((s: Scenario) => Scenario) = 'default', opts: { latencyMs?: number } = {}): Promise<World> {
  const keys = { accessKeyId: `AKIA${rnd(8).toUpperCase()}`, secretAccessKey: `engineSecret${rnd(12)}` };
  const apiKey = `ABSK${Buffer.from(`engine-test-key-${rnd(16)}`).toString('base64')}`;
  const base = typeof scenario === 'string' ? getScenario(scenario) : scenario(getScenario('default'));
  base.identities.push({ ...keys, account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/engine`, userId: `AIDA${rnd(8).toUpperCase()}` });
  base.apiKeys.push({ key: apiKey, account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/BedrockAPIKey-engine` });
  const emu = await startEmulator({ scenario: base, ...(opts.latencyMs !== undefined ? { latencyMs: opts.latencyMs } : {}) });
  const home = tempDir('cb-engine-');
  fs.mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
  const secrets = [keys.secretAccessKey, apiKey];
  const w: World = {
    emu,
    home,
    env: { ...emu.env },
    secrets,
    keys,
    apiKey,
    config: (t) => fs.writeFileSync(path.join(home, '.aws', 'config'), t),
    credentials: (t) => fs.writeFileSync(path.join(home, '.aws', 'credentials'), t),
    settings: (o) => {
      fs.mkdirSync(path.join(home, '.claude'), { recursive: true });
      fs.writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify(o, null, 2));
    },
    ssoLogin(key, o = {}) {
      const g = emu.issueSsoToken({ refreshable: o.refreshable ?? true, ...(o.expiresInSeconds !== undefined ? { expiresInSeconds: o.expiresInSeconds } : {}) });
      secrets.push(g.accessToken, g.clientSecret, ...(g.refreshToken ? [g.refreshToken] : []));
      const body = { startUrl: g.startUrl, region: g.region, accessToken: g.accessToken, expiresAt: g.expiresAt, clientId: g.clientId, clientSecret: g.clientSecret, registrationExpiresAt: o.registrationExpiresAt ?? g.registrationExpiresAt, ...(g.refreshToken && (o.refreshable ?? true) ? { refreshToken: g.refreshToken } : {}) };
      const file = path.join(home, '.aws', 'sso', 'cache', `${crypto.createHash('sha1').update(key).digest('hex')}.json`);
      fs.writeFileSync(file, JSON.stringify(body), { mode: 0o600 });
    },
    async cli(args, env = {}, timeoutMs = 30_000) {
      const r = await runCli(args, { home, env: { ...w.env, ...env }, timeoutMs });
      assertNoSecrets(r, secrets);
      return r;
    },
    stop: () => emu.stop(),
  };
  return w;
}

export function assertNoSecrets(r: RunResult, secrets: string[]): void {
  for (const s of secrets) {
    assert.ok(!r.stdout.includes(s), `a secret leaked into stdout: ${s.slice(0, 6)}…`);
    assert.ok(!r.stderr.includes(s), `a secret leaked into stderr: ${s.slice(0, 6)}…`);
  }
}

/** `[name]` sections with the world's static keys, for ~/.aws/credentials. */
export function staticProfiles(w: World, names: string[]): string {
  return names.map((n) => `[${n}]\naws_access_key_id = ${w.keys.accessKeyId}\naws_secret_access_key = ${w.keys.secretAccessKey}\n`).join('\n');
}

export const SSO_START_URL = 'https://d-1234567890.awsapps.com/start';

/** An [sso-session] profile for the emulator's Identity Center user. */
export function ssoSessionConfig(profile: string, session = 'corp', region = 'us-west-2', role = 'BedrockUser'): string {
  return `[profile ${profile}]\nsso_session = ${session}\nsso_account_id = ${ACCOUNT}\nsso_role_name = ${role}\nregion = ${region}\n\n[sso-session ${session}]\nsso_start_url = ${SSO_START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`;
}
