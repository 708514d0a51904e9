// login end to end: the built CLI against the emulator, a scripted browser, and the AWS CLI v1 / botocore on this
// machine reading what we wrote.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { assertNoSecrets, awsCli, LEGACY_CONFIG, SESSION_CONFIG, START_URL, world, type World } from './harness.js';
import { registrationCacheKey } from '../../src/core/sso/cache-format.js';
import { SSO_USER } from '../../emulator/scenarios/default.js';

const worlds: World[] = [];
after(() => Promise.all(worlds.map((w) => w.stop())));
async function mk(config = SESSION_CONFIG, scenario = {}): Promise<World> {
  const w = await world(config, scenario);
  worlds.push(w);
  return w;
}

const CLI_TOKEN_RE = /^\{"startUrl": "[^"]+", "region": "us-east-1", "accessToken": "[^"]+", "expiresAt": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "clientId": "[^"]+", "clientSecret": "[^"]+", "registrationExpiresAt": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "refreshToken": "[^"]+"\}$/;

test('PKCE login writes the cache exactly as the AWS CLI v2 does, and the AWS CLI (botocore) uses it', async () => {
  const w = await mk();
  const r = await w.cli(['login', '--profile', 'dev', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = r.json();
  assert.deepEqual(Object.keys(j).slice(0, 3), ['profile', 'ssoSession', 'accessTokenExpiresAt']);
  assert.equal(j.profile, 'dev');
  assert.equal(j.refreshable, true);
  assert.equal(j.method, 'pkce');
  assert.match(j.accessTokenExpiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  // The sign-in URL is printed (stderr) even though a browser was opened.
  assert.match(r.stderr, /\/authorize\?response_type=code&client_id=.*&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=/);
  assert.equal(w.emu.callsTo('/authorize').length, 1);

  const text = fs.readFileSync(w.tokenFile('corp'), 'utf8');
  assert.match(text, CLI_TOKEN_RE);
  assert.equal(fs.statSync(w.tokenFile('corp')).mode & 0o777, 0o600);
  const tok = JSON.parse(text);
  assert.equal(tok.expiresAt, j.accessTokenExpiresAt);
  assert.equal(tok.startUrl, START_URL);
  // The client registration is cached under the AWS CLI's key, for the PKCE grant.
  const regFile = path.join(w.cacheDir, `${registrationCacheKey({ startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'], sessionName: 'corp' })}.json`);
  const reg = JSON.parse(fs.readFileSync(regFile, 'utf8'));
  assert.deepEqual(reg.grantTypes, ['authorization_code', 'refresh_token']);
  assert.equal(reg.clientId, tok.clientId);
  assertNoSecrets(r, [tok.accessToken, tok.refreshToken, tok.clientSecret]);

  const id = await awsCli(w, ['sts', 'get-caller-identity', '--profile', 'dev', '--output', 'json']);
  assert.equal(id.status, 0, id.stderr);
  assert.match(JSON.parse(id.stdout).Arn, /^arn:aws:sts::123456789012:assumed-role\/AWSReservedSSO_BedrockUser_[0-9a-f]+\/alice$/);

  // A second login right after reuses the token: no new sign-in, no token request.
  const again = await w.cli(['login', '--profile', 'dev', '--json']);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.json().method, 'reused');
  assert.equal(w.emu.callsTo('CreateToken').length, 1);
  assert.equal(w.emu.callsTo('RegisterClient').length, 1);
});

test('a consent page is clicked through like a user would; Deny is a clear failure', async () => {
  const w = await mk(SESSION_CONFIG, { scenario: { name: 'consent', sso: { users: [SSO_USER], autoApprove: false } } });
  const denied = await w.cli(['login', '--profile', 'dev', '--timeout', '10'], { BROWSER_DENY: '1' });
  assert.equal(denied.code, 4, denied.stderr);
  assert.match(denied.stderr, /browser sign-in for SSO session "corp" failed: access_denied/);
  assert.match(denied.stderr, /next: claude-bedrock login --profile dev/);
  assert.equal(fs.existsSync(w.tokenFile('corp')), false);
  const ok = await w.cli(['login', '--profile', 'dev', '--json', '--timeout', '10']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(w.emu.callsTo('/authorize/allow').length, 1);
});

test('near expiry: one silent refresh (the refresh token rotates), no browser', async () => {
  const w = await mk();
  assert.equal((await w.cli(['login', '--profile', 'dev'])).code, 0);
  const before = w.readToken('corp');
  // Make the token near expiry and old, as if written an hour ago.
  const soon = new Date(Date.now() + 5 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  fs.writeFileSync(w.tokenFile('corp'), JSON.stringify({ ...before, expiresAt: soon }));
  const old = new Date(Date.now() - 3600_000);
  fs.utimesSync(w.tokenFile('corp'), old, old);
  const r = await w.cli(['login', '--profile', 'dev', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json().method, 'refresh');
  const afterTok = w.readToken('corp');
  assert.notEqual(afterTok.accessToken, before.accessToken);
  assert.notEqual(afterTok.refreshToken, before.refreshToken, 'refresh tokens rotate');
  assert.equal(w.emu.callsTo('/authorize').length, 1, 'no new browser sign-in');
  assert.equal(w.emu.callsTo('CreateToken').length, 2);
  assert.match(fs.readFileSync(w.tokenFile('corp'), 'utf8'), CLI_TOKEN_RE);
  assertNoSecrets(r, [afterTok.accessToken as string, afterTok.refreshToken as string, before.refreshToken as string]);
});

test('a revoked refresh token (InvalidGrantException) falls back to a browser sign-in, saying why', async () => {
  const w = await mk();
  assert.equal((await w.cli(['login', '--profile', 'dev'])).code, 0);
  const tok = w.readToken('corp');
  fs.writeFileSync(w.tokenFile('corp'), JSON.stringify({ ...tok, refreshToken: 'aorRevokedOrUnknownRefreshToken000000' }));
  const old = new Date(Date.now() - 3600_000);
  fs.utimesSync(w.tokenFile('corp'), old, old);
  const r = await w.cli(['login', '--profile', 'dev', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /refresh token for SSO session "corp" was refused \(InvalidGrantException/);
  assert.equal(r.json().method, 'pkce');
  assert.equal(w.emu.callsTo('/authorize').length, 2);
});

test('an expired client registration is replaced; a malformed token cache is kept aside and replaced', async () => {
  const w = await mk();
  assert.equal((await w.cli(['login', '--profile', 'dev'])).code, 0);
  const regFile = path.join(w.cacheDir, `${registrationCacheKey({ startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'], sessionName: 'corp' })}.json`);
  const reg = JSON.parse(fs.readFileSync(regFile, 'utf8'));
  fs.writeFileSync(regFile, JSON.stringify({ ...reg, expiresAt: '2020-01-01T00:00:00Z' }));
  fs.writeFileSync(w.tokenFile('corp'), '{"accessToken": "x", "expiresAt": ');
  const r = await w.cli(['login', '--profile', 'dev', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /client registration for SSO session "corp" expired on 2020-01-01T00:00:00Z; registering again/);
  assert.match(r.stderr, /is unusable \(it is not valid JSON\)/);
  assert.equal(w.emu.callsTo('RegisterClient').length, 2);
  assert.notEqual(JSON.parse(fs.readFileSync(regFile, 'utf8')).clientId, reg.clientId);
  const kept = fs.readdirSync(path.join(w.home, '.claude-bedrock', 'backups', 'sso-cache'));
  assert.equal(kept.length, 1);
  assert.equal(fs.readFileSync(path.join(w.home, '.claude-bedrock', 'backups', 'sso-cache', kept[0]!), 'utf8'), '{"accessToken": "x", "expiresAt": ');
  assert.match(fs.readFileSync(w.tokenFile('corp'), 'utf8'), CLI_TOKEN_RE);
});

test('a browser that never signs in times out within the bound, with the next command; nothing is written', async () => {
  const w = await mk();
  // Bounded: a login still waiting after 15 s is killed by the harness, and the exit code fails.
  const r = await w.cli(['login', '--profile', 'dev', '--timeout', '2'], { BROWSER: 'true' }, 15_000);
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stderr, /No sign-in arrived from the browser within 2 s for SSO session "corp"/);
  assert.match(r.stderr, /next: claude-bedrock login --profile dev --device-code/);
  assert.equal(fs.existsSync(w.tokenFile('corp')), false);
});

test('the loopback port in use is a clear error naming the fix', async () => {
  const w = await mk();
  const busy = net.createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  const port = (busy.address() as net.AddressInfo).port;
  try {
    const r = await w.cli(['login', '--profile', 'dev', '--redirect-port', String(port)]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`127\\.0\\.0\\.1:${port} is already in use`));
    assert.match(r.stderr, /next: claude-bedrock login --profile dev   # without --redirect-port/);
  } finally {
    busy.close();
  }
});

test('device-code flow: the code is shown on stderr, approval is polled for, stdout stays JSON', async () => {
  const w = await mk(SESSION_CONFIG, { scenario: { name: 'manual', sso: { users: [SSO_USER], autoApprove: false, pollIntervalSeconds: 1 } } });
  const p = w.cli(['login', '--profile', 'dev', '--device-code', '--no-browser', '--json', '--timeout', '20']);
  // Approve once the login polls (the process has 20 s to get there; a slow start is not a failure).
  for (let i = 0; i < 400 && w.emu.callsTo('CreateToken').length < 1; i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(w.emu.callsTo('CreateToken').length >= 1, 'the login never polled');
  assert.equal(w.emu.approve().devices, 1);
  const r = await p;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /open this page on any device:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/device\n\nand enter the code: {2}[A-Z]{4}-[A-Z]{4}/);
  assert.equal(r.json().method, 'device-code');
  assert.equal(r.json().refreshable, true);
  assert.ok(w.emu.callsTo('CreateToken').length >= 2, 'polled');
});

test('a start URL that is not a portal: the refusal names the start URL and sso_region to check, not the network', async () => {
  const w = await mk(SESSION_CONFIG.replace(START_URL, 'https://d-0000000000.awsapps.com/start'));
  const r = await w.cli(['login', '--profile', 'dev', '--device-code', '--no-browser']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /IAM Identity Center refused to start a sign-in \(StartDeviceAuthorization at .*\) for SSO session "corp": InvalidRequestException: Invalid start URL: https:\/\/d-0000000000\.awsapps\.com\/start\./);
  assert.match(r.stderr, /why: {2}The start URL https:\/\/d-0000000000\.awsapps\.com\/start is not an IAM Identity Center portal in us-east-1/);
  assert.match(r.stderr, /next: check sso_start_url and sso_region with your AWS administrator, then: claude-bedrock login --profile dev\n/);
  assert.doesNotMatch(r.stderr, /UnknownError|Cannot reach/);
});

test('no display (SSH without DISPLAY) picks the device flow by itself', async () => {
  const w = await mk();
  const r = await w.cli(['login', '--profile', 'dev', '--json'], { BROWSER: undefined, SSH_CONNECTION: '10.0.0.1 22 10.0.0.2 22', DISPLAY: undefined, WAYLAND_DISPLAY: undefined });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json().method, 'device-code');
  assert.match(r.stderr, /device-code sign-in because this is an SSH session without a display/);
});

test('legacy profile: logs in (cache sha1(start URL)) with a warning naming sso migrate', async () => {
  const w = await mk(LEGACY_CONFIG);
  const r = await w.cli(['login', '--profile', 'old', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = r.json();
  assert.equal(j.refreshable, false);
  assert.equal(j.ssoSession, null);
  assert.match(j.warnings[0], /legacy SSO format.*never refreshes.*claude-bedrock sso migrate --profile old/);
  assert.ok(fs.existsSync(w.tokenFile(START_URL)));
  const id = await awsCli(w, ['sts', 'get-caller-identity', '--profile', 'old']);
  assert.equal(id.status, 0, id.stderr);
});

test('config problems: missing sso-session, inconsistent sso_region, not an SSO profile, bad names', async () => {
  const w = await mk(`[profile gone]
sso_session = nope
sso_account_id = 123456789012
sso_role_name = R

[profile mixed]
sso_session = corp
sso_region = eu-west-1
sso_account_id = 123456789012
sso_role_name = R

[profile keys]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-east-1
`);
  const gone = await w.cli(['login', '--profile', 'gone']);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /Profile "gone" uses sso_session = nope, but .*config has no \[sso-session nope\] section/);
  assert.match(gone.stderr, /next: claude-bedrock sso add --session-name nope --start-url .* --sso-region .* --profile gone/);
  const mixed = await w.cli(['login', '--profile', 'mixed']);
  assert.equal(mixed.code, 1);
  assert.match(mixed.stderr, /sso_region is inconsistent between profile "mixed" \(eu-west-1\) and \[sso-session corp\] \(us-east-1\)/);
  assert.match(mixed.stderr, /next: delete the line "sso_region = eu-west-1" \(line 8\) from \[profile mixed\]/);
  const keys = await w.cli(['login', '--profile', 'keys']);
  assert.equal(keys.code, 1);
  assert.match(keys.stderr, /does not use IAM Identity Center \(it is a static profile\)/);
  for (const bad of ['a\nb', 'x]y', 'k=v', '"q"', '$(id)']) {
    const r = await w.cli(['login', '--sso-session', bad]);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /is not allowed/);
  }
  for (const cmd of ['login', 'logout']) {
    const r = await w.cli([cmd, '--profile', 'dev\n[profile x]']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /contains a line break or control character/);
  }
  assert.equal(w.emu.calls.length, 0, 'nothing reached AWS');
});

test('--region is refused, not ignored: sign-in happens in the session\'s sso_region; nothing reaches AWS', async () => {
  const w = await mk();
  const r = await w.cli(['login', '--profile', 'dev', '--region', 'eu-west-1', '--json']);
  assert.equal(r.code, 2);
  const e = r.json().error;
  assert.equal(e.code, 'usage');
  assert.match(e.message, /^login does not take --region: IAM Identity Center sign-in always happens in the sso_region of the profile's \[sso-session\]/);
  assert.equal(e.next, 'claude-bedrock login --profile dev');
  const s = await w.cli(['login', '--sso-session', 'corp', '--region', 'us-east-1']);
  assert.equal(s.code, 2);
  assert.match(s.stderr, /^ {2}next: claude-bedrock login --sso-session corp$/m);
  assert.equal(w.emu.calls.length, 0, 'nothing reached AWS');
  assert.ok(!fs.existsSync(w.tokenFile('corp')), 'no token written');
});

test('--use-aws-cli refuses the AWS CLI v1 on this machine (it has no `aws sso login`)', async () => {
  const w = await mk();
  const r = await w.cli(['login', '--profile', 'dev', '--use-aws-cli']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /The AWS CLI on PATH is version 1\.\d+\.\d+, which has no `aws sso login`/);
  assert.match(r.stderr, /next: claude-bedrock login --profile dev/);
});

test('--use-aws-cli runs `aws sso login` (a v2 stand-in writing the cache with botocore\'s own writer); we read its expiry', async () => {
  const w = await mk();
  const grant = w.emu.issueSsoToken({ refreshable: true });
  const bin = path.join(w.home, 'bin');
  fs.mkdirSync(bin);
  // The cache is written by botocore's JSONFileCache with the AWS CLI's serializer (datetime → ...Z).
  fs.writeFileSync(path.join(bin, 'aws'), `#!/usr/bin/env python3
import sys, json, datetime, hashlib
if sys.argv[1:] == ['--version']:
    print('aws-cli/2.22.0 Python/3.12.6 Linux/6 exe/x86_64'); sys.exit(0)
assert sys.argv[1:4] == ['sso', 'login', '--profile'], sys.argv
from botocore.utils import JSONFileCache
from botocore.tokens import _sso_json_dumps
from dateutil.tz import tzutc
g = json.loads(${JSON.stringify(JSON.stringify(grant))})
d = lambda s: datetime.datetime.strptime(s, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=tzutc())
tok = {'startUrl': g['startUrl'], 'region': g['region'], 'accessToken': g['accessToken'], 'expiresAt': d(g['expiresAt']), 'clientId': g['clientId'], 'clientSecret': g['clientSecret'], 'registrationExpiresAt': d(g['registrationExpiresAt']), 'refreshToken': g['refreshToken']}
JSONFileCache(${JSON.stringify(w.cacheDir)}, dumps_func=_sso_json_dumps)[hashlib.sha1(b'corp').hexdigest()] = tok
print('Successfully logged into Start URL: ' + g['startUrl'])
`, { mode: 0o755 });
  const r = await w.cli(['login', '--profile', 'dev', '--use-aws-cli', '--json'], { PATH: `${bin}:${process.env.PATH}` });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Successfully logged into Start URL/);
  const j = r.json();
  assert.equal(j.method, 'aws-cli');
  assert.equal(j.accessTokenExpiresAt, grant.expiresAt);
  assert.equal(j.refreshable, true);
  assertNoSecrets(r, [grant.accessToken, grant.refreshToken, grant.clientSecret]);
});

test('a config the AWS CLI refuses (duplicate key) still logs in, with a warning naming the fix', async () => {
  const w = await mk(SESSION_CONFIG.replace('region = us-west-2\n', 'region = us-west-2\nregion = us-east-2\n'));
  const r = await w.cli(['login', '--profile', 'dev', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.json().warnings.join('\n'), /Key region appears twice in \[profile dev\].*refuse the whole file\. Fix: keep one region line/);
});

test('without --profile, login and logout use the profile Claude Code\'s settings name, saying so; $AWS_PROFILE still wins', async () => {
  const w = await mk();
  // No settings file: today's behaviour, profile "default".
  const none = await w.cli(['login']);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no profile "default"/);
  assert.doesNotMatch(none.stderr, /Using profile/);
  const settings = path.join(w.home, '.claude', 'settings.json');
  fs.mkdirSync(path.dirname(settings), { recursive: true });
  fs.writeFileSync(settings, '{"env":{"AWS_PROFILE":"dev"}}\n');
  const r = await w.cli(['login', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json().profile, 'dev');
  assert.ok(r.stderr.includes(`Using profile "dev": AWS_PROFILE in Claude Code's user settings (${settings}).`), r.stderr);
  assert.ok(fs.existsSync(w.tokenFile('corp')));
  // The shell's AWS_PROFILE comes first (as before), with no note.
  const shell = await w.cli(['login'], { AWS_PROFILE: 'elsewhere' });
  assert.equal(shell.code, 1);
  assert.match(shell.stderr, /no profile "elsewhere"/);
  assert.doesNotMatch(shell.stderr, /Using profile/);
  // logout picks the same profile.
  const out = await w.cli(['logout', '--json']);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.json().profile, 'dev');
  assert.equal(out.json().sessions[0].ssoSession, 'corp');
  assert.match(out.stderr, /Using profile "dev": AWS_PROFILE in Claude Code's user settings/);
  assert.equal(fs.existsSync(w.tokenFile('corp')), false);
});
