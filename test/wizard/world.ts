// The wizard tests' world: an in-process emulator with region latencies that make one region clearly closest, a temp
// HOME with an sso-session profile (signed in), a static-key profile and a legacy SSO profile, and helpers to read
// what was written.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { scrubbedEnv, tempDir } from '../helpers.js';
import { legacySsoProfile, SSO_SESSION_CONFIG } from '../aws-fixtures.js';

export { START_URL } from '../aws-fixtures.js';
export const CLOSEST = 'eu-central-1';

export const CONFIG = `# my AWS config
${SSO_SESSION_CONFIG}
[profile keys]
region = eu-west-1

${legacySsoProfile('old', null)}`;

export const CREDENTIALS = `[keys]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`;

export interface WizardWorld {
  emu: Emulator;
  home: string;
  settingsFile: string;
  configFile: string;
  /** The environment a CLI run gets: scrubbed, HOME, emulator endpoints. */
  env(extra?: Record<string, string | undefined>): Record<string, string>;
  settings(): Record<string, any> | null;
  settingsText(): string | null;
  journal(): { id: string; command: string; status: string }[];
  stop(): Promise<void>;
}

export async function wizardWorld(opts: { signedIn?: boolean; config?: string; settings?: string; latencyMs?: number } = {}): Promise<WizardWorld> {
  const emu = await startEmulator();
  // Every region answers slowly except one, so "closest" is not decided by scheduling noise.
  // 500 ms: wide enough that a starved machine (CI under load) cannot make a slow region look closer.
  emu.setLatency(opts.latencyMs ?? 500);
  emu.setLatency(0, CLOSEST);
  const home = tempDir('cb-wiz-');
  fs.mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
  fs.writeFileSync(path.join(home, '.aws', 'config'), opts.config ?? CONFIG);
  fs.writeFileSync(path.join(home, '.aws', 'credentials'), CREDENTIALS, { mode: 0o600 });
  if (opts.signedIn !== false) {
    const grant = emu.issueSsoToken({ refreshable: true });
    const file = path.join(home, '.aws', 'sso', 'cache', `${crypto.createHash('sha1').update('corp').digest('hex')}.json`);
    fs.writeFileSync(file, JSON.stringify(grant), { mode: 0o600 });
  }
  // A fixed AWS CLI v2.15 and Claude Code on PATH: the prerequisites (and the awsAuthRefresh default) do not depend
  // on the machine, and no real `aws` is started.
  const bin = path.join(home, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'aws'), '#!/bin/sh\necho "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64"\n', { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'claude'), '#!/bin/sh\necho "2.1.332 (Claude Code)"\n', { mode: 0o755 });
  const settingsFile = path.join(home, '.claude', 'settings.json');
  if (opts.settings !== undefined) {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, opts.settings, { mode: 0o600 });
  }
  const read = (p: string) => {
    try { return fs.readFileSync(p, 'utf8'); } catch { return null; }
  };
  return {
    emu,
    home,
    settingsFile,
    configFile: path.join(home, '.aws', 'config'),
    env: (extra = {}) => scrubbedEnv(home, { ...emu.env, PATH: `${bin}${path.delimiter}/usr/bin${path.delimiter}/bin`, ...extra }),
    settingsText: () => read(settingsFile),
    settings() {
      const t = read(settingsFile);
      return t === null ? null : JSON.parse(t);
    },
    journal() {
      const dir = path.join(home, '.claude-bedrock', 'journal');
      let names: string[] = [];
      try { names = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort(); } catch { /* none yet */ }
      return names.map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')));
    },
    stop: () => emu.stop(),
  };
}
