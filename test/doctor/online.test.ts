// doctor against the emulator: a clean setup passes every check; each online fault is found with its fix and exit 3.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { getScenario, startEmulator, type Emulator } from '../../emulator/index.js';
import { runCli } from '../helpers.js';
import { GOOD_SETTINGS, SSO_SESSION_CONFIG, STATIC_CREDENTIALS, fakeBin, makeHome, testPath, writeSsoToken } from './fixtures.js';

let emu: Emulator;
const bin = fakeBin();

before(async () => { emu = await startEmulator(); });
after(() => emu.stop());

function ssoHome(settings: unknown = GOOD_SETTINGS, opts: { refreshable?: boolean } = {}): string {
  const home = makeHome({ config: SSO_SESSION_CONFIG, settings });
  const grant = emu.issueSsoToken({ refreshable: opts.refreshable ?? true });
  writeSsoToken(home, 'corp', grant as unknown as Record<string, unknown>);
  return home;
}

/** Bounded: a doctor still running after 15 s is killed, and its exit code fails the test. */
function doctor(home: string, args: string[] = [], env: Record<string, string | undefined> = {}) {
  return runCli(['doctor', '--json', '--timeout', '2', ...args], { home, env: { ...emu.env, PATH: testPath(bin), DISPLAY: undefined, ...env }, timeoutMs: 15_000 });
}

function check(r: { json(): any }, id: string): { status: string; detail: string; fix: string | null } {
  const c = r.json().checks.find((x: { id: string }) => x.id === id);
  assert.ok(c, `no check ${id}`);
  return c;
}

test('a clean SSO setup passes every check (exit 0)', async () => {
  emu.setScenario('default');
  const r = await doctor(ssoHome());
  const j = r.json();
  const notPass = j.checks.filter((c: { status: string }) => c.status !== 'pass');
  assert.deepEqual(notPass, [], r.stdout);
  assert.equal(r.code, 0);
  assert.deepEqual(Object.keys(j.checks[0]).sort(), ['detail', 'fix', 'id', 'status', 'title']);
  assert.deepEqual(Object.keys(j.summary).sort(), ['fail', 'pass', 'skip', 'warn']);
});

const SEEDED = { clientId: 'emuClientSeed0001', clientSecret: 'emuClientSecretSeed0001', accessToken: 'aoaEmulatorSeedAccessToken0001', refreshToken: 'aorEmulatorSeedRefreshToken0001' };

interface Case {
  name: string;
  scenario: string;
  home(): string;
  args?: string[];
  id: string;
  detail: RegExp;
  fix: RegExp;
}

const staticHome = (settings: Record<string, unknown>) => makeHome({ config: '[profile dev]\nregion = us-west-2\n', credentials: STATIC_CREDENTIALS, settings });
const withEnv = (env: Record<string, string>) => ({ ...GOOD_SETTINGS, env: { ...GOOD_SETTINGS.env, ...env } });

const CASES: Case[] = [
  {
    name: 'revoked SSO session: credentials fail, fix is a login',
    scenario: 'expired',
    home() {
      const home = makeHome({ config: SSO_SESSION_CONFIG, settings: GOOD_SETTINGS });
      writeSsoToken(home, 'corp', { startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1', ...SEEDED, expiresAt: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z/, 'Z'), registrationExpiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString().replace(/\.\d+Z/, 'Z') });
      return home;
    },
    id: 'credentials',
    detail: /did not resolve/,
    fix: /claude-bedrock login --profile dev/,
  },
  {
    name: 'expired static keys: STS identity fails',
    scenario: 'expired',
    home: () => staticHome({ ...GOOD_SETTINGS, awsAuthRefresh: undefined }),
    id: 'identity',
    detail: /ExpiredToken|expired/i,
    fix: /.+/,
  },
  {
    name: 'a region that never answers: Bedrock unreachable, in bounded time',
    scenario: 'dead-region',
    home: () => ssoHome(withEnv({ AWS_REGION: 'us-east-2' })),
    args: ['--timeout', '1'],
    id: 'bedrock-reachable',
    detail: /could not be reached/,
    fix: /network|VPN|proxy|regions/i,
  },
  {
    name: 'a region without Claude',
    scenario: 'default',
    home: () => ssoHome(withEnv({ AWS_REGION: 'ca-central-1', ANTHROPIC_MODEL: 'global.anthropic.claude-opus-4-5-20251101-v1:0' })),
    id: 'bedrock-reachable',
    detail: /offers no Claude inference profile/,
    fix: /claude-bedrock discover --profile dev/,
  },
  {
    name: 'a model the region does not list',
    scenario: 'default',
    home: () => ssoHome(withEnv({ AWS_REGION: 'eu-west-1', ANTHROPIC_MODEL: 'eu.anthropic.claude-opus-4-1-20250805-v1:0', ANTHROPIC_DEFAULT_HAIKU_MODEL: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0' })),
    id: 'models-exist',
    detail: /eu\.anthropic\.claude-opus-4-1-20250805-v1:0 is not an inference profile in eu-west-1/,
    fix: /claude-bedrock models --region eu-west-1|set ANTHROPIC_MODEL to/,
  },
  {
    name: 'a raw model ID: the listed global. profile is offered',
    scenario: 'default',
    home: () => ssoHome(withEnv({ ANTHROPIC_MODEL: 'anthropic.claude-sonnet-4-5-20250929-v1:0' })),
    id: 'models-exist',
    detail: /raw foundation-model ID/,
    fix: /set ANTHROPIC_MODEL to global\.anthropic\.claude-sonnet-4-5-20250929-v1:0/,
  },
  {
    name: 'model access never granted',
    scenario: 'no-access',
    home: () => ssoHome(),
    id: 'model-access',
    detail: /don.t have access to the model/i,
    fix: /use-case form/,
  },
  {
    name: 'IAM denies streaming on the background model',
    scenario: 'denied',
    home: () => ssoHome(),
    id: 'iam-permissions',
    detail: /bedrock:InvokeModelWithResponseStream on arn:aws:bedrock:us-west-2:123456789012:inference-profile\/global\.anthropic\.claude-haiku/,
    fix: /claude-bedrock policy/,
  },
];

for (const c of CASES) {
  test(`fault: ${c.name}`, async () => {
    emu.setScenario(c.scenario);
    const r = await doctor(c.home(), c.args);
    const got = check(r, c.id);
    assert.equal(got.status, 'fail', `${c.id}: ${JSON.stringify(got)}`);
    assert.match(got.detail, c.detail);
    assert.match(got.fix ?? '', c.fix);
    assert.equal(r.code, 3, r.stderr);
    // No secret from the SSO cache or the credentials file ever reaches the output.
    for (const s of [SEEDED.accessToken, SEEDED.refreshToken, SEEDED.clientSecret, 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']) {
      assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), 'secret leaked');
    }
  });
}

test('denied streaming does not fail model access itself (invoke works)', async () => {
  emu.setScenario('denied');
  const r = await doctor(ssoHome());
  assert.equal(check(r, 'model-access').status, 'pass');
});

test('expired keys: each failure and fix said once, the credentials named, and IAM skipped (nothing verified)', async () => {
  emu.setScenario('expired');
  const r = await doctor(staticHome({ ...GOOD_SETTINGS, awsAuthRefresh: undefined }));
  const count = (s: string, part: string) => s.split(part).length - 1;
  const models = check(r, 'models-exist');
  assert.equal(models.status, 'fail');
  assert.equal(count(models.detail, 'cannot list the inference profiles of us-west-2'), 1, models.detail);
  assert.equal(count(models.fix ?? '', 'get new credentials'), 1, models.fix ?? '');
  const id = check(r, 'identity');
  assert.match(id.fix ?? '', /^get new credentials for profile dev from the tool that issued them .*~\/\.aws\/credentials/);
  assert.doesNotMatch(id.fix ?? '', /restart claude|tool that made them/);
  const iam = check(r, 'iam-permissions');
  assert.equal(iam.status, 'skip', JSON.stringify(iam));
  assert.match(iam.detail, /^Nothing could be verified/);
  assert.doesNotMatch(iam.detail, /allowed: \./);
});

test('throttled global. models: the fix does not suggest a global. profile', async () => {
  emu.setScenario('throttled');
  const r = await doctor(ssoHome());
  const access = check(r, 'model-access');
  assert.equal(access.status, 'warn', JSON.stringify(access));
  assert.match(access.detail, /throttled/);
  assert.doesNotMatch(access.fix ?? '', /global\. inference profile spreads load/);
  assert.match(access.fix ?? '', /Service Quotas.*retry in a minute/);
});

test('--offline makes no AWS call and skips the network checks', async () => {
  emu.setScenario('default');
  const n = emu.calls.length;
  const r = await doctor(ssoHome(), ['--offline']);
  assert.equal(emu.calls.length, n);
  for (const id of ['credentials', 'identity', 'bedrock-reachable', 'models-exist', 'model-access', 'iam-permissions']) assert.equal(check(r, id).status, 'skip');
  assert.equal(r.code, 0);
});

test('one set of clients: each AWS call is made once per run', async () => {
  emu.setScenario('default');
  const n = emu.calls.length;
  await doctor(ssoHome());
  const calls = emu.calls.slice(n);
  const count = (op: string) => calls.filter((c) => c.operation === op).length;
  assert.equal(count('GetRoleCredentials'), 1);
  assert.equal(count('GetCallerIdentity'), 1);
  assert.equal(count('ListInferenceProfiles'), 1);
  assert.equal(count('InvokeModel'), 2);
  assert.equal(count('InvokeModelWithResponseStream'), 2);
});

test('an application-inference-profile ARN: GetInferenceProfile is probed; denied, it is a warning with the policy fix', async () => {
  const app = { region: 'us-west-2', account: '123456789012', id: 'a1b2c3d4e5f6', name: 'team-opus', source: 'global.anthropic.claude-opus-4-5-20251101-v1:0' };
  const arn = `arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/${app.id}`;
  const settings = withEnv({ ANTHROPIC_MODEL: arn });
  const scenario = (deny: boolean) => {
    const s = getScenario('default');
    s.applicationProfiles.push(app);
    if (deny) s.deny.push({ action: 'bedrock:GetInferenceProfile' });
    return s;
  };
  emu.setScenario(scenario(false));
  const n = emu.calls.length;
  const ok = await doctor(ssoHome(settings));
  assert.equal(check(ok, 'iam-permissions').status, 'pass', JSON.stringify(check(ok, 'iam-permissions')));
  assert.match(check(ok, 'iam-permissions').detail, /bedrock:GetInferenceProfile/);
  assert.equal(emu.calls.slice(n).filter((c) => c.operation === 'GetInferenceProfile').length, 1);

  emu.setScenario(scenario(true));
  const denied = await doctor(ssoHome(settings));
  const c = check(denied, 'iam-permissions');
  assert.equal(c.status, 'warn', JSON.stringify(c));
  assert.match(c.detail, /Also denied: bedrock:GetInferenceProfile on arn:aws:bedrock:us-west-2:123456789012:application-inference-profile\/a1b2c3d4e5f6/);
  assert.match(c.detail, /extra round trip/);
  assert.match(c.fix ?? '', /claude-bedrock policy/);

  // No application profile configured: nothing to probe, and the check says why.
  emu.setScenario('default');
  const m = emu.calls.length;
  const plain = await doctor(ssoHome());
  assert.equal(emu.calls.slice(m).filter((x) => x.operation === 'GetInferenceProfile').length, 0);
  assert.match(check(plain, 'iam-permissions').detail, /GetInferenceProfile not needed/);
});

test('--region R: Bedrock and the models are checked in R, the region check still judges the configured one; refused with --fix', async () => {
  emu.setScenario('default');
  const home = ssoHome();
  const n = emu.calls.length;
  const r = await doctor(home, ['--region', 'eu-west-1']);
  assert.equal(r.code, 0, r.stdout);
  assert.match(check(r, 'bedrock-reachable').detail, /^eu-west-1 answered in \d+ ms/);
  const region = check(r, 'region');
  assert.equal(region.status, 'pass');
  assert.match(region.detail, /^us-west-2 \(user settings .*\) The model and AWS checks use --region eu-west-1 instead\.$/);
  const bedrock = emu.calls.slice(n).filter((c) => c.service === 'bedrock' || c.service === 'bedrock-runtime');
  assert.ok(bedrock.some((c) => c.operation === 'InvokeModel'), 'the models were invoked');
  assert.deepEqual([...new Set(bedrock.map((c) => c.region))], ['eu-west-1']);
  // A region without Claude fails there, whatever the configured region serves.
  const none = await doctor(home, ['--region', 'ca-central-1']);
  assert.equal(none.code, 3);
  assert.match(check(none, 'bedrock-reachable').detail, /^Bedrock in ca-central-1 answered .* offers no Claude inference profile there\./);
  const fix = await doctor(home, ['--fix', '--region', 'eu-west-1']);
  assert.equal(fix.code, 2);
  assert.match(fix.json().error.message, /--fix repairs the configured setup, so it cannot be combined with --region/);
  assert.equal(fix.json().error.next, 'claude-bedrock setup --region eu-west-1   # then: claude-bedrock doctor --fix');
  const bad = await doctor(home, ['--region', 'eu-west-1/../x']);
  assert.equal(bad.code, 2);
  assert.match(bad.json().error.message, /is not an AWS region name/);
});
