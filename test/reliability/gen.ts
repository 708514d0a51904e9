// Random user files for the reliability suite: AWS config / credentials and Claude Code settings as people write them
// (comments, CRLF, unicode, odd spacing, unknown keys, nested sub-sections), seeded so every failure replays.
import fc from 'fast-check';

/** Runs scale with RELIABILITY_RUNS (a multiplier, default 1): `RELIABILITY_RUNS=10 node scripts/test.mjs reliability`. */
export const SCALE = Math.max(0.01, Number(process.env.RELIABILITY_RUNS ?? '1') || 1);
export const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));
/** One seed for the whole suite; RELIABILITY_SEED replays another. */
export const SEED = Number(process.env.RELIABILITY_SEED ?? '20260917');

export const START_URLS = ['https://acme.awsapps.com/start', 'https://d-1234567890.awsapps.com/start', 'https://identitycenter.amazonaws.com/ssoins-1234567890abcdef', 'https://corp.awsapps.com/start/#/'];
export const SSO_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'];

const eols = ['\n', '\n', '\n', '\r\n', '\r\n', '\r'] as const;

/** An AWS config document as a list of lines (each without its line ending) and the endings to join them with. */
export interface IniDoc {
  text: string;
  /** Names of the legacy SSO profiles written (sso_start_url inline), for the planners that look for them. */
  legacy: string[];
  profiles: string[];
  sessions: string[];
}

const profileNames = ['dev', 'prod', 'bedrock', 'default', 'team.a', 'ops@corp', 'x-1', 'caf\u00e9', 'old', 'ci/cd'];
const sessionNames = ['corp', 'acme', 'my-sso', 'sso', 'corp-2'];

const spacing = fc.constantFrom(' = ', ' = ', '=', ' =', '= ', '\t=\t', ' : ', ':', '  =  ');
const indent = fc.constantFrom('', '', '', '', ' ', '\t');
const trailing = fc.constantFrom('', '', '', ' ', '\t');
const comment = fc.constantFrom('# comment', '; semi comment', '#', '  # indented comment', '# caf\u00e9 \u65e5\u672c \ud83d\ude80', '; [profile fake]', '# sso_start_url = https://fake.awsapps.com/start');
const unknownKey = fc.constantFrom('cli_pager', 'my_custom_key', 'x-unknown', 'Output', 'tool.setting', 'granted_sso_registration_scopes', 'ca_bundle', 'cli_history');
const unknownValue = fc.constantFrom('', 'json', 'on', '\u00fcml\u00e4\u00fct', '\u65e5\u672c\u8a9e', 'a = b', 'x:y', 'value # not a comment', 'https://example.com/?a=1&b=2', '"quoted"', "'single'", '$HOME/x', '\ud83d\ude80');
const regionValue = fc.constantFrom('us-east-1', 'eu-central-1', 'ap-southeast-2', 'us-gov-west-1');

type Entry = fc.Arbitrary<string[]>;

/** key = value, sometimes with a nested sub-section or a continuation line. */
const unknownEntry: Entry = fc.tuple(indent, unknownKey, spacing, unknownValue, trailing, fc.nat(9)).map(([i, k, s, v, t, r]) => {
  if (r === 0) return [`${i}s3${s.trimEnd()}`, '  max_concurrent_requests = 10', '  addressing_style = path'];
  if (r === 1) return [`${i}${k}${s}${v || 'x'}${t}`, `    continued line \u00e9`];
  return [`${i}${k}${s}${v}${t}`];
});

const filler: Entry = fc.oneof(
  { weight: 3, arbitrary: fc.constant(['']) },
  { weight: 2, arbitrary: comment.map((c) => [c]) },
  { weight: 1, arbitrary: fc.constant(['', '']) },
);

function sectionLines(header: string, entries: string[][]): string[] {
  return [header, ...entries.flat()];
}

const legacyProfile = fc.record({
  url: fc.constantFrom(...START_URLS),
  region: fc.constantFrom(...SSO_REGIONS),
  account: fc.constantFrom('111122223333', '123456789012'),
  role: fc.constantFrom('Dev', 'BedrockUser', 'ReadOnly'),
  scopes: fc.constantFrom(undefined, undefined, 'sso:account:access', 'sso:account:access, codewhisperer:completions'),
  profileRegion: fc.option(regionValue, { nil: undefined }),
  sp: spacing,
  extra: fc.array(fc.oneof(unknownEntry, filler), { maxLength: 3 }),
});

const sessionProfile = fc.record({
  session: fc.constantFrom(...sessionNames),
  account: fc.constantFrom('111122223333', '123456789012'),
  role: fc.constantFrom('Dev', 'BedrockUser'),
  sp: spacing,
  extra: fc.array(fc.oneof(unknownEntry, filler), { maxLength: 3 }),
});

const otherProfile = fc.record({
  kind: fc.constantFrom('role', 'process', 'region', 'login', 'empty'),
  sp: spacing,
  extra: fc.array(fc.oneof(unknownEntry, filler), { maxLength: 3 }),
});

const sessionSection = fc.record({
  url: fc.constantFrom(...START_URLS),
  region: fc.constantFrom(...SSO_REGIONS),
  scopes: fc.constantFrom(undefined, 'sso:account:access', 'sso:account:access,codewhisperer:completions', 'codewhisperer:completions'),
  sp: spacing,
  extra: fc.array(fc.oneof(unknownEntry, filler), { maxLength: 2 }),
});

const kinds = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: legacyProfile.map((v) => ({ t: 'legacy' as const, v })) },
    { weight: 2, arbitrary: sessionProfile.map((v) => ({ t: 'session-profile' as const, v })) },
    { weight: 2, arbitrary: otherProfile.map((v) => ({ t: 'other' as const, v })) },
    { weight: 2, arbitrary: sessionSection.map((v) => ({ t: 'session' as const, v })) },
    { weight: 1, arbitrary: fc.record({ sp: spacing, extra: fc.array(unknownEntry, { maxLength: 2 }) }).map((v) => ({ t: 'raw' as const, v })) },
  ),
  { maxLength: 7 },
);

/** Random AWS config files botocore reads (mostly): distinct sections, every style of spacing and line ending. */
export const awsConfigDoc: fc.Arbitrary<IniDoc> = fc
  .tuple(kinds, fc.shuffledSubarray(profileNames, { minLength: 7, maxLength: 7 }), fc.shuffledSubarray(sessionNames, { minLength: 5, maxLength: 5 }), fc.constantFrom(...eols), fc.boolean(), fc.array(filler, { maxLength: 2 }), fc.nat(99), fc.constantFrom('', '', '', '', '', '', ' ', '\t'))
  .map(([parts, pnames, snames, eol, finalEol, head, mixSeed, hdrPad]) => {
    const lines: string[] = head.flat();
    const legacy: string[] = [];
    const profiles: string[] = [];
    const sessions: string[] = [];
    let pi = 0;
    let si = 0;
    const header = (name: string) => `${hdrPad}[${name === 'default' ? 'default' : `profile ${name}`}]`;
    for (const part of parts) {
      if (part.t === 'session') {
        const name = snames[si++ % snames.length]!;
        if (sessions.includes(name)) continue;
        sessions.push(name);
        const s = part.v;
        lines.push(...sectionLines(`[sso-session ${name}]`, [[`sso_start_url${s.sp}${s.url}`], [`sso_region${s.sp}${s.region}`], ...(s.scopes ? [[`sso_registration_scopes${s.sp}${s.scopes}`]] : []), ...s.extra]));
        continue;
      }
      if (part.t === 'raw') {
        lines.push(...sectionLines(`[plugins]`.replace('plugins', lines.includes('[plugins]') ? 'preview' : 'plugins'), [...part.v.extra, [`endpoint${part.v.sp}awscli_plugin_endpoint`]]));
        continue;
      }
      if (pi >= pnames.length) continue;
      const name = pnames[pi++]!;
      profiles.push(name);
      if (part.t === 'legacy') {
        const v = part.v;
        legacy.push(name);
        lines.push(...sectionLines(header(name), [
          ...v.extra.slice(0, 1),
          [`sso_start_url${v.sp}${v.url}`],
          [`sso_region${v.sp}${v.region}`],
          [`sso_account_id${v.sp}${v.account}`],
          [`sso_role_name${v.sp}${v.role}`],
          ...(v.scopes ? [[`sso_registration_scopes${v.sp}${v.scopes}`]] : []),
          ...(v.profileRegion ? [[`region${v.sp}${v.profileRegion}`]] : []),
          ...v.extra.slice(1),
        ]));
      } else if (part.t === 'session-profile') {
        const v = part.v;
        lines.push(...sectionLines(header(name), [[`sso_session${v.sp}${v.session}`], [`sso_account_id${v.sp}${v.account}`], [`sso_role_name${v.sp}${v.role}`], ...v.extra]));
      } else {
        const v = part.v;
        const body: Record<string, string[][]> = {
          role: [[`role_arn${v.sp}arn:aws:iam::111122223333:role/R`], [`source_profile${v.sp}${profiles[0] ?? 'default'}`]],
          process: [[`credential_process${v.sp}/usr/local/bin/tool --profile ${name.replace(/[^\w]/g, '')}`]],
          region: [[`region${v.sp}us-west-2`], [`output${v.sp}json`]],
          login: [[`login_session${v.sp}arn:aws:iam::111122223333:user/me`]],
          empty: [],
        };
        lines.push(...sectionLines(header(name), [...body[v.kind]!, ...v.extra]));
      }
    }
    // Line endings: mostly one style, sometimes mixed per line.
    const mixed = mixSeed < 10;
    let text = '';
    lines.forEach((l, i) => {
      const e = mixed ? eols[(i + mixSeed) % eols.length]! : eol;
      text += l + (i < lines.length - 1 || finalEol ? e : '');
    });
    return { text, legacy, profiles, sessions };
  });

/** Credentials files: static keys (never touched by any planner), comments, CRLF, profiles also in the config. */
export const awsCredentialsDoc: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom('default', 'keys', 'dev', 'ci', 'prod'), spacing, fc.boolean(), fc.array(filler, { maxLength: 1 })), { maxLength: 3 }), fc.constantFrom(...eols))
  .map(([secs, eol]) => {
    const seen = new Set<string>();
    const lines: string[] = [];
    secs.forEach(([name, sp, token, f], i) => {
      if (seen.has(name)) return;
      seen.add(name);
      lines.push(`[${name}]`, `aws_access_key_id${sp}AKIAGENERATED${String(i).padStart(7, '0')}`, `aws_secret_access_key${sp}genSecret${i}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`, ...(token ? [`aws_session_token${sp}genToken${i}yyyyyyyyyyyyyyyyyyyy`] : []), ...f.flat());
    });
    return lines.length ? lines.join(eol) + eol : '';
  });

// ---- Claude Code settings ----

/** A JSON value whose leaves may be raw number literals ("2.50", "1e3") that a reformatter would normalise. */
type J = { raw: string } | string | boolean | null | J[] | { [k: string]: J };

const jsonKey = fc.constantFrom('permissions', 'hooks', 'mcpServers', 'model', 'unknownFutureKey', 'includeCoAuthoredBy', 'statusLine', 'caf\u00e9', '\u65e5\u672c', 'a"quote', 'back\\slash', 'env', 'cleanupPeriodDays', '');
const envKey = fc.constantFrom('NODE_OPTIONS', 'AWS_PROFILE', 'AWS_REGION', 'CLAUDE_CODE_USE_BEDROCK', 'ANTHROPIC_MODEL', 'MY_VAR', 'HTTPS_PROXY', 'DISABLE_TELEMETRY', 'ANTHROPIC_DEFAULT_HAIKU_MODEL', 'MAX_THINKING_TOKENS', 'AWS_DEFAULT_REGION', 'ANTHROPIC_SMALL_FAST_MODEL');
const leaf: fc.Arbitrary<J> = fc.oneof(
  fc.constantFrom<J>('x', '', 'caf\u00e9', '\ud83d\ude80 emoji', 'line\nbreak', 'tab\there', 'quote"s', 'Bash(npm run *)', '</script>', '\u2028sep'),
  fc.constantFrom<J>({ raw: '2.50' }, { raw: '1e3' }, { raw: '-0' }, { raw: '10' }, { raw: '1E+2' }, { raw: '0.1' }),
  fc.constantFrom<J>(true, false, null),
);
const value: fc.Arbitrary<J> = fc.letrec<{ v: J }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(tie('v'), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.tuple(jsonKey, tie('v')), { maxLength: 3 }).map((es) => Object.fromEntries(es.filter(([k]) => k !== 'env'))) },
  ),
})).v;
const envValue = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom<J>('1', 'dev', 'us-west-2', '--max-old-space-size=8192', 'http://proxy:3128', 'caf\u00e9', '') },
  { weight: 1, arbitrary: fc.constantFrom<J>({ raw: '1' }, true, null) },
);

export interface JsonStyle {
  unit: string;
  colon: string;
  eol: string;
  inline: boolean;
  finalEol: boolean;
  escapeUnicode: boolean;
}

const style: fc.Arbitrary<JsonStyle> = fc.record({
  unit: fc.constantFrom('  ', '  ', '    ', '\t', ' '),
  colon: fc.constantFrom(': ', ': ', ':', ' : '),
  eol: fc.constantFrom('\n', '\n', '\r\n'),
  inline: fc.boolean(),
  finalEol: fc.boolean(),
  escapeUnicode: fc.boolean(),
});

function str(s: string, esc: boolean): string {
  const j = JSON.stringify(s);
  return esc ? j.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : j;
}

/** Serialise with a given style: one that JSON.stringify would never produce exactly. */
export function render(v: J, st: JsonStyle, ind = ''): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return str(v, st.escapeUnicode);
  if (!Array.isArray(v) && 'raw' in v && typeof v.raw === 'string' && Object.keys(v).length === 1) return v.raw;
  const entries: [string | null, J][] = Array.isArray(v) ? v.map((x) => [null, x]) : Object.entries(v as Record<string, J>);
  const [o, c] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
  if (!entries.length) return o + c;
  const item = (k: string | null, x: J, i2: string) => (k === null ? '' : str(k, st.escapeUnicode) + st.colon) + render(x, st, i2);
  if (st.inline) return o + entries.map(([k, x]) => item(k, x, ind)).join(st.colon === ':' ? ',' : ', ') + c;
  const inner = ind + st.unit;
  return o + entries.map(([k, x]) => st.eol + inner + item(k, x, inner)).join(',') + st.eol + ind + c;
}

export interface SettingsDoc {
  text: string;
  /** Made invalid on purpose (comment, trailing comma, not an object...): planners must refuse it. */
  broken: boolean;
}

const breakages = ['comment', 'trailing-comma', 'array-root', 'truncated', 'env-string', 'duplicate'] as const;

/** Claude Code settings files: unknown keys, nested values, existing env blocks, odd formatting; a few broken. */
export const settingsDoc: fc.Arbitrary<SettingsDoc> = fc
  .tuple(
    fc.array(fc.tuple(jsonKey, value), { maxLength: 5 }),
    fc.option(fc.array(fc.tuple(envKey, envValue), { maxLength: 5 }), { nil: undefined }),
    fc.nat(1000),
    style,
    fc.nat(99),
    fc.constantFrom(...breakages),
  )
  .map(([props, env, envPos, st, breakRoll, how]) => {
    const obj: Record<string, J> = {};
    for (const [k, v] of props) if (k !== 'env') obj[k] = v;
    if (env !== undefined) {
      const e: Record<string, J> = {};
      for (const [k, v] of env) e[k] = v;
      // Put env somewhere in the middle, not always last.
      const keys = Object.keys(obj);
      const at = envPos % (keys.length + 1);
      const out: Record<string, J> = {};
      keys.slice(0, at).forEach((k) => (out[k] = obj[k]!));
      out.env = e;
      keys.slice(at).forEach((k) => (out[k] = obj[k]!));
      Object.keys(obj).forEach((k) => delete obj[k]);
      Object.assign(obj, out);
    }
    let text = render(obj, st) + (st.finalEol ? st.eol : '');
    if (breakRoll < 6) {
      const body = text.trim() !== '{}';
      switch (how) {
        case 'comment': text = `// my settings${st.eol}${text}`; break;
        case 'trailing-comma': text = body ? text.replace(/\}(\s*)$/, ',}$1') : '{"a": 1,}'; break;
        case 'array-root': text = `[${text}]`; break;
        case 'truncated': text = text.trimEnd().slice(0, -1); break;
        case 'env-string': text = '{"env": "AWS_PROFILE=dev"}'; break;
        case 'duplicate': text = body ? text.replace(/^\{/, '{"model": "first", "model": "second",') : '{"model": "first", "model": "second"}'; break;
      }
    }
    // Broken = Claude Code would reject it (JSON.parse fails, the root or env is not an object).
    let broken = false;
    try {
      const v = JSON.parse(text) as unknown;
      const env = v && typeof v === 'object' ? (v as Record<string, unknown>).env : undefined;
      broken = !v || typeof v !== 'object' || Array.isArray(v) || (env !== undefined && (typeof env !== 'object' || env === null || Array.isArray(env)));
    } catch {
      broken = true;
    }
    return { text, broken };
  });

/** ~/.claude.json: Claude Code's state file, sometimes with settings keys put there by mistake. */
export const claudeStateDoc: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.boolean(), fc.constantFrom('\n', '\r\n'))
  .map(([misEnv, misRefresh, eol]) => {
    const o: Record<string, unknown> = { numStartups: 7, projects: { '/home/me/x': { allowedTools: [] } }, userID: 'abc' };
    if (misEnv) o.env = { AWS_PROFILE: 'dev', MY_VAR: 'caf\u00e9' };
    if (misRefresh) o.awsAuthRefresh = 'aws sso login --profile dev';
    return JSON.stringify(o, null, 2).replace(/\n/g, eol) + eol;
  });

export interface DocSet {
  config: IniDoc;
  credentials: string;
  settings: SettingsDoc;
  claudeState: string;
}

export const docSet: fc.Arbitrary<DocSet> = fc.record({ config: awsConfigDoc, credentials: awsCredentialsDoc, settings: settingsDoc, claudeState: claudeStateDoc });

/** Deterministic samples (fast-check's generator without its runner, so a whole batch can go to botocore at once). */
export function sample<T>(arb: fc.Arbitrary<T>, n: number, seed = SEED): T[] {
  return fc.sample(arb, { numRuns: n, seed });
}
