import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planFixes, uniqueActions, type FixFiles } from './fixes.js';

const FILES: FixFiles = { awsConfig: '/h/.aws/config', awsCredentials: '/h/.aws/credentials', userSettings: '/h/.claude/settings.json', claudeState: '/h/.claude.json', defaultSettings: '/h/.claude/settings.json' };
const LEGACY = '# mine\n[profile dev]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = R\n';

test('one plan over several files: migrate, set AWS_REGION, replace a model, move a misplaced key', () => {
  const cur = new Map([
    [FILES.awsConfig, LEGACY],
    [FILES.userSettings, '{\n  "env": {\n    "ANTHROPIC_MODEL": "anthropic.claude-x-v1:0"\n  }\n}\n'],
    [FILES.claudeState, '{"numStartups": 2, "awsAuthRefresh": "claude-bedrock login --profile dev"}'],
  ]);
  const p = planFixes([
    { kind: 'migrate-sso', profile: 'dev' },
    { kind: 'set-env', key: 'AWS_REGION', value: 'us-west-2', file: null },
    { kind: 'replace-model', key: 'ANTHROPIC_MODEL', from: 'anthropic.claude-x-v1:0', to: 'global.anthropic.claude-x-v1:0', file: FILES.userSettings },
    { kind: 'move-misplaced', key: 'awsAuthRefresh' },
    { kind: 'login', profile: 'dev', force: false },
    { kind: 'login', profile: 'dev', force: true },
  ], cur, FILES, {});
  assert.deepEqual(p.skipped, []);
  assert.equal(p.done.length, 4);
  assert.deepEqual(p.logins, [{ profile: 'dev', force: true }]);
  assert.equal(p.edits.get(FILES.awsConfig)!, '# mine\n[profile dev]\nsso_account_id = 111122223333\nsso_role_name = R\nsso_session = x\n\n[sso-session x]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n');
  assert.deepEqual(JSON.parse(p.edits.get(FILES.userSettings)!), { env: { ANTHROPIC_MODEL: 'global.anthropic.claude-x-v1:0', AWS_REGION: 'us-west-2' }, awsAuthRefresh: 'claude-bedrock login --profile dev' });
  assert.deepEqual(JSON.parse(p.edits.get(FILES.claudeState)!), { numStartups: 2 });
  assert.equal(p.migrated.length, 1);
});

test('a conflicting key is not moved, and a settings file that cannot be edited changes no settings file', () => {
  const conflict = planFixes([{ kind: 'move-misplaced', key: 'awsAuthRefresh' }], new Map([
    [FILES.userSettings, '{"awsAuthRefresh": "aws sso login --profile dev"}'],
    [FILES.claudeState, '{"awsAuthRefresh": "something else"}'],
  ]), FILES, {});
  assert.equal(conflict.edits.size, 0);
  assert.match(conflict.skipped[0]!, /already sets it to something else/);

  const broken = planFixes([{ kind: 'move-misplaced', key: 'awsAuthRefresh' }, { kind: 'set-env', key: 'AWS_REGION', value: 'us-west-2', file: '/h/proj/.claude/settings.json' }], new Map([
    [FILES.userSettings, '{}'],
    [FILES.claudeState, '{"awsAuthRefresh": "x"}'],
    ['/h/proj/.claude/settings.json', '{"env": {}, // comment\n}'],
  ]), FILES, {});
  assert.equal(broken.edits.size, 0, 'the key stays where it is rather than being lost');
  assert.deepEqual(broken.done, []);
  assert.ok(broken.skipped.some((s) => /not done: move "awsAuthRefresh"/.test(s)));
});

test('duplicate actions from two checks count once', () => {
  assert.equal(uniqueActions([{ kind: 'migrate-sso', profile: 'a' }, { kind: 'migrate-sso', profile: 'a' }, { kind: 'login', profile: 'a', force: false }, { kind: 'login', profile: 'a', force: true }]).length, 2);
});

test('awsAuthRefresh: removed from each file that holds it, or set to the value setup writes (other keys untouched)', () => {
  const project = '/h/proj/.claude/settings.local.json';
  const cur = new Map([
    [FILES.userSettings, '{\n  "env": {\n    "AWS_PROFILE": "keys"\n  },\n  "awsAuthRefresh": "claude-bedrock login --profile emulator"\n}\n'],
    [project, '{"awsAuthRefresh": "aws sso login --profile emulator", "model": "opus"}'],
  ]);
  const rm = planFixes([{ kind: 'auth-refresh', command: null, file: FILES.userSettings }, { kind: 'auth-refresh', command: null, file: project }], cur, FILES, {});
  assert.deepEqual(rm.skipped, []);
  assert.deepEqual(rm.done, [`remove awsAuthRefresh from ${FILES.userSettings}`, `remove awsAuthRefresh from ${project}`]);
  assert.equal(rm.edits.get(FILES.userSettings), '{\n  "env": {\n    "AWS_PROFILE": "keys"\n  }\n}\n');
  assert.equal(rm.edits.get(project), '{"model": "opus"}');

  const add = planFixes([{ kind: 'auth-refresh', command: '/usr/bin/node /opt/cb/cli.js login --profile legacy', file: null }], new Map([[FILES.userSettings, '{"env": {}}']]), FILES, {});
  assert.deepEqual(JSON.parse(add.edits.get(FILES.defaultSettings)!), { env: {}, awsAuthRefresh: '/usr/bin/node /opt/cb/cli.js login --profile legacy' });
  assert.match(add.done[0]!, /^set awsAuthRefresh = "\/usr\/bin\/node .* login --profile legacy" in /);
});
