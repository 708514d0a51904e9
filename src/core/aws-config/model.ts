// The AWS profile model: config + credentials files read the way botocore reads them, classified, with every problem
// AWS tools would hit reported as an issue (file, line, fix). Values may hold secrets: they never go into messages.
import { keyValue, parseIni, type IniDocument, type KeyLine } from './ini.js';
import { pySplitlines, pyStrip, shlexSplit } from './pystr.js';
import { jsProfileView } from './js-view.js';

export type ProfileKind = 'sso-session' | 'sso-legacy' | 'static' | 'assume-role' | 'credential-process' | 'login' | 'web-identity' | 'env' | 'unknown';

export interface ProfileSource { file: string; line: number; section: string }

export interface AwsProfile {
  name: string;
  kind: ProfileKind;
  region?: string;
  ssoSession?: string;
  /** From the profile's [sso-session] when it uses one, else inline. */
  ssoStartUrl?: string;
  ssoRegion?: string;
  ssoAccountId?: string;
  ssoRoleName?: string;
  ssoRegistrationScopes?: string;
  roleArn?: string;
  sourceProfile?: string;
  credentialSource?: string;
  credentialProcess?: string;
  loginSession?: string;
  webIdentityTokenFile?: string;
  /** Renews without a new browser login: an sso-session with a complete session, login, or a role from such a profile. */
  refreshable: boolean;
  /** Every section that contributes, config file first (a shadowed `[default]`/`[profile default]` is not listed). */
  sources: ProfileSource[];
  /** Merged raw values, keys lower-cased like botocore. May hold secrets: never print. */
  values: Record<string, string>;
  /** Keys whose value is an indented sub-section (`s3 =` then `  k = v` lines), parsed as botocore does. */
  nested: Record<string, Record<string, string>>;
}

export interface SsoSession {
  name: string;
  startUrl?: string;
  region?: string;
  registrationScopes?: string;
  source: { file: string; line: number };
}

export type IssueCode =
  // botocore refuses the whole file for these (ConfigParseError): every AWS CLI / boto3 command fails.
  | 'bom' | 'key-before-section' | 'no-delimiter' | 'empty-key' | 'duplicate-section' | 'duplicate-key' | 'nested-no-equals'
  // A profile that resolves, but not as written or not at all.
  | 'section-ignored' | 'section-shadowed' | 'section-not-profile' | 'credentials-profile-prefix'
  | 'sso-session-missing' | 'sso-session-incomplete' | 'sso-inconsistent' | 'sso-session-hyphen-key' | 'sso-incomplete' | 'sso-no-refresh-scope'
  | 'source-profile-missing' | 'source-profile-cycle' | 'role-source-conflict' | 'role-source-missing' | 'services-missing'
  | 'sdk-disagree' | 'sdk-profile-invisible';

export interface ConfigIssue {
  file: string;
  /** 1-based line; 0 when the issue is about the whole file. */
  line: number;
  severity: 'error' | 'warning';
  message: string;
  fix?: string;
  code?: IssueCode;
  /** The profile the issue is about, when it is about one. */
  profile?: string;
  /** The [sso-session] the issue is about, when it is about one. */
  ssoSession?: string;
}

export interface AwsConfigModel {
  profiles: AwsProfile[];
  ssoSessions: Record<string, SsoSession>;
  issues: ConfigIssue[];
}

/** Issue codes that make botocore reject the whole file. */
export const FILE_REFUSED_CODES: ReadonlySet<IssueCode> = new Set(['bom', 'key-before-section', 'no-delimiter', 'empty-key', 'duplicate-section', 'duplicate-key', 'nested-no-equals']);

export function isFileRefused(issue: ConfigIssue): boolean {
  return issue.code !== undefined && FILE_REFUSED_CODES.has(issue.code);
}

/** One section as botocore's raw_config_parse returns it ([DEFAULT] keys inherited), plus where things came from. */
export interface RawSection {
  name: string;
  values: Map<string, string>;
  nested: Map<string, Record<string, string>>;
  /** 1-based header lines (more than one only when the file repeats the section). */
  lines: number[];
  keyLines: Map<string, number>;
}

const SAFE_TO_SHOW = new Set(['sso_start_url', 'sso_region', 'sso_registration_scopes', 'sso_account_id', 'sso_role_name', 'region', 'sso_session']);

function q(s: string): string {
  return JSON.stringify(s);
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * configparser + raw_config_parse over a parsed document. Where botocore refuses the file we still read it the
 * forgiving way the JS SDK does (duplicate sections merged, later keys win, bad lines skipped) and report issues.
 */
export function rawParse(doc: IniDocument, file: string, issues: ConfigIssue[]): RawSection[] {
  const err = (line: number, code: IssueCode, message: string, fix: string) =>
    issues.push({ file, line, severity: 'error', code, message, fix });
  const refusal = 'the AWS CLI and boto3 refuse the whole file';
  if (doc.bom) {
    // perl -i works the same on macOS and Linux (sed -i does not).
    err(1, 'bom', `${file} starts with a byte-order mark (BOM): ${refusal}.`, `perl -i -pe 's/^\\xEF\\xBB\\xBF// if $. == 1' ${shellQuote(file)}`);
  }
  const byName = new Map<string, RawSection>();
  const order: RawSection[] = [];
  const defaults: RawSection = { name: 'DEFAULT', values: new Map(), nested: new Map(), lines: [], keyLines: new Map() };
  const seenSection = new Set<string>();
  let sec: RawSection | null = null;
  const seenKey = new Map<RawSection, Set<string>>();
  let beforeSection = false;
  const badDefault = new Map<string, number>();
  for (let i = 0; i < doc.lines.length; i++) {
    const l = doc.lines[i]!;
    const n = i + 1;
    switch (l.kind) {
      case 'section': {
        if (l.name === 'DEFAULT') {
          sec = defaults;
          defaults.lines.push(n);
          break;
        }
        if (seenSection.has(l.name)) {
          err(n, 'duplicate-section', `Section [${l.name}] appears again on line ${n} (first on line ${byName.get(l.name)!.lines[0]}): ${refusal}.`, `merge the two [${l.name}] sections into one in ${file}`);
        }
        seenSection.add(l.name);
        sec = byName.get(l.name) ?? null;
        if (!sec) {
          sec = { name: l.name, values: new Map(), nested: new Map(), lines: [], keyLines: new Map() };
          byName.set(l.name, sec);
          order.push(sec);
        }
        sec.lines.push(n);
        break;
      }
      case 'invalid':
        if (l.reason === 'before-section') {
          if (!beforeSection) err(n, 'key-before-section', `Line ${n} of ${file} comes before any [section] header: ${refusal}.`, `move line ${n} under a [profile NAME] header, or delete it`);
          beforeSection = true;
        } else if (l.reason === 'no-delimiter') {
          err(n, 'no-delimiter', `Line ${n} of ${file} has no "=": ${refusal}.`, `write line ${n} as "key = value", make it a comment with "#", or delete it`);
        } else {
          err(n, 'empty-key', `Line ${n} of ${file} has a value but no key name: ${refusal}.`, `put the key name before the "=" on line ${n}, or delete the line`);
        }
        break;
      case 'key': {
        if (!sec) break;
        let seen = seenKey.get(sec);
        if (!seen) seenKey.set(sec, (seen = new Set()));
        if (seen.has(l.key)) {
          err(n, 'duplicate-key', `Key ${l.key} appears twice in [${sec.name}] (again on line ${n}): ${refusal}.`, `keep one ${l.key} line in [${sec.name}] in ${file}`);
        }
        seen.add(l.key);
        const v = keyValue(doc, i);
        sec.values.set(l.key, v);
        sec.keyLines.set(l.key, n);
        sec.nested.delete(l.key);
        if (sec === defaults) badDefault.delete(l.key);
        if (v.startsWith('\n')) {
          const nested = parseNested(doc, l);
          sec.nested.set(l.key, nested.values);
          if (nested.bad !== undefined) {
            if (sec === defaults) badDefault.set(l.key, nested.bad);
            else err(nested.bad, 'nested-no-equals', `Line ${nested.bad} of ${file} is inside the indented block of ${l.key} but has no "=": ${refusal}.`, `write line ${nested.bad} as "  key = value", or delete it`);
          }
        }
        break;
      }
    }
  }
  // [DEFAULT] keys are inherited by every section; a broken nested block there only fails where it is inherited.
  let reportedDefault = false;
  for (const s of order) {
    for (const [k, v] of defaults.values) {
      if (s.values.has(k)) continue;
      s.values.set(k, v);
      const nested = defaults.nested.get(k);
      if (nested) s.nested.set(k, nested);
      if (!s.keyLines.has(k)) s.keyLines.set(k, defaults.keyLines.get(k)!);
      const bad = badDefault.get(k);
      if (bad !== undefined && !reportedDefault) {
        reportedDefault = true;
        err(bad, 'nested-no-equals', `Line ${bad} of ${file} is inside the indented block of ${k} in [DEFAULT] but has no "=": ${refusal}.`, `write line ${bad} as "  key = value", or delete it`);
      }
    }
  }
  return order;
}

/** botocore's _parse_nested: split lines, strip, skip blanks, split on the first "=" (keys keep their case). */
function parseNested(doc: IniDocument, key: KeyLine): { values: Record<string, string>; bad?: number } {
  const values: Record<string, string> = {};
  for (const c of key.continuations) {
    const line = doc.lines[c]!;
    if (line.kind !== 'continuation') continue;
    for (const part of pySplitlines(line.text)) {
      const t = pyStrip(part);
      if (!t) continue;
      const eq = t.indexOf('=');
      if (eq < 0) return { values, bad: c + 1 };
      values[pyStrip(t.slice(0, eq))] = pyStrip(t.slice(eq + 1));
    }
  }
  return { values };
}

interface Building {
  name: string;
  values: Map<string, string>;
  nested: Map<string, Record<string, string>>;
  sources: ProfileSource[];
  /** Line of each key in the config file and, overriding it, in the credentials file. */
  cfgLines: Map<string, number>;
  credLines: Map<string, number>;
  cfgFile: string;
  credFile: string;
}

const PREFIXES = ['profile', 'sso-session', 'services'] as const;
// Top-level config sections the AWS CLI itself uses; anything else that is not a profile is likely a mistake.
const KNOWN_TOP_LEVEL = new Set(['plugins', 'preview', 'cli', 'toplevel', 'DEFAULT']);

/** botocore's build_profile_map applied to one section name. */
export function classifySection(name: string): { type: 'profile' | 'sso-session' | 'services'; name: string } | { type: 'dropped'; prefix: string } | { type: 'other' } {
  for (const prefix of PREFIXES) {
    if (name.startsWith(prefix)) {
      const parts = shlexSplit(name);
      if (parts && parts.length === 2) return { type: prefix, name: parts[1]! };
      return { type: 'dropped', prefix };
    }
  }
  if (name === 'default') return { type: 'profile', name: 'default' };
  return { type: 'other' };
}

export interface ProfileModelInput {
  configText: string;
  configPath: string;
  credentialsText: string;
  credentialsPath: string;
  env: Readonly<Record<string, string | undefined>>;
}

export function buildProfileModel(input: ProfileModelInput): AwsConfigModel {
  const issues: ConfigIssue[] = [];
  const cfgFile = input.configPath;
  const credFile = input.credentialsPath;
  const cfgDoc = parseIni(input.configText);
  const credDoc = parseIni(input.credentialsText);
  const cfgRaw = rawParse(cfgDoc, cfgFile, issues);
  const credRaw = rawParse(credDoc, credFile, issues);

  const profiles = new Map<string, Building>();
  const sessions: Record<string, SsoSession> = Object.create(null);
  const sessionValues = new Map<string, Map<string, string>>();
  const services = new Set<string>();
  const warn = (file: string, line: number, code: IssueCode, message: string, fix?: string, profile?: string) =>
    issues.push({ file, line, severity: 'warning', code, message, ...(fix ? { fix } : {}), ...(profile !== undefined ? { profile } : {}) });
  const error = (file: string, line: number, code: IssueCode, message: string, fix?: string, profile?: string) =>
    issues.push({ file, line, severity: 'error', code, message, ...(fix ? { fix } : {}), ...(profile !== undefined ? { profile } : {}) });

  for (const s of cfgRaw) {
    const c = classifySection(s.name);
    const line = s.lines[0]!;
    if (c.type === 'profile') {
      const prev = profiles.get(c.name);
      if (prev) {
        const prevLine = prev.sources[0]!.line;
        warn(cfgFile, prevLine, 'section-shadowed', `[${prev.sources[0]!.section}] (line ${prevLine}) is ignored by the AWS CLI: [${s.name}] on line ${line} also defines profile ${q(c.name)} and the later one wins.`, `merge the two sections into [${c.name === 'default' ? 'default' : `profile ${c.name}`}]`, c.name);
      }
      // The raw section is not used again: its maps become the profile's.
      const b: Building = {
        name: c.name, values: s.values, nested: s.nested, sources: [{ file: cfgFile, line, section: s.name }],
        cfgLines: s.keyLines, credLines: new Map(), cfgFile, credFile,
      };
      // Map.set on an existing key keeps its position: the same order as botocore's dict.update.
      profiles.set(c.name, b);
    } else if (c.type === 'sso-session') {
      // An indented sub-block is a dict to botocore, not a string: it is not a start URL or region.
      const flat = new Map([...s.values].filter(([k]) => !s.nested.has(k)));
      sessionValues.set(c.name, flat);
      sessions[c.name] = {
        name: c.name,
        ...(flat.has('sso_start_url') ? { startUrl: flat.get('sso_start_url') } : {}),
        ...(flat.has('sso_region') ? { region: flat.get('sso_region') } : {}),
        ...(flat.has('sso_registration_scopes') ? { registrationScopes: flat.get('sso_registration_scopes') } : {}),
        source: { file: cfgFile, line },
      };
      const scopes = (flat.get('sso_registration_scopes') ?? '').split(',').map((x) => x.trim());
      if (flat.has('sso_start_url') && flat.has('sso_region') && !scopes.includes('sso:account:access')) {
        issues.push({ file: cfgFile, line, severity: 'warning', code: 'sso-no-refresh-scope', ssoSession: c.name, message: `[sso-session ${c.name}] has no sso_registration_scopes = sso:account:access: device-code logins (aws sso login --use-device-code, AWS CLI before 2.22) get no refresh token and expire after about 8 hours.`, fix: `add "sso_registration_scopes = sso:account:access" under [sso-session ${c.name}], then log in again` });
      }
    } else if (c.type === 'services') {
      services.add(c.name);
    } else if (c.type === 'dropped') {
      warn(cfgFile, line, 'section-ignored', `The AWS CLI ignores [${s.name}]: a ${c.prefix} header needs exactly one name after "${c.prefix} " (quote a name that has spaces).`, `rename the header to [${c.prefix} NAME]`);
    } else if (!KNOWN_TOP_LEVEL.has(s.name)) {
      const bare = s.name.trim();
      const m = /^(profile|sso-session|services)\s+(.+)$/i.exec(bare);
      const suggestion = m ? `[${m[1]!.toLowerCase()} ${m[2]}]` : /^default$/i.test(bare) ? '[default]' : `[profile ${bare}]`;
      warn(cfgFile, line, 'section-not-profile', `[${s.name}] in ${cfgFile} is not a profile to AWS tools (section names are case- and space-sensitive).`, `rename the header to ${suggestion}`);
    }
  }

  // Credentials-file sections are raw profile names; their keys override the config file's key by key.
  for (const s of credRaw) {
    const line = s.lines[0]!;
    if (/^profile\s/.test(s.name)) {
      warn(credFile, line, 'credentials-profile-prefix', `[${s.name}] in the credentials file is a profile literally named ${q(s.name)}; the credentials file does not use the "profile " prefix.`, `rename the header to [${s.name.replace(/^profile\s+/, '')}]`, s.name);
    }
    let b = profiles.get(s.name);
    if (!b) {
      b = { name: s.name, values: new Map(), nested: new Map(), sources: [], cfgLines: new Map(), credLines: new Map(), cfgFile, credFile };
      profiles.set(s.name, b);
    }
    b.sources.push({ file: credFile, line, section: s.name });
    for (const [k, v] of s.values) {
      b.values.set(k, v);
      const nested = s.nested.get(k);
      if (nested) b.nested.set(k, nested);
      else b.nested.delete(k);
    }
    b.credLines = s.keyLines;
  }

  const kinds = new Map<string, ProfileKind>();
  for (const b of profiles.values()) kinds.set(b.name, kindOf(b));
  const out: AwsProfile[] = [];
  for (const b of profiles.values()) {
    out.push(toProfile(b, kinds.get(b.name)!, sessions, sessionValues, profiles, kinds, services, { warn, error }));
  }
  // A chained role renews when the profile it starts from does.
  const byName = new Map(out.map((x) => [x.name, x]));
  for (const p of out) if (p.kind === 'assume-role') p.refreshable = chainRefreshable(p, byName);

  const env = input.env;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
    out.push({ name: 'env', kind: 'env', ...(region ? { region } : {}), refreshable: false, sources: [], values: {}, nested: {} });
  }

  for (const i of jsProfileView(input, cfgDoc, credDoc, out)) issues.push(i);

  issues.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === cfgFile ? -1 : b.file === cfgFile ? 1 : a.file < b.file ? -1 : 1));
  return { profiles: out, ssoSessions: { ...sessions }, issues };
}

function get(b: Building, k: string): string | undefined {
  return b.nested.has(k) ? undefined : b.values.get(k);
}

/** The first credential provider botocore's chain would use for this profile (credentials.py order). */
function kindOf(b: Building): ProfileKind {
  const has = (k: string) => get(b, k) !== undefined;
  if (has('role_arn') && !has('web_identity_token_file')) return 'assume-role';
  if (has('web_identity_token_file')) return 'web-identity';
  if (has('sso_session')) return 'sso-session';
  if (has('sso_start_url') || has('sso_account_id') || has('sso_role_name')) return 'sso-legacy';
  if (has('aws_access_key_id') && b.credLines.has('aws_access_key_id')) return 'static';
  if (has('login_session')) return 'login';
  if (has('credential_process')) return 'credential-process';
  if (has('aws_access_key_id')) return 'static';
  return 'unknown';
}

interface Reporters {
  warn(file: string, line: number, code: IssueCode, message: string, fix?: string, profile?: string): void;
  error(file: string, line: number, code: IssueCode, message: string, fix?: string, profile?: string): void;
}

function toProfile(
  b: Building, kind: ProfileKind, sessions: Record<string, SsoSession>, sessionValues: Map<string, Map<string, string>>,
  profiles: Map<string, Building>, kinds: Map<string, ProfileKind>, services: Set<string>, rep: Reporters,
): AwsProfile {
  const r = {
    warn: (f: string, l: number, c: IssueCode, m: string, x?: string) => rep.warn(f, l, c, m, x, b.name),
    error: (f: string, l: number, c: IssueCode, m: string, x?: string) => rep.error(f, l, c, m, x, b.name),
  };
  const at = (k: string) => {
    const cred = b.credLines.get(k);
    if (cred !== undefined) return { file: b.credFile, line: cred };
    const cfg = b.cfgLines.get(k);
    if (cfg !== undefined) return { file: b.cfgFile, line: cfg };
    return { file: b.sources[0]?.file ?? '', line: b.sources[0]?.line ?? 0 };
  };
  const v = (k: string) => get(b, k);
  const name = b.name;
  const sessionName = v('sso_session');
  const session = sessionName !== undefined ? sessions[sessionName] : undefined;
  const p: AwsProfile = { name, kind, refreshable: false, sources: b.sources, values: Object.fromEntries(b.values), nested: Object.fromEntries(b.nested) };
  const set = <K extends keyof AwsProfile>(key: K, val: AwsProfile[K] | undefined) => { if (val !== undefined) p[key] = val; };
  set('region', v('region'));
  set('ssoSession', sessionName);
  set('ssoStartUrl', session?.startUrl ?? v('sso_start_url'));
  set('ssoRegion', session?.region ?? v('sso_region'));
  set('ssoAccountId', v('sso_account_id'));
  set('ssoRoleName', v('sso_role_name'));
  set('ssoRegistrationScopes', session ? session.registrationScopes : v('sso_registration_scopes'));
  set('roleArn', v('role_arn'));
  set('sourceProfile', v('source_profile'));
  set('credentialSource', v('credential_source'));
  set('credentialProcess', v('credential_process'));
  set('loginSession', v('login_session'));
  set('webIdentityTokenFile', v('web_identity_token_file'));

  const hyphen = v('sso-session');
  if (hyphen !== undefined && sessionName === undefined) {
    const { file, line } = at('sso-session');
    r.error(file, line, 'sso-session-hyphen-key', `Profile ${q(name)} sets "sso-session = ..." but the key is sso_session (underscore); AWS tools ignore the hyphenated key.`, `change "sso-session" to "sso_session" on line ${line} of ${file}`);
  }

  if (sessionName !== undefined) {
    const { file, line } = at('sso_session');
    if (!session) {
      r.error(file, line, 'sso-session-missing', `Profile ${q(name)} uses sso_session = ${sessionName} but there is no [sso-session ${sessionName}] section.`, `add [sso-session ${sessionName}] with sso_start_url and sso_region to the config file, or run: aws configure sso-session`);
    } else {
      const missing = (['sso_start_url', 'sso_region'] as const).filter((k) => !sessionValues.get(sessionName)!.has(k));
      if (missing.length) {
        r.error(session.source.file, session.source.line, 'sso-session-incomplete', `[sso-session ${sessionName}] is missing ${missing.join(' and ')}; profile ${q(name)} cannot log in.`, `add ${missing.map((k) => `${k} = ...`).join(' and ')} under [sso-session ${sessionName}]`);
      }
      // botocore's SSOProvider compares every key the session has with the profile's value.
      for (const [k, sv] of sessionValues.get(sessionName)!) {
        const pv = v(k);
        if (pv !== undefined && pv !== sv) {
          const pos = at(k);
          const vals = SAFE_TO_SHOW.has(k) ? ` between profile (${pv}) and sso-session (${sv})` : ' between the profile and its sso-session';
          r.error(pos.file, pos.line, 'sso-inconsistent', `The value for ${k} is inconsistent${vals} in profile ${q(name)}; AWS tools refuse to use it.`, `delete ${k} from the profile (line ${pos.line}); the [sso-session ${sessionName}] value applies`);
        }
      }
      // Choice: the sso-session format is refreshable. Botocore and the JS SDK refresh its token with the cached
      // refresh token, and the AWS CLI's default PKCE login asks for sso:account:access even when no scopes are
      // configured. Without that scope in the config a device-code login gets no refresh token: warned per session.
      if (!missing.length) p.refreshable = true;
    }
  }

  if (kind === 'sso-legacy' || (kind === 'sso-session' && session && (v('sso_account_id') !== undefined || v('sso_role_name') !== undefined))) {
    const resolved = (k: string) => v(k) ?? (session ? sessionValues.get(sessionName!)!.get(k) : undefined);
    const missing = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region'].filter((k) => resolved(k) === undefined);
    if (missing.length && (kind === 'sso-legacy' ? hyphen === undefined : !missing.some((k) => k === 'sso_start_url' || k === 'sso_region'))) {
      const src = b.sources[0]!;
      r.error(src.file, src.line, 'sso-incomplete', `The profile ${q(name)} is configured to use SSO but is missing required configuration: ${missing.join(', ')}.`, `add ${missing.join(', ')} to [${src.section}]`);
    }
  }

  if (kind === 'login') p.refreshable = true;

  if (kind === 'assume-role') {
    const src = v('source_profile');
    const credSource = v('credential_source');
    const pos = at('role_arn');
    if (src !== undefined && credSource !== undefined) {
      r.error(pos.file, pos.line, 'role-source-conflict', `The profile ${q(name)} contains both source_profile and credential_source.`, `keep only one of source_profile and credential_source in profile ${q(name)}`);
    } else if (src === undefined && credSource === undefined) {
      r.error(pos.file, pos.line, 'role-source-missing', `Profile ${q(name)} has role_arn but neither source_profile nor credential_source, so AWS tools have no credentials to assume the role with.`, `add "source_profile = <profile with credentials>" to profile ${q(name)}`);
    } else if (src !== undefined) {
      const problem = walkSourceChain(name, profiles, kinds);
      const sp = at('source_profile');
      if (problem?.type === 'missing') {
        r.error(sp.file, sp.line, 'source-profile-missing', `The source_profile ${q(problem.name)} referenced in the profile ${q(problem.from)} does not exist.`, `create profile ${q(problem.name)} or point source_profile at an existing profile (claude-bedrock profiles lists them)`);
      } else if (problem?.type === 'cycle') {
        r.error(sp.file, sp.line, 'source-profile-cycle', `source_profile in profile ${q(name)} loops: ${problem.path.join(' -> ')}.`, `point one source_profile in that chain at a profile with credentials (SSO or keys)`);
      }
    }
  }

  const svc = v('services');
  if (svc !== undefined && !services.has(svc)) {
    const pos = at('services');
    r.error(pos.file, pos.line, 'services-missing', `Profile ${q(name)} uses services = ${svc} but there is no [services ${svc}] section.`, `add [services ${svc}] to the config file or remove the services line`);
  }
  return p;
}

/** botocore's AssumeRoleProvider walk (visited list, self-reference allowed only with static keys). */
function walkSourceChain(start: string, profiles: Map<string, Building>, kinds: Map<string, ProfileKind>):
  { type: 'missing'; name: string; from: string } | { type: 'cycle'; path: string[] } | null {
  const visited = [start];
  let parent = start;
  for (;;) {
    const pb = profiles.get(parent)!;
    if (get(pb, 'credential_source') !== undefined) return null;
    const src = get(pb, 'source_profile');
    if (src === undefined) return null;
    const sb = profiles.get(src);
    if (!sb) return { type: 'missing', name: src, from: parent };
    const hasStatic = get(sb, 'aws_access_key_id') !== undefined || get(sb, 'aws_secret_access_key') !== undefined;
    if (visited.includes(src) && (src !== parent || !hasStatic)) return { type: 'cycle', path: [...visited, src] };
    visited.push(src);
    if (hasStatic || kinds.get(src) !== 'assume-role') return null;
    parent = src;
  }
}

function chainRefreshable(p: AwsProfile, byName: Map<string, AwsProfile>): boolean {
  const seen = new Set<string>();
  let cur: AwsProfile | undefined = p;
  while (cur && cur.kind === 'assume-role' && cur.sourceProfile !== undefined && !seen.has(cur.name)) {
    seen.add(cur.name);
    cur = byName.get(cur.sourceProfile);
  }
  return !!cur && cur.kind !== 'assume-role' && cur.refreshable;
}
