// The setup wizard through a real pseudo-terminal (tmux): keys in, screens out, then the files written (or not).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Terminal, tmuxMissing } from './tmux.js';
import { CLI, filesUnder } from '../helpers.js';
import net from 'node:net';
import { CLOSEST, wizardWorld, type WizardWorld } from './world.js';
import { API_KEY } from '../../emulator/scenarios/default.js';

const skip = tmuxMissing();
if (skip) console.log(`# skipping the wizard PTY tests: ${skip}`);

const BROWSER = `${process.execPath} ${path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../sso/fixtures/browser.mjs')}`;
const USER_CONTENT = '{\n  "theme": "dark",\n  "permissions": { "allow": ["Bash(ls)"] }\n}\n';

async function session(w: WizardWorld, args: string[], run: (t: Terminal) => Promise<void>, env: Record<string, string> = {}): Promise<void> {
  const t = new Terminal();
  try {
    await t.start(['setup', ...args], { env: w.env(env), cwd: w.home });
    await run(t);
  } finally {
    t.kill();
  }
}

describe('setup wizard in a terminal', { skip, concurrency: 3 }, () => {
  it('happy path: every step answered with the keyboard, one change set written, models tested', async () => {
    const w = await wizardWorld();
    try {
      await session(w, [], async (t) => {
        const first = await t.answer(/\? AWS profile for Claude Code/, 'Enter');
        assert.match(first, /Prerequisites\n\s+Node\.js\s+\d+\.\d+\.\d+\n\s+Claude Code\s+2\.1\.332\s+ok\n\s+AWS CLI\s+2\.15\.0\s+can do sso-session logins; too old for PKCE \(2\.22\), `aws login` \(2\.32\)/);
        assert.match(first, /❯\s+1\) dev\s+sso-session · refreshable/);
        assert.match(first, /old\s+sso-legacy · 8-hour sessions/);
        const regions = await t.waitFor(/\? Bedrock region/);
        assert.match(regions, new RegExp(`❯\\s+1\\) ${CLOSEST}\\s+\\d+ ms · \\d+ Claude profiles · closest`));
        await t.keys('Enter');
        const models = await t.answer(/\? Primary model \(ANTHROPIC_MODEL\)/, 'Enter');
        assert.match(models, /❯\s+1\) global\.anthropic\.claude-opus-5-5\s+Claude Opus 5\.5 · 1M context available/);
        await t.answer(/\? 1M-token context window for Claude Opus 5\.5\?/, 'y');
        await t.answer(/\? Background model \(ANTHROPIC_DEFAULT_HAIKU_MODEL\)/, 'Enter');
        await t.answer(/\? Also pin the opus and sonnet aliases\?/, 'n');
        await t.answer(/\? Settings file to write/, 'Enter');
        const refresh = await t.answer(/\? Credential refresh \(awsAuthRefresh\)/, 'Enter');
        assert.match(refresh, /when Claude Code finds its AWS credentials expired/);
        assert.match(refresh, /❯\s+1\) \S+node\S* \S+cli\.js login --profile dev\s+claude-bedrock login, no AWS CLI needed\n\s+2\) aws sso login --profile dev\s+the AWS CLI\n\s+3\) none/);
        const diff = await t.answer(/\? Write these settings to .*settings\.json\?/, 'Enter');
        assert.match(diff, /\+\s+"ANTHROPIC_MODEL": "global\.anthropic\.claude-opus-5-5\[1m\]"/);
        assert.equal(await t.exitCode(), 0);
        const end = (await t.screen());
        assert.match(end, /✔ 2 of 2 models answered/);
        assert.match(end, /✓ global\.anthropic\.claude-opus-5-5\[1m\]\s+ANTHROPIC_MODEL/);
        assert.match(end, /Next: restart Claude Code/);
      });
      assert.deepEqual(w.settings(), {
        env: {
          CLAUDE_CODE_USE_BEDROCK: '1',
          AWS_PROFILE: 'dev',
          AWS_REGION: CLOSEST,
          ANTHROPIC_MODEL: 'global.anthropic.claude-opus-5-5[1m]',
          ANTHROPIC_DEFAULT_HAIKU_MODEL: 'global.anthropic.claude-haiku-4-5-20251001-v1:0',
        },
        awsAuthRefresh: `${process.execPath} ${CLI} login --profile dev`,
      });
      assert.equal(fs.statSync(w.settingsFile).mode & 0o777, 0o600);
      const j = w.journal();
      assert.deepEqual(j.map((e) => [e.command, e.status]), [['setup --scope user', 'applied']]);
    } finally {
      await w.stop();
    }
  });

  const cancelAt: { name: string; slow?: boolean; keys(t: Terminal): Promise<void> }[] = [
    { name: 'the profile question', keys: async (t) => { await t.answer(/\? AWS profile for Claude Code/, 'Down', 'C-c'); } },
    { name: 'the region question', keys: async (t) => { await t.answer(/\? AWS profile/, 'Enter'); await t.answer(/\? Bedrock region/, 'C-c'); } },
    { name: 'the model question, while typing', keys: async (t) => { await t.answer(/\? AWS profile/, 'Enter'); await t.answer(/\? Bedrock region/, 'Enter'); await t.answer(/\? Primary model/, 'Down', 'Down', 'C-c'); } },
    {
      name: 'the final confirmation, with the diff on screen',
      keys: async (t) => {
        await t.answer(/\? AWS profile/, 'Enter');
        await t.answer(/\? Bedrock region/, 'Enter');
        await t.answer(/\? Primary model/, 'Enter');
        await t.answer(/\? 1M-token/, 'Enter');
        await t.answer(/\? Background model/, 'Enter');
        await t.answer(/\? Also pin/, 'Enter');
        await t.answer(/\? Settings file/, 'Enter');
        await t.answer(/\? Credential refresh/, 'Enter');
        await t.answer(/\? Write these settings/, 'C-c');
      },
    },
    { name: 'a network wait (the region probe spinner)', slow: true, keys: async (t) => { await t.answer(/\? AWS profile/, 'Enter'); await t.answer(/Measuring the round trip/, 'C-c'); } },
  ];
  for (const c of cancelAt) {
    it(`Ctrl-C at ${c.name} writes nothing and exits 2`, async () => {
      const w = await wizardWorld({ settings: USER_CONTENT, latencyMs: c.slow ? 3_000 : undefined });
      if (c.slow) for (const r of ['us-west-2', 'us-east-1']) w.emu.setLatency(0, r); // sign-in and STS are quick; only the probe waits
      try {
        await session(w, [], async (t) => {
          await c.keys(t);
          // The exit code alone is the proof: without the cancel the process would go on to the next question and
          // wait there (the test's time limit is only a hang guard), or die of the signal with 130.
          assert.equal(await t.exitCode(), 2);
          assert.match((await t.screen()), /error: Cancelled: nothing was written\./);
        });
        assert.equal(w.settingsText(), USER_CONTENT);
        assert.deepEqual(w.journal(), []);
      } finally {
        await w.stop();
      }
    });
  }

  it('a re-run starts from the current values (not the closest region or the newest model) and changes nothing when accepted', async () => {
    const current = `{
  "theme": "dark",
  "env": {
    "CLAUDE_CODE_USE_BEDROCK": "1",
    "AWS_PROFILE": "keys",
    "AWS_REGION": "eu-west-1",
    "ANTHROPIC_MODEL": "global.anthropic.claude-sonnet-4-5-20250929-v1:0[1m]",
    "ANTHROPIC_DEFAULT_HAIKU_MODEL": "eu.anthropic.claude-haiku-4-5-20251001-v1:0"
  }
}
`;
    const w = await wizardWorld({ settings: current });
    try {
      await session(w, [], async (t) => {
        const p = await t.answer(/\? AWS profile for Claude Code/, 'Enter');
        assert.match(p, /❯\s+2\) keys\s+static · eu-west-1 · current/);
        const r = await t.answer(/\? Bedrock region/, 'Enter');
        assert.match(r, /❯\s+\d+\) eu-west-1\s+\d+ ms · \d+ Claude profiles · current/);
        const m = await t.answer(/\? Primary model/, 'Enter');
        assert.match(m, /❯\s+\d+\) global\.anthropic\.claude-sonnet-4-5-20250929-v1:0\s+Claude Sonnet 4\.5 · current/);
        const oneM = await t.answer(/\? 1M-token context window for Claude Sonnet 4\.5\?/, 'Enter');
        assert.match(oneM, /\(Y\/n\)/);
        const h = await t.answer(/\? Background model/, 'Enter');
        assert.match(h, /❯\s+\d+\) eu\.anthropic\.claude-haiku-4-5-20251001-v1:0\s+Claude Haiku 4\.5 · current/);
        await t.answer(/\? Also pin/, 'Enter');
        await t.answer(/\? Settings file to write/, 'Enter');
        assert.equal(await t.exitCode(), 0);
        const end = (await t.screen());
        assert.match(end, /no awsAuthRefresh: it uses long-term access keys/);
        assert.doesNotMatch(end, /\? Write these settings/);
        assert.match(end, /No change: .*settings\.json already has these settings\./);
        assert.match(end, /✔ 2 of 2 models answered/);
      });
      assert.equal(w.settingsText(), current);
      assert.deepEqual(w.journal(), []);
    } finally {
      await w.stop();
    }
  });

  it('a legacy SSO profile is offered migration (diff shown first); a later Ctrl-C says what stays done', async () => {
    const w = await wizardWorld();
    try {
      const before = fs.readFileSync(w.configFile, 'utf8');
      await session(w, [], async (t) => {
        await t.answer(/\? AWS profile for Claude Code/, 'Down', 'Down', 'Enter');
        const offer = await t.waitFor(/\? Convert profile old to the refreshable sso-session format\?/);
        assert.match(offer, /legacy SSO format: its sign-in lasts about 8 hours and never refreshes/);
        assert.match(offer, /\+sso_session = corp/);
        assert.match(offer, /-sso_start_url = https:\/\/d-1234567890\.awsapps\.com\/start/);
        await t.keys('y');
        await t.waitFor(/✔ Profile old: arn:aws:sts::123456789012:assumed-role\//);
        await t.answer(/\? Bedrock region/, 'C-c');
        assert.equal(await t.exitCode(), 2);
        assert.match((await t.screen()), /Cancelled: the Claude Code settings were not written\. Earlier steps you confirmed stay done: profile old was converted to the sso-session format in .*config \(claude-bedrock undo reverts it\)/);
      });
      const afterText = fs.readFileSync(w.configFile, 'utf8');
      assert.notEqual(afterText, before);
      const old = /\[profile old\]\n([^[]*)/.exec(afterText)![1]!;
      assert.match(old, /^sso_session = corp$/m);
      assert.doesNotMatch(old, /sso_start_url|sso_region/);
      assert.ok(afterText.startsWith('# my AWS config\n[profile dev]\n'), 'the rest of the file is untouched');
      assert.equal(w.settingsText(), null);
      assert.deepEqual(w.journal().map((e) => [e.command, e.status]), [['sso migrate', 'applied']]);
    } finally {
      await w.stop();
    }
  });

  it('setup --sandbox on a terminal runs the wizard against the embedded emulator (Enter everywhere)', async () => {
    const w = await wizardWorld();
    try {
      await session(w, ['--sandbox'], async (t) => {
        const p = await t.answer(/\? AWS profile for Claude Code/, 'Enter');
        assert.match(p, /sandbox: AWS is the embedded emulator/);
        assert.match(p, /❯\s+1\) sandbox\s+sso-session · refreshable · us-west-2 · current/);
        for (const q of [/\? Bedrock region/, /\? Primary model/, /\? 1M-token/, /\? Background model/, /\? Also pin/, /\? Settings file to write/, /\? Credential refresh/, /\? Write these settings/]) {
          await t.answer(q, 'Enter');
        }
        assert.equal(await t.exitCode(), 0);
        const end = (await t.screen());
        assert.match(end, /Created .*claude-bedrock-sandbox-.*settings\.json \(user settings\)/);
        assert.match(end, /✔ 2 of 2 models answered/);
      });
      assert.equal(w.settingsText(), null, 'nothing outside the sandbox was written');
    } finally {
      await w.stop();
    }
  });

  it('setup --auth api-key: a pasted key is never echoed, then written after the diff (redacted) is confirmed', async () => {
    const w = await wizardWorld();
    try {
      await session(w, ['--auth', 'api-key', '--region', 'us-east-1'], async (t) => {
        await t.answer(/\? Settings file for the API key/, 'Enter');
        const m = await t.answer(/\? Bedrock API key \(↑/, 'Down', 'Enter');
        assert.match(m, /Generate a short-term key\s+signed with your current AWS credentials/);
        await t.waitFor(/\? Bedrock API key \(not echoed\)/);
        await t.type(API_KEY.key);
        await t.waitFor(new RegExp(`hidden: ${API_KEY.key.length} characters`));
        await t.keys('Enter');
        for (const q of [/\? Primary model/, /\? 1M-token/, /\? Background model/, /\? Also pin/]) await t.answer(q, 'Enter');
        const diff = await t.answer(/\? Write the API key and these settings to .*settings\.json\?/, 'Enter');
        assert.match(diff, /"AWS_BEARER_TOKEN_BEDROCK": "\[redacted\]"/);
        assert.equal(await t.exitCode(), 0);
        const end = (await t.screen());
        assert.ok(!end.includes(API_KEY.key), 'the key appeared on the terminal');
        assert.match(end, /✔ Bedrock API key \(not echoed\) · \[hidden\]/);
        assert.match(end, /Bedrock API key: long-term, never shown/);
      });
      assert.equal(w.settings()!.env.AWS_BEARER_TOKEN_BEDROCK, API_KEY.key);
      assert.equal(fs.statSync(w.settingsFile).mode & 0o777, 0o600);
    } finally {
      await w.stop();
    }
  });

  it('a profile that is not signed in: the wizard offers the sign-in, then carries on', async () => {
    const w = await wizardWorld({ signedIn: false });
    try {
      await session(w, [], async (t) => {
        await t.answer(/\? AWS profile for Claude Code/, 'Enter');
        const s = await t.answer(/\? Sign in to IAM Identity Center now\? \(opens your browser\)/, 'Enter');
        assert.match(s, /Profile dev is not signed in/);
        await t.waitFor(/✔ Profile dev: arn:aws:sts::123456789012:assumed-role\//);
        await t.answer(/\? Bedrock region/, 'C-c');
        assert.equal(await t.exitCode(), 2);
        assert.match((await t.screen()), /Earlier steps you confirmed stay done: profile dev is signed in/);
      }, { BROWSER });
      assert.equal(w.settingsText(), null);
      const cache = fs.readdirSync(path.join(w.home, '.aws', 'sso', 'cache'));
      assert.ok(cache.length >= 1, 'the sign-in wrote the token cache');
    } finally {
      await w.stop();
    }
  });
  it('Ctrl-C while the sign-in waits for the browser: the login stops (listener closed), nothing is written, exit 2', async () => {
    const w = await wizardWorld({ signedIn: false });
    const launcher = (rel: string) => /^\.run-/.test(rel);
    const before = filesUnder(w.home, launcher);
    let port = 0;
    try {
      // BROWSER=true "opens" the sign-in page and never signs in: the wizard waits on its loopback listener.
      await session(w, [], async (t) => {
        await t.answer(/\? AWS profile for Claude Code/, 'Enter');
        await t.answer(/\? Sign in to IAM Identity Center now\? \(opens your browser\)/, 'Enter');
        const waiting = await t.waitFor(/Waiting up to 180 s for the sign-in/);
        port = Number(/redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A(\d+)/.exec(waiting)?.[1]);
        assert.ok(port > 0 && (await connects(port)), `the loopback listener is up on ${port}`);
        await t.keys('C-c');
        assert.equal(await t.exitCode(), 2);
        const end = await t.screen();
        assert.match(end, /^error: Cancelled: nothing was written\.$/m);
        assert.doesNotMatch(end, /stay done/);
      }, { BROWSER: 'true' });
      assert.equal(await connects(port), false, 'the loopback port still accepts connections');
      assert.deepEqual(fs.readdirSync(path.join(w.home, '.aws', 'sso', 'cache')), [], 'no token or registration was cached');
      assert.deepEqual(filesUnder(w.home, launcher), before, 'no file was written or changed');
      assert.equal(w.emu.callsTo('CreateToken').length, 0);
    } finally {
      await w.stop();
    }
  });
});

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}
