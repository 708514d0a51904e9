// Single flight: Claude Code sessions whose credentials expire together all run awsAuthRefresh at once. N logins for
// one session must cost one browser sign-in (or one refresh) and one token request; the rest reuse its token.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SESSION_CONFIG, world, type World } from './harness.js';
import { sha1 } from '../../src/core/sso/cache-format.js';

const worlds: World[] = [];
after(() => Promise.all(worlds.map((w) => w.stop())));
const N = 8;

test(`${N} concurrent logins with no token: one sign-in, one token request, every process gets the same token`, async () => {
  const w = await world(SESSION_CONFIG);
  worlds.push(w);
  const rs = await Promise.all(Array.from({ length: N }, () => w.cli(['login', '--profile', 'dev', '--json'], {}, 60_000)));
  for (const r of rs) assert.equal(r.code, 0, r.stderr);
  assert.equal(w.emu.callsTo('/authorize').length, 1, 'one browser sign-in');
  assert.equal(w.emu.callsTo('CreateToken').length, 1, 'one token request');
  assert.equal(w.emu.callsTo('RegisterClient').length, 1);
  const methods = rs.map((r) => r.json().method).sort();
  assert.deepEqual(methods, ['pkce', ...Array(N - 1).fill('reused')]);
  assert.equal(new Set(rs.map((r) => r.json().accessTokenExpiresAt)).size, 1);
});

test(`${N} concurrent logins with a near-expiry token: one refresh (refresh tokens rotate, so a second would fail)`, async () => {
  const w = await world(SESSION_CONFIG);
  worlds.push(w);
  assert.equal((await w.cli(['login', '--profile', 'dev'])).code, 0);
  const tok = w.readToken('corp');
  fs.writeFileSync(w.tokenFile('corp'), JSON.stringify({ ...tok, expiresAt: new Date(Date.now() + 60_000).toISOString() }));
  const old = new Date(Date.now() - 3600_000);
  fs.utimesSync(w.tokenFile('corp'), old, old);
  const before = w.emu.calls.length;
  const rs = await Promise.all(Array.from({ length: N }, () => w.cli(['login', '--profile', 'dev', '--json'], {}, 60_000)));
  for (const r of rs) assert.equal(r.code, 0, r.stderr);
  const calls = w.emu.calls.slice(before);
  assert.deepEqual(calls.map((c) => c.operation), ['CreateToken'], 'exactly one refresh, no sign-in');
  assert.deepEqual(rs.map((r) => r.json().method).sort(), ['refresh', ...Array(N - 1).fill('reused')]);
  assert.notEqual(w.readToken('corp').refreshToken, tok.refreshToken);
});

test('a lock left by a crashed login is taken over at once', async () => {
  const w = await world(SESSION_CONFIG);
  worlds.push(w);
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const lockFile = path.join(w.home, '.claude-bedrock', 'locks', `sso-${sha1('corp').slice(0, 24)}.lock`);
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  fs.writeFileSync(lockFile, `${dead.stdout} abcdef ${Date.now()}\n`);
  // At once, not after the lock's 60 s wait or its staleness limit: the harness kills the run at 15 s (exit code fails).
  const r = await w.cli(['login', '--profile', 'dev', '--json'], {}, 15_000);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Another sign-in for SSO session "corp" is in progress \(a concurrent claude-bedrock login or logout\); waiting/);
  assert.equal(fs.existsSync(lockFile), false, 'released');
});

test(`${N} concurrent status calls with a near-expiry token: the AWS engine refreshes once, under the login lock`, async () => {
  const w = await world(SESSION_CONFIG);
  worlds.push(w);
  assert.equal((await w.cli(['login', '--profile', 'dev'])).code, 0);
  const tok = w.readToken('corp');
  fs.writeFileSync(w.tokenFile('corp'), JSON.stringify({ ...tok, expiresAt: new Date(Date.now() + 60_000).toISOString() }));
  const before = w.emu.calls.length;
  const rs = await Promise.all(Array.from({ length: N }, () => w.cli(['status', '--json'], { AWS_PROFILE: 'dev' }, 60_000)));
  for (const r of rs) assert.notEqual(r.code, 4, r.stderr);
  const ops = w.emu.calls.slice(before).map((c) => c.operation);
  assert.equal(ops.filter((o) => o === 'CreateToken').length, 1, `one refresh (calls: ${ops.join(', ')})`);
  assert.notEqual(w.readToken('corp').refreshToken, tok.refreshToken, 'the rotated refresh token was saved');
});
