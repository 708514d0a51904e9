// Model-ID classification and the configured-model gate, table-driven.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkConfiguredModel, modelIdShapeProblem, parseModelId } from './ids.js';

const parseCases: [string, Record<string, unknown>][] = [
  ['global.anthropic.claude-opus-4-5-20251101-v1:0', { kind: 'inference-profile', geo: 'global', knownGeo: true, family: 'opus', foundationModel: 'anthropic.claude-opus-4-5-20251101-v1:0', oneM: false }],
  ['us.anthropic.claude-3-7-sonnet-20250219-v1:0', { kind: 'inference-profile', geo: 'us', family: 'sonnet' }],
  ['eu.anthropic.claude-haiku-4-5-20251001-v1:0', { kind: 'inference-profile', geo: 'eu', family: 'haiku' }],
  ['apac.anthropic.claude-sonnet-4-20250514-v1:0', { kind: 'inference-profile', geo: 'apac', family: 'sonnet' }],
  ['jp.anthropic.claude-sonnet-4-5-20250929-v1:0', { kind: 'inference-profile', geo: 'jp' }],
  ['au.anthropic.claude-sonnet-4-5-20250929-v1:0', { kind: 'inference-profile', geo: 'au' }],
  ['us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0', { kind: 'inference-profile', geo: 'us-gov', knownGeo: true }],
  ['ca.anthropic.claude-sonnet-4-5-20250929-v1:0', { kind: 'inference-profile', geo: 'ca' }],
  ['xy.anthropic.claude-sonnet-4-5-20250929-v1:0', { kind: 'inference-profile', geo: 'xy', knownGeo: false }],
  ['global.anthropic.claude-sonnet-4-5-20250929-v1:0[1m]', { kind: 'inference-profile', oneM: true, family: 'sonnet' }],
  ['us.anthropic.claude-opus-5', { kind: 'inference-profile', family: 'opus', foundationModel: 'anthropic.claude-opus-5' }],
  ['anthropic.claude-opus-4-5-20251101-v1:0', { kind: 'foundation-model', family: 'opus', provider: 'anthropic' }],
  ['anthropic.claude-3-sonnet-20240229-v1:0:200k', { kind: 'foundation-model', family: 'sonnet' }],
  ['arn:aws:bedrock:us-east-2:123456789012:application-inference-profile/opus-47-prod', { kind: 'application-profile-arn', region: 'us-east-2', account: '123456789012' }],
  ['arn:aws:bedrock:us-east-2:123456789012:application-inference-profile/abc123[1m]', { kind: 'application-profile-arn', oneM: true }],
  ['arn:aws:bedrock:eu-central-1:111122223333:inference-profile/eu.anthropic.claude-sonnet-4-6', { kind: 'inference-profile-arn', geo: 'eu', family: 'sonnet', region: 'eu-central-1' }],
  ['arn:aws-us-gov:bedrock:us-gov-west-1:111122223333:inference-profile/us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0', { kind: 'inference-profile-arn', geo: 'us-gov' }],
  ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0', { kind: 'foundation-model', region: 'us-east-1' }],
  ['sonnet', { kind: 'alias', family: 'sonnet' }],
  ['opus[1m]', { kind: 'alias', oneM: true, family: 'opus' }],
  ['opusplan', { kind: 'alias' }],
  ['claude-sonnet-4-6', { kind: 'invalid', suggestion: 'global.anthropic.claude-sonnet-4-6' }],
  ['arn:aws:bedrock:us-east-2:123456789012:application-inference-profile%2Fabc', { kind: 'invalid', suggestion: 'arn:aws:bedrock:us-east-2:123456789012:application-inference-profile/abc' }],
  ['', { kind: 'invalid' }],
  ['global.anthropic.claude opus', { kind: 'invalid' }],
  ['global.anthropic.claude-opus-5\n', { kind: 'invalid' }],
  ['global.anthropic.claude-opus-5?x=1', { kind: 'invalid' }],
  ['global.anthropic.claude-opus-5#frag', { kind: 'invalid' }],
  ['../../etc/passwd', { kind: 'invalid' }],
  ['global.anthropic..claude', { kind: 'invalid' }],
  ['us.anthropic/claude', { kind: 'invalid' }],
  ['global.anthropic.claude-opus-5[2m]', { kind: 'invalid' }],
  ['global.anthropic.claude-opus-5$(touch x)', { kind: 'invalid' }],
  ['arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc', { kind: 'invalid' }],
  ['arn:aws:s3:::bucket/key', { kind: 'invalid' }],
  ['arn:aws:bedrock:us-east-1::application-inference-profile/abc', { kind: 'invalid' }],
  ['gpt-4o', { kind: 'invalid' }],
  ['global.anthropic.' + 'x'.repeat(60), { kind: 'invalid' }],
];

for (const [id, expected] of parseCases) {
  test(`parseModelId(${JSON.stringify(id)}) → ${expected.kind}`, () => {
    const p = parseModelId(id);
    for (const [k, v] of Object.entries(expected)) assert.deepEqual((p as unknown as Record<string, unknown>)[k], v, `${k} of ${id}`);
    if (p.kind === 'invalid') assert.ok(p.reason && p.reason.length > 5, 'an invalid ID says why');
  });
}

test('checkConfiguredModel refuses a raw foundation-model ID and names the global. profile', () => {
  const r = checkConfiguredModel('anthropic.claude-opus-4-5-20251101-v1:0');
  assert.equal(r.ok, false);
  assert.ok(!r.ok);
  assert.equal(r.suggestion, 'global.anthropic.claude-opus-4-5-20251101-v1:0');
  assert.match(r.reason, /on-demand throughput isn't supported/);
  assert.match(r.reason, /global\.anthropic\.claude-opus-4-5-20251101-v1:0/);
});

test('checkConfiguredModel keeps the [1m] suffix in its suggestion', () => {
  const r = checkConfiguredModel('anthropic.claude-sonnet-4-5-20250929-v1:0[1m]');
  assert.ok(!r.ok);
  assert.equal(r.suggestion, 'global.anthropic.claude-sonnet-4-5-20250929-v1:0[1m]');
});

test('checkConfiguredModel refuses a foundation-model ARN too', () => {
  assert.equal(checkConfiguredModel('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0').ok, false);
});

test('checkConfiguredModel accepts profiles, [1m], app-profile ARNs and aliases', () => {
  for (const id of [
    'global.anthropic.claude-opus-4-5-20251101-v1:0',
    'eu.anthropic.claude-sonnet-4-5-20250929-v1:0[1m]',
    'arn:aws:bedrock:us-east-2:123456789012:application-inference-profile/opus-47-prod',
    'haiku',
  ]) {
    const r = checkConfiguredModel(id);
    assert.equal(r.ok, true, id);
    assert.equal(r.ok && r.warning, undefined, id);
  }
});

test('checkConfiguredModel accepts an unknown geo prefix with a warning', () => {
  const r = checkConfiguredModel('xy.anthropic.claude-opus-5');
  assert.ok(r.ok);
  assert.match(r.warning ?? '', /not a cross-region prefix AWS publishes/);
});

test('checkConfiguredModel refuses whitespace, query strings, traversal and %2F', () => {
  for (const id of ['global.anthropic.claude-opus-5 ', 'global.anthropic.claude-opus-5?a', '../x', 'arn:aws:bedrock:us-east-2:123456789012:application-inference-profile%2Fx']) {
    const r = checkConfiguredModel(id);
    assert.equal(r.ok, false, id);
    assert.ok(!r.ok && r.reason.includes(JSON.stringify(id)), 'the reason quotes the ID');
  }
});

test('modelIdShapeProblem: refuses what cannot be a Bedrock model ID at all, passes what Bedrock should judge', () => {
  const refused: [string, RegExp][] = [
    ['', /empty/],
    ['../../x', /path traversal/],
    ['..\\..\\x', /path traversal/],
    ['us.anthropic/claude', /only an ARN may contain '\/'/],
    ['global.anthropic.claude-opus-5/../../invoke', /path traversal/],
    ['global.anthropic.claude opus', /whitespace/],
    [' global.anthropic.claude-opus-5', /whitespace/],
    ['global.anthropic.claude-opus-5\n', /whitespace/],
    ['global.anthropic.claude-opus-5\u0007', /control character/],
    ['global.anthropic.claude-opus-5\u0000', /control character/],
    ['global.anthropic.claude-opus-5?x=1', /query string/],
    ['arn:aws:bedrock:us-east-2:123456789012:application-inference-profile%2Fx', /plain '\/'/],
    ['arn:aws:s3:::bucket/key', /not a Bedrock ARN/],
    ['arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/', /not a Bedrock ARN/],
    ['global.anthropic.claude-opus-5$(id)', /only letters, digits/],
  ];
  for (const [id, why] of refused) assert.match(modelIdShapeProblem(id) ?? '(none)', why, JSON.stringify(id));
  for (const id of [
    'global.anthropic.claude-opus-4-5-20251101-v1:0',
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0[1m]',
    'anthropic.claude-opus-4-5-20251101-v1:0',
    'arn:aws:bedrock:us-east-2:123456789012:application-inference-profile/xyz',
    'arn:aws:bedrock:eu-central-1:111122223333:inference-profile/eu.anthropic.claude-sonnet-4-6',
    'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123',
    'claude-sonnet-4-6',
    'gpt-4o',
    'opus',
  ]) assert.equal(modelIdShapeProblem(id), undefined, id);
});
