// STS, SSO portal and SSO-OIDC driven by the real AWS SDK for JavaScript v3 clients against the emulator.
import assert from 'node:assert/strict';
import { randomBytes, createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, LogoutCommand, SSOClient, paginateListAccounts } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { getScenario, startEmulator, type Emulator } from './index.js';
import { EXPIRED_REFRESHABLE_SESSION } from './scenarios/expired.js';
import { SEED_SESSION, SSO_START_URL, STATIC_IDENTITY } from './scenarios/default.js';
import { clientConfig, sdkError } from './testing.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

describe('STS (awsQuery)', () => {
  let emu: Emulator;
  before(async () => (emu = await startEmulator()));
  after(() => emu.stop());

  it('GetCallerIdentity returns the static identity, region from the credential scope', async () => {
    const sts = new STSClient(clientConfig(emu, 'eu-west-1'));
    const id = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, STATIC_IDENTITY.arn);
    assert.equal(id.Account, '123456789012');
    assert.equal(id.UserId, STATIC_IDENTITY.userId);
    assert.match(id.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
    const call = emu.callsTo('GetCallerIdentity').at(-1)!;
    assert.deepEqual([call.service, call.region, call.status, call.auth, call.principal], ['sts', 'eu-west-1', 200, 'sigv4', STATIC_IDENTITY.arn]);
  });

  it('rejects an unknown key, a wrong secret, and expired keys with the real codes', async () => {
    const unknown = await sdkError(new STSClient(clientConfig(emu, 'us-east-1', { credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' } })).send(new GetCallerIdentityCommand({})));
    assert.deepEqual([unknown.name, unknown.message, unknown.status], ['InvalidClientTokenId', 'The security token included in the request is invalid', 403]);
    const badSecret = await sdkError(new STSClient(clientConfig(emu, 'us-east-1', { credentials: { accessKeyId: STATIC_IDENTITY.accessKeyId, secretAccessKey: 'wrong' } })).send(new GetCallerIdentityCommand({})));
    assert.equal(badSecret.name, 'SignatureDoesNotMatch');
    const expired = await startEmulator({ scenario: 'expired' });
    try {
      const e = await sdkError(new STSClient(clientConfig(expired)).send(new GetCallerIdentityCommand({})));
      assert.deepEqual([e.name, e.message, e.status], ['ExpiredToken', 'The security token included in the request is expired', 403]);
    } finally {
      await expired.stop();
    }
  });

  it('error XML is byte-for-byte the shape of AWS-WIRE §1.3’s real capture (305 bytes, text/xml)', async () => {
    const authorization = `AWS4-HMAC-SHA256 Credential=AKIAUNKNOWN000000000/20261125/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`;
    const r = await fetch(emu.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    const id = r.headers.get('x-amzn-requestid')!;
    assert.deepEqual([r.status, r.headers.get('content-type'), r.headers.get('content-length')], [403, 'text/xml', '305']);
    assert.equal(
      await r.text(),
      `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>Sender</Type>\n    <Code>InvalidClientTokenId</Code>\n    <Message>The security token included in the request is invalid</Message>\n  </Error>\n  <RequestId>${id}</RequestId>\n</ErrorResponse>\n`,
    );
  });

  it('AssumeRole issues session credentials that work (and need their session token)', async () => {
    const sts = new STSClient(clientConfig(emu));
    const r = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/BedrockInvoke', RoleSessionName: 'ci', DurationSeconds: 900 }));
    assert.match(r.Credentials!.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(r.AssumedRoleUser!.Arn, 'arn:aws:sts::123456789012:assumed-role/BedrockInvoke/ci');
    assert.ok(Math.abs(r.Credentials!.Expiration!.getTime() - (Date.now() + 900_000)) < 5000);
    const creds = { accessKeyId: r.Credentials!.AccessKeyId!, secretAccessKey: r.Credentials!.SecretAccessKey!, sessionToken: r.Credentials!.SessionToken! };
    const who = await new STSClient(clientConfig(emu, 'us-west-2', { credentials: creds })).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:sts::123456789012:assumed-role/BedrockInvoke/ci');
    const noToken = await sdkError(new STSClient(clientConfig(emu, 'us-west-2', { credentials: { ...creds, sessionToken: undefined } })).send(new GetCallerIdentityCommand({})));
    assert.equal(noToken.name, 'InvalidClientTokenId');
  });

  it('AssumeRoleWithWebIdentity is unsigned and rejects an expired JWT', async () => {
    const jwt = (claims: object) => ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');
    const sts = new STSClient({ endpoint: emu.url, region: 'us-east-1', maxAttempts: 1 });
    const ok = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: 'arn:aws:iam::123456789012:role/gh', RoleSessionName: 's', WebIdentityToken: jwt({ sub: 'repo:x', aud: 'sts.amazonaws.com', exp: Date.now() / 1000 + 600 }) }));
    assert.equal(ok.SubjectFromWebIdentityToken, 'repo:x');
    assert.equal(ok.AssumedRoleUser!.Arn, 'arn:aws:sts::123456789012:assumed-role/gh/s');
    const e = await sdkError(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: 'arn:aws:iam::123456789012:role/gh', RoleSessionName: 's', WebIdentityToken: jwt({ exp: 1 }) })));
    assert.equal(e.name, 'ExpiredTokenException');
  });
});

describe('SSO portal', () => {
  let emu: Emulator;
  before(async () => (emu = await startEmulator()));
  after(() => emu.stop());
  const sso = () => new SSOClient({ endpoint: emu.url, region: 'us-east-1', maxAttempts: 1 });

  it('GetRoleCredentials → working role credentials with ms expiry; unassigned role → ForbiddenException', async () => {
    const r = await sso().send(new GetRoleCredentialsCommand({ accessToken: SEED_SESSION.accessToken, accountId: '123456789012', roleName: 'AdministratorAccess' }));
    const c = r.roleCredentials!;
    assert.ok(typeof c.expiration === 'number' && c.expiration > Date.now() + 3500_000);
    const who = await new STSClient(clientConfig(emu, 'us-west-2', { credentials: { accessKeyId: c.accessKeyId!, secretAccessKey: c.secretAccessKey!, sessionToken: c.sessionToken! } })).send(new GetCallerIdentityCommand({}));
    assert.match(who.Arn!, /^arn:aws:sts::123456789012:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/alice$/);
    const forbidden = await sdkError(sso().send(new GetRoleCredentialsCommand({ accessToken: SEED_SESSION.accessToken, accountId: '210987654321', roleName: 'AdministratorAccess' })));
    assert.deepEqual([forbidden.name, forbidden.status], ['ForbiddenException', 403]);
    assert.equal(emu.callsTo('GetRoleCredentials')[0]!.auth, 'sso-token');
  });

  it('lists accounts (paginated) and roles; rejects an unknown token', async () => {
    const pages = [];
    for await (const p of paginateListAccounts({ client: sso(), pageSize: 1 }, { accessToken: SEED_SESSION.accessToken })) pages.push(p.accountList!.map((a) => a.accountName));
    assert.deepEqual(pages, [['dev'], ['prod']]);
    assert.equal(emu.callsTo('ListAccounts').length, 2);
    const roles = await sso().send(new ListAccountRolesCommand({ accessToken: SEED_SESSION.accessToken, accountId: '123456789012' }));
    assert.deepEqual(roles.roleList!.map((r) => r.roleName), ['AdministratorAccess', 'BedrockUser']);
    const bad = await sdkError(sso().send(new ListAccountsCommand({ accessToken: 'aoa-not-a-token' })));
    assert.deepEqual([bad.name, bad.message, bad.status], ['UnauthorizedException', 'Session token not found or invalid', 401]);
  });

  it('the scenario clock expires role credentials (ExpiredToken) and access tokens (UnauthorizedException)', async () => {
    let clock = Date.now();
    const timed = await startEmulator({ now: () => clock });
    try {
      const portal = new SSOClient({ endpoint: timed.url, region: 'us-east-1', maxAttempts: 1 });
      const t = timed.issueSsoToken();
      const c = (await portal.send(new GetRoleCredentialsCommand({ accessToken: t.accessToken, accountId: '123456789012', roleName: 'BedrockUser' }))).roleCredentials!;
      const sts = new STSClient(clientConfig(timed, 'us-east-1', { credentials: { accessKeyId: c.accessKeyId!, secretAccessKey: c.secretAccessKey!, sessionToken: c.sessionToken! } }));
      await sts.send(new GetCallerIdentityCommand({}));
      clock += 3600_000 + 1;
      assert.equal((await sdkError(sts.send(new GetCallerIdentityCommand({})))).name, 'ExpiredToken');
      assert.equal((await sdkError(portal.send(new ListAccountsCommand({ accessToken: t.accessToken })))).name, 'UnauthorizedException');
    } finally {
      await timed.stop();
    }
  });

  it('Logout invalidates the token', async () => {
    const t = emu.issueSsoToken();
    await sso().send(new LogoutCommand({ accessToken: t.accessToken }));
    const e = await sdkError(sso().send(new ListAccountsCommand({ accessToken: t.accessToken })));
    assert.equal(e.name, 'UnauthorizedException');
  });
});

describe('SSO-OIDC', () => {
  let emu: Emulator;
  before(async () => {
    const scenario = getScenario('default');
    scenario.sso.autoApprove = false;
    emu = await startEmulator({ scenario });
  });
  after(() => emu.stop());
  const oidc = () => new SSOOIDCClient({ endpoint: emu.url, region: 'us-east-1', maxAttempts: 1 });

  it('device code: pending until approved, then a token (refreshable because scopes were registered)', async () => {
    const reg = await oidc().send(new RegisterClientCommand({ clientName: 'botocore-client-emu', clientType: 'public', scopes: ['sso:account:access'] }));
    assert.ok(reg.clientSecretExpiresAt! > Date.now() / 1000 + 80 * 86400);
    const dev = await oidc().send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: SSO_START_URL }));
    assert.match(dev.userCode!, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(dev.verificationUriComplete, `${emu.url}/device?user_code=${dev.userCode}`);
    const create = () => oidc().send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_GRANT, deviceCode: dev.deviceCode }));
    const pending = await sdkError(create());
    assert.deepEqual([pending.name, pending.status], ['AuthorizationPendingException', 400]);
    // The user opens the verification page and confirms.
    const page = await fetch(dev.verificationUriComplete!);
    assert.match(await page.text(), /device\/approve\?user_code=/);
    await fetch(`${emu.url}/device/approve?user_code=${dev.userCode}`);
    const tok = await create();
    assert.equal(tok.tokenType, 'Bearer');
    assert.equal(tok.expiresIn, 3600);
    assert.match(tok.refreshToken ?? '', /^aor/);
    assert.equal((await sdkError(create())).name, 'InvalidGrantException', 'a device code is single use');
  });

  it('a legacy-style registration (no scopes) gets no refresh token and an 8-hour token', async () => {
    const reg = await oidc().send(new RegisterClientCommand({ clientName: 'botocore-client-1700000000', clientType: 'public' }));
    const dev = await oidc().send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: SSO_START_URL }));
    assert.deepEqual(emu.approve(dev.userCode), { devices: 1, redirects: [] });
    const tok = await oidc().send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_GRANT, deviceCode: dev.deviceCode }));
    assert.equal(tok.refreshToken, undefined);
    assert.equal(tok.expiresIn, 8 * 3600);
  });

  it('refresh tokens rotate: the new one works, the old one is InvalidGrantException', async () => {
    const t = emu.issueSsoToken();
    const refresh = (rt: string) => oidc().send(new CreateTokenCommand({ clientId: t.clientId, clientSecret: t.clientSecret, grantType: 'refresh_token', refreshToken: rt }));
    const r1 = await refresh(t.refreshToken!);
    assert.notEqual(r1.refreshToken, t.refreshToken);
    const reused = await sdkError(refresh(t.refreshToken!));
    assert.deepEqual([reused.name, reused.status], ['InvalidGrantException', 400]);
    const r2 = await refresh(r1.refreshToken!);
    assert.match(r2.accessToken!, /^aoa/);
    const wrongClient = await sdkError(oidc().send(new CreateTokenCommand({ clientId: t.clientId, clientSecret: 'nope', grantType: 'refresh_token', refreshToken: r2.refreshToken })));
    assert.deepEqual([wrongClient.name, wrongClient.status], ['InvalidClientException', 401]);
  });

  it('authorization code + PKCE: any loopback port, S256 verified, state echoed', async () => {
    const reg = await oidc().send(new RegisterClientCommand({
      clientName: 'botocore-client-emulator', clientType: 'public', grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'], issuerUrl: SSO_START_URL, scopes: ['sso:account:access'],
    }));
    const verifier = randomBytes(48).toString('base64url').slice(0, 64);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://127.0.0.1:53127/oauth/callback';
    const state = '6f2b1c36-8a39-4a8e-9a43-2a1d1c1f0e11';
    const authorizeUrl = `${emu.url}/authorize?response_type=code&client_id=${reg.clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&state=${state}&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=${challenge}`;
    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    assert.equal(consent.status, 200, 'without auto-approve the user sees a consent page');
    const allowHref = /href="(\/authorize\/allow\?request=[0-9a-f]+)"/.exec(await consent.text())![1]!;
    const allowed = await fetch(emu.url + allowHref, { redirect: 'manual' });
    assert.equal(allowed.status, 302);
    const loc = new URL(allowed.headers.get('location')!);
    assert.equal(`${loc.origin}${loc.pathname}`, redirectUri);
    assert.equal(loc.searchParams.get('state'), state);
    const code = loc.searchParams.get('code')!;
    const exchange = (codeVerifier: string) => oidc().send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'authorization_code', code, redirectUri, codeVerifier }));
    assert.equal((await sdkError(exchange(verifier.replace(/.$/, verifier.endsWith('a') ? 'b' : 'a')))).name, 'InvalidGrantException');
    const tok = await exchange(verifier);
    assert.match(tok.refreshToken!, /^aor/);
    assert.equal((await sdkError(exchange(verifier))).name, 'InvalidGrantException', 'codes are single use');
    const badRedirect = await fetch(authorizeUrl.replace(encodeURIComponent('/oauth/callback'), encodeURIComponent('/elsewhere')), { redirect: 'manual' });
    assert.equal(badRedirect.status, 400);
  });

  it('seeded sessions: expired access token refreshes once; revoked sessions fail with the real codes', async () => {
    const expired = await startEmulator({ scenario: 'expired' });
    try {
      const o = new SSOOIDCClient({ endpoint: expired.url, region: 'us-east-1', maxAttempts: 1 });
      const s = new SSOClient({ endpoint: expired.url, region: 'us-east-1', maxAttempts: 1 });
      assert.equal((await sdkError(s.send(new ListAccountsCommand({ accessToken: EXPIRED_REFRESHABLE_SESSION.accessToken })))).name, 'UnauthorizedException');
      const { clientId, clientSecret, refreshToken } = EXPIRED_REFRESHABLE_SESSION;
      const fresh = await o.send(new CreateTokenCommand({ clientId, clientSecret, grantType: 'refresh_token', refreshToken }));
      const accounts = await s.send(new ListAccountsCommand({ accessToken: fresh.accessToken }));
      assert.equal(accounts.accountList!.length, 2);
      const revoked = await sdkError(o.send(new CreateTokenCommand({ clientId: SEED_SESSION.clientId, clientSecret: SEED_SESSION.clientSecret, grantType: 'refresh_token', refreshToken: SEED_SESSION.refreshToken })));
      assert.equal(revoked.name, 'InvalidGrantException');
      const call = expired.callsTo('CreateToken').at(-1)!;
      assert.deepEqual([call.service, call.status, call.errorCode], ['sso-oidc', 400, 'InvalidGrantException']);
    } finally {
      await expired.stop();
    }
  });
});
