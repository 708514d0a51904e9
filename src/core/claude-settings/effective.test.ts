// Layering, precedence, redaction and warnings of the effective Claude Code configuration, table-driven.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettingsText } from './parse.js';
import { buildStatusReport, type LayerFile, type ProfileInfo, type SettingsLayer, type SettingsSnapshot } from './effective.js';

const PATHS: Record<string, string> = {
  managed: '/etc/claude-code/managed-settings.json',
  local: '/p/.claude/settings.local.json',
  project: '/p/.claude/settings.json',
  user: '/h/.claude/settings.json',
};

const PROFILES: ProfileInfo[] = [
  { name: 'dev', kind: 'sso-session', region: 'eu-west-1', refreshable: true, sources: [{ file: '/h/.aws/config', line: 1 }] },
  { name: 'keys', kind: 'static', refreshable: false, sources: [{ file: '/h/.aws/credentials', line: 1 }] },
];

interface Case {
  name: string;
  files?: Partial<Record<SettingsLayer, unknown>>;
  dropIns?: [string, unknown][];
  shell?: Record<string, string>;
  profiles?: ProfileInfo[] | null;
  state?: string[];
  check(r: ReturnType<typeof buildStatusReport>): void;
}

function snapshot(c: Case): SettingsSnapshot {
  const files: LayerFile[] = [];
  const add = (layer: SettingsLayer, p: string, v: unknown) => {
    const text = typeof v === 'string' ? v : JSON.stringify(v, null, 2);
    files.push({ layer, path: p, exists: true, parsed: parseSettingsText(text, p) });
  };
  if (c.files?.managed !== undefined) add('managed', PATHS.managed!, c.files.managed);
  for (const [n, v] of c.dropIns ?? []) add('managed', `/etc/claude-code/managed-settings.d/${n}`, v);
  for (const layer of ['local', 'project', 'user'] as const) if (c.files?.[layer] !== undefined) add(layer, PATHS[layer]!, c.files[layer]);
  return {
    files,
    shellEnv: c.shell ?? {},
    claudeState: { path: '/h/.claude.json', misplacedKeys: c.state ?? [] },
    profiles: c.profiles === undefined ? PROFILES : c.profiles,
    userSettingsPath: PATHS.user!,
  };
}

const ids = (r: ReturnType<typeof buildStatusReport>) => r.warnings.map((w) => w.id).sort();
const warning = (r: ReturnType<typeof buildStatusReport>, id: string) => {
  const w = r.warnings.find((x) => x.id === id);
  assert.ok(w, `expected warning ${id}, got ${ids(r).join(', ')}`);
  assert.ok(w.fix.length > 0, 'every warning has a fix');
  return w;
};
const on = { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'dev', AWS_REGION: 'us-west-2' };

const cases: Case[] = [
  {
    name: 'managed > local > project > user, with every shadowed value',
    files: { user: { env: { AWS_PROFILE: 'u' } }, project: { env: { AWS_PROFILE: 'p' } }, local: { env: { AWS_PROFILE: 'l' } }, managed: { env: { AWS_PROFILE: 'dev' } } },
    check(r) {
      assert.deepEqual(r.effective.AWS_PROFILE.value, 'dev');
      assert.equal(r.effective.AWS_PROFILE.source, 'managed');
      assert.equal(r.effective.AWS_PROFILE.file, PATHS.managed);
      assert.deepEqual(r.effective.AWS_PROFILE.shadowed.map((s) => [s.source, s.value]), [['local', 'l'], ['project', 'p'], ['user', 'u']]);
      assert.deepEqual(r.profile, { name: 'dev', source: 'managed', file: PATHS.managed, exists: true, kind: 'sso-session', refreshable: true });
    },
  },
  {
    name: 'managed drop-ins apply A→Z over the base file',
    files: { managed: { env: { AWS_REGION: 'us-east-1', AWS_PROFILE: 'dev' } } },
    dropIns: [['10-a.json', { env: { AWS_REGION: 'us-east-2' } }], ['20-b.json', { env: { AWS_REGION: 'us-west-2' } }]],
    check(r) {
      assert.equal(r.effective.AWS_REGION.value, 'us-west-2');
      assert.equal(r.effective.AWS_REGION.file, '/etc/claude-code/managed-settings.d/20-b.json');
      assert.deepEqual(r.effective.AWS_REGION.shadowed.map((s) => s.value), ['us-east-2', 'us-east-1']);
      assert.equal(r.effective.AWS_PROFILE.value, 'dev');
    },
  },
  {
    name: 'a settings env value beats the shell, and says so',
    files: { user: { env: on } },
    shell: { AWS_REGION: 'eu-central-1', AWS_PROFILE: 'dev' },
    check(r) {
      assert.equal(r.effective.AWS_REGION.value, 'us-west-2');
      assert.equal(r.effective.AWS_REGION.source, 'user');
      assert.deepEqual(r.effective.AWS_REGION.shadowed, [{ value: 'eu-central-1', source: 'shell' }]);
      const w = warning(r, 'env-overrides-shell');
      assert.match(w.message, /AWS_REGION="us-west-2" .* overrides AWS_REGION="eu-central-1"/);
      assert.equal(r.warnings.filter((x) => x.id === 'env-overrides-shell').length, 1, 'the same AWS_PROFILE in both places is not a warning');
    },
  },
  {
    name: 'the shell applies when no settings file sets a key',
    shell: { ...on },
    check(r) {
      assert.equal(r.configured, true);
      assert.equal(r.effective.CLAUDE_CODE_USE_BEDROCK.source, 'shell');
      assert.equal(r.effective.ANTHROPIC_MODEL.source, 'default');
      assert.equal(r.effective.ANTHROPIC_MODEL.value, null);
      assert.deepEqual(ids(r), []);
    },
  },
  {
    name: 'CLAUDE_CODE_USE_BEDROCK "0" in local settings turns off the user "1"',
    files: { user: { env: on }, local: { env: { CLAUDE_CODE_USE_BEDROCK: '0' } } },
    check(r) {
      assert.equal(r.configured, false);
      assert.match(warning(r, 'bedrock-flag-conflict').message, /"0" in local .* "1" in user .* Bedrock is off/);
    },
  },
  {
    name: '"" in settings cancels a shell export',
    files: { user: { env: { CLAUDE_CODE_USE_BEDROCK: '' } } },
    shell: { CLAUDE_CODE_USE_BEDROCK: '1' },
    check(r) {
      assert.equal(r.configured, false);
      warning(r, 'env-overrides-shell');
    },
  },
  {
    name: '"TRUE" is on but not canonical',
    files: { user: { env: { ...on, CLAUDE_CODE_USE_BEDROCK: 'TRUE' } } },
    check(r) {
      assert.equal(r.configured, true);
      assert.equal(warning(r, 'bedrock-flag-noncanonical').severity, 'warning');
    },
  },
  {
    name: 'a JSON number 1 is on (Claude Code converts it with String()), and reported once',
    files: { user: '{"env": {"CLAUDE_CODE_USE_BEDROCK": 1, "AWS_PROFILE": "dev", "AWS_REGION": "us-west-2"}}' },
    shell: { CLAUDE_CODE_USE_BEDROCK: '1' },
    check(r) {
      assert.equal(r.configured, true);
      assert.equal(r.effective.CLAUDE_CODE_USE_BEDROCK.value, 1);
      const w = warning(r, 'bedrock-flag-not-string');
      assert.equal(w.severity, 'warning');
      assert.match(w.message, /converts it to "1" \(Bedrock on\)/);
      assert.match(w.fix, /"CLAUDE_CODE_USE_BEDROCK": "1"/);
      assert.deepEqual(ids(r), ['bedrock-flag-not-string'], 'no duplicate, and 1 vs "1" in the shell is no override');
    },
  },
  {
    name: 'JSON false is off',
    files: { user: '{"env": {"CLAUDE_CODE_USE_BEDROCK": false}}' },
    check(r) {
      assert.equal(r.configured, false);
      assert.match(warning(r, 'bedrock-flag-not-string').message, /Bedrock off/);
    },
  },
  {
    name: '" Yes " is on, as Claude Code trims and lower-cases it, but not canonical',
    files: { user: { env: { ...on, CLAUDE_CODE_USE_BEDROCK: ' Yes ' } } },
    check(r) {
      assert.equal(r.configured, true);
      warning(r, 'bedrock-flag-noncanonical');
    },
  },
  {
    name: '"enable" is neither on nor off',
    files: { user: { env: { CLAUDE_CODE_USE_BEDROCK: 'enable' } } },
    check(r) {
      assert.equal(r.configured, false);
      assert.equal(warning(r, 'bedrock-flag-invalid').severity, 'error');
    },
  },
  {
    name: 'a settings file with a byte-order mark is read (as Claude Code does), with a warning',
    files: { user: '\ufeff{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "dev", "AWS_REGION": "us-west-2"}}' },
    check(r) {
      assert.equal(r.configured, true);
      assert.match(warning(r, 'settings-bom').fix, /^perl -i -pe/);
    },
  },
  {
    name: 'static keys in the shell override the profile; secrets never appear',
    files: { user: { env: on } },
    shell: { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    check(r) {
      const w = warning(r, 'static-keys-override-profile');
      assert.match(w.message, /AKIA…MPLE/);
      assert.equal(w.fix, 'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN');
      assert.equal(r.effective.AWS_ACCESS_KEY_ID.value, 'AKIA…MPLE');
      assert.equal(r.effective.AWS_ACCESS_KEY_ID.redacted, 'fingerprint');
      assert.equal(r.auth.kind, 'env');
      const all = JSON.stringify(r);
      assert.ok(!all.includes('AKIAIOSFODNN7EXAMPLE') && !all.includes('wJalrXUtnFEMI'), 'no secret in the report');
    },
  },
  {
    name: 'a Bedrock API key is only ever "present"',
    files: { user: { env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-west-2', AWS_BEARER_TOKEN_BEDROCK: 'ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQtdmFsdWU=' } } },
    shell: { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-another-secret-value' },
    check(r) {
      assert.equal(r.effective.AWS_BEARER_TOKEN_BEDROCK.value, 'present');
      assert.equal(r.effective.AWS_BEARER_TOKEN_BEDROCK.shadowed[0]!.value, 'present');
      assert.equal(r.auth.kind, 'bearer-token');
      const all = JSON.stringify(r);
      assert.ok(!all.includes('ABSK') && !all.includes('another-secret'), 'no token in the report');
      assert.ok(ids(r).includes('env-overrides-shell'));
    },
  },
  {
    name: 'ANTHROPIC_API_KEY is flagged without showing it',
    files: { user: { env: on } },
    shell: { ANTHROPIC_API_KEY: 'sk-ant-api03-secretsecretsecret' },
    check(r) {
      assert.match(warning(r, 'anthropic-api-key-present').message, /silently bills/);
      assert.ok(!JSON.stringify(r).includes('sk-ant-api03'));
    },
  },
  {
    name: 'awsAuthRefresh in ~/.claude.json is misplaced',
    files: { user: { env: on } },
    state: ['awsAuthRefresh', 'env'],
    check(r) {
      const w = r.warnings.filter((x) => x.id === 'misplaced-setting');
      assert.deepEqual(w.map((x) => x.key), ['awsAuthRefresh', 'env']);
      assert.match(w[0]!.fix, /into \/h\/\.claude\/settings\.json/);
    },
  },
  {
    name: 'AWS_PROFILE naming a missing profile lists the real ones',
    files: { user: { env: { ...on, AWS_PROFILE: 'prod' } } },
    check(r) {
      assert.equal(r.profile.exists, false);
      const w = warning(r, 'profile-not-found');
      assert.match(w.message, /profiles: dev, keys/);
      assert.equal(w.fix, 'claude-bedrock profiles');
    },
  },
  {
    name: 'Bedrock on with no AWS_PROFILE and no [default] profile',
    files: { user: { env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-west-2' } } },
    check(r) {
      assert.equal(r.profile.name, 'default');
      assert.equal(r.profile.source, 'default');
      assert.match(warning(r, 'profile-not-found').message, /no \[default\] profile/);
    },
  },
  {
    name: 'unknown profiles (AWS files unreadable) are not reported as missing',
    files: { user: { env: on } },
    profiles: null,
    check(r) {
      assert.equal(r.profile.exists, null);
      assert.ok(!ids(r).includes('profile-not-found'));
    },
  },
  {
    name: 'a region with a space inside is invalid and Claude Code falls back to the profile region',
    files: { user: { env: { ...on, AWS_REGION: 'us west-2' } } },
    check(r) {
      assert.match(warning(r, 'region-invalid').message, /treats it as unset/);
      assert.deepEqual(r.region, { value: 'eu-west-1', source: 'aws-profile', file: '/h/.aws/config' });
    },
  },
  {
    name: 'surrounding whitespace is trimmed, as Claude Code does',
    files: { user: { env: { ...on, AWS_REGION: ' us-west-2\n' } } },
    check(r) {
      assert.equal(r.region.value, 'us-west-2');
      assert.deepEqual(ids(r), []);
    },
  },
  {
    name: 'a region-shaped typo is used as-is by Claude Code, and flagged',
    files: { user: { env: { ...on, AWS_REGION: 'us-wst-2' } } },
    check(r) {
      assert.equal(r.region.value, 'us-wst-2');
      assert.doesNotMatch(warning(r, 'region-invalid').message, /treats it as unset/);
    },
  },
  {
    name: 'region order: AWS_REGION, AWS_DEFAULT_REGION, profile, us-east-1',
    files: { user: { env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'keys', AWS_DEFAULT_REGION: 'ap-south-1' } } },
    check(r) {
      assert.equal(r.region.value, 'ap-south-1');
      assert.equal(r.region.source, 'user');
    },
  },
  {
    name: 'no region anywhere: us-east-1, with a warning for older Claude Code',
    files: { user: { env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'keys' } } },
    check(r) {
      assert.deepEqual(r.region, { value: 'us-east-1', source: 'default' });
      warning(r, 'region-default');
    },
  },
  {
    name: 'a raw foundation-model ID is an error whose fix asks AWS for the IDs that contain it (no guessed global. ID)',
    files: { user: { env: { ...on, ANTHROPIC_DEFAULT_HAIKU_MODEL: 'anthropic.claude-haiku-4-5-20251001-v1:0' } } },
    check(r) {
      const w = warning(r, 'raw-model-id');
      assert.equal(w.key, 'ANTHROPIC_DEFAULT_HAIKU_MODEL');
      assert.match(w.fix, /^claude-bedrock models --map anthropic\.claude-haiku-4-5-20251001-v1:0 {3}then set ANTHROPIC_DEFAULT_HAIKU_MODEL in \S+settings\.json to the ID it recommends/);
      assert.doesNotMatch(w.fix, /global\./);
    },
  },
  {
    name: 'raw IDs are right for Mantle',
    files: { user: { env: { ...on, CLAUDE_CODE_USE_MANTLE: '1', ANTHROPIC_MODEL: 'anthropic.claude-sonnet-5' } } },
    check(r) {
      assert.ok(!ids(r).includes('raw-model-id'));
    },
  },
  {
    name: 'ANTHROPIC_MODEL beats the model key; the model key applies alone',
    files: { managed: { model: 'opus' }, user: { env: { ...on, ANTHROPIC_MODEL: 'global.anthropic.claude-opus-5' } } },
    check(r) {
      assert.deepEqual(r.model, { value: 'global.anthropic.claude-opus-5', source: 'user', file: PATHS.user, key: 'ANTHROPIC_MODEL', kind: 'inference-profile' });
      assert.equal(r.effective.model.value, 'opus');
    },
  },
  {
    name: 'a malformed file is skipped entirely and reported with line and column',
    files: { user: { env: on }, local: '{\n  "env": {"AWS_PROFILE": "x",}\n}' },
    check(r) {
      assert.equal(r.effective.AWS_PROFILE.value, 'dev');
      const w = warning(r, 'settings-trailing-comma');
      assert.equal(w.file, PATHS.local);
      assert.equal(w.line, 2);
      assert.equal(r.files.find((f) => f.layer === 'local')!.used, false);
    },
  },
  {
    name: 'secrets in the shared project file are flagged',
    files: { user: { env: on }, project: { env: { AWS_SECRET_ACCESS_KEY: 'x'.repeat(40) } } },
    check(r) {
      assert.equal(warning(r, 'secret-in-project-settings').key, 'AWS_SECRET_ACCESS_KEY');
      assert.ok(!JSON.stringify(r).includes('x'.repeat(40)));
    },
  },
  {
    name: 'awsAuthRefresh is reported with the auth state; clocks are null offline',
    files: { user: { env: on, awsAuthRefresh: 'aws sso login --profile dev' } },
    check(r) {
      assert.deepEqual(r.auth, { kind: 'sso-session', profile: 'dev', refreshable: true, awsAuthRefresh: 'aws sso login --profile dev', awsCredentialExport: false, roleCredentialsExpireAt: null, accessTokenExpiresAt: null, registrationExpiresAt: null });
      assert.equal(r.effective.awsAuthRefresh.source, 'user');
      assert.deepEqual(ids(r), []);
    },
  },
];

for (const c of cases) {
  test(`effective config: ${c.name}`, () => c.check(buildStatusReport(snapshot(c))));
}
