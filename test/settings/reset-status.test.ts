// e2e: `reset` removes exactly what setup wrote (undoable); `status --offline` reports sources, warnings, no secrets.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, writeFile } from '../helpers.js';
import { OPUS, homeWithProfiles, journalEntries, read, setupArgs, userSettings } from './fixtures.js';

const NO_SDK = (home: string) => ({ NODE_OPTIONS: `--import=${path.resolve('test/settings/forbid-aws-sdk.mjs')}`, FORBID_AWS_SDK_LOG: path.join(home, 'sdk.log') });

describe('reset', { concurrency: true }, () => {
  test('setup then reset gives back the original bytes; undo brings the setup back', async () => {
    const home = homeWithProfiles();
    const original = '{\n  "permissions": {"allow": []},\n  "env": {"NODE_OPTIONS": "--inspect"}\n}\n';
    writeFile(userSettings(home), original);
    assert.equal((await runCli(setupArgs('dev', ['--haiku-model', 'us.anthropic.claude-haiku-4-5-20251001-v1:0']), { home })).code, 0);
    const configured = read(userSettings(home));
    const r = await runCli(['reset', '--json'], { home });
    assert.equal(r.code, 0, r.stderr);
    const out = r.json();
    assert.deepEqual(out.removed, ['env.CLAUDE_CODE_USE_BEDROCK', 'env.AWS_PROFILE', 'env.AWS_REGION', 'env.ANTHROPIC_MODEL', 'env.ANTHROPIC_DEFAULT_HAIKU_MODEL', 'awsAuthRefresh']);
    assert.ok(out.undoId);
    assert.equal(read(userSettings(home)), original);
    assert.equal((await runCli(['undo'], { home })).code, 0);
    assert.equal(read(userSettings(home)), configured);
  });

  test('an env block setup created is removed with its keys; one holding other keys stays', async () => {
    const home = homeWithProfiles();
    writeFile(userSettings(home), '{"model": "opus"}');
    assert.equal((await runCli(setupArgs(), { home })).code, 0);
    assert.equal((await runCli(['reset'], { home })).code, 0);
    assert.equal(read(userSettings(home)), '{"model": "opus"}');
  });

  test('only the keys setup manages are removed, whoever wrote them', async () => {
    const home = homeWithProfiles();
    const t = '{\n  "env": {\n    "AWS_PROFILE": "dev",\n    "AWS_SECRET_ACCESS_KEY": "kept-not-ours",\n    "ANTHROPIC_SMALL_FAST_MODEL": "x"\n  },\n  "awsCredentialExport": "kept",\n  "model": "kept"\n}\n';
    writeFile(userSettings(home), t);
    const r = await runCli(['reset'], { home });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(read(userSettings(home)), '{\n  "env": {\n    "AWS_SECRET_ACCESS_KEY": "kept-not-ours",\n    "ANTHROPIC_SMALL_FAST_MODEL": "x"\n  },\n  "awsCredentialExport": "kept",\n  "model": "kept"\n}\n');
    assert.match(r.stdout, /Removed from .*settings\.json \(user settings\): env\.AWS_PROFILE/);
    assert.ok(!r.stdout.includes('kept-not-ours') && !r.stderr.includes('kept-not-ours'), 'no secret in the output');
  });

  test('--dry-run shows the diff and writes nothing; a missing file is nothing to reset', async () => {
    const home = homeWithProfiles();
    assert.equal((await runCli(setupArgs(), { home })).code, 0);
    const bytes = read(userSettings(home));
    const d = await runCli(['reset', '--dry-run'], { home });
    assert.equal(d.code, 0);
    assert.match(d.stdout, /^-\s+"CLAUDE_CODE_USE_BEDROCK": "1",$/m);
    assert.equal(read(userSettings(home)), bytes);
    assert.equal(journalEntries(home).length, 1);

    const empty = homeWithProfiles();
    const r = await runCli(['reset', '--json'], { home: empty });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json().changes, []);
    assert.equal(read(userSettings(empty)), null, 'no file is created');
    assert.deepEqual(journalEntries(empty), []);
  });

  test('says when another layer still turns Bedrock on', async () => {
    const home = homeWithProfiles();
    assert.equal((await runCli(setupArgs(), { home })).code, 0);
    writeFile(path.join(home, 'managed', 'managed-settings.json'), '{"env": {"CLAUDE_CODE_USE_BEDROCK": "1"}}');
    const r = await runCli(['reset', '--json'], { home });
    assert.deepEqual(r.json().stillSet, [{ key: 'CLAUDE_CODE_USE_BEDROCK', source: 'managed', file: path.join(home, 'managed', 'managed-settings.json') }]);
  });

  test('refuses a malformed file and writes nothing', async () => {
    const home = homeWithProfiles();
    const bad = '{"env": {"AWS_PROFILE": "dev",}}';
    writeFile(userSettings(home), bad);
    const r = await runCli(['reset'], { home });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /trailing comma at line 1, column 30/);
    assert.equal(read(userSettings(home)), bad);
    assert.deepEqual(journalEntries(home), []);
  });
});

describe('status --offline', { concurrency: true }, () => {
  test('--json has the contract fields, with sources and shadowed values', async () => {
    const home = homeWithProfiles();
    assert.equal((await runCli(setupArgs(), { home })).code, 0);
    const r = await runCli(['status', '--offline', '--json'], { home, env: { AWS_REGION: 'eu-central-1' } });
    assert.equal(r.code, 0, r.stderr);
    const s = r.json();
    for (const k of ['configured', 'effective', 'profile', 'region', 'model', 'auth', 'warnings']) assert.ok(k in s, k);
    assert.deepEqual(Object.keys(s.auth).sort(), ['accessTokenExpiresAt', 'awsAuthRefresh', 'awsCredentialExport', 'kind', 'profile', 'refreshable', 'registrationExpiresAt', 'roleCredentialsExpireAt']);
    assert.equal(s.configured, true);
    assert.deepEqual(s.effective.AWS_REGION, { value: 'us-west-2', source: 'user', file: userSettings(home), shadowed: [{ value: 'eu-central-1', source: 'shell' }] });
    assert.deepEqual(s.effective.DISABLE_PROMPT_CACHING, { value: null, source: 'default', shadowed: [] });
    assert.equal(s.profile.name, 'dev');
    assert.equal(s.region.value, 'us-west-2');
    assert.equal(s.model.value, OPUS);
    assert.equal(s.auth.kind, 'sso-session');
    assert.equal(s.auth.refreshable, true);
    assert.equal(s.auth.roleCredentialsExpireAt, null);
    assert.deepEqual(s.warnings.map((w: { id: string }) => w.id), ['env-overrides-shell']);
    assert.equal(r.stderr, '', 'nothing on stderr with --offline');
  });

  test('never prints a secret, and never loads the AWS SDK', async () => {
    const home = homeWithProfiles();
    writeFile(userSettings(home), JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_BEARER_TOKEN_BEDROCK: 'ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQ=' } }));
    const env = { ...NO_SDK(home), AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD', ANTHROPIC_API_KEY: 'sk-ant-api03-abcdefghijklmnop', AWS_PROFILE: 'dev' };
    for (const args of [['status', '--offline'], ['status', '--offline', '--json']]) {
      const r = await runCli(args, { home, env });
      assert.equal(r.code, 0, r.stderr);
      const all = r.stdout + r.stderr;
      for (const secret of ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI', 'IQoJb3JpZ2lu', 'sk-ant-api03', 'ABSKQmVk']) assert.ok(!all.includes(secret), `${secret} leaked by ${args.join(' ')}`);
    }
    assert.equal(read(path.join(home, 'sdk.log')), null, 'the AWS SDK was not loaded');
    const j = (await runCli(['status', '--offline', '--json'], { home, env })).json();
    assert.equal(j.effective.AWS_BEARER_TOKEN_BEDROCK.value, 'present');
    assert.equal(j.effective.AWS_ACCESS_KEY_ID.value, 'AKIA…MPLE');
    assert.equal(j.auth.kind, 'bearer-token');
  });

  test('a broken settings file is reported with line and column, and its values are not used', async () => {
    const home = homeWithProfiles();
    assert.equal((await runCli(setupArgs(), { home })).code, 0);
    const local = path.join(home, 'proj', '.claude', 'settings.local.json');
    writeFile(local, '{\n  "env": {\n    "CLAUDE_CODE_USE_BEDROCK": "0"\n  }\n  // off for now\n}\n');
    const r = await runCli(['status', '--offline', '--json'], { home, cwd: path.join(home, 'proj') });
    const s = r.json();
    assert.equal(s.configured, true);
    const w = s.warnings.find((x: { id: string }) => x.id === 'settings-invalid-json' || x.id === 'settings-comments');
    assert.equal(w.file, local);
    assert.equal(w.line, 5);
    const human = await runCli(['status', '--offline'], { home, cwd: path.join(home, 'proj') });
    assert.match(human.stdout, /local\s+.*settings\.local\.json\s+not used \(see warnings\)/);
  });

  test('misplaced keys in ~/.claude.json, managed drop-ins, missing profile and raw model are all reported', async () => {
    const home = homeWithProfiles();
    writeFile(path.join(home, '.claude.json'), JSON.stringify({ numStartups: 3, awsAuthRefresh: 'aws sso login --profile dev' }));
    writeFile(path.join(home, 'managed', 'managed-settings.json'), '{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "dev"}}');
    writeFile(path.join(home, 'managed', 'managed-settings.d', '50-region.json'), '{"env": {"AWS_REGION": "eu-west-1", "AWS_PROFILE": "ghost"}}');
    writeFile(path.join(home, 'managed', 'managed-settings.d', '.hidden.json'), '{"env": {"AWS_PROFILE": "hidden"}}');
    writeFile(userSettings(home), '{"env": {"ANTHROPIC_MODEL": "anthropic.claude-opus-4-5-20251101-v1:0"}}');
    const s = (await runCli(['status', '--offline', '--json'], { home })).json();
    assert.equal(s.effective.AWS_PROFILE.value, 'ghost');
    assert.equal(s.effective.AWS_PROFILE.file, path.join(home, 'managed', 'managed-settings.d', '50-region.json'));
    assert.equal(s.effective.AWS_REGION.source, 'managed');
    const ids = s.warnings.map((w: { id: string }) => w.id).sort();
    assert.deepEqual(ids, ['misplaced-setting', 'profile-not-found', 'raw-model-id']);
    const raw = s.warnings.find((w: { id: string }) => w.id === 'raw-model-id');
    assert.match(raw.fix, /^claude-bedrock models --map anthropic\.claude-opus-4-5-20251101-v1:0 /);
  });

  test('a settings file with a byte-order mark is read, as Claude Code reads it', async () => {
    const home = homeWithProfiles();
    fs.mkdirSync(path.dirname(userSettings(home)), { recursive: true });
    fs.writeFileSync(userSettings(home), '\ufeff{"env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "dev", "AWS_REGION": "us-west-2"}}');
    const s = (await runCli(['status', '--offline', '--json'], { home })).json();
    assert.equal(s.configured, true);
    assert.deepEqual(s.warnings.map((w: { id: string }) => w.id), ['settings-bom']);
  });

  test('a malformed AWS config does not stop status', async () => {
    const home = homeWithProfiles();
    fs.writeFileSync(path.join(home, '.aws', 'config'), Buffer.from([0xff, 0xfe, 0x00]));
    const r = await runCli(['status', '--offline', '--json'], { home, env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'dev' } });
    assert.equal(r.code, 0, r.stderr);
    const s = r.json();
    assert.equal(s.profile.exists, null);
    assert.ok(s.warnings.some((w: { id: string; message: string }) => w.id === 'aws-config' && /not valid UTF-8/.test(w.message)));
  });
});
