// Reads every Claude Code settings layer (managed + drop-ins, local, project, user), ~/.claude.json and the AWS
// profiles into one snapshot for the pure settings engine. Never loads the AWS SDK.
import fs from 'node:fs';
import path from 'node:path';
import type { Deps } from '../deps.js';
import type { Scope } from '../command.js';
import { CliError, FileError } from '../errors.js';
import { claudeStateFile, localSettingsFile, managedSettingsFile, projectSettingsFile, userSettingsFile } from '../core/paths.js';
import { parseSettingsText } from '../core/claude-settings/parse.js';
import type { LayerFile, ProfileInfo, SettingsLayer, SettingsSnapshot } from '../core/claude-settings/effective.js';
import { readUserFile } from './fs.js';
import { loadAwsFiles } from './aws-files.js';

export interface SettingsPaths {
  managed: string;
  managedDropIns: string;
  local: string;
  project: string;
  user: string;
  claudeState: string;
}

export function settingsPaths(deps: Deps): SettingsPaths {
  const home = deps.home();
  const managed = managedSettingsFile(deps.env, deps.platform);
  return {
    managed,
    managedDropIns: path.join(path.dirname(managed), 'managed-settings.d'),
    local: localSettingsFile(deps.cwd),
    project: projectSettingsFile(deps.cwd),
    user: userSettingsFile(deps.env, home),
    claudeState: claudeStateFile(deps.env, home),
  };
}

/** The file `--scope` writes. */
export function settingsFileForScope(deps: Deps, scope: Scope): string {
  const p = settingsPaths(deps);
  return scope === 'managed' ? p.managed : p[scope];
}

function readLayer(layer: SettingsLayer, file: string, override?: string): LayerFile {
  if (override !== undefined) return { layer, path: file, exists: true, parsed: parseSettingsText(override, file) };
  try {
    // Claude Code reads a file with a byte-order mark; the parser reports it as a warning.
    const f = readUserFile(file, { allowBom: true });
    if (!f.exists) return { layer, path: file, exists: false };
    return { layer, path: file, exists: true, parsed: parseSettingsText(f.text, file) };
  } catch (e) {
    if (e instanceof CliError) return { layer, path: file, exists: true, readError: { message: e.message, fix: e.next ?? `ls -l ${file}` } };
    throw e;
  }
}

/** `managed-settings.d/*.json`, A→Z, hidden files skipped (as Claude Code reads them since v2.1.83). */
function dropIns(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort().map((n) => path.join(dir, n));
}

const MISPLACEABLE = ['awsAuthRefresh', 'awsCredentialExport', 'env'];

function misplacedInState(file: string): string[] {
  try {
    const f = readUserFile(file);
    if (!f.exists) return [];
    const v = JSON.parse(f.text) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return [];
    return MISPLACEABLE.filter((k) => Object.prototype.hasOwnProperty.call(v, k));
  } catch {
    // Claude Code's own file; if it is unreadable that is Claude Code's business, not a settings problem.
    return [];
  }
}

export interface SnapshotOptions {
  /** Replace a file's text (by path) before reading: lets setup and reset show the configuration they would produce. */
  overrides?: Map<string, string>;
  /** Skip reading the AWS files (profiles: null). */
  withoutProfiles?: boolean;
}

export function loadSettingsSnapshot(deps: Deps, opts: SnapshotOptions = {}): SettingsSnapshot {
  const p = settingsPaths(deps);
  const o = (f: string) => opts.overrides?.get(f);
  const files: LayerFile[] = [readLayer('managed', p.managed, o(p.managed))];
  for (const d of dropIns(p.managedDropIns)) files.push(readLayer('managed', d, o(d)));
  files.push(readLayer('local', p.local, o(p.local)));
  // Started from the home directory, the project file is the user file: count it once, as user settings.
  if (path.resolve(p.project) !== path.resolve(p.user)) files.push(readLayer('project', p.project, o(p.project)));
  files.push(readLayer('user', p.user, o(p.user)));

  let profiles: ProfileInfo[] | null = null;
  let awsIssues: SettingsSnapshot['awsIssues'] = [];
  if (!opts.withoutProfiles) {
    try {
      const aws = loadAwsFiles(deps);
      profiles = aws.model.profiles;
      awsIssues = aws.model.issues;
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      awsIssues = [{ file: e instanceof FileError ? e.file : '', severity: 'error', message: `${e.message} The AWS profiles could not be read.`, fix: e.next ?? 'claude-bedrock profiles' }];
    }
  }
  return {
    files,
    shellEnv: deps.env,
    claudeState: { path: p.claudeState, misplacedKeys: misplacedInState(p.claudeState) },
    profiles,
    awsIssues,
    userSettingsPath: p.user,
  };
}
