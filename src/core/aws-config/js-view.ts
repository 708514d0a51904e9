// How the AWS SDK for JavaScript (which Claude Code uses) reads the same files, to warn where it disagrees with botocore.
// Mirrors @smithy/shared-ini-file-loader parseIni + getConfigData + mergeConfigFiles (see AWS-WIRE.md §7.1).
import type { IniDocument } from './ini.js';
import type { AwsProfile, ConfigIssue } from './model.js';

const PREFIX_RE = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const SECTION_TYPES = new Set(['profile', 'sso-session', 'services']);

type IniMap = Map<string, Map<string, string>>;

function jsParseIni(text: string): IniMap {
  const map: IniMap = new Map();
  let section: string | undefined;
  let sub: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const t = line.split(/(^|\s)[;#]/)[0]!.trim();
    if (t[0] === '[' && t[t.length - 1] === ']') {
      section = undefined;
      sub = undefined;
      const name = t.substring(1, t.length - 1);
      const m = PREFIX_RE.exec(name);
      if (m) {
        if (SECTION_TYPES.has(m[1]!)) section = `${m[1]}.${m[3]}`;
      } else section = name;
      if (name === '__proto__' || name === 'profile __proto__') throw new Error('invalid profile name');
    } else if (section) {
      const eq = t.indexOf('=');
      if (eq <= 0) continue;
      const name = t.substring(0, eq).trim();
      const value = t.substring(eq + 1).trim();
      if (value === '') {
        sub = name;
        continue;
      }
      if (sub && line.trimStart() === line) sub = undefined;
      let m = map.get(section);
      if (!m) map.set(section, (m = new Map()));
      m.set(sub ? `${sub}.${name}` : name, value);
    }
  }
  return map;
}

function jsProfiles(configText: string, credentialsText: string): Map<string, Map<string, string>> {
  const cfg = jsParseIni(configText);
  const profiles = new Map<string, Map<string, string>>();
  const def = cfg.get('default');
  if (def) profiles.set('default', def);
  for (const [k, v] of cfg) if (k.startsWith('profile.')) profiles.set(k.slice('profile.'.length), v);
  for (const [k, v] of jsParseIni(credentialsText)) {
    const cur = profiles.get(k);
    if (cur) for (const [a, b] of v) cur.set(a, b);
    else profiles.set(k, v);
  }
  return profiles;
}

/** Warnings for profiles the JS SDK does not see, or reads with different values (names only: values may be secret). */
export function jsProfileView(
  input: { configText: string; configPath: string; credentialsText: string; credentialsPath: string },
  _cfg: IniDocument, _cred: IniDocument, profiles: AwsProfile[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  let js: Map<string, Map<string, string>>;
  try {
    js = jsProfiles(input.configText, input.credentialsText);
  } catch {
    return [{ file: input.configPath, line: 0, severity: 'warning', code: 'sdk-profile-invisible', message: 'The AWS SDK for JavaScript (used by Claude Code) refuses these files: a section is named __proto__.', fix: 'rename the [__proto__] or [profile __proto__] section' }];
  }
  for (const p of profiles) {
    if (p.kind === 'env') continue;
    const src = p.sources[0];
    if (!src) continue;
    const jv = js.get(p.name);
    // Already reported as credentials-profile-prefix.
    if (!jv && src.file === input.credentialsPath && /^profile\s/.test(p.name)) continue;
    if (!jv) {
      const simple = /^[\w\-@+.%:/]+$/.test(p.name);
      issues.push({
        file: src.file, line: src.line, severity: 'warning', code: 'sdk-profile-invisible', profile: p.name,
        message: `Claude Code (AWS SDK for JavaScript) does not see profile ${JSON.stringify(p.name)} written as [${src.section}]; only the AWS CLI does.`,
        fix: simple ? `write the header as [${p.name === 'default' ? 'default' : `profile ${p.name}`}]` : 'rename the profile using only letters, digits and - _ @ + . % : /',
      });
      continue;
    }
    const differ = new Set<string>();
    for (const [k, v] of Object.entries(p.values)) {
      if (k in p.nested || k.includes('.') || v === '') continue;
      if (jv.get(k) !== v) differ.add(k);
    }
    for (const [k, v] of jv) {
      if (k.includes('.')) continue;
      if (p.values[k] !== v && !(k.toLowerCase() in p.nested)) differ.add(k.toLowerCase());
    }
    if (differ.size) {
      const keys = [...differ].sort();
      issues.push({
        file: src.file, line: src.line, severity: 'warning', code: 'sdk-disagree', profile: p.name,
        message: `The AWS CLI and Claude Code (AWS SDK for JavaScript) read ${keys.join(', ')} differently in profile ${JSON.stringify(p.name)}.`,
        fix: 'write each as "key = value" on one line: lower-case key, "=" not ":", no trailing # comment, no indented continuation lines',
      });
    }
  }
  return issues;
}
