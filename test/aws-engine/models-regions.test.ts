// models, regions, explain end to end; offline paths never load the AWS SDK.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../helpers.js';
import { world, staticProfiles, ACCOUNT } from './world.js';

test('models: Claude profiles newest first, global. preferred, application profiles apart; JSON fields pinned', async () => {
  const w = await world();
  try {
    w.credentials(staticProfiles(w, ['keys']));
    w.config('[profile keys]\nregion = us-east-1\n');
    const r = await w.cli(['models', '--profile', 'keys', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = r.json();
    assert.equal(j.region, 'us-east-1', "the profile's region");
    for (const m of j.models) assert.deepEqual(Object.keys(m).sort(), ['family', 'foundationModel', 'geo', 'id', 'name', 'status', 'type']);
    const system = j.models.filter((m: any) => m.type === 'SYSTEM_DEFINED');
    assert.match(system[0].id, /^global\.anthropic\.claude-opus-/);
    assert.ok(system.every((m: any) => m.foundationModel.startsWith('anthropic.claude')));
    // For each model, its global. profile comes before the regional copies.
    const seen = new Map<string, string>();
    for (const m of system) if (!seen.has(m.foundationModel)) seen.set(m.foundationModel, m.geo);
    for (const [fm, geo] of seen) if (system.some((m: any) => m.foundationModel === fm && m.geo === 'global')) assert.equal(geo, 'global', fm);
    const app = j.models.filter((m: any) => m.type === 'APPLICATION');
    assert.deepEqual(app.map((m: any) => m.id), [`arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/a1b2c3d4e5f6`]);
    assert.equal(app[0].family, 'sonnet');
    assert.equal(j.recommended.opus, system[0].id);
    const human = await w.cli(['models', '--profile', 'keys']);
    assert.match(human.stdout, /^Application inference profiles \(your account's own\):$/m);
    assert.match(human.stdout, /^Pin: claude-bedrock setup --profile keys --region us-east-1 --model global\.anthropic\.claude-opus-\S+ --haiku-model global\.anthropic\.claude-haiku-\S+$/m);
  } finally {
    await w.stop();
  }
});

test('models --map: the profiles that contain a raw model ID; none → exit 3; a non-ID is a usage error', async () => {
  const w = await world();
  try {
    w.credentials(staticProfiles(w, ['keys']));
    const r = await w.cli(['models', '--profile', 'keys', '--region', 'eu-west-1', '--map', 'anthropic.claude-sonnet-4-5-20250929-v1:0', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json().map.profiles, ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0']);
    const none = await w.cli(['models', '--profile', 'keys', '--region', 'eu-west-1', '--map', 'anthropic.claude-opus-4-1-20250805-v1:0']);
    assert.equal(none.code, 3);
    assert.match(none.stdout, /No inference profile in eu-west-1, profile keys contains anthropic\.claude-opus-4-1-20250805-v1:0\./);
    assert.match(none.stdout, /claude-bedrock discover --profile keys/);
    const bad = await w.cli(['models', '--map', 'gpt-4o']);
    assert.equal(bad.code, 2);
  } finally {
    await w.stop();
  }
});

test('models --timeout: a stalled Bedrock endpoint ends at the limit with a timeout that names the region and the fix', async () => {
  const w = await world();
  try {
    w.credentials(staticProfiles(w, ['keys']));
    w.emu.addFault({ service: 'bedrock', operation: 'ListInferenceProfiles', region: 'eu-west-1', error: 'hang' });
    const r = await w.cli(['models', '--profile', 'keys', '--region', 'eu-west-1', '--timeout', '1', '--json'], {}, 20_000);
    assert.equal(r.code, 1, r.stderr);
    const e = r.json().error;
    assert.equal(e.code, 'timeout');
    assert.match(e.message, /^Listing the inference profiles in eu-west-1 with profile keys failed \(time limit 1\.0 s\)/);
    assert.match(e.next, /claude-bedrock regions shows which regions answer/);
    assert.match(e.next, /claude-bedrock models --profile keys --region eu-west-1 --timeout 30$/);
    const human = await w.cli(['models', '--profile', 'keys', '--region', 'eu-west-1', '--timeout', '1'], {}, 20_000);
    assert.equal(human.code, 1);
    assert.match(human.stderr, /^ {2}next: check the network/m);
    for (const bad of ['0', 'soon', '601']) {
      const u = await w.cli(['models', '--timeout', bad]);
      assert.equal(u.code, 2, bad);
      assert.match(u.stderr, /--timeout must be a number of seconds/);
    }
    // Every page of the listing shares the one limit: two pages of 700 ms each do not fit in 1 s.
    w.emu.scenario.applicationProfiles.push(...Array.from({ length: 1000 }, (_, i) => ({ region: 'us-west-2', account: ACCOUNT, id: `p${String(i).padStart(11, '0')}`, name: `team-${i}`, source: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' })));
    w.emu.setLatency(700, 'us-west-2');
    const paged = await w.cli(['models', '--profile', 'keys', '--region', 'us-west-2', '--timeout', '1', '--json'], {}, 20_000);
    assert.equal(paged.json().error?.code, 'timeout', paged.stdout);
    const whole = await w.cli(['models', '--profile', 'keys', '--region', 'us-west-2', '--timeout', '10', '--json'], {}, 20_000);
    assert.equal(whole.code, 0, whole.stderr);
    assert.equal(whole.json().models.filter((m: any) => m.type === 'APPLICATION').length, 1000, 'both pages read');
  } finally {
    await w.stop();
  }
});

test('regions: every region answers in parallel, ranked by RTT, Claude availability, dead region last', async () => {
  const w = await world('dead-region');
  try {
    w.credentials(staticProfiles(w, ['keys']));
    w.emu.setLatency(400, 'eu-west-1');
    w.emu.setLatency(0, 'us-west-2');
    const r = await w.cli(['regions', '--profile', 'keys', '--json', '--timeout', '5']);
    assert.equal(r.code, 0, r.stderr);
    // In parallel, seen from the server: every region was asked while the dead one still hung (one after the other,
    // the regions after it would only be asked once its time limit ended it).
    const probes = w.emu.calls.filter((c) => c.service === 'bedrock');
    const hung = probes.filter((c) => c.region === 'us-east-2');
    assert.ok(hung.length >= 1 && hung.every((c) => c.ended !== undefined), 'the dead region was asked, and its call ended by the time limit');
    const firstHangEnd = Math.min(...hung.map((c) => c.ended!));
    assert.deepEqual(probes.filter((c) => c.time > firstHangEnd && c.region !== 'us-east-2').map((c) => c.region), [], 'regions asked only after the dead one gave up');
    const j = r.json();
    for (const x of j.regions) assert.deepEqual(Object.keys(x).sort(), ['claude', 'error', 'region', 'rttMs']);
    const firstFailed = j.regions.findIndex((x: any) => x.error);
    assert.ok(j.regions.slice(firstFailed).every((x: any) => x.error && x.rttMs === null), 'regions that did not answer come last');
    const dead = j.regions.find((x: any) => x.region === 'us-east-2');
    assert.equal(dead.rttMs, null);
    assert.equal(dead.error.kind, 'timeout');
    assert.match(dead.error.message, /did not answer within 5000 ms/);
    const rtt = (reg: string) => j.regions.find((x: any) => x.region === reg).rttMs;
    assert.ok(rtt('eu-west-1') >= 390, `eu-west-1 ${rtt('eu-west-1')} ms`);
    assert.ok(rtt('us-west-2') < rtt('eu-west-1'));
    const answered = j.regions.filter((x: any) => x.rttMs !== null).map((x: any) => x.rttMs);
    assert.deepEqual(answered, [...answered].sort((a: number, b: number) => a - b), 'fastest first');
    assert.equal(j.regions.find((x: any) => x.region === 'ca-central-1').claude, false);
    assert.equal(j.regions.find((x: any) => x.region === 'us-west-2').claude, true);
    assert.equal(j.recommended, j.regions.find((x: any) => x.claude).region);
    const human = await w.cli(['regions', '--profile', 'keys', '--regions', 'us-west-2,ca-central-1']);
    assert.match(human.stdout, /^ {2}us-west-2 +\d+ ms +yes \(\d+ profiles\)$/m);
    assert.match(human.stdout, /^Fastest region with Claude: us-west-2 \(\d+ ms\)\.$/m);
  } finally {
    await w.stop();
  }
});

test('explain: argument, stdin, JSON; exact texts from the docs', async () => {
  const home = tempDir();
  const { runCli } = await import('../helpers.js');
  const a = await runCli(['explain', '--json', 'API Error (us.anthropic.claude-opus-4-6-v1): 400 The provided model identifier is invalid.'], { home });
  assert.equal(a.code, 0);
  assert.deepEqual(a.json().matches.map((m: any) => m.id), ['invalid-model-id', 'region-not-read']);
  for (const m of a.json().matches) for (const k of ['id', 'cause', 'fix']) assert.ok(m[k], k);
  const s = await runCli(['explain', '-', '--profile', 'dev'], { home, input: 'API Error: The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.\n' });
  assert.equal(s.code, 0);
  assert.match(s.stdout, /^SSO session expired \[sso-session-expired\]$/m);
  assert.match(s.stdout, /^ {2}fix: {5}claude-bedrock login --profile dev/m);
  assert.match(s.stdout, /^ {2}confirm: claude-bedrock status --profile dev$/m);
  const none = await runCli(['explain', 'all good'], { home });
  assert.equal(none.code, 3);
  const empty = await runCli(['explain'], { home, input: '' });
  assert.equal(empty.code, 2);
  const words = await runCli(['explain', 'Too', 'many', 'tokens,', 'please', 'wait', 'before', 'trying', 'again.'], { home });
  assert.match(words.stdout, /\[throttling\]/);
});

test('offline paths never load the AWS SDK: status --offline, explain, and the help of every engine command', async () => {
  const { runCli } = await import('../helpers.js');
  const { ROOT } = await import('../helpers.js');
  const env = { NODE_OPTIONS: `--import=${pathToFileURL(path.join(ROOT, 'test', 'settings', 'forbid-aws-sdk.mjs')).href}` };
  const home = tempDir();
  for (const args of [['status', '--offline', '--json'], ['explain', 'ThrottlingException'], ['discover', '--help'], ['models', '--help'], ['regions', '--help'], ['test', '--help'], ['explain', '--help']]) {
    const r = await runCli(args, { home, env });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /loaded the AWS SDK/);
  }
  // The guard works: online status does load it (and reports the failure instead of crashing).
  const online = await runCli(['status', '--json'], { home, env });
  assert.match(JSON.stringify(online.json().identityError), /loaded the AWS SDK/);
});
