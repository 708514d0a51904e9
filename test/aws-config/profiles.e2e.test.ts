// `claude-bedrock profiles` end to end: the built CLI in a temp HOME (run `npm run build` first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { ROOT, runCli, tempDir, writeFile } from '../helpers.js';
import { hugeConfig } from './fixtures.js';

const CORPUS = path.join(ROOT, 'test', 'corpus', 'aws');
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';

function homeWith(config?: string, credentials?: string): string {
  const home = tempDir();
  if (config !== undefined) writeFile(path.join(home, '.aws', 'config'), config);
  if (credentials !== undefined) writeFile(path.join(home, '.aws', 'credentials'), credentials);
  return home;
}

const corpus = (name: string) => fs.readFileSync(path.join(CORPUS, name), 'utf8');

test('--json pins the documented fields and never shows a secret', async () => {
  const home = homeWith(corpus('assume-role-chain.config') + '\n' + corpus('aws-configure-sso-legacy.config'), corpus('assume-role-chain.credentials'));
  const r = await runCli(['profiles', '--json'], { home });
  assert.equal(r.code, 0, r.stderr);
  const out = r.json();
  assert.deepEqual(Object.keys(out).sort(), ['configFile', 'credentialsFile', 'issues', 'profiles']);
  assert.equal(out.configFile, path.join(home, '.aws', 'config'));
  for (const p of out.profiles) {
    assert.deepEqual(Object.keys(p).sort(), ['kind', 'name', 'refreshable', 'region', 'roleArn', 'sourceProfile', 'sources', 'ssoAccountId', 'ssoRegion', 'ssoRoleName', 'ssoSession', 'ssoStartUrl'].sort());
  }
  const by = Object.fromEntries(out.profiles.map((p: { name: string }) => [p.name, p]));
  assert.deepEqual(by.sso, {
    name: 'sso', kind: 'sso-session', region: null, ssoSession: 'corp', ssoStartUrl: 'https://corp.awsapps.com/start', ssoRegion: 'us-east-1',
    ssoAccountId: '123456789012', ssoRoleName: 'Hub', roleArn: null, sourceProfile: null, refreshable: true,
    sources: [{ file: path.join(home, '.aws', 'config'), line: 24, section: 'profile sso' }],
  });
  assert.equal(by['my-dev-profile'].kind, 'sso-legacy');
  assert.equal(by['my-dev-profile'].refreshable, false);
  assert.equal(by['from-sso'].refreshable, true);
  assert.equal(by.base.kind, 'static');
  assert.equal(by.base.sources[1].file, path.join(home, '.aws', 'credentials'));
  assert.deepEqual(out.issues, []);
  assert.ok(!r.stdout.includes(SECRET) && !r.stdout.includes(KEY_ID) && !r.stderr.includes(SECRET));
});

test('the table shows every profile, a legacy-SSO hint with the exact command, and fingerprints only', async () => {
  const home = homeWith(corpus('aws-configure-sso-legacy.config') + '\n' + corpus('aws-configure-sso.config'), corpus('aws-configure-basic.credentials'));
  const r = await runCli(['profiles'], { home });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0]!, /^PROFILE\s+KIND\s+REGION\s+DETAIL\s+REFRESH$/);
  assert.match(r.stdout, /^my-dev-profile\s+sso-legacy\s+us-west-2\s+123456789011\/readOnly at https:\/\/my-sso-portal\.awsapps\.com\/start\s+no \(8h login\)$/m);
  assert.match(r.stdout, /^AdministratorAccess-111122223333\s+sso-session\s+us-west-2\s+111122223333\/AdministratorAccess via \[sso-session my-sso\]\s+yes$/m);
  assert.match(r.stdout, /^default\s+static\s+us-west-2\s+access key AKIA…MPLE\s+no$/m);
  assert.match(r.stdout, /^ {2}claude-bedrock sso migrate --profile my-dev-profile$/m);
  assert.ok(!r.stdout.includes(SECRET) && !r.stdout.includes(KEY_ID));
  assert.equal(r.stderr, '');
});

test('problems are listed with file:line, severity and fix; the command still succeeds', async () => {
  const home = homeWith(corpus('hostile-duplicate-section.config'));
  const r = await runCli(['profiles'], { home });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^1 error:$/m);
  assert.match(r.stdout, /^ {2}error {3}~\/\.aws\/config:7 {2}Section \[profile dev\] appears again on line 7 \(first on line 4\): the AWS CLI and boto3 refuse the whole file\.$/m);
  assert.match(r.stdout, /^ {10}fix: merge the two \[profile dev\] sections into one in /m);
  const j = (await runCli(['profiles', '--json'], { home })).json();
  assert.deepEqual(j.issues.map((i: { code: string; line: number; severity: string }) => [i.code, i.line, i.severity]), [['duplicate-section', 7, 'error']]);
  assert.deepEqual(j.profiles.map((p: { name: string }) => p.name), ['default', 'dev']);
});

test('a file with a BOM is reported, not fatal', async () => {
  const home = tempDir();
  writeFile(path.join(home, '.aws', 'config'), '\ufeff[default]\nregion = us-east-1\n');
  const r = await runCli(['profiles', '--json'], { home });
  assert.equal(r.code, 0, r.stderr);
  const j = r.json();
  assert.equal(j.profiles[0].region, 'us-east-1');
  assert.equal(j.issues[0].code, 'bom');
  assert.match(j.issues[0].fix, /^perl -i -pe 's\/\^\\xEF\\xBB\\xBF\/\/ if \$\. == 1' \//);
  // The suggested fix, run as given, removes exactly the BOM.
  const fixed = spawnSync('sh', ['-c', j.issues[0].fix]);
  assert.equal(fixed.status, 0, String(fixed.stderr));
  assert.equal(fs.readFileSync(path.join(home, '.aws', 'config'), 'utf8'), '[default]\nregion = us-east-1\n');
  assert.deepEqual((await runCli(['profiles', '--json'], { home })).json().issues, []);
});

test('AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE and environment keys are honoured', async () => {
  const home = tempDir();
  const cfg = path.join(home, 'elsewhere', 'cfg');
  const cred = path.join(home, 'elsewhere', 'cred');
  writeFile(cfg, '[profile moved]\nregion = ap-south-1\n');
  writeFile(cred, `[moved]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`);
  writeFile(path.join(home, '.aws', 'config'), '[profile ignored]\n');
  const r = await runCli(['profiles', '--json'], {
    home,
    env: { AWS_CONFIG_FILE: cfg, AWS_SHARED_CREDENTIALS_FILE: cred, AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_DEFAULT_REGION: 'eu-north-1' },
  });
  assert.equal(r.code, 0, r.stderr);
  const j = r.json();
  assert.deepEqual(j.profiles.map((p: { name: string; kind: string; region: string }) => [p.name, p.kind, p.region]), [['moved', 'static', 'ap-south-1'], ['env', 'env', 'eu-north-1']]);
  assert.equal(j.configFile, cfg);
  assert.ok(!r.stdout.includes(SECRET) && !r.stdout.includes(KEY_ID));
});

test('--profile shows one profile and its problems; an unknown name fails with the next command', async () => {
  const home = homeWith(corpus('sso-problems.config'));
  const one = await runCli(['profiles', '--profile', 'missing-session', '--json'], { home });
  assert.equal(one.code, 0);
  const j = one.json();
  assert.deepEqual(j.profiles.map((p: { name: string }) => p.name), ['missing-session']);
  assert.deepEqual(j.issues.map((i: { code: string }) => i.code), ['sso-session-missing']);

  const bad = await runCli(['profiles', '--profile', 'Missing-Session'], { home });
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /^error: No AWS profile named "Missing-Session" in .*config or .*credentials\.$/m);
  assert.match(bad.stderr, /^ {2}next: claude-bedrock profiles --profile missing-session$/m);
  const badJson = await runCli(['profiles', '--profile', 'nope', '--json'], { home });
  assert.equal(badJson.json().error.code, 'profile-not-found');
});

test('no AWS files: a clear message and empty JSON, exit 0', async () => {
  const home = tempDir();
  const r = await runCli(['profiles'], { home });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^No AWS profiles in ~\/\.aws\/config or ~\/\.aws\/credentials\.$/m);
  assert.match(r.stdout, /claude-bedrock sso add/);
  assert.deepEqual((await runCli(['profiles', '--json'], { home })).json().profiles, []);
});

test('profiles never loads the AWS SDK', async () => {
  const nodeOptions = `--import=${pathToFileURL(path.join(ROOT, 'test', 'settings', 'forbid-aws-sdk.mjs')).href}`;
  // The guard itself works: it stops an SDK import and an SDK require (src/aws/sdk.ts loads it with require).
  const control = spawnSync(process.execPath, ['-e', "import('@aws-sdk/client-sts').then(() => process.exit(0), () => process.exit(9))"], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: nodeOptions } });
  assert.equal(control.status, 9);
  const controlRequire = spawnSync(process.execPath, ['-e', "try { require('@aws-sdk/client-sts'); process.exit(0) } catch { process.exit(9) }"], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: nodeOptions } });
  assert.equal(controlRequire.status, 9);
  const home = homeWith(corpus('ccwb.config'));
  const r = await runCli(['profiles', '--json'], { home, env: { NODE_OPTIONS: nodeOptions } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json().profiles.length, 2);
});

test('10,000 profiles: listed in well under two seconds', async () => {
  const home = homeWith(hugeConfig(10_000));
  const r = await runCli(['profiles', '--json'], { home });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json().profiles.length, 10_000);
  const table = await runCli(['profiles'], { home });
  assert.equal(table.stdout.split('\n').length >= 10_001, true);
});
