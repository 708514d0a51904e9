// setup without a terminal: automatic choices with --yes, --print for managed deployment, and --auth api-key, each
// run as the built CLI against the emulator; what was written, what was printed (never a key), exit codes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, runCli, type RunResult } from '../helpers.js';
import { API_KEY } from '../../emulator/scenarios/default.js';
import { CLOSEST, wizardWorld, type WizardWorld } from './world.js';

const OPUS = 'global.anthropic.claude-opus-5-5';
const HAIKU = 'global.anthropic.claude-haiku-4-5-20251001-v1:0';
const SONNET = 'global.anthropic.claude-sonnet-4-6';

function cli(w: WizardWorld, args: string[], opts: { input?: string; env?: Record<string, string | undefined> } = {}): Promise<RunResult> {
  return runCli(args, { home: w.home, env: w.env(opts.env), ...(opts.input !== undefined ? { input: opts.input } : {}), timeoutMs: 30_000 });
}

function noKey(r: RunResult, key: string): void {
  assert.ok(!r.stdout.includes(key) && !r.stderr.includes(key), 'the API key was printed');
  assert.doesNotMatch(r.stdout + r.stderr, /bedrock-api-key-[A-Za-z0-9+/=]{8}|ABSK[A-Za-z0-9+/=]{16}/);
}

describe('setup --yes: automatic choices, no terminal', () => {
  let w: WizardWorld;
  before(async () => { w = await wizardWorld(); });
  after(() => w.stop());

  it('picks the sso-session profile, the closest region serving Claude, the newest global profiles and Haiku; writes once; tests', async () => {
    const r = await cli(w, ['setup', '--yes', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = r.json();
    assert.equal(j.wizard.mode, 'automatic');
    assert.equal(j.wizard.profile.name, 'dev');
    assert.equal(j.wizard.region.name, CLOSEST);
    assert.deepEqual(j.wizard.models, { primary: OPUS, haiku: HAIKU, opus: null, sonnet: null });
    assert.deepEqual(j.test.results.map((x: any) => [x.model, x.invoke, x.stream]), [[OPUS, true, true], [HAIKU, true, true]]);
    assert.equal(j.changes.length, 1);
    assert.deepEqual(w.settings(), {
      env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'dev', AWS_REGION: CLOSEST, ANTHROPIC_MODEL: OPUS, ANTHROPIC_DEFAULT_HAIKU_MODEL: HAIKU },
      awsAuthRefresh: `${process.execPath} ${CLI} login --profile dev`,
    });
    // Each automatic choice is said, with the flag that overrides it; progress is on stderr.
    assert.match(r.stderr, new RegExp(`Region: ${CLOSEST} \\(closest, \\d+ ms\\)\\s+\\(automatic; --region to choose\\)`));
    assert.match(r.stderr, /Profile: dev \(sso-session\)/);
    assert.match(r.stderr, /Measuring the round trip to \d+ Bedrock regions…/);
    assert.equal(w.journal().length, 1);
  });

  it('a second run starts from what is written and changes nothing', async () => {
    const before = w.settingsText();
    w.emu.setLatency(0, 'ap-northeast-1'); // another region is now as close: the current one still wins
    const r = await cli(w, ['setup', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /No change: .*settings\.json already has these settings\./);
    assert.match(r.stderr, new RegExp(`Region: ${CLOSEST} \\(current`));
    assert.equal(w.settingsText(), before);
    assert.equal(w.journal().length, 1);
  });

  it('flags given are used as they are; only the rest is chosen', async () => {
    const r = await cli(w, ['setup', '--yes', '--region', 'us-east-2', '--model', SONNET, '--scope', 'local', '--skip-test', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const local = JSON.parse(fs.readFileSync(path.join(w.home, '.claude', 'settings.local.json'), 'utf8'));
    assert.equal(local.env.AWS_REGION, 'us-east-2');
    assert.equal(local.env.ANTHROPIC_MODEL, SONNET);
    assert.equal(r.json().testSkipped, '--skip-test');
    assert.doesNotMatch(r.stderr, /Measuring the round trip/);
  });
});

describe('setup --yes for a profile that needs no refresh command', () => {
  it('removes the awsAuthRefresh a setup for an SSO profile left, shown in the diff; undo restores it', async () => {
    const before = `{\n  "env": {\n    "AWS_PROFILE": "dev"\n  },\n  "awsAuthRefresh": "claude-bedrock login --profile dev"\n}\n`;
    const w = await wizardWorld({ settings: before });
    try {
      const r = await cli(w, ['setup', '--yes', '--profile', 'keys', '--skip-test', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const j = r.json();
      assert.equal(j.awsAuthRefresh, null);
      assert.deepEqual(j.removed, [{ key: 'awsAuthRefresh', value: 'claude-bedrock login --profile dev' }]);
      assert.match(j.changes[0].diff, /^-\s+"awsAuthRefresh": "claude-bedrock login --profile dev"$/m);
      assert.equal(w.settings()!.awsAuthRefresh, undefined);
      assert.equal(w.settings()!.env.AWS_PROFILE, 'keys');
      assert.match(r.stderr, /no awsAuthRefresh: it uses long-term access keys/);
      const none = await cli(w, ['setup', '--yes', '--profile', 'keys', '--auth-refresh', 'none', '--skip-test']);
      assert.match(none.stdout, /No change/);
      assert.equal((await cli(w, ['undo'])).code, 0);
      assert.equal(w.settingsText(), before);
    } finally {
      await w.stop();
    }
  });
});

describe("the README's main job: setup --sandbox --yes", () => {
  it('completes the whole flow against the embedded emulator with automatic choices, exits 0, leaves nothing behind', async () => {
    const w = await wizardWorld();
    try {
      const r = await cli(w, ['setup', '--sandbox', '--yes']);
      assert.equal(r.code, 0, r.stderr);
      const home = /HOME is (\S+) \(deleted at exit\)/.exec(r.stderr)?.[1];
      assert.ok(home, r.stderr);
      assert.match(r.stdout, /Created .*settings\.json \(user settings\):\n\s+env\.CLAUDE_CODE_USE_BEDROCK\s+"1"\n\s+env\.AWS_PROFILE\s+"sandbox"/);
      assert.match(r.stdout, /env\.ANTHROPIC_MODEL\s+"global\.anthropic\.claude-opus-5-5"/);
      assert.match(r.stdout, /env\.ANTHROPIC_DEFAULT_HAIKU_MODEL\s+"global\.anthropic\.claude-haiku-4-5-20251001-v1:0"/);
      assert.match(r.stdout, /✓ global\.anthropic\.claude-opus-5-5\s+ANTHROPIC_MODEL/);
      assert.match(r.stderr, /Region: [a-z0-9-]+ \(closest, \d+ ms\)/);
      assert.equal(fs.existsSync(home!), false, 'the sandbox HOME is removed');
      assert.equal(w.settingsText(), null);
      assert.equal(w.emu.calls.length, 0, 'the real (here: the test) endpoints were never called');
    } finally {
      await w.stop();
    }
  });
});

describe('setup --yes: refusals write nothing', () => {
  it('a profile that needs a sign-in: exit 4 with the login command', async () => {
    const w = await wizardWorld({ signedIn: false });
    try {
      const r = await cli(w, ['setup', '--yes', '--profile', 'dev']);
      assert.equal(r.code, 4, r.stderr);
      assert.match(r.stderr, /next: claude-bedrock login --profile dev/);
      assert.equal(w.settingsText(), null);
    } finally {
      await w.stop();
    }
  });

  it('no terminal and no --yes: a usage error naming the flags and --yes', async () => {
    const w = await wizardWorld();
    try {
      const r = await cli(w, ['setup', '--profile', 'dev']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /Missing --region, --model\. stdin\/stdout is not a terminal.*\(or --yes for automatic choices\)/);
    } finally {
      await w.stop();
    }
  });

  it('a malformed settings file stops the wizard before any network call', async () => {
    const w = await wizardWorld({ settings: '{ "env": { ' });
    try {
      const r = await cli(w, ['setup', '--yes']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /settings\.json/);
      assert.doesNotMatch(r.stderr, /Checking prerequisites/);
      assert.equal(w.emu.calls.length, 0);
      assert.equal(w.settingsText(), '{ "env": { ');
    } finally {
      await w.stop();
    }
  });
});

describe('setup --print', () => {
  let w: WizardWorld;
  before(async () => { w = await wizardWorld(); });
  after(() => w.stop());

  it('prints the env block and awsAuthRefresh for a known profile, writes nothing, calls nothing, loads no AWS SDK', async () => {
    const forbid = path.join(path.dirname(CLI), '..', 'test', 'settings', 'forbid-aws-sdk.mjs');
    const r = await cli(w, ['setup', '--print', '--profile', 'dev', '--region', 'us-west-2', '--model', `${OPUS}[1m]`, '--haiku-model', HAIKU], { env: { NODE_OPTIONS: `--import ${forbid}` } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'dev', AWS_REGION: 'us-west-2', ANTHROPIC_MODEL: `${OPUS}[1m]`, ANTHROPIC_DEFAULT_HAIKU_MODEL: HAIKU },
      awsAuthRefresh: 'aws sso login --profile dev',
    });
    assert.match(r.stderr, /Nothing was written/);
    assert.equal(fs.existsSync(path.join(w.home, '.claude')), false);
    assert.equal(fs.existsSync(path.join(w.home, '.claude-bedrock')), false);
    assert.equal(w.emu.calls.length, 0);
    const j = await cli(w, ['setup', '--print', '--json', '--profile', 'dev', '--region', 'us-west-2', '--model', OPUS]);
    assert.deepEqual(Object.keys(j.json()), ['env', 'awsAuthRefresh']);
  });

  it('a profile defined only on the target machines: no refresh command unless one is given', async () => {
    const r = await cli(w, ['setup', '--print', '--profile', 'corp-bedrock', '--region', 'eu-west-1', '--model', OPUS]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).awsAuthRefresh, undefined);
    assert.match(r.stderr, /profile "corp-bedrock" is not defined on this machine/);
    const r2 = await cli(w, ['setup', '--print', '--profile', 'corp-bedrock', '--region', 'eu-west-1', '--model', OPUS, '--auth-refresh', 'aws-cli']);
    assert.equal(JSON.parse(r2.stdout).awsAuthRefresh, 'aws sso login --profile corp-bedrock');
  });

  it('refuses what a real setup refuses, and never asks', async () => {
    const missing = await cli(w, ['setup', '--print', '--profile', 'dev']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--print needs --region, --model/);
    const raw = await cli(w, ['setup', '--print', '--profile', 'dev', '--region', 'us-west-2', '--model', 'anthropic.claude-opus-4-8']);
    assert.equal(raw.code, 2);
    assert.match(raw.stderr, /raw foundation-model ID/);
    const secret = await cli(w, ['setup', '--print', '--auth', 'api-key']);
    assert.equal(secret.code, 2);
    assert.match(secret.stderr, /--print never includes secrets/);
  });
});

describe('setup --auth api-key', () => {
  it('a long-term key on stdin: written only to the settings file (0600), never printed, tested with the key; undo removes it', async () => {
    const w = await wizardWorld();
    try {
      const r = await cli(w, ['setup', '--auth', 'api-key', '--api-key', 'stdin', '--region', 'us-east-1', '--model', SONNET, '--yes', '--json'], { input: `${API_KEY.key}\n` });
      assert.equal(r.code, 0, r.stderr);
      noKey(r, API_KEY.key);
      const j = r.json();
      assert.deepEqual(j.apiKey, { kind: 'long-term', source: 'stdin', region: null, expiresAt: null, limitedByCredentials: false });
      assert.equal(j.settings['env.AWS_BEARER_TOKEN_BEDROCK'], '[hidden]');
      assert.match(j.changes[0].diff, /"AWS_BEARER_TOKEN_BEDROCK": "\[redacted\]"/);
      assert.ok(j.test.results.every((x: any) => x.invoke && x.stream));
      assert.ok(w.emu.calls.some((c) => c.auth === 'bearer' && c.operation === 'InvokeModel'), 'the test used the key');
      const s = w.settings()!;
      assert.equal(s.env.AWS_BEARER_TOKEN_BEDROCK, API_KEY.key);
      assert.equal(s.env.AWS_REGION, 'us-east-1');
      assert.equal(s.env.ANTHROPIC_DEFAULT_HAIKU_MODEL, HAIKU);
      assert.equal(s.awsAuthRefresh, undefined);
      assert.equal(fs.statSync(w.settingsFile).mode & 0o777, 0o600);
      const u = await cli(w, ['undo']);
      assert.equal(u.code, 0, u.stderr);
      assert.equal(w.settingsText(), null);
    } finally {
      await w.stop();
    }
  });

  it('an existing world-readable settings file is made 0600 and merged; undo restores its bytes and mode', async () => {
    const original = '{\n  "theme": "dark",\n  "env": { "AWS_PROFILE": "dev" },\n  "awsAuthRefresh": "aws sso login --profile dev"\n}\n';
    const w = await wizardWorld({ settings: original });
    try {
      fs.chmodSync(w.settingsFile, 0o644);
      const r = await cli(w, ['setup', '--auth', 'api-key', '--api-key', 'env', '--region', 'us-east-1', '--model', SONNET, '--haiku-model', HAIKU, '--yes', '--skip-test'], { env: { AWS_BEARER_TOKEN_BEDROCK: API_KEY.key } });
      assert.equal(r.code, 0, r.stderr);
      noKey(r, API_KEY.key);
      assert.match(r.stderr, /was readable by others \(mode 644\); it now holds a secret, so it is 0600/);
      assert.equal(fs.statSync(w.settingsFile).mode & 0o777, 0o600);
      const s = w.settings()!;
      assert.equal(s.theme, 'dark');
      assert.equal(s.env.AWS_PROFILE, 'dev');
      assert.equal(s.env.AWS_BEARER_TOKEN_BEDROCK, API_KEY.key);
      assert.equal(s.awsAuthRefresh, undefined, 'a login the key does not use is removed');
      assert.equal((await cli(w, ['undo'])).code, 0);
      assert.equal(w.settingsText(), original);
      assert.equal(fs.statSync(w.settingsFile).mode & 0o777, 0o644);
    } finally {
      await w.stop();
    }
  });

  it('generate: a short-term key signed by the profile for the region, with its expiry shown and never the key', async () => {
    const w = await wizardWorld();
    try {
      const r = await cli(w, ['setup', '--auth', 'api-key', '--profile', 'keys', '--region', 'us-west-2', '--model', SONNET, '--haiku-model', HAIKU, '--expires', '2h', '--yes', '--skip-test', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const key: string = w.settings()!.env.AWS_BEARER_TOKEN_BEDROCK;
      assert.ok(key.startsWith('bedrock-api-key-'));
      noKey(r, key);
      const url = new URL(`https://${Buffer.from(key.slice('bedrock-api-key-'.length), 'base64').toString('utf8')}`);
      assert.equal(url.host, 'bedrock.amazonaws.com');
      assert.equal(url.searchParams.get('Action'), 'CallWithBearerToken');
      assert.match(url.searchParams.get('X-Amz-Credential')!, /^AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-west-2\/bedrock\/aws4_request$/);
      assert.equal(url.searchParams.get('X-Amz-Expires'), '7200');
      const j = r.json();
      assert.equal(j.apiKey.kind, 'short-term');
      assert.equal(j.apiKey.region, 'us-west-2');
      const left = Date.parse(j.apiKey.expiresAt) - Date.now();
      assert.ok(left > 7_100_000 && left <= 7_200_000, `expires in ${left} ms`);
      assert.match(r.stderr, /Generated a short-term Bedrock API key for us-west-2, valid until \d{4}-\d\d-\d\dT/);
    } finally {
      await w.stop();
    }
  });

  it('refusals: a key as a flag value (not echoed), project scope, an empty pipe, no --yes without a terminal, a key for another region', async () => {
    const w = await wizardWorld();
    try {
      const flag = await cli(w, ['setup', '--auth', 'api-key', '--api-key', API_KEY.key]);
      assert.equal(flag.code, 2);
      noKey(flag, API_KEY.key);
      assert.match(flag.stderr, /never the key itself/);
      const project = await cli(w, ['setup', '--auth', 'api-key', '--scope', 'project', '--api-key', 'stdin'], { input: API_KEY.key });
      assert.equal(project.code, 2);
      assert.match(project.stderr, /only to user or local settings/);
      const empty = await cli(w, ['setup', '--auth', 'api-key', '--api-key', 'stdin', '--region', 'us-east-1', '--model', SONNET, '--yes'], { input: '' });
      assert.equal(empty.code, 1);
      assert.match(empty.stderr, /not a Bedrock API key: it is empty/);
      const unconfirmed = await cli(w, ['setup', '--auth', 'api-key', '--api-key', 'stdin', '--region', 'us-east-1', '--model', SONNET, '--haiku-model', HAIKU], { input: API_KEY.key });
      assert.equal(unconfirmed.code, 2);
      assert.match(unconfirmed.stderr, /needs a confirmation.*add --yes/);
      noKey(unconfirmed, API_KEY.key);
      const gen = await cli(w, ['setup', '--auth', 'api-key', '--profile', 'keys', '--region', 'us-west-2', '--model', SONNET, '--haiku-model', HAIKU, '--yes', '--skip-test', '--json']);
      const shortKey: string = w.settings()!.env.AWS_BEARER_TOKEN_BEDROCK;
      assert.equal(gen.code, 0);
      const other = await cli(w, ['setup', '--auth', 'api-key', '--api-key', 'stdin', '--region', 'eu-west-1', '--model', SONNET, '--yes'], { input: shortKey });
      assert.equal(other.code, 2);
      assert.match(other.stderr, /signed for us-west-2, not eu-west-1/);
      noKey(other, shortKey);
      assert.equal(w.journal().length, 1, 'only the generate run wrote');
    } finally {
      await w.stop();
    }
  });
});
