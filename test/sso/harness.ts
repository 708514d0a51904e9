// Shared setup for the SSO tests: an emulator, a temp HOME with an AWS config, and the built CLI run against both.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { runCli, runProcess, tempDir, type RunResult } from '../helpers.js';
import { sha1 } from '../../src/core/sso/cache-format.js';
import { legacySsoProfile, SSO_SESSION_CONFIG } from '../aws-fixtures.js';

export const BROWSER_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'browser.mjs');
export const BROWSER = `${process.execPath} ${BROWSER_SCRIPT}`;
export { START_URL } from '../aws-fixtures.js';

export const SESSION_CONFIG = SSO_SESSION_CONFIG;

export const LEGACY_CONFIG = legacySsoProfile('old');

export interface World {
  emu: Emulator;
  home: string;
  cacheDir: string;
  tokenFile(key: string): string;
  /** Run the CLI with the emulator's endpoints and the test browser. */
  cli(args: string[], env?: Record<string, string | undefined>, timeoutMs?: number): Promise<RunResult>;
  readToken(key: string): Record<string, unknown>;
  stop(): Promise<void>;
}

export async function world(config: string, scenario: Parameters<typeof startEmulator>[0] = {}): Promise<World> {
  const emu = await startEmulator(scenario);
  const home = tempDir('cb-sso-');
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
  fs.writeFileSync(path.join(home, '.aws', 'config'), config);
  const cacheDir = path.join(home, '.aws', 'sso', 'cache');
  const tokenFile = (key: string) => path.join(cacheDir, `${sha1(key)}.json`);
  return {
    emu,
    home,
    cacheDir,
    tokenFile,
    cli: (args, env = {}, timeoutMs) => runCli(args, { home, env: { ...emu.env, BROWSER, ...env }, timeoutMs }),
    readToken: (key) => JSON.parse(fs.readFileSync(tokenFile(key), 'utf8')),
    stop: () => emu.stop(),
  };
}

/** No secret value may appear in anything the CLI printed. */
export function assertNoSecrets(r: RunResult, secrets: (string | undefined)[]): void {
  for (const s of secrets) {
    if (!s) continue;
    if (r.stdout.includes(s) || r.stderr.includes(s)) throw new Error(`a secret (${s.slice(0, 4)}…) was printed`);
  }
}

/**
 * The AWS CLI v1 (botocore 1.43) on this machine, pointed at the emulator. Asynchronous on purpose: the emulator runs
 * in this process and must keep answering while the CLI waits.
 */
export async function awsCli(w: World, args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const r = await runProcess('aws', args, { env: { PATH: process.env.PATH ?? '', HOME: w.home, AWS_DEFAULT_REGION: 'us-east-1', ...w.emu.env, ...env } });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}
