// sso migrate end to end: the config converted in place, the user's current token carried over so the AWS CLI keeps
// working without a new sign-in, and the next login giving a refreshable session.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { awsCli, START_URL, world, type World } from './harness.js';
import { serializeToken } from '../../src/core/sso/cache-format.js';
import { botocoreResolve } from './botocore.js';

const worlds: World[] = [];
after(() => Promise.all(worlds.map((w) => w.stop())));

const LEGACY = `# Written by hand years ago.
[default]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = BedrockUser
region = us-west-2

; production, read only
[profile prod]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 210987654321
sso_role_name = ReadOnly
output = json
`;

test('migrate --all: one shared session, the existing token keeps working, login then makes it refreshable', async () => {
  const w = await world(LEGACY);
  worlds.push(w);
  const cfg = path.join(w.home, '.aws', 'config');
  // The user signed in with the legacy profile an hour ago (an 8-hour token without a refresh token).
  const grant = w.emu.issueSsoToken({ refreshable: false });
  fs.mkdirSync(w.cacheDir, { recursive: true });
  fs.writeFileSync(w.tokenFile(START_URL), serializeToken({ ...grant, refreshToken: undefined }), { mode: 0o600 });
  const hourAgo = new Date(Date.now() - 3600_000);
  fs.utimesSync(w.tokenFile(START_URL), hourAgo, hourAgo);
  assert.equal((await awsCli(w, ['sts', 'get-caller-identity', '--profile', 'prod'])).status, 0, 'works before');

  const noFlags = await w.cli(['sso', 'migrate']);
  assert.equal(noFlags.code, 2);
  assert.match(noFlags.stderr, /--profile P or --all \(legacy SSO profiles: default, prod\)/);

  const dry = await w.cli(['sso', 'migrate', '--all', '--dry-run', '--json']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(fs.readFileSync(cfg, 'utf8'), LEGACY);
  assert.equal(fs.existsSync(w.tokenFile('d-1234567890')), false, 'a dry run copies no token');
  assert.deepEqual(dry.json().sessions[0].token, { status: 'carried-over', expiresAt: grant.expiresAt });

  const r = await w.cli(['sso', 'migrate', '--all', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = r.json();
  assert.deepEqual(j.sessions, [{ name: 'd-1234567890', startUrl: START_URL, region: 'us-east-1', action: 'created', profiles: ['default', 'prod'], token: { status: 'carried-over', expiresAt: grant.expiresAt } }]);
  assert.ok(j.undoId);
  const text = fs.readFileSync(cfg, 'utf8');
  assert.equal(text, `# Written by hand years ago.
[default]
sso_account_id = 123456789012
sso_role_name = BedrockUser
region = us-west-2
sso_session = d-1234567890

; production, read only
[profile prod]
sso_account_id = 210987654321
sso_role_name = ReadOnly
output = json
sso_session = d-1234567890

[sso-session d-1234567890]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`);
  const copied = w.tokenFile('d-1234567890');
  assert.equal(JSON.parse(fs.readFileSync(copied, 'utf8')).accessToken, grant.accessToken);
  assert.equal(fs.statSync(copied).mode & 0o777, 0o600);
  assert.ok(Math.abs(fs.statSync(copied).mtimeMs - hourAgo.getTime()) < 1, 'the copy keeps the original sign-in time');
  assert.ok(!r.stdout.includes(grant.accessToken) && !r.stderr.includes(grant.accessToken));

  // botocore now reads the session's cache entry (the legacy one is gone) and still gets credentials.
  fs.renameSync(w.tokenFile(START_URL), `${w.tokenFile(START_URL)}.aside`);
  for (const p of ['prod', 'default']) {
    const id = await awsCli(w, ['sts', 'get-caller-identity', '--profile', p]);
    assert.equal(id.status, 0, `${p}: ${id.stderr}`);
  }
  fs.renameSync(`${w.tokenFile(START_URL)}.aside`, w.tokenFile(START_URL));

  // Idempotent.
  const again = await w.cli(['sso', 'migrate', '--all', '--json']);
  assert.equal(again.code, 0);
  assert.deepEqual(again.json().changes, []);
  assert.equal(fs.readFileSync(cfg, 'utf8'), text);

  // The carried-over token is not mistaken for a fresh sign-in: login signs in and gets a refreshable session.
  const login = await w.cli(['login', '--profile', 'prod', '--json']);
  assert.equal(login.code, 0, login.stderr);
  assert.deepEqual([login.json().method, login.json().refreshable], ['pkce', true]);

  // undo restores the config byte for byte.
  const u = await w.cli(['undo']);
  assert.equal(u.code, 0, u.stderr);
  assert.equal(fs.readFileSync(cfg, 'utf8'), LEGACY);
});

test('migrate --profile with no usable token says a new sign-in is needed', async () => {
  const w = await world(LEGACY);
  worlds.push(w);
  fs.mkdirSync(w.cacheDir, { recursive: true });
  fs.writeFileSync(w.tokenFile(START_URL), '{"accessToken": "aoa", "expiresAt": "2020-01-01T00:00:00Z"}');
  const r = await w.cli(['sso', 'migrate', '--profile', 'prod', '--session-name', 'acme']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\[sso-session acme\] created {2}← "prod"/);
  assert.match(r.stdout, /the legacy token expired at 2020-01-01T00:00:00Z: sign in with claude-bedrock login/);
  assert.match(r.stderr, /Next: sign in once to get a refreshable session: claude-bedrock login --force --profile prod/);
  assert.match(fs.readFileSync(path.join(w.home, '.aws', 'config'), 'utf8'), /^\[default\]\nsso_start_url = /m, '[default] was not asked for');
  assert.equal(fs.existsSync(w.tokenFile('acme')), false);
});

// QA: `/start` and `/start/` are one portal: one session, one sign-in. Each profile's URL as written is left alone
// until migrated (its legacy token cache key is sha1 of it), and an existing session keeps its URL as written.
test('migrate --all groups start URLs that differ only by a trailing slash into one session, and reuses a session written with one', async () => {
  const mixed = LEGACY.replace(/(\[profile prod\]\nsso_start_url = .*)\n/, '$1/\n');
  assert.match(mixed, new RegExp(`\\[profile prod\\]\\nsso_start_url = ${START_URL}/\\n`));
  const w = await world(mixed);
  worlds.push(w);
  const grant = w.emu.issueSsoToken({ refreshable: false });
  fs.mkdirSync(w.cacheDir, { recursive: true });
  fs.writeFileSync(w.tokenFile(START_URL), serializeToken({ ...grant, refreshToken: undefined }), { mode: 0o600 });
  const r = await w.cli(['sso', 'migrate', '--all', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.json().sessions.map((s: { name: string; startUrl: string; action: string; profiles: string[]; token: { status: string } }) => [s.name, s.startUrl, s.action, s.profiles, s.token.status]),
    [['d-1234567890', START_URL, 'created', ['default', 'prod'], 'carried-over']]);
  const text = fs.readFileSync(path.join(w.home, '.aws', 'config'), 'utf8');
  assert.equal(text.match(/^\[sso-session /gm)?.length, 1, 'one session, one sign-in');
  for (const p of ['default', 'prod']) {
    const id = await awsCli(w, ['sts', 'get-caller-identity', '--profile', p]);
    assert.equal(id.status, 0, `${p}: ${id.stderr}`);
  }

  const session = `[sso-session corp]\nsso_start_url = ${START_URL}/\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n`;
  const w2 = await world(session + LEGACY);
  worlds.push(w2);
  const r2 = await w2.cli(['sso', 'migrate', '--all', '--json']);
  assert.equal(r2.code, 0, r2.stderr);
  assert.deepEqual(r2.json().sessions.map((s: { name: string; startUrl: string; action: string }) => [s.name, s.startUrl, s.action]), [['corp', `${START_URL}/`, 'reused']]);
  const text2 = fs.readFileSync(path.join(w2.home, '.aws', 'config'), 'utf8');
  assert.ok(text2.startsWith(session), 'the session keeps its URL as written');
  assert.equal(text2.match(/^\[sso-session /gm)?.length, 1);
  assert.deepEqual(Object.values(botocoreResolve(text2, ['default', 'prod'])).map((b) => ('error' in b ? b.error : [b.session, b.startUrl])), [['corp', `${START_URL}/`], ['corp', `${START_URL}/`]]);
});
