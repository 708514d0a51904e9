// `claude-bedrock hook session-start`: nothing when all is well; each warning case; broken files → still exit 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CLI, runCli, scrubbedEnv, writeFile } from '../helpers.js';
import { GOOD_SETTINGS, LEGACY_CONFIG, SSO_SESSION_CONFIG, START_URL, isoIn, makeHome, writeSsoToken, type HomeSpec } from '../doctor/fixtures.js';

const SECRETS = { accessToken: 'aoaHookAccessToken0001', clientSecret: 'csecretHook0001', refreshToken: 'aorHookRefresh0001' };

function token(home: string, key: string, extra: Record<string, unknown> = {}) {
  writeSsoToken(home, key, { startUrl: START_URL, region: 'us-east-1', ...SECRETS, clientId: 'cid', expiresAt: isoIn(3_600_000), registrationExpiresAt: isoIn(60 * 86_400_000), ...extra });
}

function home(over: Partial<HomeSpec> = {}, tok: Record<string, unknown> | null = {}): string {
  const h = makeHome({ config: SSO_SESSION_CONFIG, settings: GOOD_SETTINGS, ...over });
  if (tok) token(h, 'corp', tok);
  return h;
}

async function hook(h: string, input: unknown = { session_id: 's1', hook_event_name: 'SessionStart', source: 'startup', cwd: h }, env: Record<string, string | undefined> = {}) {
  const r = await runCli(['hook', 'session-start'], { home: h, input: input === undefined ? '' : JSON.stringify(input), env });
  assert.equal(r.code, 0, r.stderr);
  for (const s of Object.values(SECRETS)) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), 'secret leaked');
  if (r.stdout.trim() === '') return null;
  const j = JSON.parse(r.stdout);
  assert.equal(typeof j.systemMessage, 'string');
  assert.equal(j.hookSpecificOutput.hookEventName, 'SessionStart');
  assert.equal(typeof j.hookSpecificOutput.additionalContext, 'string');
  return j as { systemMessage: string; hookSpecificOutput: { additionalContext: string } };
}

test('all well: nothing on stdout, exit 0', async () => {
  assert.equal(await hook(home()), null);
});

test('no stdin input at all (or not JSON) is fine', async () => {
  assert.equal(await hook(home(), undefined), null);
  const r = await runCli(['hook', 'session-start'], { home: home(), input: 'not json' });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '');
});

test('stdin left open: the hook does not wait for it', { timeout: 30_000 }, async () => {
  const h = home({ settings: { ...GOOD_SETTINGS, env: { ...GOOD_SETTINGS.env, ANTHROPIC_MODEL: 'anthropic.claude-opus-4-5-20251101-v1:0' } } });
  const child = spawn(process.execPath, [CLI, 'hook', 'session-start'], { cwd: h, env: scrubbedEnv(h), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.destroy();
  // stdin is only closed after the hook exits: a hook that waited for it would never exit (the test's timeout).
  assert.equal(code, 0);
  assert.match(out, /raw foundation-model ID/);
});

const CASES: { name: string; home(): string; env?: Record<string, string>; expect: RegExp[] }[] = [
  { name: 'expired SSO session without a refresh token', home: () => home({}, { expiresAt: isoIn(-2 * 3_600_000), refreshToken: undefined }), expect: [/SSO session of AWS profile dev expired 2 h ago/, /Fix: claude-bedrock login --profile dev/] },
  { name: 'SSO session expiring soon', home: () => home({}, { expiresAt: isoIn(20 * 60_000), refreshToken: undefined }), expect: [/expires in 20 min and cannot refresh/] },
  { name: 'client registration expired (refresh impossible)', home: () => home({}, { registrationExpiresAt: isoIn(-86_400_000) }), expect: [/can no longer refresh/, /login --profile dev --force/] },
  { name: 'never signed in', home: () => home({}, null), expect: [/Not signed in to IAM Identity Center for AWS profile dev/] },
  { name: 'legacy 8-hour format', home: () => { const h = makeHome({ config: LEGACY_CONFIG, settings: GOOD_SETTINGS }); token(h, START_URL, { refreshToken: undefined, expiresAt: isoIn(5 * 3_600_000) }); return h; }, expect: [/legacy SSO format/, /claude-bedrock sso migrate --profile dev/] },
  { name: 'unparseable settings file', home: () => home({ settingsText: '{"env": {"CLAUDE_CODE_USE_BEDROCK": "1",}}' }), expect: [/trailing comma/, /settings\.json/] },
  { name: 'missing profile', home: () => home({ settings: { ...GOOD_SETTINGS, env: { ...GOOD_SETTINGS.env, AWS_PROFILE: 'gone' } } }), expect: [/"gone"/, /claude-bedrock profiles/] },
  { name: 'raw model ID', home: () => home({ settings: { ...GOOD_SETTINGS, env: { ...GOOD_SETTINGS.env, ANTHROPIC_MODEL: 'anthropic.claude-opus-4-5-20251101-v1:0' } } }), expect: [/raw foundation-model ID/, /global\.anthropic\.claude-opus-4-5-20251101-v1:0/] },
  { name: 'Bedrock not enabled', home: () => home({ settings: { ...GOOD_SETTINGS, env: { ...GOOD_SETTINGS.env, CLAUDE_CODE_USE_BEDROCK: '0' } } }), expect: [/not set up to use Amazon Bedrock/, /claude-bedrock setup/] },
  { name: 'AWS config is a directory', home: () => { const h = makeHome({ settings: GOOD_SETTINGS }); fs.mkdirSync(path.join(h, '.aws', 'config'), { recursive: true }); return h; }, expect: [/\.aws\/config is a directory/] },
];

for (const c of CASES) {
  test(`warns: ${c.name}`, async () => {
    const j = await hook(c.home(), undefined, c.env);
    assert.ok(j, 'expected a warning');
    for (const re of c.expect) {
      assert.match(j.systemMessage, re);
      assert.match(j.hookSpecificOutput.additionalContext, re);
    }
  });
}

test('project settings are read from the session cwd given on stdin', async () => {
  const h = home();
  const project = path.join(h, 'work', 'repo');
  writeFile(path.join(project, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_MODEL: 'anthropic.claude-sonnet-4-5-20250929-v1:0' } }));
  assert.equal(await hook(h, { cwd: h }), null);
  const j = await hook(h, { cwd: project });
  assert.match(j!.systemMessage, /project settings/);
});

test('no HOME: still exit 0, with a short note', async () => {
  const r = await runCli(['hook', 'session-start'], { home: home(), env: { HOME: undefined, USERPROFILE: undefined }, input: '{}' });
  assert.equal(r.code, 0);
  assert.match(JSON.parse(r.stdout).systemMessage, /session check failed.*HOME/);
});

test('the happy path imports no package (no AWS SDK, no jsonc-parser); doctor --offline no AWS SDK', async () => {
  const h = home();
  const log = path.join(h, 'imports.log');
  const env = { NODE_OPTIONS: `--import=${path.resolve('test/plugin/log-imports.mjs')}`, IMPORT_LOG: log };
  const r = await runCli(['hook', 'session-start'], { home: h, input: '{}', env });
  assert.equal(r.stdout, '');
  const hookImports = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : [];
  assert.deepEqual(hookImports.filter((s) => /^@aws-sdk|^@smithy|^jsonc-parser/.test(s)), []);
  fs.rmSync(log, { force: true });
  const d = await runCli(['doctor', '--offline', '--json'], { home: h, env });
  assert.ok(d.json().checks.length > 10);
  const doctorImports = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
  assert.doesNotMatch(doctorImports, /@aws-sdk|@smithy/);
});

test('input already in the pipe when the wait runs out (the process was not scheduled meanwhile) is still read', async () => {
  const { readHookInput } = await import('../../src/commands/hook/session-start.js');
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const accepted = new Promise<net.Socket>((r) => server.once('connection', r));
  const writer = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  await new Promise<void>((r) => writer.once('connect', r));
  const stdin = await accepted;
  try {
    const input = readHookInput({ isTTY: { stdin: false, stdout: false, stderr: false }, stdin });
    writer.write(JSON.stringify({ hook_event_name: 'SessionStart', cwd: '/some/project' }));
    // Busy past the 150 ms wait: the bytes reach the socket's kernel buffer, but no I/O callback has run yet.
    const until = Date.now() + 400;
    while (Date.now() < until) { /* not scheduled */ }
    assert.deepEqual(await input, { hook_event_name: 'SessionStart', cwd: '/some/project' });
  } finally {
    writer.destroy();
    stdin.destroy();
    server.close();
  }
});
