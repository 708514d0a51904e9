// Every profile kind end to end (status online: STS identity and the clocks), against the emulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { world, staticProfiles, ssoSessionConfig, ACCOUNT, SSO_START_URL, type World } from './world.js';

const status = async (w: World, profile: string, env: Record<string, string> = {}) => w.cli(['status', '--json'], { AWS_PROFILE: profile, ...env });
const clock = (j: any, id: string) => j.clocks.find((c: any) => c.id === id);

test('static keys: identity, no clocks', async () => {
  const w = await world();
  try {
    w.credentials(staticProfiles(w, ['keys']));
    const r = await status(w, 'keys');
    assert.equal(r.code, 0, r.stderr);
    const j = r.json();
    assert.equal(j.identity.arn, `arn:aws:iam::${ACCOUNT}:user/engine`);
    assert.equal(j.credentialKind, 'static');
    assert.deepEqual(j.clocks, []);
    assert.equal(j.offline, false);
    // --profile: the online checks use that profile, while the settings still show the configured one.
    w.credentials(staticProfiles(w, ['keys']) + '\n[broken]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wrongwrongwrong\n');
    w.settings({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'keys', AWS_REGION: 'us-west-2' } });
    const other = await w.cli(['status', '--profile', 'broken', '--json']);
    assert.equal(other.json().profile.name, 'keys');
    assert.match(other.json().checked, /profile broken/);
    assert.equal(other.json().identity, null);
    assert.equal(other.json().identityError.kind, 'invalid-credentials');
    assert.match(other.json().identityError.fix, /claude-bedrock status --profile broken/);
  } finally {
    await w.stop();
  }
});

test('sso-session: role credentials, access token and refresh clocks, with what Claude Code does at each', async () => {
  const w = await world();
  try {
    w.config(ssoSessionConfig('dev'));
    w.ssoLogin('corp');
    const r = await status(w, 'dev');
    assert.equal(r.code, 0, r.stderr);
    const j = r.json();
    assert.match(j.identity.arn, /assumed-role\/AWSReservedSSO_BedrockUser_/);
    assert.equal(j.credentialKind, 'sso-session');
    for (const k of ['kind', 'roleCredentialsExpireAt', 'accessTokenExpiresAt', 'refreshable', 'registrationExpiresAt']) assert.ok(k in j.auth, k);
    assert.equal(j.auth.refreshable, true);
    const cache = JSON.parse(fs.readFileSync(path.join(w.home, '.aws', 'sso', 'cache', `${crypto.createHash('sha1').update('corp').digest('hex')}.json`), 'utf8'));
    assert.equal(new Date(j.auth.accessTokenExpiresAt).getTime(), new Date(cache.expiresAt).getTime());
    assert.equal(new Date(j.auth.registrationExpiresAt).getTime(), new Date(cache.registrationExpiresAt).getTime());
    assert.ok(new Date(j.auth.roleCredentialsExpireAt).getTime() > Date.now());
    assert.equal(clock(j, 'role-credentials').onExpiry, 'refresh-silently');
    assert.equal(clock(j, 'sso-access-token').onExpiry, 'refresh-silently');
    assert.equal(clock(j, 'sso-refresh').onExpiry, 'fail');
    assert.match(clock(j, 'sso-refresh').then, /claude-bedrock login --profile dev/);
    const withRefresh = await status(w, 'dev', {});
    assert.equal(withRefresh.code, 0);
    w.settings({ awsAuthRefresh: 'claude-bedrock login --profile dev', env: { AWS_PROFILE: 'dev' } });
    const h = await w.cli(['status']);
    assert.match(h.stdout, /^Identity: 123456789012 {2}arn:aws:sts::123456789012:assumed-role\/AWSReservedSSO_BedrockUser_\S+ {2}\(profile dev, sso-session\)$/m);
    assert.match(h.stdout, /^ {2}SSO access token +\d{4}-\d\d-\d\d \d\d:\d\d \(UTC[+-]\d\d:\d\d\), in \d+ min$/m);
    assert.match(h.stdout, /then \(sso-refresh\): Claude Code runs awsAuthRefresh \(claude-bedrock login --profile dev\)/);
  } finally {
    await w.stop();
  }
});

test('sso-session with an expired access token: the SDK refreshes it silently; a revoked session needs a login (exit 4)', async () => {
  const w = await world('expired');
  try {
    w.config(`${ssoSessionConfig('dev')}\n${ssoSessionConfig('gone', 'gone-sso').replace('[sso-session gone-sso]', '[sso-session gone-sso]')}`);
    w.ssoLogin('corp', { expiresInSeconds: -30 });
    const r = await status(w, 'dev');
    assert.equal(r.code, 0, r.stdout);
    assert.ok(r.json().identity);
    assert.equal(w.emu.callsTo('CreateToken').length, 1, 'refreshed with the refresh token');
    // The scenario's seeded session is revoked: the token looks valid locally, the portal refuses it.
    const file = path.join(w.home, '.aws', 'sso', 'cache', `${crypto.createHash('sha1').update('gone-sso').digest('hex')}.json`);
    fs.writeFileSync(file, JSON.stringify({ startUrl: SSO_START_URL, region: 'us-east-1', accessToken: 'aoaEmulatorSeedAccessToken0001', expiresAt: new Date(Date.now() + 3600_000).toISOString(), clientId: 'emuClientSeed0001', clientSecret: 'emuClientSecretSeed0001', refreshToken: 'aorEmulatorSeedRefreshToken0001', registrationExpiresAt: new Date(Date.now() + 86400_000).toISOString() }));
    const gone = await status(w, 'gone');
    assert.equal(gone.code, 4);
    const j = gone.json();
    assert.equal(j.identityError.kind, 'credentials-expired');
    assert.equal(j.identityError.fix, 'claude-bedrock login --profile gone');
    assert.ok(!gone.stdout.includes('aoaEmulatorSeedAccessToken0001') && !gone.stderr.includes('aoaEmulatorSeedAccessToken0001'));
  } finally {
    await w.stop();
  }
});

test('legacy SSO: works while the token lasts; its clock says Claude Code will fail (or run awsAuthRefresh)', async () => {
  const w = await world();
  try {
    w.config(`[profile old]\nsso_start_url = ${SSO_START_URL}\nsso_region = us-east-1\nsso_account_id = ${ACCOUNT}\nsso_role_name = BedrockUser\nregion = us-west-2\n`);
    w.ssoLogin(SSO_START_URL, { refreshable: false });
    const r = await status(w, 'old');
    assert.equal(r.code, 0, r.stderr);
    const j = r.json();
    assert.equal(j.credentialKind, 'sso-legacy');
    assert.equal(j.auth.refreshable, false);
    assert.equal(clock(j, 'sso-access-token').onExpiry, 'fail');
    assert.equal(clock(j, 'sso-refresh'), undefined);
  } finally {
    await w.stop();
  }
});

test('assume-role chains: from static keys and from an SSO profile', async () => {
  const w = await world();
  try {
    w.credentials(staticProfiles(w, ['keys']));
    w.config(`${ssoSessionConfig('sso')}\n[profile role]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/BedrockRole\nsource_profile = keys\n\n[profile chained]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/Deep\nsource_profile = sso\nrole_session_name = me\n\n[profile loop1]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/A\nsource_profile = loop2\n[profile loop2]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/B\nsource_profile = loop1\n\n[profile mfa]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/M\nsource_profile = keys\nmfa_serial = arn:aws:iam::${ACCOUNT}:mfa/me\n`);
    w.ssoLogin('corp');
    const role = (await status(w, 'role')).json();
    assert.equal(role.identity.arn.split('/').slice(0, 2).join('/'), `arn:aws:sts::${ACCOUNT}:assumed-role/BedrockRole`);
    assert.equal(clock(role, 'role-credentials').onExpiry, 'refresh-silently');
    const chained = (await status(w, 'chained')).json();
    assert.equal(chained.identity.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Deep/me`);
    assert.ok(clock(chained, 'sso-access-token'), 'the SSO clock of the source profile is shown');
    const loop = await status(w, 'loop1');
    assert.equal(loop.json().identityError.kind, 'config');
    assert.match(loop.json().identityError.message, /source_profile cycle: loop1 → loop2 → loop1/);
    const mfa = await status(w, 'mfa');
    assert.match(mfa.json().identityError.message, /needs an MFA code/);
  } finally {
    await w.stop();
  }
});

test('credential_process: used as the SDK would; one that waits for input is stopped within the limit', async () => {
  const w = await world();
  try {
    const ok = path.join(w.home, 'creds.mjs');
    fs.writeFileSync(ok, `console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(w.keys.accessKeyId)}, SecretAccessKey: ${JSON.stringify(w.keys.secretAccessKey)}, Expiration: new Date(Date.now() + 3600e3).toISOString() }));\n`);
    const prompt = path.join(w.home, 'prompt.mjs');
    fs.writeFileSync(prompt, `process.stderr.write('MFA code: '); setTimeout(() => {}, 600000);\n`);
    const bad = path.join(w.home, 'bad.mjs');
    fs.writeFileSync(bad, `console.log('not json'); \n`);
    const node = JSON.stringify(process.execPath);
    w.config(`[profile proc]\ncredential_process = ${node} ${ok}\n\n[profile asks]\ncredential_process = ${node} ${prompt}\n\n[profile broken]\ncredential_process = ${node} ${bad}\n`);
    const r = (await status(w, 'proc')).json();
    assert.equal(r.identity.arn, `arn:aws:iam::${ACCOUNT}:user/engine`);
    assert.equal(clock(r, 'role-credentials').onExpiry, 'refresh-silently');
    // A prompt that waits forever: a run the limit did not stop would be killed by the harness and print no JSON.
    const asks = await w.cli(['discover', '--profile', 'asks', '--timeout', '1', '--json', '--regions', 'us-east-1']);
    const e = asks.json().profiles[0].error;
    assert.equal(e.kind, 'credential-process');
    assert.match(e.message, /did not finish within 1 s/);
    assert.match(e.message, /must never prompt/);
    const broken = (await status(w, 'broken')).json();
    assert.match(broken.identityError.message, /its output is not JSON/);
  } finally {
    await w.stop();
  }
});

test('web identity token file, environment keys, and AWS_PROFILE winning over environment keys (as the JS SDK does)', async () => {
  const w = await world();
  try {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${b64({ alg: 'RS256' })}.${b64({ sub: 'ci', aud: 'sts.amazonaws.com', exp: Math.floor(Date.now() / 1000) + 3600 })}.c2ln`;
    fs.writeFileSync(path.join(w.home, 'token.jwt'), jwt);
    w.credentials(staticProfiles(w, ['keys']));
    w.config(`[profile wid]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/CI\nweb_identity_token_file = ${path.join(w.home, 'token.jwt')}\nrole_session_name = ci\n`);
    const wid = (await status(w, 'wid')).json();
    assert.equal(wid.identity.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/CI/ci`);
    const env = await w.cli(['status', '--json'], { AWS_ACCESS_KEY_ID: w.keys.accessKeyId, AWS_SECRET_ACCESS_KEY: w.keys.secretAccessKey, AWS_REGION: 'us-east-1' });
    assert.equal(env.json().checked, 'the credentials in the environment');
    assert.equal(env.json().identity.arn, `arn:aws:iam::${ACCOUNT}:user/engine`);
    const both = await w.cli(['status', '--json'], { AWS_PROFILE: 'wid', AWS_ACCESS_KEY_ID: 'AKIAWRONGWRONGWRONG0', AWS_SECRET_ACCESS_KEY: 'wrong-secret-value-000' });
    assert.equal(both.json().checked, 'profile wid');
    assert.ok(both.json().identity);
  } finally {
    await w.stop();
  }
});

test('aws login session: credentials from the login cache; the session clock', async () => {
  const w = await world();
  try {
    const session = `arn:aws:iam::${ACCOUNT}:user/engine`;
    w.config(`[profile console]\nlogin_session = ${session}\nregion = us-east-1\n`);
    const dir = path.join(w.home, '.aws', 'login', 'cache');
    fs.mkdirSync(dir, { recursive: true });
    const expiresAt = new Date(Date.now() + 12 * 60_000).toISOString();
    fs.writeFileSync(path.join(dir, `${crypto.createHash('sha256').update(session).digest('hex')}.json`), JSON.stringify({ accessToken: { accessKeyId: w.keys.accessKeyId, secretAccessKey: w.keys.secretAccessKey, sessionToken: '', accountId: ACCOUNT, expiresAt }, clientId: 'arn:aws:signin:::devtools/same-device', refreshToken: 'login-refresh-secret-0001', dpopKey: 'not-used-before-refresh', idToken: 'x' }));
    w.secrets.push('login-refresh-secret-0001');
    const r = await status(w, 'console');
    assert.equal(r.code, 0, r.stderr);
    const j = r.json();
    assert.equal(j.credentialKind, 'login');
    assert.equal(new Date(j.auth.roleCredentialsExpireAt).getTime(), new Date(expiresAt).getTime());
    assert.equal(clock(j, 'login-session').expiresAt, null);
    fs.rmSync(dir, { recursive: true });
    const gone = await status(w, 'console');
    assert.equal(gone.code, 4);
    assert.equal(gone.json().identityError.fix, 'aws login --profile console');
  } finally {
    await w.stop();
  }
});

test('a short-term Bedrock API key: its expiry clock, no STS identity', async () => {
  const w = await world();
  try {
    const issued = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);
    const amz = issued.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const query = `Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLEKEY000000%2F${amz.slice(0, 8)}%2Fus-east-1%2Fbedrock%2Faws4_request&X-Amz-Date=${amz}&X-Amz-Expires=43200&X-Amz-SignedHeaders=host&X-Amz-Signature=${'ab'.repeat(32)}&Version=1`;
    const key = `bedrock-api-key-${Buffer.from(`bedrock.amazonaws.com/?${query}`).toString('base64')}`;
    w.secrets.push(key, 'ab'.repeat(32));
    const r = await w.cli(['status', '--json'], { AWS_BEARER_TOKEN_BEDROCK: key });
    assert.equal(r.code, 0, r.stderr);
    const j = r.json();
    assert.equal(j.identity, null);
    assert.equal(j.identityError, null);
    assert.equal(new Date(clock(j, 'api-key').expiresAt).getTime(), issued.getTime() + 43200_000);
    const h = await w.cli(['status'], { AWS_BEARER_TOKEN_BEDROCK: key });
    assert.match(h.stdout, /no STS identity/);
  } finally {
    await w.stop();
  }
});

test('awsCredentialExport in the settings is what Claude Code uses: nested and flat output shapes', async () => {
  const w = await world();
  try {
    const creds = { AccessKeyId: w.keys.accessKeyId, SecretAccessKey: w.keys.secretAccessKey, Expiration: new Date(Date.now() + 3600e3).toISOString() };
    const nested = path.join(w.home, 'export.mjs');
    fs.writeFileSync(nested, `console.log(${JSON.stringify(JSON.stringify({ Credentials: creds }))})\n`);
    const flat = path.join(w.home, 'flat.mjs');
    fs.writeFileSync(flat, `console.log(${JSON.stringify(JSON.stringify({ Version: 1, ...creds }))})\n`);
    for (const script of [nested, flat]) {
      w.settings({ awsCredentialExport: `${JSON.stringify(process.execPath)} ${script}`, env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'nowhere', AWS_REGION: 'us-east-1', ANTHROPIC_MODEL: 'us.anthropic.claude-sonnet-4-6' } });
      const r = await w.cli(['status', '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.json().checked, 'the awsCredentialExport command');
      assert.equal(r.json().identity.arn, `arn:aws:iam::${ACCOUNT}:user/engine`);
      assert.equal(clock(r.json(), 'role-credentials').onExpiry, 'refresh-silently');
    }
    const t = await w.cli(['test', '--json']);
    assert.equal(t.code, 0, t.stdout);
  } finally {
    await w.stop();
  }
});

test('AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE are honoured end to end (SSO and static profiles)', async () => {
  const w = await world();
  try {
    const dir = path.join(w.home, 'elsewhere');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'config'), ssoSessionConfig('far', 'corp'));
    fs.writeFileSync(path.join(dir, 'creds'), staticProfiles(w, ['k2']));
    w.ssoLogin('corp');
    const env = { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'creds') };
    const r = await w.cli(['discover', '--json', '--regions', 'us-east-1'], env);
    assert.equal(r.code, 0, r.stderr);
    const by = Object.fromEntries(r.json().profiles.map((p: any) => [p.name, p]));
    assert.equal(by.far.valid, true, JSON.stringify(by.far.error));
    assert.equal(by.k2.valid, true);
    const missing = await w.cli(['discover', '--json', '--profile', 'far', '--regions', 'us-east-1']);
    assert.equal(missing.json().profiles[0].error.kind, 'profile-not-found');
    assert.match(missing.json().profiles[0].error.message, /not found in \S+\.aws\/config or \S+\.aws\/credentials/);
  } finally {
    await w.stop();
  }
});
