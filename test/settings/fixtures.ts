// Shared fixtures for the settings e2e tests: a temp HOME with AWS profiles of every kind, and file/journal probes.
import fs from 'node:fs';
import path from 'node:path';
import { tempDir, writeFile } from '../helpers.js';

export const AWS_CONFIG = `[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Dev
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile old]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Dev

[profile console]
login_session = arn:aws:iam::111122223333:user/me
region = us-west-2

[profile proc]
credential_process = /bin/echo {}
`;

export const AWS_CREDENTIALS = `[keys]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`;

export const OPUS = 'global.anthropic.claude-opus-4-5-20251101-v1:0';
export const HAIKU = 'global.anthropic.claude-haiku-4-5-20251001-v1:0';

/** A temp HOME with ~/.aws/config and ~/.aws/credentials. */
export function homeWithProfiles(): string {
  const home = tempDir('cb-settings-');
  writeFile(path.join(home, '.aws', 'config'), AWS_CONFIG);
  writeFile(path.join(home, '.aws', 'credentials'), AWS_CREDENTIALS, 0o600);
  return home;
}

export const userSettings = (home: string) => path.join(home, '.claude', 'settings.json');

export function read(p: string): string | null {
  try { return fs.readFileSync(p, 'utf8'); } catch { return null; }
}

/** Change sets recorded in the undo journal. */
export function journalEntries(home: string): string[] {
  try { return fs.readdirSync(path.join(home, '.claude-bedrock', 'journal')); } catch { return []; }
}

export const setupArgs = (profile = 'dev', extra: string[] = []) => ['setup', '--profile', profile, '--region', 'us-west-2', '--model', OPUS, ...extra];
