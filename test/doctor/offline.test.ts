// doctor --offline: one seeded fault per offline check, each found with the right status and fix (temp HOME, no AWS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, runCli } from '../helpers.js';
import { shq } from '../../src/io/fs.js';
import { GOOD_SETTINGS, LEGACY_CONFIG, SSO_SESSION_CONFIG, START_URL, fakeBin, isoIn, makeHome, testPath, writeSsoToken, type HomeSpec } from './fixtures.js';

const goodBin = fakeBin('2.1.332');

function validToken(home: string, key = 'corp', extra: Record<string, unknown> = {}) {
  writeSsoToken(home, key, { startUrl: START_URL, region: 'us-east-1', accessToken: 'aoaOfflineAccessToken0001', expiresAt: isoIn(3_600_000), clientId: 'cid0001', clientSecret: 'csecretOffline0001', refreshToken: 'aorOfflineRefresh0001', registrationExpiresAt: isoIn(60 * 86_400_000), ...extra });
}

function goodHome(over: Partial<HomeSpec> = {}): string {
  const home = makeHome({ config: SSO_SESSION_CONFIG, settings: GOOD_SETTINGS, ...over });
  validToken(home);
  return home;
}

const withEnv = (env: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({ ...GOOD_SETTINGS, ...rest, env: { ...GOOD_SETTINGS.env, ...env } });

async function doctor(home: string, opts: { bin?: string; env?: Record<string, string | undefined> } = {}) {
  return runCli(['doctor', '--offline', '--json'], { home, env: { PATH: testPath(opts.bin ?? goodBin), ...opts.env } });
}

test('a clean configuration passes every offline check (exit 0)', async () => {
  const r = await doctor(goodHome());
  const j = r.json();
  assert.deepEqual(j.checks.filter((c: any) => c.status !== 'pass' && c.status !== 'skip'), []);
  assert.equal(r.code, 0);
});

interface Case {
  name: string;
  home(): string;
  bin?: string;
  env?: Record<string, string | undefined>;
  id: string;
  status: 'fail' | 'warn';
  detail: RegExp;
  fix: RegExp;
}

const CASES: Case[] = [
  { name: 'Claude Code not installed', home: () => goodHome(), bin: fakeBin(null), id: 'claude-code', status: 'warn', detail: /not installed/, fix: /npm install -g @anthropic-ai\/claude-code/ },
  { name: 'Claude Code 2.1.207 with an SSO profile', home: () => goodHome(), bin: fakeBin('2.1.207'), id: 'claude-version', status: 'fail', detail: /sso_region/, fix: /claude update.*2\.1\.208/ },
  { name: 'Claude Code 2.1.150 without AWS_REGION', home: () => goodHome({ settings: withEnv({ AWS_REGION: undefined }) }), bin: fakeBin('2.1.150'), id: 'claude-version', status: 'fail', detail: /does not read the region/, fix: /claude update/ },
  { name: 'Claude Code 2.1.94 with a Bedrock API key', home: () => goodHome({ settings: withEnv({ AWS_BEARER_TOKEN_BEDROCK: 'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLWtleQ==' }) }), bin: fakeBin('2.1.94'), id: 'claude-version', status: 'fail', detail: /Authorization header is missing/, fix: /2\.1\.96/ },
  { name: 'awsAuthRefresh needs the AWS CLI, which is missing', home: () => goodHome({ settings: { ...GOOD_SETTINGS, awsAuthRefresh: 'aws sso login --profile dev' } }), id: 'aws-cli', status: 'fail', detail: /not installed, but awsAuthRefresh runs/, fix: /without the AWS CLI: set "awsAuthRefresh": ".* login --profile dev" in / },
  { name: 'a settings file with a trailing comma', home: () => goodHome({ settingsText: '{\n  "env": {\n    "CLAUDE_CODE_USE_BEDROCK": "1",\n  }\n}\n' }), id: 'settings-files', status: 'fail', detail: /trailing comma at line 3/, fix: /remove the comma at line 3/ },
  { name: 'an AWS config file the AWS CLI refuses', home: () => goodHome({ config: SSO_SESSION_CONFIG + '\n[profile dev]\nregion = eu-west-1\n' }), id: 'aws-files', status: 'fail', detail: /appears again/, fix: /merge the two \[profile dev\] sections/ },
  { name: 'awsAuthRefresh in ~/.claude.json', home: () => goodHome({ settings: { env: GOOD_SETTINGS.env }, claudeJson: { awsAuthRefresh: 'claude-bedrock login --profile dev' } }), id: 'misplaced-keys', status: 'warn', detail: /Claude Code does not read settings from it/, fix: /move "awsAuthRefresh" from .*\.claude\.json into .*settings\.json/ },
  { name: 'a stray ANTHROPIC_API_KEY in the shell', home: () => goodHome(), env: { ANTHROPIC_API_KEY: 'sk-ant-api03-offlinetestkey0000000000' }, id: 'shadowing', status: 'warn', detail: /ANTHROPIC_API_KEY is set in your shell/, fix: /unset ANTHROPIC_API_KEY/ },
  { name: 'a settings env value overriding the shell', home: () => goodHome(), env: { AWS_PROFILE: 'other' }, id: 'shadowing', status: 'warn', detail: /AWS_PROFILE="dev" from user settings .* overrides AWS_PROFILE="other"/, fix: /remove "AWS_PROFILE"|unset AWS_PROFILE/ },
  { name: 'Bedrock not enabled', home: () => goodHome({ settings: withEnv({ CLAUDE_CODE_USE_BEDROCK: undefined }) }), id: 'bedrock-enabled', status: 'fail', detail: /not set, so Claude Code does not use Bedrock/, fix: /claude-bedrock setup --profile dev/ },
  { name: 'a profile that does not exist', home: () => goodHome({ settings: withEnv({ AWS_PROFILE: 'nope' }) }), id: 'profile', status: 'fail', detail: /"nope"/, fix: /claude-bedrock profiles/ },
  { name: 'a legacy 8-hour SSO profile', home: () => { const h = makeHome({ config: LEGACY_CONFIG, settings: GOOD_SETTINGS }); validToken(h, START_URL); return h; }, id: 'sso-format', status: 'warn', detail: /legacy SSO format/, fix: /claude-bedrock sso migrate --profile dev/ },
  { name: 'an expired SSO token that cannot refresh', home: () => { const h = makeHome({ config: LEGACY_CONFIG, settings: GOOD_SETTINGS }); validToken(h, START_URL, { expiresAt: isoIn(-60_000), refreshToken: undefined }); return h; }, id: 'sso-token', status: 'fail', detail: /expired .* cannot refresh/, fix: /claude-bedrock login --profile dev/ },
  { name: 'never signed in', home: () => makeHome({ config: SSO_SESSION_CONFIG, settings: GOOD_SETTINGS }), id: 'sso-token', status: 'fail', detail: /Not signed in/, fix: /claude-bedrock login --profile dev/ },
  { name: 'a client registration that ran out', home: () => { const h = makeHome({ config: SSO_SESSION_CONFIG, settings: GOOD_SETTINGS }); validToken(h, 'corp', { registrationExpiresAt: isoIn(-60_000) }); return h; }, id: 'sso-token', status: 'fail', detail: /client registration expired/, fix: /login --profile dev --force/ },
  { name: 'no region anywhere', home: () => goodHome({ config: SSO_SESSION_CONFIG.replace('region = us-west-2\n', ''), settings: withEnv({ AWS_REGION: undefined }) }), id: 'region', status: 'fail', detail: /No region is set/, fix: /--region/ },
  { name: 'AWS_REGION only in the profile', home: () => goodHome({ settings: withEnv({ AWS_REGION: undefined }) }), id: 'region', status: 'warn', detail: /AWS_REGION is not set for Claude Code; it uses us-west-2/, fix: /"AWS_REGION": "us-west-2"/ },
  { name: 'a raw model ID', home: () => goodHome({ settings: withEnv({ ANTHROPIC_MODEL: 'anthropic.claude-opus-4-5-20251101-v1:0' }) }), id: 'model-ids', status: 'fail', detail: /on-demand throughput isn't supported/, fix: /global\.anthropic\.claude-opus-4-5-20251101-v1:0/ },
  { name: 'a geo prefix that does not fit the region', home: () => goodHome({ settings: withEnv({ ANTHROPIC_MODEL: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0' }) }), id: 'model-ids', status: 'fail', detail: /"eu\." prefix, which cannot be called from us-west-2/, fix: /global\.anthropic\.claude-sonnet-4-5-20250929-v1:0/ },
  { name: 'no model pinned', home: () => goodHome({ settings: withEnv({ ANTHROPIC_MODEL: undefined, ANTHROPIC_DEFAULT_HAIKU_MODEL: undefined }) }), id: 'model-ids', status: 'warn', detail: /No model is pinned/, fix: /claude-bedrock models/ },
  { name: 'awsAuthRefresh runs a missing command', home: () => goodHome({ settings: { ...GOOD_SETTINGS, awsAuthRefresh: 'sso-helper-that-is-not-here --profile dev' } }), id: 'auth-refresh', status: 'fail', detail: /not on PATH/, fix: /set "awsAuthRefresh": ".* login --profile dev" in .*settings\.json/ },
  { name: 'awsAuthRefresh for another profile', home: () => goodHome({ config: SSO_SESSION_CONFIG + '\n[profile ops]\nsso_session = corp\nsso_account_id = 210987654321\nsso_role_name = ReadOnly\n', settings: { ...GOOD_SETTINGS, awsAuthRefresh: 'claude-bedrock login --profile ops' } }), id: 'auth-refresh', status: 'warn', detail: /refreshes profile "ops", but Claude Code uses "dev"/, fix: /--profile dev/ },
  { name: 'a CA bundle that does not exist', home: () => goodHome(), env: { NODE_EXTRA_CA_CERTS: '/nonexistent/corp-ca.pem' }, id: 'network-config', status: 'fail', detail: /not a readable file/, fix: /NODE_EXTRA_CA_CERTS/ },
];

for (const c of CASES) {
  test(`fault: ${c.name}`, async () => {
    const r = await doctor(c.home(), { ...(c.bin ? { bin: c.bin } : {}), ...(c.env ? { env: c.env } : {}) });
    const j = r.json();
    const got = j.checks.find((x: any) => x.id === c.id);
    assert.equal(got.status, c.status, JSON.stringify(got));
    assert.match(got.detail, c.detail);
    assert.match(got.fix, c.fix);
    assert.equal(r.code, j.checks.some((x: any) => x.status === 'fail') ? 3 : 0);
    if (c.status === 'fail') assert.equal(r.code, 3);
    for (const s of ['aoaOfflineAccessToken0001', 'aorOfflineRefresh0001', 'csecretOffline0001', 'sk-ant-api03-offlinetestkey0000000000', 'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLWtleQ==']) {
      assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), `secret leaked: ${s}`);
    }
  });
}

test('a failed prerequisite skips the checks that need it', async () => {
  const r = await doctor(goodHome({ settings: withEnv({ AWS_PROFILE: 'nope' }) }));
  const j = r.json();
  for (const id of ['sso-format', 'sso-token', 'auth-refresh']) assert.equal(j.checks.find((x: any) => x.id === id).status, 'skip', id);
});

test('human output: marks, and each failure with its fix', async () => {
  const home = goodHome({ settings: withEnv({ ANTHROPIC_MODEL: 'anthropic.claude-opus-4-5-20251101-v1:0' }) });
  const r = await runCli(['doctor', '--offline'], { home, env: { PATH: testPath(goodBin) } });
  assert.equal(r.code, 3);
  assert.match(r.stdout, /^✓ Node\.js version/m);
  assert.match(r.stdout, /^✗ Configured models are inference profiles that fit the region: .*\n {4}fix: set ANTHROPIC_MODEL to global\./m);
  assert.match(r.stdout, /^– AWS credentials resolve .*needs the network/m);
  assert.match(r.stdout, /\d+ passed, \d+ warnings?, 1 failed, 6 skipped/);
});

test('behind a gateway (CLAUDE_CODE_SKIP_BEDROCK_AUTH) the online checks are skipped with the reason, not run', async () => {
  const home = goodHome({ settings: withEnv({ CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1', ANTHROPIC_BEDROCK_BASE_URL: 'http://127.0.0.1:9' }) });
  const r = await runCli(['doctor', '--json'], { home, env: { PATH: testPath(goodBin) } });
  const c = r.json().checks.find((x: any) => x.id === 'identity');
  assert.equal(c.status, 'skip');
  assert.match(c.detail, /CLAUDE_CODE_SKIP_BEDROCK_AUTH/);
});

// awsAuthRefresh fixes are what setup would write for the profile in use: nothing for a profile without a login.
const NATIVE_LOGIN = (profile: string) => `${shq(process.execPath)} ${shq(CLI)} login --profile ${profile}`;
const KEYS_HOME: HomeSpec = {
  config: `[profile keys]\nregion = us-west-2\n\n${SSO_SESSION_CONFIG}`,
  credentials: '[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
  settings: withEnv({ AWS_PROFILE: 'keys' }, { awsAuthRefresh: NATIVE_LOGIN('dev') }),
};

test('a static-key profile with a stale awsAuthRefresh for an SSO profile: the fix removes it, and doctor --fix does', async () => {
  const home = makeHome(KEYS_HOME);
  const r = await doctor(home);
  const got = r.json().checks.find((x: any) => x.id === 'auth-refresh');
  assert.equal(got.status, 'warn', JSON.stringify(got));
  assert.match(got.detail, /a login for profile "dev".*profile "keys" \(static\) has no browser login/);
  assert.match(got.fix, /^remove "awsAuthRefresh" from .*settings\.json .*claude-bedrock doctor --fix does it/);
  assert.doesNotMatch(got.fix, /login --profile keys/);

  const file = path.join(home, '.claude', 'settings.json');
  const before = fs.readFileSync(file, 'utf8');
  const f = await runCli(['doctor', '--offline', '--fix', '--yes', '--json'], { home, env: { PATH: testPath(goodBin) } });
  assert.ok(f.json().fixes.planned.includes(`remove awsAuthRefresh from ${file}`), f.stdout);
  const after = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal('awsAuthRefresh' in after, false);
  assert.equal(after.env.AWS_PROFILE, 'keys');
  assert.equal(f.json().checks.find((x: any) => x.id === 'auth-refresh').status, 'pass');
  assert.equal((await runCli(['undo'], { home })).code, 0);
  assert.equal(fs.readFileSync(file, 'utf8'), before);
});

test('a legacy SSO profile without awsAuthRefresh and AWS CLI v1 on PATH: the fix is what setup writes, not aws sso login', async () => {
  const bin = fakeBin('2.1.332');
  fs.writeFileSync(path.join(bin, 'aws'), '#!/bin/sh\necho "aws-cli/1.45.11 Python/3.12.3 Linux/6.8.0 botocore/1.37.11"\n', { mode: 0o755 });
  const { awsAuthRefresh: _none, ...noRefresh } = GOOD_SETTINGS;
  const home = makeHome({ config: LEGACY_CONFIG, settings: noRefresh });
  validToken(home, START_URL);
  const r = await doctor(home, { bin });
  const checks = r.json().checks;
  assert.match(checks.find((x: any) => x.id === 'aws-cli').detail, /v1 has no SSO login/);
  const got = checks.find((x: any) => x.id === 'auth-refresh');
  assert.equal(got.status, 'warn', JSON.stringify(got));
  assert.equal(got.fix, `add "awsAuthRefresh": ${JSON.stringify(NATIVE_LOGIN('dev'))} to ${path.join(home, '.claude', 'settings.json')}   (what claude-bedrock setup writes; claude-bedrock doctor --fix does it)`);
  assert.doesNotMatch(got.fix, /aws sso login/);

  // setup (auto) writes the same value for this profile.
  const s = await runCli(['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', GOOD_SETTINGS.env.ANTHROPIC_MODEL, '--dry-run', '--json'], { home, env: { PATH: testPath(bin) } });
  assert.equal(s.json().awsAuthRefresh, NATIVE_LOGIN('dev'));
});
