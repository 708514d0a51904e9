import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discover, semaphore } from './discover.js';
import { BEDROCK_REGIONS } from './regions-list.js';
import { AuthError } from '../errors.js';
import { awsError, claudeProfile, fakeApi } from '../../test/aws-engine/fake-api.js';

const P = (name: string, region?: string) => ({ name, source: { kind: 'profile' as const, profile: name }, ...(region ? { region } : {}) });
const OPTS = { perCallMs: 1000, deadlineMs: 5000, concurrency: 128 };

test('3 profiles × every region with 100 ms latency: one round of credentials, then everything at once', async () => {
  const api = fakeApi({ latencyMs: 100, profilesByRegion: { 'ap-southeast-2': [claudeProfile('apac', 'anthropic.claude-opus-5', 'ap-southeast-2'), claudeProfile('global', 'anthropic.claude-opus-5', 'ap-southeast-2')] } });
  const r = await discover(api, [P('a', 'us-west-2'), P('b', 'eu-west-1'), P('c')], OPTS);
  // Two rounds, not a timing (that is the bench's job): the credentials first, then every identity and region call
  // of every profile on the wire at once (3 + 3 × 33 < the pool of 128).
  assert.deepEqual(api.calls.slice(0, 3).map((c) => c.op), ['credentials', 'credentials', 'credentials']);
  assert.equal(api.maxInFlight, 3 + 3 * BEDROCK_REGIONS.length, 'everything after the credentials in flight at once');
  assert.equal(r.profiles.length, 3);
  for (const p of r.profiles) {
    assert.equal(p.valid, true);
    assert.equal(p.regions.length, BEDROCK_REGIONS.length);
    assert.deepEqual(p.regions.filter((x) => x.claude).map((x) => x.region), ['ap-southeast-2']);
    assert.deepEqual(p.regions.find((x) => x.claude)!.inferenceProfiles, ['global.anthropic.claude-opus-5', 'apac.anthropic.claude-opus-5']);
  }
  const count = (op: string) => api.calls.filter((c) => c.op === op).length;
  assert.equal(count('credentials'), 3, 'credentials resolved once per profile');
  assert.equal(count('GetCallerIdentity'), 3, 'one identity call per profile');
  assert.equal(count('ListInferenceProfiles'), 3 * BEDROCK_REGIONS.length);
});

test('profiles that resolve to the very same credentials are probed once and each gets the full result', async () => {
  const api = fakeApi({ latencyMs: 5, profilesByRegion: { 'us-west-2': [claudeProfile('us', 'anthropic.claude-sonnet-4-6')] } });
  const r = await discover(api, [P('a', 'us-west-2'), P('b', 'us-west-2'), P('c', 'us-west-2')], OPTS);
  const count = (op: string) => api.calls.filter((c) => c.op === op).length;
  assert.equal(count('credentials'), 3);
  assert.equal(count('GetCallerIdentity'), 1, 'the fake gives every profile the same access key');
  assert.equal(count('ListInferenceProfiles'), BEDROCK_REGIONS.length);
  assert.deepEqual(r.profiles.map((p) => [p.name, p.valid, p.regions.filter((x) => x.claude).map((x) => x.region)]), [
    ['a', true, ['us-west-2']],
    ['b', true, ['us-west-2']],
    ['c', true, ['us-west-2']],
  ]);
  assert.notEqual(r.profiles[0]!.regions[0], r.profiles[1]!.regions[0], 'each profile owns its region entries');
});

test("a profile's own region outside the list is probed first", async () => {
  const api = fakeApi({});
  const r = await discover(api, [P('gov', 'us-gov-west-1')], OPTS);
  assert.equal(r.profiles[0]!.regions[0]!.region, 'us-gov-west-1');
  assert.equal(r.profiles[0]!.regions.length, BEDROCK_REGIONS.length + 1);
});

test('a dead region becomes a timeout entry after the per-call limit; the others are unaffected', { timeout: 30_000 }, async () => {
  const api = fakeApi({ latencyMs: 5, deadRegions: ['us-east-2'], profilesByRegion: { 'us-west-2': [claudeProfile('us', 'anthropic.claude-sonnet-4-6')] } });
  // No total deadline to fall back on: only the per-call limit can end the dead call (a hang fails the test's timeout).
  const r = await discover(api, [P('a')], { ...OPTS, perCallMs: 200, deadlineMs: 600_000, regions: ['us-east-2', 'us-west-2'] });
  const dead = r.profiles[0]!.regions.find((x) => x.region === 'us-east-2')!;
  assert.equal(dead.error?.kind, 'timeout');
  assert.equal(dead.claude, false);
  assert.equal(r.profiles[0]!.regions.find((x) => x.region === 'us-west-2')!.claude, true);
  assert.equal(r.profiles[0]!.valid, true);
});

test('the total deadline ends everything still running', { timeout: 30_000 }, async () => {
  const api = fakeApi({ deadRegions: BEDROCK_REGIONS as string[] });
  // Per-call limits far away: only the deadline can end these calls (a hang fails the test's timeout).
  const r = await discover(api, [P('a'), P('b')], { ...OPTS, perCallMs: 600_000, deadlineMs: 300 });
  assert.ok(r.profiles.every((p) => p.regions.every((x) => x.error?.kind === 'timeout')));
});

test('a profile whose credentials fail is one entry with the fix; no AWS call is made for it', async () => {
  const expired = new AuthError({ what: 'The SSO session of profile old expired at 2026-01-01T00:00:00.000Z.', next: 'aws sso login --profile old', code: 'sso-expired' });
  const api = fakeApi({ credentialErrors: { 'profile:old': expired } });
  const r = await discover(api, [P('old'), P('ok')], { ...OPTS, regions: ['us-east-1'] });
  const old = r.profiles[0]!;
  assert.equal(old.valid, false);
  assert.equal(old.error?.kind, 'credentials-expired');
  assert.equal(old.error?.fix, 'aws sso login --profile old');
  assert.deepEqual(old.regions, []);
  assert.ok(!api.calls.some((c) => c.source === 'profile:old' && c.op !== 'credentials'));
  assert.equal(r.profiles[1]!.valid, true);
});

test('identity failure marks the profile invalid; region errors are classified', async () => {
  const api = fakeApi({
    errors: {
      GetCallerIdentity: awsError('InvalidClientTokenId', 403, 'The security token included in the request is invalid'),
      'ListInferenceProfiles:eu-west-1': awsError('AccessDeniedException', 403, 'User: arn:aws:iam::1:user/x is not authorized to perform: bedrock:ListInferenceProfiles'),
      'ListInferenceProfiles:us-east-1': awsError('ThrottlingException', 429, 'Too many requests, please wait before trying again.', 3),
    },
  });
  const r = await discover(api, [P('x')], { ...OPTS, regions: ['us-east-1', 'eu-west-1'] });
  const p = r.profiles[0]!;
  assert.equal(p.valid, false);
  assert.equal(p.error?.kind, 'invalid-credentials');
  assert.equal(p.regions.find((x) => x.region === 'eu-west-1')!.error?.kind, 'access-denied');
  const thr = p.regions.find((x) => x.region === 'us-east-1')!.error!;
  assert.equal(thr.kind, 'throttled');
  assert.match(thr.message, /after 3 attempts/);
  assert.ok(thr.explain.includes('throttling'));
});

test('the pool never runs more than its limit at once', async () => {
  const api = fakeApi({ latencyMs: 10 });
  await discover(api, [P('a'), P('b'), P('c')], { ...OPTS, concurrency: 7 });
  assert.ok(api.maxInFlight <= 7, `max in flight ${api.maxInFlight}`);
  assert.ok(api.maxInFlight >= 5);
  const limit = semaphore(2);
  let active = 0;
  let max = 0;
  await Promise.all(Array.from({ length: 6 }, () => limit(async () => { active++; max = Math.max(max, active); await new Promise((r) => setTimeout(r, 5)); active--; })));
  assert.equal(max, 2);
});
