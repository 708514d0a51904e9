// Generated fixtures shared by the AWS config tests.

/** A large generated config: 10,000 profiles of every kind, CRLF, comments, nested blocks. */
export function hugeConfig(n = 10_000): string {
  const out: string[] = ['# generated', '[sso-session org]', 'sso_start_url = https://org.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', ''];
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0: out.push(`[profile p${i}]`, 'sso_session = org', `sso_account_id = ${100000000000 + i}`, 'sso_role_name = Dev', 'region = us-east-1'); break;
      case 1: out.push(`[profile p${i}]`, `sso_start_url = https://legacy.awsapps.com/start`, 'sso_region = us-west-2', `sso_account_id = ${100000000000 + i}`, 'sso_role_name = Dev'); break;
      case 2: out.push(`[profile p${i}]`, `role_arn = arn:aws:iam::123456789012:role/R${i}`, `source_profile = p${i - 2}`, '; chained'); break;
      case 3: out.push(`[profile p${i}]`, `credential_process = tool --profile p${i}`, 's3 =', '  addressing_style = path'); break;
      default: out.push(`[profile p${i}]`, 'region = eu-west-1', 'output = json'); break;
    }
    out.push('');
  }
  return out.join('\r\n');
}

import fc from 'fast-check';

const ws = fc.constantFrom('', '', '', ' ', '  ', '\t', '    ', ' \t', '\u00a0', '\x0c', '\x1c');
const names = fc.constantFrom('dev', 'prod', 'default', 'corp', 'x y', 'café', '開発', 'a-b.c', 'Dev', '"q n"', "'s'", '');
const keys = fc.constantFrom('region', 'output', 'sso_session', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name', 'role_arn', 'source_profile', 'Region', 's3', 'aws_access_key_id', 'k', 'sso-session', 'x.y');
const values = fc.constantFrom('', 'us-east-1', 'eu-west-1', 'corp', 'dev', 'a = b', 'x:y', 'v # c', 'https://x.awsapps.com/start', '111122223333', 'ünï', ' spaced ', 'tail\t');
const header = fc.oneof(
  fc.tuple(ws, names).map(([w, n]) => `${w}[profile ${n}]`),
  fc.tuple(ws, names).map(([w, n]) => `${w}[sso-session ${n}]`),
  fc.tuple(ws, names).map(([w, n]) => `${w}[services ${n}]`),
  fc.constantFrom('[default]', '[DEFAULT]', '[ default ]', '[profilefoo]', '[Profile X]', '[dev]', '[profile a] # c', '[x]]', '[]', '[profile\tdev]', '[profile  dev]'),
);
const keyLine = fc.tuple(ws, keys, fc.constantFrom(' = ', '=', ': ', ' =', '= ', ' : ', '\t=\t'), values, ws).map(([w, k, d, v, t]) => `${w}${k}${d}${v}${t}`);
const other = fc.oneof(
  fc.constantFrom('', '', '# comment', '; comment', '  # indented', 'garbage line', '= novalue', '[', 'x', '\ufeff'),
  ws,
  fc.string({ maxLength: 12 }),
);
const line = fc.oneof({ weight: 3, arbitrary: header }, { weight: 8, arbitrary: keyLine }, { weight: 4, arbitrary: other });
const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

/** Random INI-ish documents: mostly plausible config lines, with every hostile shape mixed in. */
export const iniDocument = fc
  .tuple(fc.array(fc.tuple(line, eol), { maxLength: 30 }), fc.boolean(), fc.boolean())
  .map(([ls, trailing, bom]) => {
    let s = ls.map(([l, e]) => l + e).join('');
    if (!trailing && s.length) s = s.replace(/(\r\n|\r|\n)$/, '');
    return (bom ? '\ufeff' : '') + s;
  });

/** Random documents that botocore accepts more often: a header first, distinct sections, no garbage. */
export const plausibleDocument = fc
  .array(fc.tuple(fc.constantFrom('default', 'profile dev', 'profile prod', 'sso-session corp', 'profile "x y"', 'services s'), fc.array(fc.tuple(keyLine, eol), { maxLength: 6 })), { maxLength: 5 })
  .map((secs) => {
    const seen = new Set<string>();
    return secs
      .filter(([n]) => (seen.has(n) ? false : (seen.add(n), true)))
      .map(([n, ls]) => {
        const used = new Set<string>();
        const body = ls.filter(([l]) => {
          const k = l.trim().split(/[=:]/)[0]!.trim().toLowerCase();
          return used.has(k) ? false : (used.add(k), true);
        });
        return `[${n}]\n` + body.map(([l, e]) => l + e).join('');
      })
      .join('\n');
  });
