// The login flows against a fake SSO-OIDC (no network): device-code polling rules, bounds, state checks, silent
// refresh, and how the flow is chosen for the machine we run on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers.js';
import { createDeps } from '../../src/deps.js';
import { AuthError } from '../../src/errors.js';
import { browserCommand, chooseFlow } from '../../src/aws/sso/browser.js';
import { ensureFreshToken, login, type LoginOptions, type LoginSeams } from '../../src/aws/sso/login.js';
import type { CreateTokenInput, OidcApi } from '../../src/aws/sso/api.js';
import { readCachedToken, writeCachedToken } from '../../src/aws/sso/cache.js';
import { formatAwsTimestamp } from '../../src/core/sso/cache-format.js';
import type { SsoTarget } from '../../src/core/sso/target.js';

const T: SsoTarget = { profile: 'dev', sessionName: 'corp', startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', scopes: ['sso:account:access'] };
const OPTS: LoginOptions = { flow: 'device', openBrowser: false, force: false, timeoutMs: 60_000, redirectPort: 0 };

function awsError(name: string) {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 } });
}

/** A fake clock that sleeping advances, and a fake OIDC answering CreateToken from a script. */
function rig(script: (string | 'ok')[], opts: { interval?: number; expiresIn?: number } = {}) {
  const home = tempDir('cb-flow-');
  let clock = Date.now();
  const deps = createDeps({ env: { HOME: home }, cwd: home, now: () => new Date(clock) });
  const calls: CreateTokenInput[] = [];
  const sleeps: number[] = [];
  const notes: string[] = [];
  const oidc: OidcApi = {
    endpoint: 'http://127.0.0.1:1',
    registerClient: async () => ({ clientId: 'cid', clientSecret: 'csecret', clientSecretExpiresAt: Math.floor(clock / 1000) + 90 * 86400 }),
    startDeviceAuthorization: async () => ({ deviceCode: 'dc', userCode: 'ABCD-EFGH', verificationUri: 'https://device.example/', verificationUriComplete: 'https://device.example/?user_code=ABCD-EFGH', expiresIn: opts.expiresIn ?? 600, ...(opts.interval !== undefined ? { interval: opts.interval } : {}) }),
    async createToken(i) {
      calls.push(i);
      const next = script.shift() ?? 'AuthorizationPendingException';
      if (next === 'ok') return { accessToken: `aoa-${calls.length}`, expiresIn: 3600, refreshToken: `aor-${calls.length}` };
      throw awsError(next);
    },
  };
  const seams: LoginSeams = {
    apis: { oidc: async () => oidc, portal: async () => { throw new Error('no portal'); }, close() {} },
    open: async () => ({ opened: true }),
    sleep: async (ms) => { sleeps.push(ms); clock += ms; },
    awsCli: async () => { throw new Error('no aws'); },
  };
  return { home, deps, calls, sleeps, notes, seams, note: (s: string) => notes.push(s), advance: (ms: number) => (clock += ms) };
}

test('device flow: one attempt before showing the code, then polls; slow_down adds 5 s; the code is shown once', async () => {
  const r = rig(['AuthorizationPendingException', 'AuthorizationPendingException', 'SlowDownException', 'AuthorizationPendingException', 'ok'], { interval: 1 });
  const out = await login(r.deps, r.note, T, OPTS, r.seams);
  assert.equal(out.method, 'device-code');
  assert.deepEqual(r.sleeps, [1000, 1000, 6000, 6000]);
  assert.equal(r.calls.length, 5);
  assert.deepEqual(r.calls[0], { clientId: 'cid', clientSecret: 'csecret', grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: 'dc' });
  assert.equal(r.notes.filter((n) => n.includes('ABCD-EFGH')).length, 1);
  assert.equal(readCachedToken(r.deps, T).state, 'ok');
});

test('device flow: default interval 5 s; an expired code and a denial are AuthErrors with the next command', async () => {
  const a = rig(['AuthorizationPendingException', 'ok']);
  await login(a.deps, a.note, T, OPTS, a.seams);
  assert.deepEqual(a.sleeps, [5000]);
  const b = rig(['AuthorizationPendingException', 'ExpiredTokenException'], { interval: 1 });
  await assert.rejects(login(b.deps, b.note, T, OPTS, b.seams), (e: unknown) => e instanceof AuthError && /expired before it was approved/.test(e.message) && e.next === 'claude-bedrock login --profile dev --device-code');
  const c = rig(['AccessDeniedException'], { interval: 1 });
  await assert.rejects(login(c.deps, c.note, T, OPTS, c.seams), (e: unknown) => e instanceof AuthError && /was denied/.test(e.message));
  assert.equal(readCachedToken(c.deps, T).state, 'missing');
});

test('device flow: the wait is bounded by --timeout even when the code would live longer', async () => {
  const r = rig([], { interval: 1, expiresIn: 600 });
  await assert.rejects(login(r.deps, r.note, T, { ...OPTS, timeoutMs: 3000 }, r.seams), (e: unknown) => e instanceof AuthError && /not approved within 3 s/.test(e.message));
  assert.ok(r.calls.length <= 4, `polled ${r.calls.length} times`);
});

test('PKCE: a redirect carrying another request\'s state is refused; nothing is written', async () => {
  const r = rig([]);
  r.seams.open = async (url) => {
    const redirect = new URL(url).searchParams.get('redirect_uri')!;
    await fetch(`${redirect}?code=abc&state=not-the-one`);
    return { opened: true };
  };
  await assert.rejects(login(r.deps, r.note, T, { ...OPTS, flow: 'pkce', openBrowser: true, timeoutMs: 5000 }, r.seams), (e: unknown) => e instanceof AuthError && /state mismatch/.test(e.message));
  assert.equal(r.calls.length, 0, 'the code was not exchanged');
  assert.equal(readCachedToken(r.deps, T).state, 'missing');
});

test('PKCE: the authorize URL goes to the endpoint\'s origin, code_verifier matches the challenge, redirect has the port', async () => {
  const r = rig(['ok']);
  let seen: URL | undefined;
  r.seams.open = async (url) => {
    seen = new URL(url);
    const redirect = new URL(seen.searchParams.get('redirect_uri')!);
    await fetch(`${redirect}?code=thecode&state=${seen.searchParams.get('state')}`);
    return { opened: true };
  };
  const out = await login(r.deps, r.note, T, { ...OPTS, flow: 'pkce', openBrowser: true, timeoutMs: 5000 }, r.seams);
  assert.equal(out.method, 'pkce');
  assert.equal(seen!.origin + seen!.pathname, 'http://127.0.0.1:1/authorize');
  const call = r.calls[0]!;
  assert.equal(call.grantType, 'authorization_code');
  assert.equal(call.code, 'thecode');
  assert.match(call.redirectUri!, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
  assert.equal(call.redirectUri, seen!.searchParams.get('redirect_uri'));
  const { codeChallenge } = await import('../../src/core/sso/pkce.js');
  assert.equal(codeChallenge(call.codeVerifier!), seen!.searchParams.get('code_challenge'));
});

test('legacy profiles use the device flow, like the AWS CLI', async () => {
  const r = rig(['ok']);
  const legacy: SsoTarget = { ...T, sessionName: null, scopes: null };
  const out = await login(r.deps, r.note, legacy, { ...OPTS, flow: 'auto' }, r.seams);
  assert.equal(out.method, 'device-code');
  assert.equal(out.refreshable, false, 'botocore never refreshes a legacy token');
});

test('ensureFreshToken: fresh → as is; near expiry → one silent refresh; expired and not refreshable → login command', async () => {
  const r = rig(['ok']);
  const now = r.deps.now().getTime();
  const tok = (inMs: number, refresh: boolean) => ({
    startUrl: T.startUrl, region: T.region, accessToken: 'aoa-old', expiresAt: formatAwsTimestamp(new Date(now + inMs)),
    ...(refresh ? { clientId: 'cid', clientSecret: 'csecret', registrationExpiresAt: formatAwsTimestamp(new Date(now + 86400_000)), refreshToken: 'aor-old' } : {}),
  });
  writeCachedToken(r.deps, T, tok(3600_000, true));
  assert.deepEqual([(await ensureFreshToken(r.deps, T, r.seams)).refreshed, r.calls.length], [false, 0]);
  writeCachedToken(r.deps, T, tok(5 * 60_000, true));
  const refreshed = await ensureFreshToken(r.deps, T, r.seams);
  assert.equal(refreshed.refreshed, true);
  assert.deepEqual(r.calls[0], { clientId: 'cid', clientSecret: 'csecret', grantType: 'refresh_token', refreshToken: 'aor-old' });
  assert.equal(readCachedToken(r.deps, T).state === 'ok' && (readCachedToken(r.deps, T) as { token: { refreshToken?: string } }).token.refreshToken, 'aor-1');
  writeCachedToken(r.deps, T, tok(-60_000, false));
  await assert.rejects(ensureFreshToken(r.deps, T, r.seams), (e: unknown) => e instanceof AuthError && e.next === 'claude-bedrock login --profile dev' && /expired at/.test(e.message));
  fs.rmSync(path.join(r.home, '.aws'), { recursive: true });
  await assert.rejects(ensureFreshToken(r.deps, T, r.seams), /Not signed in to SSO session "corp"/);
});

test('the flow is chosen from the environment: BROWSER, SSH, WSL, containers, no display', () => {
  const cases: [Record<string, string>, NodeJS.Platform, 'pkce' | 'device', RegExp?][] = [
    [{ DISPLAY: ':0' }, 'linux', 'pkce'],
    [{ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', 'pkce'],
    [{}, 'linux', 'device', /no display/],
    [{ SSH_CONNECTION: 'x' }, 'linux', 'device', /SSH session without a display/],
    [{ SSH_CONNECTION: 'x', DISPLAY: 'localhost:10.0' }, 'linux', 'pkce'],
    [{ WSL_DISTRO_NAME: 'Ubuntu', DISPLAY: ':0' }, 'linux', 'device', /WSL/],
    [{ DISPLAY: ':0', container: 'podman' }, 'linux', 'device', /container/],
    [{ CODESPACES: 'true', DISPLAY: ':0' }, 'linux', 'device', /container/],
    [{}, 'darwin', 'pkce'],
    [{ SSH_TTY: '/dev/ttys001' }, 'darwin', 'device', /SSH session/],
    [{}, 'win32', 'pkce'],
    [{ BROWSER: 'firefox' }, 'linux', 'pkce'],
  ];
  for (const [env, platform, flow, reason] of cases) {
    const c = chooseFlow({ env, platform }, 'auto');
    assert.equal(c.flow, flow, JSON.stringify(env) + platform);
    if (reason) assert.match(c.reason!, reason);
  }
  assert.equal(chooseFlow({ env: {}, platform: 'linux' }, 'pkce').flow, 'pkce', 'an explicit choice wins');
});

test('the browser command: BROWSER with arguments or %s, a path with spaces, each OS\'s opener', () => {
  const u = 'http://127.0.0.1:1/authorize?a=1&b=2';
  assert.deepEqual(browserCommand({ env: { BROWSER: 'firefox --new-tab' }, platform: 'linux' }, u), { cmd: 'firefox', args: ['--new-tab', u] });
  assert.deepEqual(browserCommand({ env: { BROWSER: 'open -a Safari %s' }, platform: 'darwin' }, u), { cmd: 'open', args: ['-a', 'Safari', u] });
  const dir = tempDir('cb-br ');
  const spaced = path.join(dir, 'my browser');
  fs.writeFileSync(spaced, '');
  assert.deepEqual(browserCommand({ env: { BROWSER: spaced }, platform: 'linux' }, u), { cmd: spaced, args: [u] });
  assert.deepEqual(browserCommand({ env: {}, platform: 'darwin' }, u), { cmd: 'open', args: [u] });
  assert.deepEqual(browserCommand({ env: {}, platform: 'win32' }, u), { cmd: 'rundll32', args: ['url.dll,FileProtocolHandler', u] });
  assert.deepEqual(browserCommand({ env: {}, platform: 'linux' }, u), { cmd: 'xdg-open', args: [u] });
});

test('a cached token for another start URL (the session was repointed) is neither reused nor refreshed', async () => {
  const r = rig(['ok']);
  const now = r.deps.now().getTime();
  writeCachedToken(r.deps, T, {
    startUrl: 'https://old.awsapps.com/start', region: 'us-east-1', accessToken: 'aoa-old', expiresAt: formatAwsTimestamp(new Date(now + 3600_000)),
    clientId: 'cid', clientSecret: 'csecret', registrationExpiresAt: formatAwsTimestamp(new Date(now + 86400_000)), refreshToken: 'aor-old',
  });
  await assert.rejects(ensureFreshToken(r.deps, T, r.seams), (e: unknown) => e instanceof AuthError && /is for another start URL/.test(e.message));
  const out = await login(r.deps, r.note, T, OPTS, r.seams);
  assert.equal(out.method, 'device-code');
  assert.equal(r.calls[0]!.grantType, 'urn:ietf:params:oauth:grant-type:device_code', 'no refresh with the other session\'s refresh token');
  assert.match(r.notes.join('\n'), /is for https:\/\/old\.awsapps\.com\/start \(us-east-1\), not https:\/\/corp\.awsapps\.com\/start/);
});
