// Doctor test fixtures: a temp HOME with AWS and Claude Code files, a PATH with stand-ins for claude / claude-bedrock,
// and SSO token-cache entries in the AWS CLI v2 format.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, tempDir, writeFile } from '../helpers.js';
import { legacySsoProfile, START_URL } from '../aws-fixtures.js';

export interface HomeSpec {
  config?: string;
  credentials?: string;
  settings?: unknown;
  /** Raw text of ~/.claude/settings.json (wins over `settings`). */
  settingsText?: string;
  claudeJson?: unknown;
}

export function makeHome(spec: HomeSpec): string {
  const home = tempDir('cb-doctor-');
  if (spec.config !== undefined) writeFile(path.join(home, '.aws', 'config'), spec.config);
  if (spec.credentials !== undefined) writeFile(path.join(home, '.aws', 'credentials'), spec.credentials, 0o600);
  if (spec.settingsText !== undefined) writeFile(path.join(home, '.claude', 'settings.json'), spec.settingsText);
  else if (spec.settings !== undefined) writeFile(path.join(home, '.claude', 'settings.json'), JSON.stringify(spec.settings, null, 2) + '\n');
  if (spec.claudeJson !== undefined) writeFile(path.join(home, '.claude.json'), JSON.stringify(spec.claudeJson, null, 2) + '\n');
  return home;
}

/** A bin directory with `claude` (printing the given version) and `claude-bedrock` (the built CLI), and no `aws`. */
export function fakeBin(claudeVersion: string | null = '2.1.332'): string {
  const dir = tempDir('cb-bin-');
  if (claudeVersion) {
    fs.writeFileSync(path.join(dir, 'claude'), `#!/bin/sh\necho "${claudeVersion} (Claude Code)"\n`, { mode: 0o755 });
  }
  fs.writeFileSync(path.join(dir, 'claude-bedrock'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
  return dir;
}

/** PATH for a test: the fake bin, node's own directory and the system directories (no AWS CLI). */
export function testPath(bin: string): string {
  return [bin, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter);
}

export function writeSsoToken(home: string, key: string, token: Record<string, unknown>): string {
  const file = path.join(home, '.aws', 'sso', 'cache', `${crypto.createHash('sha1').update(key).digest('hex')}.json`);
  writeFile(file, JSON.stringify(token), 0o600);
  return file;
}

export { START_URL, SSO_SESSION_CONFIG } from '../aws-fixtures.js';

export function isoIn(ms: number): string {
  return new Date(Date.now() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const LEGACY_CONFIG = legacySsoProfile('dev');

export const STATIC_CREDENTIALS = `[dev]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`;

export const GOOD_SETTINGS = {
  env: {
    CLAUDE_CODE_USE_BEDROCK: '1',
    AWS_PROFILE: 'dev',
    AWS_REGION: 'us-west-2',
    ANTHROPIC_MODEL: 'global.anthropic.claude-opus-4-5-20251101-v1:0',
    ANTHROPIC_DEFAULT_HAIKU_MODEL: 'global.anthropic.claude-haiku-4-5-20251001-v1:0',
  },
  awsAuthRefresh: 'claude-bedrock login --profile dev',
};
