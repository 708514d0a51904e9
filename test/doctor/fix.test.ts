// doctor --fix: seeded faults (legacy SSO, no AWS_REGION, raw model ID, a setting in ~/.claude.json, a token that
// cannot refresh) → one change set + a login → a clean doctor; --dry-run and a missing --yes write nothing; undo.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { runCli } from '../helpers.js';
import { LEGACY_CONFIG, START_URL, STATIC_CREDENTIALS, fakeBin, makeHome, testPath, writeSsoToken } from './fixtures.js';

let emu: Emulator;
const bin = fakeBin();
before(async () => { emu = await startEmulator(); });
after(() => emu.stop());

const FAULTY_SETTINGS = {
  env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'dev', ANTHROPIC_MODEL: 'anthropic.claude-sonnet-4-5-20250929-v1:0' },
  permissions: { allow: ['Bash(ls:*)'] },
};

function faultyHome(): string {
  const home = makeHome({ config: LEGACY_CONFIG, settings: FAULTY_SETTINGS, claudeJson: { numStartups: 3, awsAuthRefresh: 'claude-bedrock login --profile dev' } });
  writeSsoToken(home, START_URL, emu.issueSsoToken({ refreshable: false }) as unknown as Record<string, unknown>);
  return home;
}

const run = (home: string, args: string[]) => runCli(['doctor', '--json', '--timeout', '3', ...args], { home, env: { ...emu.env, PATH: testPath(bin), DISPLAY: undefined }, timeoutMs: 60_000 });

function snapshot(home: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ['.aws/config', '.claude/settings.json', '.claude.json']) out[f] = fs.readFileSync(path.join(home, f), 'utf8');
  return out;
}

test('--fix applies the safe fixes as one change set, logs in, and the doctor is clean afterwards', async () => {
  const home = faultyHome();
  const first = await run(home, []);
  assert.equal(first.code, 3);
  const failing = first.json().checks.filter((c: any) => c.status !== 'pass').map((c: any) => c.id).sort();
  assert.deepEqual(failing, ['auth-refresh', 'misplaced-keys', 'model-access', 'model-ids', 'models-exist', 'region', 'sso-format']);

  const r = await run(home, ['--fix', '--yes']);
  const j = r.json();
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(j.checks.filter((c: any) => c.status !== 'pass'), [], r.stdout);
  assert.equal(j.fixes.before.fail, 3);
  assert.ok(j.fixes.undoId);
  assert.equal(j.fixes.skipped.length, 0);
  assert.equal(j.fixes.logins.length, 1);
  assert.equal(j.fixes.logins[0].ok, true, j.fixes.logins[0].detail);
  assert.match(r.stderr, /^\+\s*"AWS_REGION": "us-west-2"/m, 'the diff is shown before writing');

  const files = snapshot(home);
  assert.match(files['.aws/config']!, /^sso_session = /m);
  assert.doesNotMatch(files['.aws/config']!, /\[profile dev\][^[]*sso_start_url/, 'the profile no longer holds the start URL');
  const settings = JSON.parse(files['.claude/settings.json']!);
  assert.equal(settings.env.AWS_REGION, 'us-west-2');
  assert.equal(settings.env.ANTHROPIC_MODEL, 'global.anthropic.claude-sonnet-4-5-20250929-v1:0');
  assert.equal(settings.awsAuthRefresh, 'claude-bedrock login --profile dev');
  assert.deepEqual(settings.permissions, FAULTY_SETTINGS.permissions, 'other settings untouched');
  assert.deepEqual(JSON.parse(files['.claude.json']!), { numStartups: 3 }, 'only the misplaced key left ~/.claude.json');

  const again = await run(home, []);
  assert.equal(again.code, 0);
  assert.equal(again.json().summary.fail, 0);
  assert.equal(again.json().summary.warn, 0);

  // One change set: a single undo restores the three files.
  const u = await runCli(['undo', '--json'], { home });
  assert.equal(u.code, 0, u.stderr);
  assert.equal(u.json().restored.length, 3);
});

test('--fix on a profile never signed in: a second round, after the sign-in, replaces the raw model ID with one AWS lists', async () => {
  const home = makeHome({ config: LEGACY_CONFIG, settings: FAULTY_SETTINGS });
  const r = await run(home, ['--fix', '--yes']);
  const j = r.json();
  assert.equal(j.fixes.logins.length, 1);
  assert.equal(j.fixes.logins[0].ok, true, j.fixes.logins[0].detail);
  assert.equal(j.fixes.undoIds.length, 2, 'two change sets: migration and region first, the model ID once signed in');
  assert.equal(j.fixes.undoId, j.fixes.undoIds[1]);
  assert.equal(j.checks.find((c: any) => c.id === 'model-ids').status, 'pass', JSON.stringify(j.checks.find((c: any) => c.id === 'model-ids')));
  assert.equal(JSON.parse(fs.readFileSync(path.join(home, '.claude', 'settings.json'), 'utf8')).env.ANTHROPIC_MODEL, 'global.anthropic.claude-sonnet-4-5-20250929-v1:0');
  assert.equal(r.code, j.summary.fail ? 3 : 0);
  // Human output says how to undo both rounds.
  const human = await runCli(['doctor', '--fix', '--yes', '--timeout', '3'], { home: makeHome({ config: LEGACY_CONFIG, settings: FAULTY_SETTINGS }), env: { ...emu.env, PATH: testPath(bin), DISPLAY: undefined }, timeoutMs: 60_000 });
  assert.match(human.stdout, /Undo: claude-bedrock undo \(2 times: one per round of fixes\)/, human.stdout + human.stderr);
});

test('--fix --dry-run shows the diff and writes nothing', async () => {
  const home = faultyHome();
  const before = snapshot(home);
  const r = await run(home, ['--fix', '--dry-run']);
  assert.equal(r.code, 3);
  const j = r.json();
  assert.equal(j.fixes.dryRun, true);
  assert.equal(j.fixes.undoId, null);
  assert.ok(j.fixes.changes.length >= 3);
  assert.match(j.fixes.changes.map((c: any) => c.diff).join('\n'), /\+.*sso_session = /);
  assert.deepEqual(snapshot(home), before);
  assert.equal(fs.existsSync(path.join(home, '.claude-bedrock', 'journal')), false);
});

test('--fix without a terminal and without --yes refuses (exit 2) and writes nothing', async () => {
  const home = faultyHome();
  const before = snapshot(home);
  const r = await run(home, ['--fix']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--yes/);
  assert.deepEqual(snapshot(home), before);
});

test('--fix with nothing to fix changes nothing', async () => {
  const home = makeHome({ config: '[profile dev]\nregion = us-west-2\n', credentials: '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n', settings: { env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'dev', AWS_REGION: 'us-west-2', ANTHROPIC_MODEL: 'global.anthropic.claude-opus-4-5-20251101-v1:0' } } });
  const r = await run(home, ['--fix', '--yes']);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.json().fixes.undoId, null);
  assert.deepEqual(r.json().fixes.planned, []);
});

test('--fix: an awsAuthRefresh in ~/.claude.json for a keys profile is removed there, not moved into the settings (one change set)', async () => {
  const home = makeHome({
    config: '[profile dev]\nregion = us-west-2\n',
    credentials: STATIC_CREDENTIALS,
    settings: { env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'dev', AWS_REGION: 'us-west-2', ANTHROPIC_MODEL: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0' } },
    claudeJson: { numStartups: 3, awsAuthRefresh: 'aws sso login --profile dev' },
  });
  const first = await run(home, ['--offline']);
  const misplaced = first.json().checks.find((c: any) => c.id === 'misplaced-keys');
  assert.equal(misplaced.status, 'warn');
  assert.match(misplaced.fix, /remove "awsAuthRefresh" from .*\.claude\.json \(profile dev renews without a login/);
  const r = await run(home, ['--offline', '--fix', '--yes']);
  assert.equal(r.json().fixes.undoIds.length, 1);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(home, '.claude.json'), 'utf8')), { numStartups: 3 });
  assert.equal(JSON.parse(fs.readFileSync(path.join(home, '.claude', 'settings.json'), 'utf8')).awsAuthRefresh, undefined);
  const after = (await run(home, ['--offline'])).json().checks.filter((c: any) => c.id === 'misplaced-keys' || c.id === 'auth-refresh');
  assert.deepEqual(after.map((c: any) => c.status), ['pass', 'pass']);
});
