// Profile model: classification, refreshability, and every issue with its file, line and fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildProfileModel, isFileRefused, type AwsConfigModel, type IssueCode } from './index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function model(configText: string, credentialsText = '', env: Record<string, string> = {}): AwsConfigModel {
  return buildProfileModel({ configText, configPath: '/h/.aws/config', credentialsText, credentialsPath: '/h/.aws/credentials', env });
}

function kinds(m: AwsConfigModel): Record<string, string> {
  return Object.fromEntries(m.profiles.map((p) => [p.name, p.kind]));
}

function codes(m: AwsConfigModel): [IssueCode | undefined, number][] {
  return m.issues.map((i) => [i.code, i.line]);
}

test('classifies every kind the way botocore picks a credential provider', () => {
  const m = model(`
[profile session]
sso_session = corp
sso_account_id = 1
sso_role_name = R
[profile legacy]
sso_start_url = https://x.awsapps.com/start
sso_region = us-east-1
sso_account_id = 1
sso_role_name = R
[profile role]
role_arn = arn:aws:iam::1:role/R
source_profile = keys
[profile web]
role_arn = arn:aws:iam::1:role/W
web_identity_token_file = /t
[profile proc]
credential_process = tool
[profile login]
login_session = arn:aws:iam::1:user/me
[profile region-only]
region = us-east-1
[profile cfgkeys]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
credential_process = tool
[sso-session corp]
sso_start_url = https://x.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`, `[keys]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = ${SECRET}
[login]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
`, { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'eu-west-1' });
  assert.deepEqual(kinds(m), {
    session: 'sso-session', legacy: 'sso-legacy', role: 'assume-role', web: 'web-identity', proc: 'credential-process',
    // Credentials-file keys come before login_session in botocore's chain; config-file keys after credential_process.
    login: 'static', 'region-only': 'unknown', cfgkeys: 'credential-process', keys: 'static', env: 'env',
  });
  const by = Object.fromEntries(m.profiles.map((p) => [p.name, p]));
  assert.equal(by.session!.refreshable, true);
  assert.equal(by.session!.ssoStartUrl, 'https://x.awsapps.com/start');
  assert.equal(by.session!.ssoRegistrationScopes, 'sso:account:access');
  assert.equal(by.legacy!.refreshable, false);
  assert.equal(by.role!.refreshable, false, 'a role from static keys does not refresh a login');
  assert.deepEqual(by.env, { name: 'env', kind: 'env', region: 'eu-west-1', refreshable: false, sources: [], values: {}, nested: {} });
  assert.deepEqual(m.issues, []);
});

test('refreshable: sso-session needs a complete session; roles inherit it; login refreshes', () => {
  const m = model(`[profile s]
sso_session = c
[profile half]
sso_session = h
[profile chained]
role_arn = arn:aws:iam::1:role/R
source_profile = s
[profile chained2]
role_arn = arn:aws:iam::1:role/R2
source_profile = chained
[profile l]
login_session = arn:aws:iam::1:user/u
[sso-session c]
sso_start_url = https://c.awsapps.com/start
sso_region = us-east-1
[sso-session h]
sso_region = us-east-1
`);
  assert.deepEqual(Object.fromEntries(m.profiles.map((p) => [p.name, p.refreshable])), { s: true, half: false, chained: true, chained2: true, l: true });
  assert.deepEqual(codes(m), [['sso-session-incomplete', 16], ['sso-no-refresh-scope', 13]].sort((a, b) => (a[1] as number) - (b[1] as number)));
});

test('credentials-file values override config values key by key, and [profile x] there is another profile', () => {
  const m = model('[profile dev]\nregion = us-east-1\noutput = json\n', '[dev]\nregion = eu-west-1\n[profile dev]\naws_access_key_id = A\n');
  const dev = m.profiles.find((p) => p.name === 'dev')!;
  assert.deepEqual(dev.values, { region: 'eu-west-1', output: 'json' });
  assert.deepEqual(dev.sources, [
    { file: '/h/.aws/config', line: 1, section: 'profile dev' },
    { file: '/h/.aws/credentials', line: 1, section: 'dev' },
  ]);
  assert.deepEqual(m.profiles.map((p) => p.name), ['dev', 'profile dev']);
  assert.deepEqual(codes(m), [['credentials-profile-prefix', 3]]);
  assert.match(m.issues[0]!.fix!, /\[dev\]/);
});

test('[default] and [profile default]: the later one wins, the earlier is reported', () => {
  const m = model('[profile default]\nregion = a\n\n[default]\nregion = b\n');
  assert.equal(m.profiles[0]!.region, 'b');
  // The JS SDK always prefers [profile default], so Claude Code reads region a here.
  assert.deepEqual(codes(m), [['section-shadowed', 1], ['sdk-disagree', 4]]);
  const m2 = model('[default]\nregion = a\n[profile default]\nregion = b\n');
  assert.equal(m2.profiles[0]!.region, 'b');
  assert.deepEqual(codes(m2), [['section-shadowed', 1]]);
});

test('files botocore refuses: an error issue with the line and the fix', () => {
  const cases: [string, IssueCode, number][] = [
    ['[a]\nk = 1\n[a]\n', 'duplicate-section', 3],
    ['[a]\nk = 1\nK = 2\n', 'duplicate-key', 3],
    ['k = 1\n[a]\n', 'key-before-section', 1],
    ['[a]\njust words\n', 'no-delimiter', 2],
    ['[a]\n= v\n', 'empty-key', 2],
    ['\ufeff[a]\nk = 1\n', 'bom', 1],
    ['[a]\ns3 =\n  x = 1\n  y\n', 'nested-no-equals', 4],
    ['[DEFAULT]\ns3 =\n  y\n[a]\n', 'nested-no-equals', 3],
  ];
  for (const [text, code, line] of cases) {
    const m = model(text);
    const issue = m.issues.find((i) => i.code === code);
    assert.ok(issue, `${code} for ${JSON.stringify(text)}: ${JSON.stringify(m.issues)}`);
    assert.equal(issue.line, line, code);
    assert.equal(issue.severity, 'error');
    assert.ok(isFileRefused(issue));
    assert.ok(issue.fix && issue.message.includes('refuse'), code);
  }
  // A broken nested block in [DEFAULT] fails nothing while no section inherits it.
  assert.deepEqual(model('[DEFAULT]\ns3 =\n  y\n').issues, []);
  // The credentials file is checked the same way.
  assert.equal(model('', '[a]\n[a]\n').issues[0]!.file, '/h/.aws/credentials');
});

test('a refused file is still read the forgiving way (like the JS SDK), so profiles are listed', () => {
  const m = model('[profile a]\nregion = x\n[profile a]\noutput = json\n');
  assert.deepEqual(m.profiles[0]!.values, { region: 'x', output: 'json' });
  assert.deepEqual(m.profiles[0]!.sources.map((s) => s.line), [1]);
});

test('sso problems: missing session, inconsistent values, hyphen key, incomplete legacy', () => {
  const m = model(`[profile missing]
sso_session = nope
[profile inconsistent]
sso_session = c
sso_region = us-west-2
sso_account_id = 1
sso_role_name = R
[profile hyphen]
sso-session = c
sso_account_id = 1
sso_role_name = R
[profile legacy]
sso_start_url = https://c.awsapps.com/start
sso_account_id = 1
[sso-session c]
sso_start_url = https://c.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`);
  assert.deepEqual(codes(m), [['sso-session-missing', 2], ['sso-inconsistent', 5], ['sso-session-hyphen-key', 9], ['sso-incomplete', 12]]);
  const inc = m.issues[1]!;
  assert.equal(inc.message, 'The value for sso_region is inconsistent between profile (us-west-2) and sso-session (us-east-1) in profile "inconsistent"; AWS tools refuse to use it.');
  assert.equal(inc.profile, 'inconsistent');
  assert.match(m.issues[3]!.message, /missing required configuration: sso_role_name, sso_region/);
});

test('source_profile: missing, loops, self-reference with keys allowed, both sources refused', () => {
  const m = model(`[profile a]
role_arn = arn:aws:iam::1:role/A
source_profile = b
[profile b]
role_arn = arn:aws:iam::1:role/B
source_profile = a
[profile self]
role_arn = arn:aws:iam::1:role/S
source_profile = self
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = ${SECRET}
[profile selfbad]
role_arn = arn:aws:iam::1:role/S
source_profile = selfbad
[profile ghost]
role_arn = arn:aws:iam::1:role/G
source_profile = nobody
[profile both]
role_arn = arn:aws:iam::1:role/X
source_profile = self
credential_source = Environment
[profile neither]
role_arn = arn:aws:iam::1:role/N
`);
  assert.deepEqual(codes(m), [
    ['source-profile-cycle', 3], ['source-profile-cycle', 6], ['source-profile-cycle', 14],
    ['source-profile-missing', 17], ['role-source-conflict', 19], ['role-source-missing', 23],
  ]);
  assert.equal(m.issues[0]!.message, 'source_profile in profile "a" loops: a -> b -> a.');
  assert.equal(m.issues[3]!.message, 'The source_profile "nobody" referenced in the profile "ghost" does not exist.');
});

test('sections AWS tools drop or do not read as profiles are reported', () => {
  const m = model('[profilefoo]\nk = v\n[profile a b]\nk = v\n[Profile X]\nk = v\n[dev]\nk = v\n[preview]\nk = v\n[profile "q x"]\nk = v\n');
  assert.deepEqual(codes(m).filter(([c]) => c !== 'sdk-profile-invisible'), [['section-ignored', 1], ['section-ignored', 3], ['section-not-profile', 5], ['section-not-profile', 7]]);
  assert.equal(m.issues.find((i) => i.line === 5)!.fix, 'rename the header to [profile X]');
  assert.equal(m.issues.find((i) => i.line === 7)!.fix, 'rename the header to [profile dev]');
  // botocore reads [profile "q x"] as profile "q x"; Claude Code's SDK cannot.
  assert.deepEqual(m.profiles.map((p) => p.name), ['q x']);
  assert.equal(m.issues.find((i) => i.code === 'sdk-profile-invisible')!.line, 11);
});

test('warns where the AWS CLI and Claude Code (JS SDK) read values differently, naming keys only', () => {
  const m = model(`[profile p]
region = us-west-2 # main
Output = json
sso_region: us-east-1
aws_secret_access_key = ${SECRET} ; old
description = a
  b
`);
  const w = m.issues.filter((i) => i.code === 'sdk-disagree');
  assert.equal(w.length, 1);
  assert.equal(w[0]!.message, 'The AWS CLI and Claude Code (AWS SDK for JavaScript) read aws_secret_access_key, description, output, region, sso_region differently in profile "p".');
  assert.equal(m.profiles[0]!.region, 'us-west-2 # main', 'botocore keeps inline comments');
});

test('no issue message, fix or source ever carries a secret value', () => {
  const creds = `[a]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${SECRET}\naws_secret_access_key = ${SECRET}\n${SECRET}\n= ${SECRET}\n`;
  const cfg = `[profile a]\naws_secret_access_key = other\nsso_session = ${SECRET}\n[sso-session ${SECRET}x]\naws_secret_access_key = x\n`;
  const m = model(cfg, creds);
  assert.ok(m.issues.length >= 4);
  for (const i of m.issues) {
    assert.ok(!JSON.stringify(i).includes(SECRET.slice(0, 20)) || i.code === 'sso-session-missing', JSON.stringify(i));
  }
});

test('10,000 profiles build without issues (speed is measured by npm run bench)', () => {
  const parts: string[] = ['[sso-session s]', 'sso_start_url = https://s.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access'];
  for (let i = 0; i < 10_000; i++) parts.push(`[profile p${i}]`, 'sso_session = s', `sso_account_id = ${i}`, 'sso_role_name = R', `region = us-east-${1 + (i % 2)}`, '');
  const text = parts.join('\n');
  const m = model(text);
  assert.equal(m.profiles.length, 10_000);
  assert.deepEqual(m.issues, []);
});
