import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildProfileModel } from '../aws-config/index.js';
import { CliError, ConflictError, UsageError } from '../../errors.js';
import { planSsoAdd } from './plan-add.js';
import { planMigration } from './plan-migrate.js';
import { botocoreResolve } from '../../../test/sso/botocore.js';

const CFG = '/home/u/.aws/config';
const model = (text: string) => buildProfileModel({ configText: text, configPath: CFG, credentialsText: '', credentialsPath: '/home/u/.aws/credentials', env: {} });
const add = (text: string, over: Partial<Parameters<typeof planSsoAdd>[3]> = {}) =>
  planSsoAdd(text, CFG, model(text), { sessionName: 'corp', startUrl: 'https://corp.awsapps.com/start', ssoRegion: 'us-east-1', profile: 'bedrock', accountId: '111122223333', roleName: 'BedrockUser', region: 'us-west-2', ...over });

test('sso add writes a profile and an sso-session with the refresh scope; botocore resolves it; a rerun changes nothing', () => {
  const before = '# my config\n[default]\nregion = eu-west-1\n';
  const p = add(before);
  assert.equal(p.text, `${before}
[profile bedrock]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = BedrockUser
region = us-west-2

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`);
  assert.deepEqual([p.profile, p.session], ['created', 'created']);
  assert.deepEqual(botocoreResolve(p.text, ['bedrock']).bedrock, { account: '111122223333', role: 'BedrockUser', startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', session: 'corp' });
  const again = add(p.text);
  assert.equal(again.text, p.text);
  assert.deepEqual([again.profile, again.session], ['unchanged', 'unchanged']);
});

test('sso add reuses a matching session, adds the missing scope, and fills a half-written profile', () => {
  const before = '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\n[profile bedrock]\nsso_session = corp\n';
  const p = add(before, { region: undefined });
  assert.equal(p.text, '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n[profile bedrock]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = BedrockUser\n');
  assert.deepEqual([p.profile, p.session], ['updated', 'updated']);
  const scoped = add('[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:other\n');
  assert.match(scoped.text, /^sso_registration_scopes = sso:other, sso:account:access$/m);
});

test('sso add refuses to repoint a session or overwrite a profile, naming the fix', () => {
  const other = '[sso-session corp]\nsso_start_url = https://other.awsapps.com/start\nsso_region = us-east-1\n';
  assert.throws(() => add(other), (e: unknown) => e instanceof ConflictError && /already has sso_start_url = https:\/\/other/.test(e.message) && /--session-name corp-2/.test(e.next!));
  const legacy = '[profile bedrock]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n';
  assert.throws(() => add(legacy), (e: unknown) => e instanceof ConflictError && e.next === 'claude-bedrock sso migrate --profile bedrock');
  const keys = '[profile bedrock]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n[profile bedrock-2]\nregion = x\n';
  // The next step is the same command with a profile name that is free.
  assert.throws(() => add(keys), (e: unknown) => e instanceof ConflictError && /uses static credentials/.test(e.message)
    && e.next === 'claude-bedrock sso add --session-name corp --start-url https://corp.awsapps.com/start --sso-region us-east-1 --profile bedrock-3 --account 111122223333 --role BedrockUser --region us-west-2   # another profile name');
  const otherRole = '[profile bedrock]\nsso_session = corp\nsso_role_name = Admin\n';
  assert.throws(() => add(otherRole), (e: unknown) => e instanceof ConflictError && /sso_role_name = Admin/.test(e.message));
});

const LEGACY = [
  '# company config — keep this comment',
  '[default]',
  'sso_start_url = https://acme.awsapps.com/start',
  'sso_region = us-east-1',
  'sso_account_id = 111122223333',
  'sso_role_name = Dev',
  'region = us-west-2',
  '',
  '; a profile for prod',
  '[profile prod]',
  'sso_start_url=https://acme.awsapps.com/start',
  'sso_region=us-east-1',
  'sso_account_id=444455556666',
  'sso_role_name=ReadOnly',
  '',
  '[profile eu]',
  '  sso_start_url = https://acme.awsapps.com/start',
  '  sso_region = eu-west-1',
  '  sso_account_id = 777788889999',
  '  sso_role_name = Dev',
  '  output = json',
  '',
  '[profile keys]',
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  '',
].join('\n');

test('sso migrate --all: one session per (start URL, region), shared; comments and other bytes kept; botocore agrees', () => {
  const m = planMigration(LEGACY, CFG, model(LEGACY), { profiles: 'all' });
  assert.deepEqual(m.sessions.map((s) => [s.name, s.region, s.action, s.profiles]), [
    ['acme', 'us-east-1', 'created', ['default', 'prod']],
    ['acme-eu-west-1', 'eu-west-1', 'created', ['eu']],
  ]);
  assert.equal(m.text, [
    '# company config — keep this comment',
    '[default]',
    'sso_account_id = 111122223333',
    'sso_role_name = Dev',
    'region = us-west-2',
    'sso_session = acme',
    '',
    '; a profile for prod',
    '[profile prod]',
    'sso_account_id=444455556666',
    'sso_role_name=ReadOnly',
    'sso_session=acme',
    '',
    '[profile eu]',
    '  sso_account_id = 777788889999',
    '  sso_role_name = Dev',
    '  output = json',
    '  sso_session = acme-eu-west-1',
    '',
    '[profile keys]',
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    '',
    '[sso-session acme]',
    'sso_start_url = https://acme.awsapps.com/start',
    'sso_region = us-east-1',
    'sso_registration_scopes = sso:account:access',
    '',
    '[sso-session acme-eu-west-1]',
    'sso_start_url = https://acme.awsapps.com/start',
    'sso_region = eu-west-1',
    'sso_registration_scopes = sso:account:access',
    '',
  ].join('\n'));
  const names = ['default', 'prod', 'eu'];
  const before = botocoreResolve(LEGACY, names);
  const after = botocoreResolve(m.text, names);
  for (const n of names) {
    assert.ok(!('error' in after[n]!), `${n}: ${JSON.stringify(after[n])}`);
    const b = before[n] as Exclude<typeof before[string], { error: string }>;
    const a = after[n] as typeof b;
    assert.deepEqual([a.account, a.role, a.startUrl, a.region], [b.account, b.role, b.startUrl, b.region], n);
    assert.equal(b.session, null);
    assert.ok(a.session);
  }
  // Idempotent: nothing left to migrate, no change.
  const again = planMigration(m.text, CFG, model(m.text), { profiles: 'all' });
  assert.equal(again.text, m.text);
  assert.deepEqual(again.sessions, []);
  assert.deepEqual(planMigration(m.text, CFG, model(m.text), { profiles: ['prod'] }).already, ['prod']);
});

test('sso migrate --profile reuses an existing matching session and keeps CRLF line endings', () => {
  const text = '[profile a]\r\nsso_start_url = https://acme.awsapps.com/start\r\nsso_region = us-east-1\r\nsso_account_id = 111122223333\r\nsso_role_name = R\r\n\r\n[sso-session mine]\r\nsso_start_url = https://acme.awsapps.com/start\r\nsso_region = us-east-1\r\n';
  const m = planMigration(text, CFG, model(text), { profiles: ['a'] });
  assert.deepEqual(m.sessions.map((s) => [s.name, s.action, s.scopeAdded]), [['mine', 'reused', true]]);
  assert.equal(m.text, '[profile a]\r\nsso_account_id = 111122223333\r\nsso_role_name = R\r\nsso_session = mine\r\n\r\n[sso-session mine]\r\nsso_start_url = https://acme.awsapps.com/start\r\nsso_region = us-east-1\r\nsso_registration_scopes = sso:account:access\r\n');
  assert.ok(!('error' in botocoreResolve(m.text, ['a']).a!));
});

test('sso migrate moves a legacy profile\'s own scopes into the session (botocore would call them inconsistent)', () => {
  const text = '[profile a]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:extra\nsso_account_id = 111122223333\nsso_role_name = R\n';
  const m = planMigration(text, CFG, model(text), { profiles: 'all', sessionName: 'team' });
  assert.match(m.text, /\[sso-session team\]\nsso_start_url = https:\/\/acme\.awsapps\.com\/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access, sso:extra\n$/);
  assert.doesNotMatch(m.text.split('[sso-session')[0]!, /scopes/);
  assert.ok(!('error' in botocoreResolve(m.text, ['a']).a!));
});

test('sso migrate refuses what it cannot do safely', () => {
  assert.throws(() => planMigration(LEGACY, CFG, model(LEGACY), { profiles: 'all', sessionName: 'x' }), UsageError);
  assert.throws(() => planMigration(LEGACY, CFG, model(LEGACY), { profiles: ['keys'] }), /not a legacy SSO profile/);
  assert.throws(() => planMigration(LEGACY, CFG, model(LEGACY), { profiles: ['nope'] }), /no profile "nope"/);
  const clash = `${LEGACY}\n[sso-session x]\nsso_start_url = https://other.awsapps.com/start\nsso_region = us-east-1\n`;
  assert.throws(() => planMigration(clash, CFG, model(clash), { profiles: ['prod'], sessionName: 'x' }), ConflictError);
  const incomplete = '[profile a]\nsso_start_url = https://acme.awsapps.com/start\nsso_account_id = 1\nsso_role_name = R\n';
  assert.throws(() => planMigration(incomplete, CFG, model(incomplete), { profiles: ['a'] }), /has no sso_region/);
  assert.deepEqual(planMigration(incomplete, CFG, model(incomplete), { profiles: 'all' }).skipped, [{ profile: 'a', reason: 'it has no sso_region' }]);
});

test('both planners refuse a file botocore refuses (what the locked re-read and doctor --fix rely on)', () => {
  const broken = '[profile old]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n[profile old]\nregion = eu-west-1\n';
  const refused = (rerun: string) => (e: unknown) =>
    e instanceof CliError && e.code === 'aws-config-refused' && e.message.startsWith(`${CFG}:6: Section [profile old] appears again`) && e.next!.endsWith(`; then: ${rerun}`);
  assert.throws(() => add(broken), refused('claude-bedrock sso add --session-name corp --start-url https://corp.awsapps.com/start --sso-region us-east-1 --profile bedrock --account 111122223333 --role BedrockUser --region us-west-2'));
  assert.throws(() => planMigration(broken, CFG, model(broken), { profiles: ['old'], sessionName: 'corp' }), refused('claude-bedrock sso migrate --profile old --session-name corp'));
  // A refused credentials file is not the config file being edited.
  const m = buildProfileModel({ configText: '', configPath: CFG, credentialsText: '[a]\nx = 1\n[a]\n', credentialsPath: '/home/u/.aws/credentials', env: {} });
  assert.ok(m.issues.some((i) => i.code === 'duplicate-section'));
  assert.equal(planSsoAdd('', CFG, m, { sessionName: 'corp', startUrl: 'https://corp.awsapps.com/start', ssoRegion: 'us-east-1', profile: 'bedrock', accountId: '111122223333', roleName: 'BedrockUser' }).profile, 'created');
});
