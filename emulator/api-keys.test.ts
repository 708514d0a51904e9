// Short-term Bedrock API keys on the wire: a key is accepted only when its presigned SigV4 signature verifies against
// an identity the emulator knows and it has not expired; tampered, expired and unknown-signer keys get AWS's answer.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from './index.js';
import { API_KEY, STATIC_IDENTITY } from './scenarios/default.js';
import { generateShortTermKey, SHORT_TERM_PREFIX } from '../src/aws/api-key.js';

const SONNET = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const REFUSED = { Message: 'Authentication failed: Please make sure your API Key is valid.' };
const ORACLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/wizard/bedrock_token_oracle.py');
const CREDS = { accessKeyId: STATIC_IDENTITY.accessKeyId, secretAccessKey: STATIC_IDENTITY.secretAccessKey };

const decode = (key: string) => Buffer.from(key.slice(SHORT_TERM_PREFIX.length), 'base64').toString('utf8');
const encode = (url: string) => SHORT_TERM_PREFIX + Buffer.from(url, 'utf8').toString('base64');
const amz = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

describe('short-term Bedrock API keys', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.stop());

  const invoke = async (key: string) => {
    const r = await fetch(`${emu.url}/region/us-west-2/model/${encodeURIComponent(SONNET)}/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] }),
    });
    return { status: r.status, type: r.headers.get('x-amzn-errortype') ?? '', body: await r.json(), call: emu.calls.at(-1)! };
  };
  const refused = (r: Awaited<ReturnType<typeof invoke>>, what: string) => {
    assert.equal(r.status, 403, what);
    assert.match(r.type, /^AccessDeniedException/, what);
    assert.deepEqual(r.body, REFUSED, what);
  };

  it('a key made by src/aws/api-key.ts from known static keys works, as that identity', async () => {
    const k = await generateShortTermKey(CREDS, 'us-west-2', { now: new Date(), expiresInSeconds: 3600 });
    const r = await invoke(k.token);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual([r.call.auth, r.call.principal], ['bearer', STATIC_IDENTITY.arn]);
  });

  it('a key made by botocore (AWS\'s Python generator) works too', async () => {
    const out = spawnSync('python3', [ORACLE], { input: JSON.stringify({ ...CREDS, region: 'us-west-2', expires: 600, time: amz(new Date()) }), encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    assert.equal((await invoke(out.stdout.trim())).status, 200);
  });

  it('a key signed with temporary credentials the emulator issued (session token in the query) works', async () => {
    const t = emu.issueSsoToken();
    const res = await fetch(`${emu.url}/federation/credentials?role_name=BedrockUser&account_id=123456789012`, { headers: { 'x-amz-sso_bearer_token': t.accessToken } });
    assert.equal(res.status, 200);
    const rc = ((await res.json()) as { roleCredentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string } }).roleCredentials;
    const k = await generateShortTermKey({ accessKeyId: rc.accessKeyId, secretAccessKey: rc.secretAccessKey, sessionToken: rc.sessionToken }, 'us-west-2', { now: new Date(), expiresInSeconds: 600 });
    const r = await invoke(k.token);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.match(r.call.principal ?? '', /^arn:aws:sts::123456789012:assumed-role\/AWSReservedSSO_BedrockUser/);
    // Without its session token the same signature is not accepted.
    refused(await invoke(encode(decode(k.token).replace(/&X-Amz-Security-Token=[^&]*/, ''))), 'session token removed');
  });

  it('tampered keys are refused: signature, expiry, credential, action, a changed or missing part', async () => {
    const k = await generateShortTermKey(CREDS, 'us-west-2', { now: new Date(), expiresInSeconds: 3600 });
    const url = decode(k.token);
    const sig = /X-Amz-Signature=([0-9a-f]{64})/.exec(url)![1]!;
    const cases: [string, string][] = [
      ['one signature digit changed', url.replace(sig, (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1))],
      ['a longer life than signed', url.replace('X-Amz-Expires=3600', 'X-Amz-Expires=43200')],
      ['another region in the scope', url.replace('%2Fus-west-2%2F', '%2Fus-east-1%2F')],
      ['another action', url.replace('Action=CallWithBearerToken', 'Action=CallWithBearerTokens')],
      ['another host', url.replace('bedrock.amazonaws.com/', 'bedrock.example.com/')],
      ['no Version=1', url.replace(/&Version=1$/, '')],
      ['no signature', url.replace(/&?X-Amz-Signature=[0-9a-f]{64}/, '')],
    ];
    for (const [what, u] of cases) refused(await invoke(encode(u)), what);
    refused(await invoke(`${k.token.slice(0, -8)}`), 'cut short');
    refused(await invoke(`${SHORT_TERM_PREFIX}not-base64!`), 'not base64');
    // Signed correctly, but by keys the emulator does not know.
    const stranger = await generateShortTermKey({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x'.repeat(40) }, 'us-west-2', { now: new Date(), expiresInSeconds: 3600 });
    refused(await invoke(stranger.token), 'unknown signer');
    const wrongSecret = await generateShortTermKey({ ...CREDS, secretAccessKey: 'y'.repeat(40) }, 'us-west-2', { now: new Date(), expiresInSeconds: 3600 });
    refused(await invoke(wrongSecret.token), 'known key id, wrong secret');
  });

  it('an expired key is refused (X-Amz-Date + X-Amz-Expires is past); one second before, it works', async () => {
    const hourAgo = new Date(Date.now() - 3600_000);
    refused(await invoke((await generateShortTermKey(CREDS, 'us-west-2', { now: hourAgo, expiresInSeconds: 3599 })).token), 'expired a second ago');
    assert.equal((await invoke((await generateShortTermKey(CREDS, 'us-west-2', { now: hourAgo, expiresInSeconds: 3660 })).token)).status, 200);
  });

  it('long-term keys (ABSK…) work as before; an unknown one is refused', async () => {
    assert.equal((await invoke(API_KEY.key)).status, 200);
    refused(await invoke(`ABSK${Buffer.from('not-a-key-of-this-world').toString('base64')}`), 'unknown long-term key');
  });
});
