import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import {
  canRefresh,
  cliRoleCredentialCacheKey,
  formatAwsTimestamp,
  parseAwsTimestamp,
  parseRegistrationFile,
  parseScopes,
  parseTokenFile,
  pythonJsonDumps,
  registrationCacheKey,
  registrationUsable,
  serializeRegistration,
  serializeToken,
  tokenCacheKey,
} from './cache-format.js';

function python(code: string, input: string): string {
  const r = spawnSync('python3', ['-c', code], { input, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('cache keys match the AWS-WIRE examples (verified against botocore)', () => {
  assert.equal(tokenCacheKey({ sessionName: 'my-sso', startUrl: 'x' }), '0ad374308c5a4e22f723adf10145eafad7c4031c');
  assert.equal(tokenCacheKey({ sessionName: null, startUrl: 'https://d-1234567890.awsapps.com/start' }), '7487b5b67d5fa1132cf33fa93ae51ef38cc37752');
  const u = 'https://d-1234567890.awsapps.com/start';
  assert.equal(registrationCacheKey({ startUrl: u, region: 'us-east-1', scopes: null, sessionName: 'my-sso' }), '8b2cedd020fb181ad4cf906d1d27b232fd31557e');
  assert.equal(registrationCacheKey({ startUrl: u, region: 'us-east-1', scopes: ['sso:account:access'], sessionName: 'my-sso' }), 'a8343d65418848d0bc13a5f25cbb32508ceec5d1');
  assert.equal(registrationCacheKey({ startUrl: u, region: 'us-east-1', scopes: null, sessionName: null }), '365414a68be7c9bfc776c660981dbdbd942acea4');
  assert.equal(cliRoleCredentialCacheKey({ accountId: '123456789012', roleName: 'AdministratorAccess', sessionName: 'my-sso', startUrl: u }), 'c61222fe4c86bb5d3638873744d4cab00a0bf176');
});

test('pythonJsonDumps is byte-identical to python json.dumps for arbitrary strings and key orders', () => {
  const samples = fc.sample(fc.dictionary(fc.fullUnicodeString({ maxLength: 8 }), fc.oneof(fc.fullUnicodeString({ maxLength: 12 }), fc.integer(), fc.constant(null), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }))), 200);
  const code = `import json,sys\nfor line in sys.stdin:\n  o=json.loads(line)\n  print(json.dumps(o)); print(json.dumps(o, sort_keys=True)); print(json.dumps(o, sort_keys=True, separators=(',',':')))`;
  // Python's json.loads keeps key order, so each sample is fed in as (standard) JSON.
  const out = python(code, samples.map((s) => JSON.stringify(s)).join('\n') + '\n').split('\n');
  samples.forEach((s, i) => {
    assert.equal(pythonJsonDumps(s), out[i * 3], `default separators for ${JSON.stringify(s)}`);
    assert.equal(pythonJsonDumps(s, { sortKeys: true }), out[i * 3 + 1]);
    assert.equal(pythonJsonDumps(s, { sortKeys: true, compact: true }), out[i * 3 + 2]);
  });
});

test('a token serialises exactly as the AWS CLI v2 writes it (key order, separators, no newline)', () => {
  const token = { startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1', accessToken: 'aoaXYZ', expiresAt: '2026-11-25T20:00:00Z', clientId: 'cid', clientSecret: 'cs', registrationExpiresAt: '2027-02-23T19:00:00Z', refreshToken: 'aorXYZ' };
  // The same dict through awscli's _sso_json_dumps (json.dumps with a datetime formatter).
  const expected = python(
    `import json,datetime\nfrom dateutil.tz import tzutc\nd=lambda s: datetime.datetime.strptime(s,'%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=tzutc())\nf=lambda o: o.strftime('%Y-%m-%dT%H:%M:%SZ')\nt={'startUrl':'https://d-1234567890.awsapps.com/start','region':'us-east-1','accessToken':'aoaXYZ','expiresAt':d('2026-11-25T20:00:00Z'),'clientId':'cid','clientSecret':'cs','registrationExpiresAt':d('2027-02-23T19:00:00Z'),'refreshToken':'aorXYZ'}\nprint(json.dumps(t, default=f), end='')`,
    '',
  );
  assert.equal(serializeToken(token), expected);
  const noRefresh = { ...token, refreshToken: undefined };
  assert.ok(!serializeToken(noRefresh).includes('refreshToken'));
  const back = parseTokenFile(serializeToken(token));
  assert.ok(back.ok);
  assert.deepEqual(back.value, token);
  assert.equal(back.expiresAt.toISOString(), '2026-11-25T20:00:00.000Z');
});

test('timestamps: written to the second with Z; every form seen in real caches is read', () => {
  assert.equal(formatAwsTimestamp(new Date('2026-11-25T20:00:00.999Z')), '2026-11-25T20:00:00Z');
  const cases: [string, string | undefined][] = [
    ['2026-11-25T20:00:00Z', '2026-11-25T20:00:00.000Z'],
    ['2026-11-25T20:00:00.000Z', '2026-11-25T20:00:00.000Z'],
    ['2026-11-25T20:00:00.123456Z', '2026-11-25T20:00:00.123Z'],
    ['2020-12-01T01:02:03UTC', '2020-12-01T01:02:03.000Z'],
    ['2026-11-25T22:00:00+02:00', '2026-11-25T20:00:00.000Z'],
    ['2026-11-25T20:00:00+0000', '2026-11-25T20:00:00.000Z'],
    ['2026-11-25T20:00:00', undefined],
    ['tomorrow', undefined],
    ['', undefined],
  ];
  for (const [s, iso] of cases) assert.equal(parseAwsTimestamp(s)?.toISOString(), iso, s);
  assert.equal(parseAwsTimestamp(1700000000), undefined);
});

test('malformed token files are reported with a reason, never thrown', () => {
  const bad: [string, RegExp][] = [
    ['{', /not valid JSON/],
    ['[]', /not a JSON object/],
    ['{"expiresAt":"2026-11-25T20:00:00Z"}', /no accessToken/],
    ['{"accessToken":"x"}', /no expiresAt/],
    ['{"accessToken":"x","expiresAt":"2026-11-25T20:00:00"}', /not a UTC timestamp/],
  ];
  for (const [text, re] of bad) {
    const r = parseTokenFile(text);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, re);
  }
  // A JS-SDK-written (pretty-printed, milliseconds) token reads fine.
  const js = parseTokenFile(JSON.stringify({ accessToken: 'a', expiresAt: '2026-11-25T20:00:00.000Z', refreshToken: 'r' }, null, 2));
  assert.ok(js.ok);
});

test('registrations: round trip, and reuse follows the CLI rules (15 min window, grant type per flow)', () => {
  const reg = { clientId: 'c', clientSecret: 's', expiresAt: '2027-01-01T00:00:00Z', scopes: ['sso:account:access'], grantTypes: ['authorization_code', 'refresh_token'] };
  assert.equal(serializeRegistration(reg), '{"clientId": "c", "clientSecret": "s", "expiresAt": "2027-01-01T00:00:00Z", "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"]}');
  const p = parseRegistrationFile(serializeRegistration(reg));
  assert.ok(p.ok);
  const now = new Date('2026-12-31T23:00:00Z');
  assert.equal(registrationUsable(p, now, 'pkce'), true);
  assert.equal(registrationUsable(p, now, 'device'), false, 'an auth-code registration is not reused for the device flow');
  assert.equal(registrationUsable(p, new Date('2026-12-31T23:50:00Z'), 'pkce'), false, 'within 15 minutes of expiry');
  const dev = parseRegistrationFile('{"clientId": "c", "clientSecret": "s", "expiresAt": "2027-01-01T00:00:00Z"}');
  assert.equal(registrationUsable(dev, now, 'device'), true);
  assert.equal(registrationUsable(dev, now, 'pkce'), false);
  assert.equal(parseRegistrationFile('nope').ok, false);
});

test('canRefresh needs every refresh field and a live registration; scopes parse like botocore', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const t = { accessToken: 'a', expiresAt: '2026-01-01T00:05:00Z', refreshToken: 'r', clientId: 'c', clientSecret: 's', registrationExpiresAt: '2026-03-01T00:00:00Z' };
  assert.equal(canRefresh(t, now), true);
  assert.equal(canRefresh({ ...t, refreshToken: undefined }, now), false);
  assert.equal(canRefresh({ ...t, registrationExpiresAt: '2025-12-31T00:00:00Z' }, now), false);
  assert.deepEqual(parseScopes(' sso:account:access , ,x '), ['sso:account:access', 'x']);
  assert.equal(parseScopes(undefined), null);
});
