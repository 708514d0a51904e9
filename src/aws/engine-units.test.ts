// Unit tests of the engine's pure parts: failure classification, clocks, NO_PROXY, SSO cache reading, credential_process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AuthError, CliError } from '../errors.js';
import { tempDir } from '../../test/helpers.js';
import { awsError } from '../../test/aws-engine/fake-api.js';
import { toFailure, failureError } from './failure.js';
import { computeClocks } from './clocks.js';
import { bypassesProxy, endpointOverride, networkInfo } from './network.js';
import { readSsoToken, ssoTokenFile } from './sso-cache-read.js';
import { runCredentialProcess } from './credential-process.js';
import { defaultAuthSource } from './credentials.js';
import { timeLimitError } from './pool.js';

const netErr = (code: string, message: string) => Object.assign(new Error(message), { code });

test('failures: every class Claude Code users meet gets its kind, code and fix', () => {
  const cases: [unknown, string, string | null][] = [
    [awsError('ValidationException', 400, 'Invocation of model ID anthropic.claude-3-7-sonnet-20250219-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.'), 'on-demand-unsupported', 'ValidationException'],
    [awsError('ValidationException', 400, 'The provided model identifier is invalid.'), 'invalid-model', 'ValidationException'],
    [awsError('AccessDeniedException', 403, "You don't have access to the model with the specified model ID."), 'model-access', 'AccessDeniedException'],
    [awsError('ResourceNotFoundException', 404, 'Model use case details have not been submitted for this account.'), 'model-access', 'ResourceNotFoundException'],
    [awsError('AccessDeniedException', 403, 'User: arn:aws:sts::1:assumed-role/R/s is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1:1:inference-profile/us.x because no identity-based policy allows the bedrock:InvokeModel action'), 'access-denied', 'AccessDeniedException'],
    [awsError('ThrottlingException', 429, 'Too many tokens, please wait before trying again.', 3), 'throttled', 'ThrottlingException'],
    [awsError('ExpiredTokenException', 403, 'The security token included in the request is expired'), 'credentials-expired', 'ExpiredTokenException'],
    [awsError('ExpiredToken', 403, 'The security token included in the request is expired'), 'credentials-expired', 'ExpiredToken'],
    [awsError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.'), 'invalid-credentials', 'UnrecognizedClientException'],
    [awsError('ServiceUnavailableException', 503, 'Bedrock is unable to process your request.'), 'unavailable', 'ServiceUnavailableException'],
    [netErr('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'network', 'ECONNREFUSED'],
    [netErr('ENOTFOUND', 'getaddrinfo ENOTFOUND bedrock.mars-1.amazonaws.com'), 'network', 'ENOTFOUND'],
    [netErr('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'tls', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    [netErr('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'), 'tls', 'SELF_SIGNED_CERT_IN_CHAIN'],
    [Object.assign(new Error('a request has exceeded the configured 800 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' }), 'timeout', 'ETIMEDOUT'],
    [Object.assign(new Error('Request aborted'), { name: 'AbortError' }), 'timeout', 'ETIMEDOUT'],
    [Object.assign(new Error('Truncated event message received.\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), { $metadata: { httpStatusCode: 200 } }), 'malformed-response', 'Error'],
    [Object.assign(new SyntaxError('Unexpected token \'<\', "<html>" is not valid JSON'), { $metadata: { httpStatusCode: 502 } }), 'malformed-response', 'SyntaxError'],
    [Object.assign(new Error('The proxy http://p:3128 refused CONNECT x:443: HTTP 407.'), { name: 'ProxyError', code: 'EPROXY' }), 'proxy', 'EPROXY'],
  ];
  for (const [e, kind, code] of cases) {
    const f = toFailure(e, { profile: 'dev', region: 'us-east-1', model: 'anthropic.claude-3-7-sonnet-20250219-v1:0' });
    assert.equal(f.kind, kind, `${(e as Error).message} → ${f.kind}`);
    assert.equal(f.code, code, (e as Error).message);
    assert.ok(f.fix.length > 10, f.fix);
    assert.doesNotMatch(f.message, /Deserialization error|hidden field/);
  }
  assert.match(toFailure(cases[5]![0]).message, /after 3 attempts/);
  assert.match(toFailure(cases[0]![0], { region: 'eu-west-1' }).fix, /claude-bedrock models --map anthropic\.claude-3-7-sonnet-20250219-v1:0 --region eu-west-1/);
});

test('failures from our own errors keep their fix; a login-needed one ends the command with exit 4', () => {
  const f = toFailure(new AuthError({ what: 'Profile x is not logged in to IAM Identity Center.', next: 'claude-bedrock login --profile x', code: 'sso-login-needed' }));
  assert.equal(f.kind, 'credentials-expired');
  assert.equal(f.fix, 'claude-bedrock login --profile x');
  assert.equal(failureError(f, 'No credentials for profile x').exitCode, 4);
  const g = toFailure(new CliError({ what: 'AWS profile nope not found in a or b.', next: 'claude-bedrock profiles', code: 'profile-not-found' }));
  assert.equal(g.kind, 'profile-not-found');
  assert.equal(failureError(g, 'x').exitCode, 1);
});

test('failures: a response still dripping in when the time limit fires is a timeout; the same error without the limit is a cut connection', () => {
  // What the SDK throws when its abort signal tears down a socket that is still receiving a 200 response (emulator fault 'drip'),
  // and also what it throws when the server cuts the connection half way (fault 'truncate').
  const torn = () => Object.assign(new Error('aborted\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), { code: 'ECONNRESET', $metadata: { httpStatusCode: 200, attempts: 1 } });
  const timedOut = AbortSignal.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  const ctx = { profile: 'dev', region: 'eu-west-1' };
  const drip = toFailure(timeLimitError(torn(), timedOut, 'ListInferenceProfiles in eu-west-1', 1000), ctx);
  assert.equal(drip.kind, 'timeout');
  assert.equal(drip.code, 'ETIMEDOUT_CB');
  assert.equal(drip.message, 'ListInferenceProfiles in eu-west-1 did not finish within 1000 ms (the response was still arriving)');
  assert.equal(drip.fix, 'check the network / VPN / proxy; claude-bedrock regions shows which regions answer');
  // A command-wide deadline (our own TimeoutError as the reason) is a time limit too.
  const deadline = new AbortController();
  deadline.abort(Object.assign(new Error('the whole command did not answer within 3000 ms'), { name: 'TimeoutError' }));
  assert.equal(toFailure(timeLimitError(torn(), deadline.signal, 'InvokeModel of x in eu-west-1', 1000), ctx).kind, 'timeout');
  // No limit fired: a connection cut mid-response stays a network failure.
  assert.equal(toFailure(timeLimitError(torn(), new AbortController().signal, 'ListInferenceProfiles in eu-west-1', 1000), ctx).kind, 'network');
  // Aborted for another reason (a caller cancelling): not relabelled.
  assert.equal(toFailure(timeLimitError(torn(), AbortSignal.abort(), 'ListInferenceProfiles in eu-west-1', 1000), ctx).kind, 'network');
  // The SDK's own abort and service answers keep their classification.
  const abort = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
  assert.equal(timeLimitError(abort, timedOut, 'x', 1000), abort);
  assert.equal(toFailure(timeLimitError(awsError('ThrottlingException', 429, 'Too many tokens'), new AbortController().signal, 'x', 1000)).kind, 'throttled');
});

test('failure messages never carry a secret, whether it matches a pattern or is only known by value', () => {
  const planted = 'zq8Jk2mN5pR7sT9vW1xY3aB6cD0eF4gH';
  const e = awsError('AccessDeniedException', 403, `denied; SecretAccessKey=AKxyzABCDEFGH1234567 and x-amz-security-token: ${planted} and Authorization: Bearer ABSKaGVsbG8td29ybGQtdGhpcy1pcy1h`);
  const f = toFailure(e, { secrets: [planted] });
  assert.doesNotMatch(JSON.stringify(f), new RegExp(planted));
  assert.doesNotMatch(JSON.stringify(f), /AKxyzABCDEFGH1234567|ABSKaGVsbG8/);
});

test('clocks: what Claude Code does when each one runs out', () => {
  const now = new Date('2026-09-01T12:00:00Z');
  const at = (min: number) => new Date(now.getTime() + min * 60_000);
  const sso = { file: 'f', exists: true, accessTokenExpiresAt: at(50), refreshable: true, registrationExpiresAt: at(60 * 24 * 80), sessionName: 'corp' };
  const c = computeClocks({ kind: 'sso-session', profile: 'dev', roleExpiration: at(55), sso, awsAuthRefresh: null }, now);
  assert.deepEqual(c.clocks.map((x) => [x.id, x.onExpiry]), [['role-credentials', 'refresh-silently'], ['sso-access-token', 'refresh-silently'], ['sso-refresh', 'fail']]);
  assert.equal(c.accessTokenExpiresAt, '2026-09-01T12:50:00.000Z');
  assert.equal(c.refreshable, true);
  const withHook = computeClocks({ kind: 'sso-session', profile: 'dev', sso, awsAuthRefresh: 'claude-bedrock login --profile dev' }, now);
  assert.equal(withHook.clocks.find((x) => x.id === 'sso-refresh')!.onExpiry, 'auth-refresh');
  const legacy = computeClocks({ kind: 'sso-legacy', profile: 'old', sso: { ...sso, refreshable: false, sessionName: null }, awsAuthRefresh: null }, now);
  assert.deepEqual(legacy.clocks.map((x) => [x.id, x.onExpiry]), [['sso-access-token', 'fail']]);
  assert.match(legacy.clocks[0]!.then, /claude-bedrock login --profile old/);
  assert.equal(legacy.refreshable, false);
  const regGone = computeClocks({ kind: 'sso-session', profile: 'dev', sso: { ...sso, registrationExpiresAt: at(-1) }, awsAuthRefresh: null }, now);
  assert.equal(regGone.refreshable, false, 'an expired registration cannot refresh');
  assert.equal(regGone.clocks.find((x) => x.id === 'sso-refresh')!.expired, true);
  const envKeys = computeClocks({ kind: 'env', profile: null, roleExpiration: at(-5), awsAuthRefresh: null }, now);
  assert.equal(envKeys.clocks[0]!.expired, true);
  assert.equal(envKeys.clocks[0]!.onExpiry, 'fail');
  const key = computeClocks({ kind: 'bearer', profile: null, apiKey: { kind: 'short-term', expiresAt: at(30) }, awsAuthRefresh: null }, now);
  assert.deepEqual(key.clocks.map((x) => x.id), ['api-key']);
  assert.deepEqual(computeClocks({ kind: 'static', profile: 'k', awsAuthRefresh: null }, now).clocks, []);
});

test('NO_PROXY and endpoint overrides as AWS tools read them', () => {
  assert.equal(bypassesProxy('localhost,127.0.0.1,.internal.example.com', '127.0.0.1', 80), true);
  assert.equal(bypassesProxy('.amazonaws.com', 'bedrock.us-east-1.amazonaws.com', 443), true);
  assert.equal(bypassesProxy('amazonaws.com', 'sts.amazonaws.com', 443), true);
  assert.equal(bypassesProxy('amazonaws.com', 'notamazonaws.com', 443), false);
  assert.equal(bypassesProxy('*', 'anything', 1), true);
  assert.equal(bypassesProxy('example.com:8080', 'example.com', 443), false);
  assert.equal(bypassesProxy('example.com:8080', 'example.com', 8080), true);
  assert.equal(bypassesProxy(null, 'x', 1), false);
  assert.equal(endpointOverride({ AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://b/prefix' }, 'bedrock-runtime'), 'http://b/prefix');
  assert.equal(endpointOverride({ AWS_ENDPOINT_URL: 'http://a' }, 'sts'), 'http://a');
  assert.equal(endpointOverride({ AWS_ENDPOINT_URL: 'http://a', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, 'sts'), undefined);
  const n = networkInfo({ HTTPS_PROXY: 'http://user:pw-secret@proxy:3128', NO_PROXY: 'localhost' });
  assert.equal(n.httpsProxy?.url, 'http://proxy:3128');
  assert.equal(n.httpsProxy?.hasCredentials, true);
  assert.doesNotMatch(JSON.stringify(n), /pw-secret/);
});

test('the SSO cache reader: expiry and refreshability, never the tokens; forms the JS SDK cannot read are flagged', () => {
  const home = tempDir();
  const write = (key: string, body: unknown) => {
    const f = ssoTokenFile(home, key);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body));
  };
  assert.equal(path.basename(ssoTokenFile(home, 'my-sso')), '0ad374308c5a4e22f723adf10145eafad7c4031c.json');
  write('a', { startUrl: 'u', region: 'us-east-1', accessToken: 'secret-token-1', expiresAt: '2026-11-25T20:00:00Z', clientId: 'c', clientSecret: 's', registrationExpiresAt: '2027-02-23T19:00:00Z', refreshToken: 'r' });
  const a = readSsoToken(home, 'a');
  assert.equal(a.accessTokenExpiresAt?.toISOString(), '2026-11-25T20:00:00.000Z');
  assert.equal(a.refreshable, true);
  assert.equal(a.invalid, undefined);
  assert.doesNotMatch(JSON.stringify(a), /secret-token-1/);
  write('b', { accessToken: 't', expiresAt: '2020-12-01T01:02:03UTC' });
  assert.match(readSsoToken(home, 'b').invalid ?? '', /JS SDK/);
  write('c', '{not json');
  assert.equal(readSsoToken(home, 'c').exists, true);
  assert.match(readSsoToken(home, 'c').invalid ?? '', /JSON/);
  assert.equal(readSsoToken(home, 'missing').exists, false);
  assert.equal(readSsoToken(home, 'a').file, path.join(home, '.aws', 'sso', 'cache', `${crypto.createHash('sha1').update('a').digest('hex')}.json`));
});

test('credential_process: output contract, exit codes, and a helper that waits for input is killed in time', async () => {
  const dir = tempDir();
  const script = (name: string, body: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, body);
    return `${JSON.stringify(process.execPath)} ${JSON.stringify(f)}`;
  };
  const opts = { env: { PATH: process.env.PATH }, cwd: dir, timeoutMs: 3000, now: () => new Date(), platform: process.platform };
  const ok = await runCredentialProcess('p', script('ok.mjs', `console.log(JSON.stringify({Version:1,AccessKeyId:'AKID',SecretAccessKey:'S3CRET-never-shown',SessionToken:'T',Expiration:'2099-01-01T00:00:00Z',AccountId:'123456789012'}))`), opts);
  assert.equal(ok.accessKeyId, 'AKID');
  assert.equal(ok.expiration?.toISOString(), '2099-01-01T00:00:00.000Z');
  assert.equal(ok.accountId, '123456789012');
  await assert.rejects(runCredentialProcess('p', script('v2.mjs', `console.log(JSON.stringify({Version:2,AccessKeyId:'a',SecretAccessKey:'b'}))`), opts), /"Version": 2, not 1/);
  await assert.rejects(runCredentialProcess('p', script('old.mjs', `console.log(JSON.stringify({Version:1,AccessKeyId:'a',SecretAccessKey:'b',Expiration:'2001-01-01T00:00:00Z'}))`), opts), /expired at 2001/);
  await assert.rejects(runCredentialProcess('p', script('fail.mjs', `console.error('token for SecretAccessKey=abcdefghijklmnop is bad'); process.exit(3)`), opts), (e: CliError) => /exited with 3/.test(e.message) && !/abcdefghijklmnop/.test(e.message));
  // Reads stdin: with stdin closed it sees end-of-file at once instead of waiting for a person.
  await assert.rejects(runCredentialProcess('p', script('stdin.mjs', `let d='';process.stdin.on('data',x=>d+=x).on('end',()=>{ if(!d) { console.error('no MFA code'); process.exit(1) } })`), opts), /no MFA code/);
  // A process that never ends: only the time limit can end the wait (else the test's own timeout fails it).
  await assert.rejects(
    runCredentialProcess('p', script('hang.mjs', `setInterval(()=>{}, 1000)`), { ...opts, timeoutMs: 300 }),
    (e: CliError) => e.code === 'credential-process-timeout' && /did not finish within 300 ms\./.test(e.message),
  );
});

test('which credentials Claude Code (the JS SDK) would use', () => {
  assert.deepEqual(defaultAuthSource({}), { kind: 'profile', profile: 'default' });
  assert.deepEqual(defaultAuthSource({ AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }), { kind: 'profile', profile: 'dev' });
  assert.deepEqual(defaultAuthSource({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }), { kind: 'env' });
  assert.deepEqual(defaultAuthSource({ AWS_BEARER_TOKEN_BEDROCK: 'k', AWS_PROFILE: 'dev' }), { kind: 'bearer' });
  assert.deepEqual(defaultAuthSource({ AWS_BEARER_TOKEN_BEDROCK: 'k' }, 'flag'), { kind: 'profile', profile: 'flag' });
});
