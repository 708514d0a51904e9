import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claudeVersion, isClaudeProfile, preferredGeo, profilesContaining, rankClaudeProfiles, recommendedByFamily, toModelEntry, type InferenceProfileInfo } from './rank.js';

const fm = (region: string, id: string) => `arn:aws:bedrock:${region}::foundation-model/${id}`;
function sys(geo: string, model: string, name = `${geo.toUpperCase()} Anthropic ${model}`): InferenceProfileInfo {
  const id = `${geo}.${model}`;
  return { id, arn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${id}`, name, status: 'ACTIVE', type: 'SYSTEM_DEFINED', modelArns: [fm('us-east-1', model), fm('us-west-2', model)] };
}

const LIST: InferenceProfileInfo[] = [
  sys('us', 'anthropic.claude-3-7-sonnet-20250219-v1:0', 'US Anthropic Claude 3.7 Sonnet'),
  sys('us', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'US Anthropic Claude Sonnet 4.5'),
  sys('global', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'Global Anthropic Claude Sonnet 4.5'),
  sys('eu', 'anthropic.claude-opus-4-6-v1', 'EU Anthropic Claude Opus 4.6'),
  sys('us', 'anthropic.claude-opus-5', 'US Anthropic Claude Opus 5'),
  sys('global', 'anthropic.claude-opus-5', 'Global Anthropic Claude Opus 5'),
  sys('us', 'anthropic.claude-haiku-4-5-20251001-v1:0', 'US Anthropic Claude Haiku 4.5'),
  sys('us', 'anthropic.claude-3-haiku-20240307-v1:0', 'US Anthropic Claude 3 Haiku'),
  sys('us', 'anthropic.claude-sonnet-4-6', 'US Anthropic Claude Sonnet 4.6'),
  { id: 'us.meta.llama3-3-70b-instruct-v1:0', arn: 'arn:aws:bedrock:us-east-1:1:inference-profile/us.meta.llama3-3-70b-instruct-v1:0', name: 'US Meta Llama 3.3 70B', status: 'ACTIVE', type: 'SYSTEM_DEFINED', modelArns: [fm('us-east-1', 'meta.llama3-3-70b-instruct-v1:0')] },
  { id: 'a1b2c3d4e5f6', arn: 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6', name: 'claude-code-team', status: 'ACTIVE', type: 'APPLICATION', modelArns: [fm('us-east-1', 'anthropic.claude-sonnet-4-5-20250929-v1:0')] },
];

test('versions and dates come from the foundation-model ID in both naming schemes', () => {
  assert.deepEqual(claudeVersion('anthropic.claude-3-7-sonnet-20250219-v1:0'), { version: [3, 7], date: '20250219' });
  assert.deepEqual(claudeVersion('anthropic.claude-opus-4-5-20251101-v1:0'), { version: [4, 5], date: '20251101' });
  assert.deepEqual(claudeVersion('anthropic.claude-opus-4-6-v1'), { version: [4, 6], date: null });
  assert.deepEqual(claudeVersion('anthropic.claude-opus-5'), { version: [5], date: null });
  assert.deepEqual(claudeVersion('anthropic.claude-3-haiku-20240307-v1:0'), { version: [3], date: '20240307' });
  assert.deepEqual(claudeVersion('anthropic.claude-sonnet-4-20250514-v1:0'), { version: [4], date: '20250514' });
});

test('only Claude profiles are kept; application profiles are listed apart with their ARN as the ID', () => {
  const r = rankClaudeProfiles(LIST, 'us-west-2');
  assert.ok(r.profiles.every((m) => m.foundationModel?.startsWith('anthropic.claude')));
  assert.equal(r.profiles.length, 9);
  assert.equal(r.application.length, 1);
  assert.equal(r.application[0]!.id, 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6');
  assert.equal(r.application[0]!.family, 'sonnet');
  assert.equal(r.application[0]!.geo, null);
  assert.equal(isClaudeProfile(LIST[9]!), false);
});

test('newest first, global. before the regional copy of the same model, families in order', () => {
  const ids = rankClaudeProfiles(LIST, 'us-west-2').profiles.map((m) => m.id);
  assert.deepEqual(ids, [
    'global.anthropic.claude-opus-5',
    'us.anthropic.claude-opus-5',
    'eu.anthropic.claude-opus-4-6-v1',
    'us.anthropic.claude-sonnet-4-6',
    // Same version 4.5: Haiku 4.5 (2025-10-01) is newer than Sonnet 4.5 (2025-09-29).
    'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
    'us.anthropic.claude-3-haiku-20240307-v1:0',
  ]);
});

test('the JSON fields of an entry', () => {
  const e = toModelEntry(LIST[2]!);
  assert.deepEqual(
    { id: e.id, name: e.name, geo: e.geo, family: e.family, foundationModel: e.foundationModel, status: e.status, type: e.type },
    { id: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', name: 'Global Anthropic Claude Sonnet 4.5', geo: 'global', family: 'sonnet', foundationModel: 'anthropic.claude-sonnet-4-5-20250929-v1:0', status: 'ACTIVE', type: 'SYSTEM_DEFINED' },
  );
});

test('recommended per family is the newest, global when AWS has it', () => {
  const rec = recommendedByFamily(rankClaudeProfiles(LIST, 'eu-west-1').profiles);
  assert.equal(rec.opus?.id, 'global.anthropic.claude-opus-5');
  assert.equal(rec.sonnet?.id, 'us.anthropic.claude-sonnet-4-6');
  assert.equal(rec.haiku?.id, 'us.anthropic.claude-haiku-4-5-20251001-v1:0');
});

test('a raw model ID maps to exactly the profiles whose routes contain it (global first, application last)', () => {
  const ids = profilesContaining(LIST, 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'us-east-1').map((m) => m.id);
  assert.deepEqual(ids, [
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
  ]);
  assert.deepEqual(profilesContaining(LIST, 'anthropic.claude-sonnet-4-5-20250929-v1:0[1m]').length, 3);
  assert.deepEqual(profilesContaining(LIST, 'anthropic.claude-nonexistent-v1:0'), []);
});

test('the region decides which regional prefix ranks next after global', () => {
  assert.equal(preferredGeo('eu-central-1'), 'eu');
  assert.equal(preferredGeo('ap-southeast-2'), 'apac');
  assert.equal(preferredGeo('us-gov-west-1'), 'us-gov');
  assert.equal(preferredGeo('ca-central-1'), 'global');
  const two = [sys('us', 'anthropic.claude-opus-5'), sys('eu', 'anthropic.claude-opus-5')];
  assert.equal(rankClaudeProfiles(two, 'eu-west-1').profiles[0]!.id, 'eu.anthropic.claude-opus-5');
  assert.equal(rankClaudeProfiles(two, 'us-east-1').profiles[0]!.id, 'us.anthropic.claude-opus-5');
});
