// Concurrency: several setup / tune / sso add / sso migrate / login processes at once on the same files. No update is
// lost, no file is interleaved (each parses, botocore reads the config), undoing every change set in turn gives back
// the original bytes, and concurrent logins for one session make one browser sign-in (or one refresh).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { SSO_USER } from '../../emulator/scenarios/default.js';
import { runCli, type RunResult } from '../helpers.js';
import { haveBotocore } from '../aws-config/oracle.js';
import { BROWSER, tempDir } from '../security/world.js';
import { botocoreRead } from './checks.js';
import { scaled } from './gen.js';

const OPUS = 'global.anthropic.claude-opus-4-5-20251101-v1:0';
const SONNET = 'global.anthropic.claude-sonnet-4-5-20250929-v1:0';
const HAIKU = 'global.anthropic.claude-haiku-4-5-20251001-v1:0';
const START = SSO_USER.startUrl;
const ROUNDS = scaled(3);

const CONFIG = [
  '# my config — comments and order must survive every writer',
  '[profile dev]', 'sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = BedrockUser', 'region = us-west-2', '',
  '[sso-session corp]', `sso_start_url = ${START}`, 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', '',
  '[profile old1]', `sso_start_url = ${START}`, 'sso_region = us-east-1', 'sso_account_id = 123456789012', 'sso_role_name = BedrockUser', '',
  '[profile old2]', 'sso_start_url = https://other.awsapps.com/start', 'sso_region = eu-west-1', 'sso_account_id = 123456789012', 'sso_role_name = Dev', '',
].join('\r\n');
const SETTINGS = '{\n    "permissions": {"allow": ["Bash(ls)"]},\n    "unknownFutureKey": [1, 2.50]\n}\n';

function home(): string {
  const h = tempDir('cb-conc-');
  fs.mkdirSync(path.join(h, '.aws'));
  fs.mkdirSync(path.join(h, '.claude'));
  fs.writeFileSync(path.join(h, '.aws', 'config'), CONFIG);
  fs.writeFileSync(path.join(h, '.claude', 'settings.json'), SETTINGS, { mode: 0o600 });
  return h;
}

const journal = (h: string) => (fs.existsSync(path.join(h, '.claude-bedrock', 'journal')) ? fs.readdirSync(path.join(h, '.claude-bedrock', 'journal')).filter((n) => n.endsWith('.json')) : []);

/** Undo every change set, newest first: each must succeed, and the files must come back byte for byte. */
async function undoAll(h: string, n: number, originals: Record<string, string>): Promise<void> {
  for (let i = 0; i < n; i++) {
    const u = await runCli(['undo', '--json'], { home: h });
    assert.equal(u.code, 0, `undo ${i + 1} of ${n}: ${u.stderr}`);
  }
  for (const [f, text] of Object.entries(originals)) assert.equal(fs.readFileSync(f, 'utf8'), text, `${f} is not back to its original bytes`);
}

describe('concurrent writers on the same files', { concurrency: 2 }, () => {
  test(`setup ×3 and tune at once on one settings file, ${ROUNDS} rounds: every key lands, the file parses, undo ×4 restores it`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const h = home();
      const file = path.join(h, '.claude', 'settings.json');
      const rs: RunResult[] = await Promise.all([
        runCli(['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', OPUS, '--opus-model', OPUS], { home: h }),
        runCli(['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', OPUS, '--sonnet-model', SONNET], { home: h }),
        runCli(['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', OPUS, '--haiku-model', HAIKU], { home: h }),
        runCli(['tune', '--preset', 'balanced'], { home: h }),
      ]);
      for (const r of rs) assert.equal(r.code, 0, r.stderr);
      const v = JSON.parse(fs.readFileSync(file, 'utf8'));
      // No lost update: each writer's own key is there.
      assert.equal(v.env.ANTHROPIC_DEFAULT_OPUS_MODEL, OPUS);
      assert.equal(v.env.ANTHROPIC_DEFAULT_SONNET_MODEL, SONNET);
      assert.equal(v.env.ANTHROPIC_DEFAULT_HAIKU_MODEL, HAIKU);
      assert.equal(v.env.MAX_THINKING_TOKENS, '8192');
      assert.deepEqual(v.unknownFutureKey, [1, 2.5]);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assert.equal(journal(h).length, 4);
      await undoAll(h, 4, { [file]: SETTINGS });
    }
  });

  test(`sso add ×3 and sso migrate at once on one config, ${ROUNDS} rounds: all profiles there, botocore reads it, undo ×4 restores it`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const h = home();
      const file = path.join(h, '.aws', 'config');
      const add = (p: string) => ['sso', 'add', '--start-url', START, '--sso-region', 'us-east-1', '--profile', p, '--account', '123456789012', '--role', 'BedrockUser', '--region', 'us-west-2'];
      const rs = await Promise.all([runCli(add('a1'), { home: h }), runCli(['sso', 'migrate', '--all', '--json'], { home: h }), runCli(add('a2'), { home: h }), runCli(add('a3'), { home: h })]);
      for (const r of rs) assert.equal(r.code, 0, r.stderr);
      const text = fs.readFileSync(file, 'utf8');
      for (const p of ['a1', 'a2', 'a3', 'dev', 'old1', 'old2']) assert.match(text, new RegExp(`^\\[profile ${p}\\]\\r?$`, 'm'), `profile ${p} lost`);
      assert.ok(text.startsWith('# my config — comments and order must survive every writer\r\n'));
      assert.ok(!/^sso_start_url/m.test(text.split('[profile old1]')[1]!.split('[')[0]!), 'old1 was not migrated');
      if (haveBotocore()) {
        const [read] = await botocoreRead([{ config: text, credentials: null }]);
        assert.ok(read && !('error' in read), JSON.stringify(read));
        if (read && !('error' in read)) for (const p of ['a1', 'a2', 'a3', 'old1', 'old2']) assert.ok(read.profiles[p]?.sso_session, `botocore: ${p} has no sso_session`);
      }
      assert.equal(journal(h).length, 4);
      await undoAll(h, 4, { [file]: CONFIG });
    }
  });

  test('setup and sso migrate at once (two files, two change sets): both land, each undoes on its own', async () => {
    const h = home();
    const [s, m] = await Promise.all([
      runCli(['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', OPUS], { home: h }),
      runCli(['sso', 'migrate', '--all'], { home: h }),
    ]);
    assert.equal(s.code, 0, s.stderr);
    assert.equal(m.code, 0, m.stderr);
    await undoAll(h, 2, { [path.join(h, '.aws', 'config')]: CONFIG, [path.join(h, '.claude', 'settings.json')]: SETTINGS });
  });
});

describe('concurrent logins for one session: one sign-in', () => {
  let emu: Emulator;
  before(async () => { emu = await startEmulator(); });
  after(async () => { await emu.stop(); });

  const N = 5;
  test(`${N} logins at once, not signed in: one browser sign-in, the others reuse its token`, async () => {
    const h = home();
    const log = path.join(h, 'browser.log');
    const before = { authorize: emu.callsTo('/authorize').length, token: emu.callsTo('CreateToken').length };
    const rs = await Promise.all(Array.from({ length: N }, () => runCli(['login', '--profile', 'dev', '--json', '--timeout', '30'], { home: h, env: { ...emu.env, BROWSER, BROWSER_LOG: log } })));
    for (const r of rs) assert.equal(r.code, 0, r.stderr);
    const methods = rs.map((r) => r.json().method).sort();
    assert.deepEqual(methods, ['pkce', ...Array(N - 1).fill('reused')]);
    assert.equal(fs.readFileSync(log, 'utf8').trim().split('\n').length, 1, 'more than one browser was opened');
    assert.equal(emu.callsTo('/authorize').length - before.authorize, 1);
    assert.equal(emu.callsTo('CreateToken').length - before.token, 1);
    const cache = fs.readdirSync(path.join(h, '.aws', 'sso', 'cache')).map((n) => path.join(h, '.aws', 'sso', 'cache', n));
    for (const f of cache) {
      assert.doesNotThrow(() => JSON.parse(fs.readFileSync(f, 'utf8')), `${f} is torn`);
      assert.equal(fs.statSync(f).mode & 0o777, 0o600);
    }

    // Near expiry: the same crowd refreshes once (refresh tokens rotate: a second refresh would be refused).
    const tokenFile = cache.find((f) => 'refreshToken' in JSON.parse(fs.readFileSync(f, 'utf8')))!;
    const tok = JSON.parse(fs.readFileSync(tokenFile, 'utf8'));
    fs.writeFileSync(tokenFile, JSON.stringify({ ...tok, expiresAt: new Date(Date.now() + 5 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z') }), { mode: 0o600 });
    const old = new Date(Date.now() - 3600_000);
    fs.utimesSync(tokenFile, old, old);
    const t0 = emu.callsTo('CreateToken').length;
    const again = await Promise.all(Array.from({ length: N }, () => runCli(['login', '--profile', 'dev', '--json'], { home: h, env: { ...emu.env, BROWSER, BROWSER_LOG: log } })));
    for (const r of again) assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(again.map((r) => r.json().method).sort(), ['refresh', ...Array(N - 1).fill('reused')]);
    assert.equal(emu.callsTo('CreateToken').length - t0, 1, 'one refresh for all');
    assert.equal(fs.readFileSync(log, 'utf8').trim().split('\n').length, 1, 'a refresh opened a browser');
  });
});
