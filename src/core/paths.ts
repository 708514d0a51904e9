// Where every file lives, resolved from the environment the way AWS tools and Claude Code resolve it. Pure.
import path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return p;
}

export function awsConfigFile(env: Env, home: string): string {
  return env.AWS_CONFIG_FILE ? expandHome(env.AWS_CONFIG_FILE, home) : path.join(home, '.aws', 'config');
}

export function awsCredentialsFile(env: Env, home: string): string {
  return env.AWS_SHARED_CREDENTIALS_FILE ? expandHome(env.AWS_SHARED_CREDENTIALS_FILE, home) : path.join(home, '.aws', 'credentials');
}

export function ssoCacheDir(home: string): string {
  return path.join(home, '.aws', 'sso', 'cache');
}

export function claudeConfigDir(env: Env, home: string): string {
  return env.CLAUDE_CONFIG_DIR ? expandHome(env.CLAUDE_CONFIG_DIR, home) : path.join(home, '.claude');
}

export function userSettingsFile(env: Env, home: string): string {
  return path.join(claudeConfigDir(env, home), 'settings.json');
}

/** `~/.claude.json`: Claude Code's own state file; settings keys put here are ignored. */
export function claudeStateFile(env: Env, home: string): string {
  return env.CLAUDE_CONFIG_DIR ? path.join(claudeConfigDir(env, home), '.claude.json') : path.join(home, '.claude.json');
}

export function projectSettingsFile(cwd: string): string {
  return path.join(cwd, '.claude', 'settings.json');
}

export function localSettingsFile(cwd: string): string {
  return path.join(cwd, '.claude', 'settings.local.json');
}

export function managedSettingsFile(env: Env, platform: NodeJS.Platform): string {
  if (env.CLAUDE_BEDROCK_MANAGED_SETTINGS) return env.CLAUDE_BEDROCK_MANAGED_SETTINGS;
  switch (platform) {
    case 'darwin':
      return '/Library/Application Support/ClaudeCode/managed-settings.json';
    case 'win32':
      return path.win32.join(env.ProgramFiles ?? 'C:\\Program Files', 'ClaudeCode', 'managed-settings.json');
    default:
      return '/etc/claude-code/managed-settings.json';
  }
}

/** Our own state (change-set journal, backups, locks): `$CLAUDE_BEDROCK_HOME` or `~/.claude-bedrock`. */
export function stateDir(env: Env, home: string): string {
  return env.CLAUDE_BEDROCK_HOME ? expandHome(env.CLAUDE_BEDROCK_HOME, home) : path.join(home, '.claude-bedrock');
}
