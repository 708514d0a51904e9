// Short-term Bedrock API keys: same signature as botocore's SigV4QueryAuth (AWS's Python generator), verifiable by
// the emulator's own SigV4 code, expiry capped by the credentials; key inspection never needs the secret.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiKeyProblem, describeApiKey, generateShortTermKey, parseDuration, SHORT_TERM_PREFIX } from './api-key.js';
import { canonicalQuery, expectedSignature } from '../../emulator/sigv4.js';

const ORACLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/wizard/bedrock_token_oracle.py');
const CREDS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const NOW = new Date('2026-11-25T18:59:46Z');

function decode(token: string): URL {
  assert.ok(token.startsWith(SHORT_TERM_PREFIX));
  const raw = Buffer.from(token.slice(SHORT_TERM_PREFIX.length), 'base64').toString('utf8');
  assert.ok(raw.endsWith('&Version=1'), raw);
  return new URL(`https://${raw}`);
}

function oracle(input: Record<string, unknown>): string {
  const r = spawnSync('python3', [ORACLE], { input: JSON.stringify(input), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

describe('generateShortTermKey', () => {
  for (const c of [
    { name: 'static keys, 12 h', creds: CREDS, region: 'us-west-2', expires: 43200 },
    { name: 'temporary credentials (session token signed in the query), 1 h, eu-central-1', creds: { ...CREDS, accessKeyId: 'ASIAXAMPLE0000000001', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE+/=token' }, region: 'eu-central-1', expires: 3600 },
  ]) {
    it(`matches botocore's SigV4QueryAuth: ${c.name}`, async () => {
      const k = await generateShortTermKey(c.creds, c.region, { now: NOW, expiresInSeconds: c.expires });
      const want = decode(oracle({ ...c.creds, region: c.region, expires: c.expires, time: '20261125T185946Z' }));
      const got = decode(k.token);
      assert.equal(got.host, 'bedrock.amazonaws.com');
      assert.equal(got.pathname, '/');
      // Same parameters and the same signature; only the order differs (botocore puts Action first).
      const sorted = (u: URL) => [...u.searchParams.entries()].sort();
      assert.deepEqual(sorted(got), sorted(want));
      assert.equal(got.searchParams.get('X-Amz-SignedHeaders'), 'host');
      assert.equal(got.searchParams.get('X-Amz-Credential'), `${c.creds.accessKeyId}/20261125/${c.region}/bedrock/aws4_request`);
      assert.equal(k.expiresAt.toISOString(), new Date(NOW.getTime() + c.expires * 1000).toISOString());
    });
  }

  it('is verifiable with the emulator SigV4 code (POST /, host header, empty payload)', async () => {
    const k = await generateShortTermKey(CREDS, 'us-east-1', { now: NOW });
    const u = decode(k.token);
    const params = [...u.searchParams.entries()].filter(([n]) => n !== 'X-Amz-Signature' && n !== 'Version');
    const rawQuery = params.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&');
    const [ak, date, region, service] = u.searchParams.get('X-Amz-Credential')!.split('/');
    const sig = expectedSignature(
      { method: 'POST', rawPath: '/', rawQuery, rawHeaders: ['host', 'bedrock.amazonaws.com', 'X-Amz-Date', u.searchParams.get('X-Amz-Date')!, 'X-Amz-Content-Sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'], body: Buffer.alloc(0) },
      { accessKeyId: ak!, date: date!, region: region!, service: service!, signedHeaders: ['host'], signature: '' },
      CREDS.secretAccessKey,
    );
    assert.ok(canonicalQuery(rawQuery).startsWith('Action=CallWithBearerToken'));
    assert.equal(sig, u.searchParams.get('X-Amz-Signature'));
  });

  it('never outlives the credentials that signed it, and refuses credentials about to expire', async () => {
    const k = await generateShortTermKey({ ...CREDS, expiration: new Date(NOW.getTime() + 3600_000) }, 'us-west-2', { now: NOW });
    assert.equal(k.limitedByCredentials, true);
    assert.equal(decode(k.token).searchParams.get('X-Amz-Expires'), '3600');
    await assert.rejects(generateShortTermKey({ ...CREDS, expiration: new Date(NOW.getTime() + 60_000) }, 'us-west-2', { now: NOW }), /too soon/);
    await assert.rejects(generateShortTermKey(CREDS, 'us-west-2', { now: NOW, expiresInSeconds: 43201 }), /at most 12 hours/);
  });
});

describe('key inspection', () => {
  it('describeApiKey reads region and expiry from a short-term key, nothing from a long-term one', async () => {
    const k = await generateShortTermKey(CREDS, 'ap-northeast-1', { now: NOW, expiresInSeconds: 7200 });
    const d = describeApiKey(k.token);
    assert.equal(d.kind, 'short-term');
    assert.equal(d.region, 'ap-northeast-1');
    assert.equal(d.expiresAt!.toISOString(), '2026-11-25T20:59:46.000Z');
    assert.deepEqual(describeApiKey('ABSKQmVkcm9ja0FQSUtleS1lbXVsYXRvcjpleGFtcGxlLWtleS0wMDAx'), { kind: 'long-term' });
    assert.equal(describeApiKey('bedrock-api-key-!!!').kind, 'unknown');
  });

  it('apiKeyProblem names the problem without quoting the value', () => {
    assert.equal(apiKeyProblem('ABSKQmVkcm9ja0FQSUtleS1lbXVsYXRvcjpleGFtcGxlLWtleS0wMDAx'), undefined);
    assert.match(apiKeyProblem('AKIAIOSFODNN7EXAMPLE')!, /access key ID/);
    assert.match(apiKeyProblem('ABSK abc')!, /whitespace/);
    assert.match(apiKeyProblem('sk-ant-123456789012345678901234')!, /start with ABSK/);
  });

  it('parseDuration', () => {
    assert.equal(parseDuration('12h'), 43200);
    assert.equal(parseDuration('90m'), 5400);
    assert.equal(parseDuration('3600'), 3600);
    assert.equal(parseDuration('1.5h'), 5400);
    assert.equal(parseDuration('soon'), undefined);
  });
});
