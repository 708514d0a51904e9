// Network faults through the emulator: a dead region, a stalled connection, a response that drips one byte at a time,
// 5xx bursts, throttling, a malformed event stream, truncated JSON. Every run ends within a bound (generous, so timing
// never flakes), partial results say which part failed, and AWS-retryable errors are retried (counted in the call log).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SERVICE_UNAVAILABLE, startEmulator, THROTTLING, type CallRecord, type Fault } from '../../emulator/index.js';
import { runCli, type RunResult } from '../helpers.js';
import { tempDir } from '../security/world.js';

const OPUS = 'global.anthropic.claude-opus-4-5-20251101-v1:0';

function home(): string {
  const h = tempDir('cb-net-');
  fs.mkdirSync(path.join(h, '.aws'));
  fs.mkdirSync(path.join(h, '.claude'));
  fs.writeFileSync(path.join(h, '.aws', 'config'), '[profile keys]\nregion = us-west-2\n');
  fs.writeFileSync(path.join(h, '.aws', 'credentials'), '[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n', { mode: 0o600 });
  fs.writeFileSync(path.join(h, '.claude', 'settings.json'), JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'keys', AWS_REGION: 'us-west-2', ANTHROPIC_MODEL: OPUS } }) + '\n', { mode: 0o600 });
  return h;
}

interface Run { r: RunResult; ms: number; calls: CallRecord[]; json: any }

/** One emulator per case (faults are per scenario), the CLI with --json; how long it took and what AWS saw. */
async function run(scenario: string, faults: Fault[], args: string[]): Promise<Run> {
  const emu = await startEmulator({ scenario });
  for (const f of faults) emu.addFault(f);
  try {
    const t = performance.now();
    const r = await runCli([...args, '--json'], { home: home(), env: emu.env, timeoutMs: 90_000 });
    const ms = performance.now() - t;
    assert.ok(!/Unexpected error|This is a bug/.test(r.stderr), r.stderr);
    assert.ok(!r.stdout.includes('wJalrXUtnFEMI'), 'a secret key was printed');
    return { r, ms, calls: emu.calls.filter((c) => c.service !== 'emulator'), json: JSON.parse(r.stdout) };
  } finally {
    await emu.stop();
  }
}

const ops = (x: Run, op: string) => x.calls.filter((c) => c.operation === op);
const within = (x: Run, ms: number, what: string) => assert.ok(x.ms < ms, `${what} took ${Math.round(x.ms)} ms (bound ${ms} ms)`);
const figures: Record<string, number> = {};

describe('network faults: bounded, partial results marked, retried like AWS', { concurrency: 4 }, () => {
  test('dead region: test times out within its limit; regions and discover list it as failed next to the live ones', async () => {
    const t = await run('dead-region', [], ['test', '--region', 'us-east-2', '--timeout', '2']);
    within(t, 10_000, 'test in a dead region');
    assert.equal(t.r.code, 3);
    assert.equal(t.json.results[0].error.kind, 'timeout');
    const g = await run('dead-region', [], ['regions', '--profile', 'keys', '--regions', 'us-east-2,us-west-2', '--timeout', '2']);
    within(g, 10_000, 'regions with a dead region');
    const byRegion = Object.fromEntries(g.json.regions.map((x: any) => [x.region, x]));
    assert.equal(byRegion['us-west-2'].error, null);
    assert.equal(byRegion['us-west-2'].claude, true);
    assert.equal(byRegion['us-east-2'].error.kind, 'timeout');
    assert.equal(g.json.regions.at(-1).region, 'us-east-2', 'the dead region is listed last');
    const d = await run('dead-region', [], ['discover', '--profile', 'keys', '--regions', 'us-east-2,us-west-2', '--timeout', '2']);
    within(d, 10_000, 'discover with a dead region');
    const p = d.json.profiles[0];
    assert.equal(p.valid, true);
    assert.equal(p.regions.find((x: any) => x.region === 'us-east-2').error.kind, 'timeout');
    assert.equal(p.regions.find((x: any) => x.region === 'us-west-2').claude, true);
    figures.deadRegionTestMs = Math.round(t.ms);
  });

  test('stalled connection (accepted, never answered): STS in doctor, one region in regions', async () => {
    const d = await run('default', [{ service: 'sts', error: 'hang' }], ['doctor', '--timeout', '2']);
    within(d, 15_000, 'doctor with STS stalled');
    assert.equal(d.r.code, 3);
    const identity = d.json.checks.find((c: any) => /identity/i.test(c.id));
    assert.ok(identity && identity.status !== 'pass', JSON.stringify(identity));
    assert.ok(identity.fix, 'the stalled check says what to do');
    const g = await run('default', [{ service: 'bedrock', operation: 'ListInferenceProfiles', region: 'eu-west-1', error: 'hang' }], ['regions', '--profile', 'keys', '--regions', 'us-west-2,eu-west-1', '--timeout', '2']);
    within(g, 10_000, 'regions with a stalled region');
    assert.equal(g.r.code, 0);
    assert.equal(g.json.regions.find((x: any) => x.region === 'eu-west-1').error.kind, 'timeout');
    assert.equal(g.json.regions.find((x: any) => x.region === 'us-west-2').error, null);
    figures.stalledStsDoctorMs = Math.round(d.ms);
  });

  test('slow drip (bytes keep coming, so no idle timeout fires): the per-call limit still ends it', async () => {
    const t = await run('default', [{ service: 'bedrock-runtime', error: 'drip', dripMs: 20 }], ['test', '--timeout', '2']);
    within(t, 10_000, 'test with a dripping response');
    assert.equal(t.r.code, 3);
    assert.equal(t.json.results[0].invoke, false);
    assert.ok(t.json.results[0].error, 'the dripping invoke is reported as failed');
    const d = await run('default', [{ service: 'bedrock', operation: 'ListInferenceProfiles', region: 'us-east-1', error: 'drip', dripMs: 20 }], ['discover', '--profile', 'keys', '--regions', 'us-west-2,us-east-1', '--timeout', '2']);
    within(d, 10_000, 'discover with a dripping region');
    const p = d.json.profiles[0];
    assert.ok(p.regions.find((x: any) => x.region === 'us-east-1').error, 'the dripping region is marked failed');
    assert.equal(p.regions.find((x: any) => x.region === 'us-west-2').claude, true);
    // status has no --timeout: its own limit applies.
    const s = await run('default', [{ service: 'sts', error: 'drip', dripMs: 50 }], ['status']);
    within(s, 25_000, 'status with a dripping STS');
    assert.equal(s.r.code, 0);
    figures.dripTestMs = Math.round(t.ms);
    figures.dripStatusMs = Math.round(s.ms);
  });

  test('5xx bursts: retried with backoff (3 attempts), then the answer is used', async () => {
    const m = await run('default', [{ service: 'bedrock', operation: 'ListInferenceProfiles', error: SERVICE_UNAVAILABLE, times: 2 }], ['models', '--profile', 'keys', '--region', 'us-west-2']);
    assert.equal(m.r.code, 0, m.r.stderr);
    assert.ok(m.json.models.length > 0);
    const calls = ops(m, 'ListInferenceProfiles');
    assert.deepEqual(calls.map((c) => c.status), [503, 503, 200]);
    const gaps = calls.slice(1).map((c, i) => c.time - calls[i]!.time);
    assert.ok(gaps.reduce((a, b) => a + b, 0) >= 5, `no backoff between attempts: ${gaps}`);
    const t = await run('default', [{ service: 'bedrock-runtime', operation: 'InvokeModel', error: { status: 500, code: 'InternalServerException', message: 'boom' }, times: 2 }], ['test']);
    assert.equal(t.r.code, 0, t.r.stdout);
    assert.deepEqual(ops(t, 'InvokeModel').map((c) => c.status), [500, 500, 200]);
    figures.burstRetryGapMs = gaps.reduce((a, b) => a + b, 0);
  });

  test('throttling: a burst is retried away; persistent throttling is 3 attempts per call, then a throttled result', async () => {
    const b = await run('default', [{ service: 'bedrock-runtime', operation: 'InvokeModel', error: THROTTLING, times: 2 }], ['test']);
    assert.equal(b.r.code, 0, b.r.stdout);
    assert.deepEqual(ops(b, 'InvokeModel').map((c) => c.status), [429, 429, 200]);
    const p = await run('throttled', [], ['test', '--timeout', '5']);
    within(p, 15_000, 'test against persistent throttling');
    assert.equal(p.r.code, 3);
    assert.equal(p.json.results[0].error.kind, 'throttled');
    assert.equal(ops(p, 'InvokeModel').length, 3, 'bounded retries of InvokeModel');
    assert.equal(ops(p, 'InvokeModelWithResponseStream').length, 3, 'bounded retries of the stream');
    figures.throttledTestMs = Math.round(p.ms);
  });

  test('malformed event stream: the invoke works, the stream is reported unreadable (partial result)', async () => {
    const t = await run('default', [{ service: 'bedrock-runtime', operation: 'InvokeModelWithResponseStream', error: 'corrupt' }], ['test']);
    assert.equal(t.r.code, 3);
    const x = t.json.results[0];
    assert.equal(x.invoke, true);
    assert.equal(x.stream, false);
    assert.equal((x.streamError ?? x.error).kind, 'malformed-response');
    assert.match((x.streamError ?? x.error).message, /could not be read/i);
  });

  test('truncated JSON: once is retried away; always is a clear error; in one region of many, only that region fails', async () => {
    const once = await run('default', [{ service: 'bedrock', operation: 'ListInferenceProfiles', error: 'truncate', times: 1 }], ['models', '--profile', 'keys', '--region', 'us-west-2']);
    assert.equal(once.r.code, 0, once.r.stdout);
    assert.equal(ops(once, 'ListInferenceProfiles').length, 2);
    const always = await run('default', [{ service: 'bedrock', operation: 'ListInferenceProfiles', error: 'truncate' }], ['models', '--profile', 'keys', '--region', 'us-west-2']);
    assert.equal(always.r.code, 1);
    assert.ok(always.json.error.message && always.json.error.next, JSON.stringify(always.json));
    assert.equal(ops(always, 'ListInferenceProfiles').length, 3);
    const d = await run('default', [{ service: 'bedrock', operation: 'ListInferenceProfiles', region: 'eu-west-1', error: 'truncate' }], ['discover', '--profile', 'keys', '--regions', 'us-west-2,eu-west-1', '--timeout', '3']);
    const p = d.json.profiles[0];
    assert.ok(p.regions.find((x: any) => x.region === 'eu-west-1').error, 'the truncated region is marked failed');
    assert.equal(p.regions.find((x: any) => x.region === 'us-west-2').claude, true);
  });

  after(() => console.log(`# network: ${JSON.stringify(figures)}`));
});
