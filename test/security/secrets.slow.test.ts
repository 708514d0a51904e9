// Secrets never leave: secrets planted everywhere (credentials, credential_process arguments, environment, SSO cache,
// settings env, ~/.claude.json), then every command in human and --json mode, with --debug, on success and on failure
// (emulator scenarios, and files broken right next to a secret). None may appear in stdout, stderr, the journal or
// backups others can read; files holding secrets stay 0600 and our directories 0700.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { COMMANDS } from '../../src/cli.js';
import { cacheSecrets, copyHome, settingsSecrets, leaks, OPUS, plantedHome, plantedWorld, SECRETS, START_URL, type World } from './world.js';

type HomeKind = 'sso' | 'apikey' | 'broken' | 'expired-token';
interface Case {
  /** The command (a COMMANDS key) this case covers. */
  cmd: string;
  args: string[];
  home?: HomeKind;
  env?: Record<string, string>;
  /** Commands run first in the same HOME (their output is checked too). */
  pre?: string[][];
  /** stdin for the command. */
  input?: string;
}

const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAPLANTENVIRONMNT1', AWS_SECRET_ACCESS_KEY: SECRETS.envSecretKey };
const T = ['--timeout', '3'];

/** Success paths (scenario default): every command, several ways. */
const OK: Case[] = [
  { cmd: 'profiles', args: ['profiles'] },
  { cmd: 'profiles', args: ['profiles', '--profile', 'proc'] },
  { cmd: 'status', args: ['status', '--offline'] },
  { cmd: 'status', args: ['status'] },
  { cmd: 'status', args: ['status'], home: 'apikey', env: { AWS_BEARER_TOKEN_BEDROCK: SECRETS.shortTermApiKey } },
  { cmd: 'status', args: ['status'], env: ENV_KEYS },
  { cmd: 'setup', args: ['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', OPUS] },
  { cmd: 'setup', args: ['setup', '--profile', 'keys', '--region', 'us-west-2', '--model', OPUS, '--scope', 'local', '--auth-refresh', 'none'] },
  { cmd: 'setup', args: ['setup', '--auth', 'api-key', '--api-key', 'stdin', '--region', 'us-west-2', '--model', OPUS, '--yes'], input: `${SECRETS.apiKey}\n` },
  { cmd: 'setup', args: ['setup', '--auth', 'api-key', '--api-key', 'generate', '--profile', 'keys', '--region', 'us-west-2', '--model', OPUS, '--yes', '--scope', 'local'] },
  { cmd: 'reset', args: ['reset'] },
  { cmd: 'undo', args: ['undo'], pre: [['setup', '--profile', 'proc', '--region', 'us-west-2', '--model', OPUS]] },
  { cmd: 'tune', args: ['tune', '--preset', 'balanced'] },
  { cmd: 'tune', args: ['tune', '--show'] },
  { cmd: 'login', args: ['login', '--profile', 'dev'] },
  { cmd: 'login', args: ['login', '--profile', 'dev', '--force'] },
  { cmd: 'login', args: ['login', '--profile', 'old', '--device-code', '--no-browser'] },
  { cmd: 'logout', args: ['logout', '--profile', 'dev'] },
  { cmd: 'sso add', args: ['sso', 'add', '--start-url', START_URL, '--sso-region', 'us-east-1', '--profile', 'newp', '--account', '123456789012', '--role', 'BedrockUser', '--session-name', 'news', '--region', 'us-west-2'] },
  { cmd: 'sso migrate', args: ['sso', 'migrate', '--all'] },
  { cmd: 'discover', args: ['discover', '--regions', 'us-west-2,us-east-1', ...T] },
  { cmd: 'discover', args: ['discover', '--profile', 'proc', '--profile', 'chain', '--regions', 'us-west-2', ...T] },
  { cmd: 'models', args: ['models', '--profile', 'keys', '--region', 'us-west-2'] },
  { cmd: 'regions', args: ['regions', '--profile', 'temp', '--regions', 'us-west-2,eu-west-1', ...T] },
  { cmd: 'test', args: ['test', '--profile', 'keys', '--region', 'us-west-2', ...T] },
  { cmd: 'test', args: ['test', ...T], home: 'apikey' },
  { cmd: 'explain', args: ['explain', `The security token included in the request is expired. aws_secret_access_key=${SECRETS.staticSecretKey} x-amz-security-token: ${SECRETS.tempSessionToken} Authorization: Bearer ${SECRETS.apiKey}`] },
  { cmd: 'doctor', args: ['doctor', '--offline'] },
  { cmd: 'doctor', args: ['doctor', ...T] },
  { cmd: 'doctor', args: ['doctor', '--fix', '--yes', ...T] },
  { cmd: 'hook session-start', args: ['hook', 'session-start'] },
  { cmd: 'policy', args: ['policy'] },
  { cmd: 'policy', args: ['policy', '--offline', '--model', OPUS] },
];

/** Failure paths: AWS says no (expired, denied, throttled, no access, a dead region), or a file is broken next to a secret. */
const FAIL: Record<string, Case[]> = {
  expired: [
    { cmd: 'status', args: ['status'] },
    { cmd: 'login', args: ['login', '--profile', 'dev', '--no-browser', '--timeout', '2'], home: 'expired-token' },
    { cmd: 'logout', args: ['logout', '--all'] },
    { cmd: 'discover', args: ['discover', '--regions', 'us-west-2', ...T] },
    { cmd: 'models', args: ['models', '--profile', 'keys', '--region', 'us-west-2'] },
    { cmd: 'test', args: ['test', ...T], home: 'apikey' },
    { cmd: 'doctor', args: ['doctor', ...T], env: ENV_KEYS },
    { cmd: 'policy', args: ['policy', '--profile', 'keys'] },
    { cmd: 'sso add', args: ['sso', 'add', '--start-url', START_URL, '--sso-region', 'us-east-1', '--profile', 'newp', '--session-name', 'news'], home: 'expired-token' },
  ],
  // A credential_process that fails: its arguments and its stderr both hold a secret.
  'default': [
    { cmd: 'discover', args: ['discover', '--profile', 'procfail', '--regions', 'us-west-2', ...T] },
    { cmd: 'test', args: ['test', '--profile', 'procfail', '--region', 'us-west-2', ...T] },
    { cmd: 'status', args: ['status'], env: { AWS_PROFILE: 'procfail' } },
    { cmd: 'doctor', args: ['doctor', '--profile', 'procfail', ...T] },
  ],
  denied: [
    { cmd: 'test', args: ['test', '--profile', 'temp', '--region', 'us-west-2', ...T] },
    { cmd: 'doctor', args: ['doctor', '--profile', 'proc', ...T] },
  ],
  'no-access': [
    { cmd: 'test', args: ['test', '--profile', 'proc', '--region', 'us-west-2', ...T] },
    { cmd: 'discover', args: ['discover', '--profile', 'keys', '--regions', 'us-west-2', ...T] },
  ],
  throttled: [
    { cmd: 'test', args: ['test', '--profile', 'keys', '--region', 'us-west-2', ...T] },
    { cmd: 'regions', args: ['regions', '--profile', 'keys', '--regions', 'us-west-2', ...T] },
  ],
  'dead-region': [
    { cmd: 'test', args: ['test', '--profile', 'keys', '--region', 'us-east-2', '--timeout', '1'] },
    { cmd: 'models', args: ['models', '--profile', 'temp', '--region', 'us-east-2', '--timeout', '1'] },
    { cmd: 'regions', args: ['regions', '--profile', 'keys', '--regions', 'us-east-2,us-west-2', '--timeout', '1'] },
    { cmd: 'discover', args: ['discover', '--profile', 'dev', '--regions', 'us-east-2', '--timeout', '1'] },
    { cmd: 'doctor', args: ['doctor', '--timeout', '1'], env: { AWS_REGION: 'us-east-2' } },
  ],
  // Every command against files broken right beside a secret (scenario default).
  broken: [
    'profiles', 'status --offline', 'status', 'reset', 'tune --preset focused', 'tune --show', 'login --profile dev --no-browser --timeout 2',
    'logout --profile dev', 'sso migrate --all', 'discover --regions us-west-2 --timeout 3', 'models --region us-west-2', 'regions --regions us-west-2 --timeout 3',
    'test --timeout 3', 'doctor --offline', 'doctor --timeout 3', 'doctor --fix --yes --timeout 3', 'hook session-start', 'policy', 'undo', 'explain -',
  ].map((c) => ({ cmd: c.startsWith('hook') ? 'hook session-start' : c.split(' ')[0]!, args: c.split(' '), home: 'broken' as const }))
    .concat([
      { cmd: 'setup', args: ['setup', '--profile', 'broken', '--region', 'us-west-2', '--model', OPUS], home: 'broken' },
      { cmd: 'sso add', args: ['sso', 'add', '--start-url', START_URL, '--sso-region', 'us-east-1', '--profile', 'broken', '--account', '123456789012', '--role', 'X'], home: 'broken' },
    ]),
};

const homes: Partial<Record<HomeKind, string>> = {};
function base(kind: HomeKind): string {
  return (homes[kind] ??= plantedHome({ apiKey: kind === 'apikey', broken: kind === 'broken', tokenExpired: kind === 'expired-token' }));
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [path.join(dir, e.name) + '/', ...walk(path.join(dir, e.name))] : [path.join(dir, e.name)]));
}

/** Everything a run leaves must keep secrets in: output, journal, backups, modes. */
function assertNothingLeaked(label: string, out: string, home: string): void {
  const found = leaks(out, [...cacheSecrets(home), ...settingsSecrets(home)]);
  assert.deepEqual(found, [], `${label}: secret printed: ${found.join(', ')}\n--- output ---\n${out.slice(0, 3000)}`);
  assert.ok(!/Unexpected error|This is a bug in claude-bedrock/.test(out), `${label}: internal error\n${out.slice(0, 3000)}`);
  const state = path.join(home, '.claude-bedrock');
  for (const p of walk(state)) {
    const st = fs.statSync(p);
    if (p.endsWith('/')) assert.equal(st.mode & 0o077, 0, `${label}: ${p} is open to others (${(st.mode & 0o777).toString(8)})`);
    else if (p.includes(`${path.sep}backups${path.sep}`)) assert.equal(st.mode & 0o077, 0, `${label}: backup ${p} is readable by others`);
    else if (!p.includes(`${path.sep}locks${path.sep}`)) {
      const text = fs.readFileSync(p, 'utf8');
      assert.deepEqual(leaks(text), [], `${label}: ${p} holds a secret`);
    }
  }
  for (const p of walk(path.join(home, '.aws', 'sso', 'cache'))) {
    if (!p.endsWith('/')) assert.equal(fs.statSync(p).mode & 0o777, 0o600, `${label}: ${p} is not 0600`);
  }
  for (const p of [path.join(home, '.aws', 'credentials'), path.join(home, '.claude', 'settings.json'), path.join(home, 'project', '.claude', 'settings.local.json'), path.join(home, '.claude.json')]) {
    if (fs.existsSync(p)) assert.equal(fs.statSync(p).mode & 0o777, 0o600, `${label}: ${p} (holds secrets) is not 0600`);
  }
  assert.deepEqual(walk(home).filter((p) => /\.cb-\d+-[0-9a-f]+\.tmp$/.test(p)), [], `${label}: temp files left behind`);
}

async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => { while (i < items.length) await fn(items[i++]!); }));
}

const stats = { runs: 0, commands: new Set<string>() };

async function runCase(w: World, scenario: string, c: Case, mode: 'human' | 'json'): Promise<void> {
  const home = copyHome(base(c.home ?? 'sso'));
  const flags = mode === 'json' ? ['--json', '--debug'] : ['--debug'];
  const label = `[${scenario}/${c.home ?? 'sso'}/${mode}] ${c.args.join(' ')}`;
  let out = '';
  for (const pre of c.pre ?? []) {
    const r = await w.run([...pre, ...flags], home, c.env);
    out += r.stdout + r.stderr;
  }
  const input = c.input ?? (c.args[0] === 'explain' ? `AccessDeniedException: aws_session_token=${SECRETS.tempSessionToken} refreshToken ${SECRETS.ssoRefreshToken}\n` : undefined);
  const r = await w.run([...c.args, ...flags], home, c.env, 60_000, input);
  out += r.stdout + r.stderr;
  assert.ok([0, 1, 2, 3, 4].includes(r.code), `${label}: exit ${r.code}\n${out.slice(0, 2000)}`);
  if (mode === 'json' && c.args[0] !== 'hook') assert.doesNotThrow(() => JSON.parse(r.stdout), `${label}: stdout is not one JSON document:\n${r.stdout.slice(0, 1000)}`);
  assertNothingLeaked(label, out, home);
  stats.runs++;
  stats.commands.add(c.cmd);
}

describe('secrets never leave', { concurrency: false }, () => {
  const worlds = new Map<string, World>();
  before(async () => {
    for (const s of new Set(['default', ...Object.keys(FAIL).filter((k) => k !== 'broken')])) worlds.set(s, await plantedWorld(s));
  });
  after(async () => {
    for (const w of worlds.values()) await w.stop();
    console.log(`# secrets: ${stats.runs} runs over ${stats.commands.size} commands`);
  });

  test('every command, human and --json, with --debug, on success', { timeout: 600_000 }, async () => {
    await pool(OK.flatMap((c) => [[c, 'human'], [c, 'json']] as const), 4, ([c, m]) => runCase(worlds.get('default')!, 'default', c, m));
  });

  test('every command on failure: AWS refuses, or a file is broken next to a secret', { timeout: 600_000 }, async () => {
    const runs = Object.entries(FAIL).flatMap(([s, cases]) => cases.flatMap((c) => [[s, c, 'human'], [s, c, 'json']] as const));
    await pool(runs, 4, ([s, c, m]) => runCase(worlds.get(s === 'broken' ? 'default' : s)!, s, c, m));
  });

  test('the matrix covers every command the CLI has', () => {
    const covered = new Set([...OK, ...Object.values(FAIL).flat()].map((c) => c.cmd));
    assert.deepEqual(Object.keys(COMMANDS).filter((k) => !covered.has(k)), [], 'add the new command to the secrets matrix');
  });
});
