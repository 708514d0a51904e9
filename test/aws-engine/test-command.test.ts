import { test } from 'node:test';
import assert from 'node:assert/strict';
import { THROTTLING } from '../../emulator/index.js';
import { world, staticProfiles, ssoSessionConfig, ACCOUNT, type World } from './world.js';
import { generateShortTermKey } from '../../src/aws/api-key.js';

const OPUS = 'global.anthropic.claude-opus-5';
const HAIKU = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

function configured(w: World, env: Record<string, string> = {}): void {
  w.credentials(staticProfiles(w, ['keys']));
  w.config('[profile keys]\nregion = us-west-2\n');
  w.settings({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'keys', AWS_REGION: 'us-west-2', ANTHROPIC_MODEL: OPUS, ANTHROPIC_DEFAULT_HAIKU_MODEL: HAIKU, ...env } });
}

const byModel = (r: { json(): any }) => Object.fromEntries(r.json().results.map((x: any) => [x.model, x]));

test('every configured model, both APIs, with latency; the JSON contract', async () => {
  const w = await world();
  try {
    configured(w);
    const r = await w.cli(['test', '--json']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const j = r.json();
    assert.equal(j.profile, 'keys');
    assert.equal(j.region, 'us-west-2');
    assert.deepEqual(j.results.map((x: any) => x.model), [OPUS, HAIKU]);
    for (const x of j.results) {
      for (const k of ['model', 'invoke', 'stream', 'latencyMs', 'error']) assert.ok(k in x, k);
      assert.equal(x.invoke, true);
      assert.equal(x.stream, true);
      assert.equal(typeof x.latencyMs, 'number');
      assert.equal(x.error, null);
    }
    assert.deepEqual(byModel(r)[HAIKU].keys, ['ANTHROPIC_DEFAULT_HAIKU_MODEL']);
    assert.equal(w.emu.callsTo('InvokeModel').length, 2);
    assert.equal(w.emu.callsTo('InvokeModelWithResponseStream').length, 2);
    const human = await w.cli(['test']);
    assert.match(human.stdout, /^Tested with profile keys \(AWS_PROFILE in user settings/m);
    assert.match(human.stdout, new RegExp(`✓ ${OPUS.replace(/\./g, '\\.')}  ANTHROPIC_MODEL  invoke \\d+ ms`));
    assert.match(human.stdout, /All 2 models work\./);
  } finally {
    await w.stop();
  }
});

test('IAM denial of the background model: names the action and the resource; exit 3', async () => {
  const w = await world('denied');
  try {
    configured(w);
    const r = await w.cli(['test', '--json']);
    assert.equal(r.code, 3);
    const h = byModel(r)[HAIKU];
    assert.equal(h.invoke, true);
    assert.equal(h.stream, false);
    assert.equal(h.error.kind, 'access-denied');
    assert.match(h.error.message, /not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-west-2:\d{12}:inference-profile\/us\.anthropic\.claude-haiku-4-5-20251001-v1:0/);
    assert.match(h.error.fix, /allow bedrock:InvokeModelWithResponseStream on arn:aws:bedrock:us-west-2:\d{12}:inference-profile\/us\.anthropic\.claude-haiku/);
    assert.ok(h.error.explain.includes('iam-denied'));
    assert.equal(byModel(r)[OPUS].stream, true);
  } finally {
    await w.stop();
  }
});

test('model access not granted (use-case form)', async () => {
  const w = await world('no-access');
  try {
    configured(w);
    const r = await w.cli(['test', '--json']);
    assert.equal(r.code, 3);
    for (const x of r.json().results) {
      assert.equal(x.error.kind, 'model-access');
      assert.match(x.error.fix, /use-case form/);
    }
  } finally {
    await w.stop();
  }
});

test('throttling: retried with backoff, then reported within bounded time', async () => {
  const w = await world('throttled');
  try {
    configured(w);
    // Bounded: the harness kills a run still going after 15 s, and the exit code below fails.
    const r = await w.cli(['test', '--json', '--model', OPUS], {}, 15_000);
    assert.equal(r.code, 3);
    const x = r.json().results[0];
    assert.equal(x.error.kind, 'throttled');
    assert.match(x.error.message, /after 3 attempts/);
    assert.equal(w.emu.callsTo('InvokeModel').length, 3, 'three attempts');
  } finally {
    await w.stop();
  }
});

test('a throttling exception inside the event stream fails only the stream', async () => {
  const w = await world();
  try {
    configured(w);
    w.emu.addFault({ operation: 'InvokeModelWithResponseStream', error: THROTTLING, inStream: true });
    const r = await w.cli(['test', '--json', '--model', OPUS]);
    assert.equal(r.code, 3);
    const x = r.json().results[0];
    assert.equal(x.invoke, true);
    assert.equal(x.stream, false);
    assert.equal(x.error.kind, 'throttled');
  } finally {
    await w.stop();
  }
});

test('raw model ID: on-demand not supported, and only profiles AWS lists are suggested', async () => {
  const w = await world();
  try {
    configured(w);
    const raw = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
    const r = await w.cli(['test', '--json', '--model', raw]);
    assert.equal(r.code, 3);
    const x = r.json().results[0];
    assert.equal(x.error.kind, 'on-demand-unsupported');
    assert.equal(x.suggestions[0], `global.${raw}`);
    const listed = (await w.cli(['models', '--json'])).json().models.map((m: any) => m.id);
    for (const s of x.suggestions) assert.ok(listed.includes(s), `${s} is listed by AWS`);
    assert.match(x.error.fix, new RegExp(`use an ID AWS lists in us-west-2: global\\.${raw.replace(/[.:]/g, '\\$&')}`));
    // The fix is a whole command that works as printed, without a terminal.
    const pin = /pin it: (claude-bedrock setup .*)$/.exec(x.error.fix)![1]!;
    assert.equal(pin, `claude-bedrock setup --profile keys --region us-west-2 --model global.${raw}`);
    const done = await w.cli([...pin.split(' ').slice(1), '--json']);
    assert.equal(done.code, 0, done.stderr);
    assert.equal(done.json().settings['env.ANTHROPIC_MODEL'], `global.${raw}`);
  } finally {
    await w.stop();
  }
});

test('--model that cannot be a model ID is a usage error before any call; IDs, raw IDs and ARNs are still tried', async () => {
  const w = await world();
  try {
    configured(w);
    for (const bad of ['../../x', '', 'global.anthropic.claude opus', `${OPUS}\u0007`, 'us.anthropic/claude', `${OPUS}/../../invoke`, 'arn:aws:s3:::bucket/key']) {
      const n = w.emu.calls.length;
      const r = await w.cli(['test', '--profile', 'keys', '--region', 'us-west-2', '--model', bad, '--json']);
      assert.equal(r.code, 2, JSON.stringify(bad));
      const e = r.json().error;
      assert.equal(e.code, 'usage');
      assert.match(e.message, /^--model .* cannot be a Bedrock model ID: .+\. Expected an inference-profile ID \(global\.anthropic\.claude-/, JSON.stringify(bad));
      assert.match(e.message, /arn:aws:bedrock:<region>:<account>:application-inference-profile\/<id>/);
      assert.equal(e.next, 'claude-bedrock models --profile keys --region us-west-2  # the IDs AWS offers');
      assert.equal(w.emu.calls.length, n, `no AWS call for ${JSON.stringify(bad)}`);
    }
    const human = await w.cli(['test', '--model', '../../x']);
    assert.equal(human.code, 2);
    assert.match(human.stderr, /^error: --model "\.\.\/\.\.\/x" cannot be a Bedrock model ID: it contains '\.\.' or '\\' \(path traversal\)\./m);
    assert.match(human.stderr, /^ {2}next: claude-bedrock models {2}# the IDs AWS offers$/m);
    // An application-inference-profile ARN and a raw anthropic. ID are sent as given (the raw one to show Bedrock's answer).
    const arn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/a1b2c3d4e5f6`;
    const raw = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
    const ok = await w.cli(['test', '--profile', 'keys', '--region', 'us-east-1', '--model', arn, '--model', raw, '--json']);
    assert.equal(ok.code, 3, ok.stderr);
    const res = byModel(ok);
    assert.equal(res[arn].invoke, true, JSON.stringify(res[arn].error));
    assert.equal(res[raw].error.kind, 'on-demand-unsupported');
    assert.ok(w.emu.callsTo('InvokeModel').some((c) => c.modelId === arn));
  } finally {
    await w.stop();
  }
});

test('a profile from another geography is not served in the region: the ones that are', async () => {
  const w = await world();
  try {
    configured(w, { ANTHROPIC_MODEL: 'eu.anthropic.claude-opus-5' });
    const r = await w.cli(['test', '--json']);
    assert.equal(r.code, 3);
    const x = byModel(r)['eu.anthropic.claude-opus-5'];
    assert.equal(x.error.kind, 'invalid-model');
    assert.deepEqual(x.suggestions.slice(0, 2), ['global.anthropic.claude-opus-5', 'us.anthropic.claude-opus-5']);
    assert.match(x.error.fix, /set ANTHROPIC_MODEL to it/);
  } finally {
    await w.stop();
  }
});

test('expired static credentials: classified as expired, exit 4 like status; an SSO profile never logged in exits 4 before any call', async () => {
  const w = await world('expired');
  try {
    w.credentials(`[old]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`);
    w.config(`[profile old]\nregion = us-west-2\n\n${ssoSessionConfig('sso')}`);
    const r = await w.cli(['test', '--json', '--profile', 'old', '--model', OPUS]);
    assert.equal(r.code, 4);
    assert.equal((await w.cli(['status', '--json', '--profile', 'old'])).code, 4, 'status says the same');
    assert.equal(r.json().results[0].error.kind, 'credentials-expired');
    const sso = await w.cli(['test', '--profile', 'sso', '--model', OPUS]);
    assert.equal(sso.code, 4);
    assert.match(sso.stderr, /Profile sso is not logged in to IAM Identity Center/);
    assert.match(sso.stderr, /next: claude-bedrock login --profile sso/);
    assert.equal(w.emu.callsTo('InvokeModel').length, 1, 'only the static profile reached Bedrock');
  } finally {
    await w.stop();
  }
});

test('the background model honours ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION', async () => {
  const w = await world();
  try {
    configured(w, { ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION: 'us-east-1' });
    const r = await w.cli(['test', '--json']);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(byModel(r)[HAIKU].region, 'us-east-1');
    assert.equal(byModel(r)[OPUS].region, 'us-west-2');
    const regions = w.emu.callsTo('InvokeModel').map((c) => c.region).sort();
    assert.deepEqual(regions, ['us-east-1', 'us-west-2']);
  } finally {
    await w.stop();
  }
});

test('a Bedrock API key from the settings is used as Claude Code uses it (bearer)', async () => {
  const w = await world();
  try {
    w.settings({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_BEARER_TOKEN_BEDROCK: w.apiKey, AWS_REGION: 'us-east-1', ANTHROPIC_MODEL: 'us.anthropic.claude-sonnet-4-6' } });
    const r = await w.cli(['test', '--json']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(r.json().profile, null);
    const human = await w.cli(['test']);
    assert.match(human.stdout, /^Tested with the Bedrock API key \(AWS_BEARER_TOKEN_BEDROCK in user settings \/\S+settings\.json\), region us-east-1:/m);
    const calls = w.emu.callsTo('InvokeModel');
    assert.ok(calls.length > 0 && calls.every((c) => c.auth === 'bearer'), 'every invoke used the API key');
  } finally {
    await w.stop();
  }
});

test('a short-term key from src/aws/api-key.ts works end to end; a tampered and an expired one are refused, each with its fix', async () => {
  const w = await world();
  try {
    const now = new Date();
    const good = (await generateShortTermKey(w.keys, 'us-east-1', { now, expiresInSeconds: 3600 })).token;
    const expired = (await generateShortTermKey(w.keys, 'us-east-1', { now: new Date(now.getTime() - 2 * 3600_000), expiresInSeconds: 3600 })).token;
    const url = Buffer.from(good.slice('bedrock-api-key-'.length), 'base64').toString('utf8');
    const tampered = `bedrock-api-key-${Buffer.from(url.replace(/X-Amz-Signature=(.)/, (_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`)).toString('base64')}`;
    w.secrets.push(good, expired, tampered);
    const run = (key: string, json = true) => {
      w.settings({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_BEARER_TOKEN_BEDROCK: key, AWS_REGION: 'us-east-1', ANTHROPIC_MODEL: 'us.anthropic.claude-sonnet-4-6' } });
      return w.cli(['test', ...(json ? ['--json'] : [])]);
    };
    const ok = await run(good);
    assert.equal(ok.code, 0, ok.stderr + ok.stdout);
    assert.ok(w.emu.callsTo('InvokeModel').every((c) => c.auth === 'bearer' && c.principal === 'arn:aws:iam::123456789012:user/engine'), 'called as the identity that signed the key');

    const fix = 'claude-bedrock setup --auth api-key --api-key generate --region us-east-1   # a new short-term key';
    for (const [key, why] of [[expired, /The short-term key in AWS_BEARER_TOKEN_BEDROCK expired at \d{4}-\d\d-\d\dT[\d:.]+Z \(they last 12 hours at most\)\.$/], [tampered, /has not expired \(valid until [\d\-T:.]+Z\), so it was changed when it was copied, or the credentials that signed it are no longer valid\.$/]] as const) {
      const r = await run(key);
      assert.equal(r.code, 3, r.stderr + r.stdout);
      const e = r.json().results[0].error;
      assert.equal(e.code, 'AccessDeniedException');
      assert.match(e.message, /^AccessDeniedException \(HTTP 403\): Authentication failed: Please make sure your API Key is valid\. /);
      assert.match(e.message, why);
      assert.equal(e.fix, fix);
      assert.ok(e.explain.includes('api-key-auth'));
    }
    const human = await run(expired, false);
    assert.match(human.stdout, /expired at .*\n {6}fix: claude-bedrock setup --auth api-key --api-key generate --region us-east-1/);
    // A key cut short when copied cannot be decoded: named as such.
    const cut = good.slice(0, 40);
    w.secrets.push(cut);
    const c = await run(cut);
    assert.match(c.json().results[0].error.message, /cannot be decoded: it was changed or cut when it was copied\.$/);
    // A long-term key keeps the general advice.
    const long = await run(`ABSK${Buffer.from('not-a-key-of-this-world').toString('base64')}`);
    assert.match(long.json().results[0].error.fix, /AWS_BEARER_TOKEN_BEDROCK holds a current key/);
    // doctor says the same about the expired key in its model-access check.
    await run(expired);
    const d = await w.cli(['doctor', '--json', '--timeout', '5']);
    const access = d.json().checks.find((x: { id: string }) => x.id === 'model-access');
    assert.equal(access.status, 'fail', JSON.stringify(access));
    assert.match(access.detail, /The short-term key in AWS_BEARER_TOKEN_BEDROCK expired at /);
    assert.match(access.fix, /claude-bedrock setup --auth api-key --api-key generate --region us-east-1/);
  } finally {
    await w.stop();
  }
});

test('unreachable endpoint: a network failure within bounded time', async () => {
  const w = await world();
  try {
    configured(w, { ANTHROPIC_BEDROCK_BASE_URL: 'http://127.0.0.1:1' });
    // Bounded: the harness kills a run still going after 15 s, and the exit code below fails.
    const r = await w.cli(['test', '--json', '--model', OPUS], {}, 15_000);
    assert.equal(r.code, 3);
    const x = r.json().results[0];
    assert.equal(x.error.kind, 'network');
    assert.equal(x.error.code, 'ECONNREFUSED');
    assert.match(x.error.fix, /VPN|proxy/);
  } finally {
    await w.stop();
  }
});

test('nothing configured: a clear error naming the next commands', async () => {
  const w = await world();
  try {
    w.credentials(staticProfiles(w, ['keys']));
    const r = await w.cli(['test', '--profile', 'keys']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /No model is configured to test/);
    assert.match(r.stderr, /next: claude-bedrock models --profile keys {2}# then: claude-bedrock test --model <id>/);
  } finally {
    await w.stop();
  }
});
