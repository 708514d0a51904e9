import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPolicy, geoFitsRegion, geosForRegion, offlinePolicyModel, partitionOf } from './policy.js';

test('offline routes: a us. profile → the US regions; global. → every commercial region and the region-less ARN', () => {
  const us = offlinePolicyModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us-west-2', '*')!;
  assert.equal(us.profileArn, 'arn:aws:bedrock:us-west-2:*:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0');
  assert.deepEqual(us.foundationModelArns.sort(), ['us-east-1', 'us-east-2', 'us-west-2'].map((r) => `arn:aws:bedrock:${r}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`));
  const g = offlinePolicyModel('global.anthropic.claude-haiku-4-5-20251001-v1:0', 'eu-west-1', '111122223333')!;
  assert.equal(g.profileArn, 'arn:aws:bedrock:eu-west-1:111122223333:inference-profile/global.anthropic.claude-haiku-4-5-20251001-v1:0');
  assert.deepEqual(g.foundationModelArns, ['arn:aws:bedrock:*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0', 'arn:aws:bedrock:::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0']);
  const gov = offlinePolicyModel('us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us-gov-west-1', '*')!;
  assert.match(gov.profileArn, /^arn:aws-us-gov:bedrock:us-gov-west-1:/);
  assert.ok(gov.foundationModelArns.every((a) => a.startsWith('arn:aws-us-gov:')));
  assert.equal(offlinePolicyModel('anthropic.claude-x', 'us-east-1', '*'), null);
  assert.equal(offlinePolicyModel('sonnet', 'us-east-1', '*'), null);
  const app = offlinePolicyModel('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6', 'us-east-1', '*')!;
  assert.equal(app.profileArn, 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6');
});

test('policy document: statements, a condition that works with * in the account, marketplace via Bedrock only', () => {
  const p = buildPolicy([offlinePolicyModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us-east-1', '*')!]);
  assert.equal(p.Version, '2012-10-17');
  assert.deepEqual(p.Statement.map((s) => s.Sid), ['InvokeThroughInferenceProfiles', 'FoundationModelsOnlyViaTheseProfiles', 'ListInferenceProfiles', 'MarketplaceSubscriptionViaBedrock']);
  assert.deepEqual(p.Statement[1]!.Condition, { StringLike: { 'bedrock:InferenceProfileArn': ['arn:aws:bedrock:us-east-1:*:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0'] } });
  assert.deepEqual(p.Statement[3]!.Action, ['aws-marketplace:ViewSubscriptions', 'aws-marketplace:Subscribe']);
  assert.deepEqual(p.Statement[3]!.Condition, { StringEquals: { 'aws:CalledViaLast': 'bedrock.amazonaws.com' } });
  assert.deepEqual(JSON.parse(JSON.stringify(p)), p);
});

test('which prefixes a region can call', () => {
  assert.deepEqual(geosForRegion('us-west-2'), ['global', 'us']);
  assert.deepEqual(geosForRegion('ap-northeast-1'), ['global', 'apac', 'jp']);
  assert.deepEqual(geosForRegion('us-gov-west-1'), ['us-gov']);
  assert.equal(geoFitsRegion('eu', 'us-east-1'), false);
  assert.equal(geoFitsRegion('au', 'ap-southeast-2'), true);
  assert.equal(partitionOf('cn-north-1'), 'aws-cn');
});
