// --sandbox: run a command against the embedded AWS emulator in a throwaway HOME (ready SSO and static-key profiles).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Deps } from './deps.js';
import type { Output } from './io/output.js';
import { CliError } from './errors.js';
import { makeHome } from './deps.js';
import { ssoCacheDir } from './core/paths.js';
import { serializeToken, tokenCacheKey } from './core/sso/cache-format.js';

export const SANDBOX_SSO_PROFILE = 'sandbox';
export const SANDBOX_KEYS_PROFILE = 'sandbox-keys';
export const SANDBOX_SSO_SESSION = 'sandbox';
export const SANDBOX_REGION = 'us-west-2';

/** Variables a sandbox must not inherit: they would point at the user's real AWS, Claude Code and files. */
const INHERITED = /^(AWS_|CLAUDE_|ANTHROPIC_)/;

function write(file: string, text: string, mode = 0o600): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, text, { mode });
}

export async function enterSandbox(deps: Deps, out: Output): Promise<Deps> {
  // Lazy: the emulator (bundled into its own chunk) is loaded only with --sandbox.
  const { startEmulator, SCENARIO_NAMES } = await import('../emulator/index.js');
  const scenarioName = deps.env.CLAUDE_BEDROCK_SANDBOX_SCENARIO || 'default';
  if (!SCENARIO_NAMES.includes(scenarioName)) {
    throw new CliError({
      what: `Unknown sandbox scenario ${JSON.stringify(scenarioName)} (CLAUDE_BEDROCK_SANDBOX_SCENARIO).`,
      why: `The embedded emulator knows: ${SCENARIO_NAMES.join(', ')}.`,
      next: `CLAUDE_BEDROCK_SANDBOX_SCENARIO=default claude-bedrock <command> --sandbox`,
      code: 'usage',
    });
  }
  const emu = await startEmulator({ scenario: scenarioName, unref: true });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-bedrock-sandbox-'));
  process.once('exit', () => {
    fs.rmSync(home, { recursive: true, force: true });
  });

  const scenario = emu.scenario;
  const user = scenario.sso.users[0];
  const identity = scenario.identities[0];
  const config: string[] = [];
  const credentials: string[] = [];
  if (user) {
    const account = user.accounts[0]!;
    config.push(
      `[profile ${SANDBOX_SSO_PROFILE}]`,
      `sso_session = ${SANDBOX_SSO_SESSION}`,
      `sso_account_id = ${account.accountId}`,
      `sso_role_name = ${account.roles[0]}`,
      `region = ${SANDBOX_REGION}`,
      '',
      `[sso-session ${SANDBOX_SSO_SESSION}]`,
      `sso_start_url = ${user.startUrl}`,
      `sso_region = ${user.region}`,
      'sso_registration_scopes = sso:account:access',
      '',
    );
    const t = emu.issueSsoToken({ startUrl: user.startUrl });
    const cacheFile = path.join(ssoCacheDir(home), `${tokenCacheKey({ sessionName: SANDBOX_SSO_SESSION, startUrl: user.startUrl })}.json`);
    write(cacheFile, serializeToken(t));
  }
  if (identity) {
    config.push(`[profile ${SANDBOX_KEYS_PROFILE}]`, `region = ${SANDBOX_REGION}`, '');
    credentials.push(`[${SANDBOX_KEYS_PROFILE}]`, `aws_access_key_id = ${identity.accessKeyId}`, `aws_secret_access_key = ${identity.secretAccessKey}`, '');
  }
  write(path.join(home, '.aws', 'config'), config.join('\n'));
  if (credentials.length) write(path.join(home, '.aws', 'credentials'), credentials.join('\n'));
  fs.mkdirSync(path.join(home, '.claude'), { recursive: true, mode: 0o700 });
  // Project-scope settings land in a sandbox project, not in the directory the user ran us from.
  const cwd = path.join(home, 'project');
  fs.mkdirSync(cwd, { recursive: true });

  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(deps.env)) if (!INHERITED.test(k)) env[k] = v;
  Object.assign(env, emu.env, {
    HOME: home,
    USERPROFILE: home,
    AWS_PROFILE: user ? SANDBOX_SSO_PROFILE : SANDBOX_KEYS_PROFILE,
    CLAUDE_CONFIG_DIR: path.join(home, '.claude'),
    CLAUDE_BEDROCK_MANAGED_SETTINGS: path.join(home, 'managed', 'managed-settings.json'),
  });
  delete env.HOMEDRIVE;
  delete env.HOMEPATH;
  // The AWS SDK reads HOME and AWS_* from process.env by itself (the SSO token cache, the SSO/OIDC clients nested in its
  // credential providers), so the process must live in the sandbox too, or those reads would reach the real ~/.aws and AWS.
  for (const k of Object.keys(process.env)) if (INHERITED.test(k) || k === 'HOMEDRIVE' || k === 'HOMEPATH') delete process.env[k];
  for (const [k, v] of Object.entries(env)) if (v !== undefined && (INHERITED.test(k) || k === 'HOME' || k === 'USERPROFILE')) process.env[k] = v;

  out.note(
    `sandbox: AWS is the embedded emulator (scenario ${scenario.name}) at ${emu.url}; HOME is ${home} (deleted at exit).\n` +
      `sandbox: profiles ${user ? `${SANDBOX_SSO_PROFILE} (SSO, logged in)` : ''}${user && identity ? ' and ' : ''}${identity ? `${SANDBOX_KEYS_PROFILE} (static keys)` : ''}; nothing outside it is read or written.`,
  );
  return { ...deps, env, home: makeHome(env, deps.platform), cwd };
}
