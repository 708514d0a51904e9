// logout: portal Logout, then only that session's cached token (and the AWS CLI's role credentials for it) removed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { awsCli, SESSION_CONFIG, START_URL, world, type World } from './harness.js';
import { cliRoleCredentialCacheKey } from '../../src/core/sso/cache-format.js';

const worlds: World[] = [];
after(() => Promise.all(worlds.map((w) => w.stop())));

const TWO_SESSIONS = `${SESSION_CONFIG}
[profile other]
sso_session = second
sso_account_id = 210987654321
sso_role_name = ReadOnly

[sso-session second]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

test('logout ends the portal session and removes only that session\'s token and role credentials', async () => {
  const w = await world(TWO_SESSIONS);
  worlds.push(w);
  assert.equal((await w.cli(['login', '--profile', 'dev'])).code, 0);
  assert.equal((await w.cli(['login', '--profile', 'other'])).code, 0);
  const regs = fs.readdirSync(w.cacheDir).length;
  // Role credentials the AWS CLI v2 would have cached for dev (and an unrelated entry).
  const cliCache = path.join(w.home, '.aws', 'cli', 'cache');
  fs.mkdirSync(cliCache, { recursive: true });
  const devCreds = path.join(cliCache, `${cliRoleCredentialCacheKey({ accountId: '123456789012', roleName: 'BedrockUser', sessionName: 'corp', startUrl: START_URL })}.json`);
  const unrelated = path.join(cliCache, 'assume-role-entry.json');
  fs.writeFileSync(devCreds, '{"ProviderType": "sso", "Credentials": {}}');
  fs.writeFileSync(unrelated, '{"Credentials": {}}');
  const devToken = w.readToken('corp').accessToken as string;

  const r = await w.cli(['logout', '--profile', 'dev', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = r.json();
  assert.deepEqual({ profile: j.profile, accessTokenExpiresAt: j.accessTokenExpiresAt, refreshable: j.refreshable }, { profile: 'dev', accessTokenExpiresAt: null, refreshable: false });
  assert.deepEqual(j.sessions, [{ ssoSession: 'corp', startUrl: START_URL, portalLogout: 'ok', tokenRemoved: true, roleCredentialsRemoved: 1 }]);
  assert.equal(w.emu.callsTo('Logout').length, 1);
  assert.equal(fs.existsSync(w.tokenFile('corp')), false);
  assert.ok(fs.existsSync(w.tokenFile('second')), 'the other session is untouched');
  assert.equal(fs.readdirSync(w.cacheDir).length, regs - 1, 'client registrations stay');
  assert.equal(fs.existsSync(devCreds), false);
  assert.ok(fs.existsSync(unrelated));
  assert.ok(!r.stdout.includes(devToken) && !r.stderr.includes(devToken));

  // The AWS CLI now has nothing to sign with for dev, and still works for the other session.
  const dev = await awsCli(w, ['sts', 'get-caller-identity', '--profile', 'dev']);
  assert.notEqual(dev.status, 0);
  assert.match(dev.stderr, /Token for corp does not exist/);
  assert.equal((await awsCli(w, ['sts', 'get-caller-identity', '--profile', 'other'])).status, 0);

  // Logging out again is harmless; --all covers the rest.
  const again = await w.cli(['logout', '--profile', 'dev', '--json']);
  assert.equal(again.code, 0);
  assert.deepEqual(again.json().sessions[0].portalLogout, 'skipped');
  const all = await w.cli(['logout', '--all', '--json']);
  assert.equal(all.code, 0, all.stderr);
  assert.deepEqual(all.json().sessions.map((s: { ssoSession: string; tokenRemoved: boolean }) => [s.ssoSession, s.tokenRemoved]), [['corp', false], ['second', true]]);
  assert.equal(w.emu.callsTo('Logout').length, 2);
});

test('logout still removes the local token when the portal cannot be reached, and says so', async () => {
  const w = await world(SESSION_CONFIG);
  worlds.push(w);
  assert.equal((await w.cli(['login', '--profile', 'dev'])).code, 0);
  w.emu.addFault({ service: 'sso', operation: 'Logout', error: { status: 500, code: 'InternalServerException', message: 'boom' } });
  const r = await w.cli(['logout', '--profile', 'dev']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /removed the cached token locally/);
  assert.match(r.stderr, /portal could not be told \(InternalServerException/);
  assert.equal(fs.existsSync(w.tokenFile('corp')), false);
});
