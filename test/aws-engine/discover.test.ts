import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { world, staticProfiles, ssoSessionConfig, ACCOUNT } from './world.js';
import { maxOpenAtOnce } from '../../emulator/testing.js';

const ROLE = `arn:aws:iam::${ACCOUNT}:role/BedrockRole`;

test('far-region: 3 profiles (static, sso-session, assume-role) × every region, 100 ms latency, Claude only in ap-southeast-2', async () => {
  const w = await world('far-region');
  try {
    w.credentials(staticProfiles(w, ['keys']));
    w.config(`${ssoSessionConfig('sso', 'corp', 'us-west-2')}\n[profile role]\nrole_arn = ${ROLE}\nsource_profile = keys\nregion = eu-west-1\n`);
    w.ssoLogin('corp');
    const runs: number[] = [];
    let last;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      last = await w.cli(['discover', '--json']);
      runs.push(performance.now() - t0);
      assert.equal(last.code, 0, last.stderr);
    }
    const j = last!.json();
    assert.deepEqual(j.profiles.map((p: any) => p.name).sort(), ['keys', 'role', 'sso']);
    for (const p of j.profiles) {
      assert.deepEqual(Object.keys(p).sort(), ['error', 'identity', 'kind', 'name', 'regions', 'valid']);
      assert.equal(p.valid, true, JSON.stringify(p.error));
      assert.equal(p.identity.account, ACCOUNT);
      assert.equal(p.error, null);
      for (const r of p.regions) assert.deepEqual(Object.keys(r).sort(), ['claude', 'error', 'inferenceProfiles', 'ms', 'region']);
      assert.deepEqual(p.regions.filter((r: any) => r.claude).map((r: any) => r.region), ['ap-southeast-2']);
      const ap = p.regions.find((r: any) => r.claude);
      assert.match(ap.inferenceProfiles[0], /^global\.anthropic\.claude-/);
      assert.ok(p.regions.every((r: any) => r.error === null), 'no region failed');
    }
    assert.match(j.profiles.find((p: any) => p.name === 'sso').identity.arn, /assumed-role\/AWSReservedSSO_BedrockUser_/);
    assert.match(j.profiles.find((p: any) => p.name === 'role').identity.arn, /assumed-role\/BedrockRole\//);
    assert.ok(j.regionsProbed >= 33);
    // One identity call and one credential exchange per profile; one ListInferenceProfiles per profile and region.
    assert.equal(w.emu.callsTo('GetRoleCredentials').length, 3, 'SSO credentials fetched once per run');
    assert.equal(w.emu.callsTo('AssumeRole').length, 3, 'role assumed once per run');
    // Speed is the bench's job (npm run bench); here the parallelism, seen from the server: the emulator holds every
    // answer 100 ms, so regions asked one after the other would never have more than one call open.
    console.log(`# discover far-region wall ms: ${runs.map((x) => Math.round(x)).join(', ')} (engine ${j.elapsedMs} ms)`);
    const open = maxOpenAtOnce(w.emu.callsTo('ListInferenceProfiles'));
    assert.ok(open >= 20, `only ${open} ListInferenceProfiles calls open at once`);
  } finally {
    await w.stop();
  }
});

test('dead region: an error entry after the per-call limit, never a hang; the rest is found', async () => {
  const w = await world('dead-region');
  try {
    w.credentials(staticProfiles(w, ['keys']));
    w.config('[profile keys]\nregion = us-west-2\n');
    // The dead region never answers: a run the limit did not end would be killed by the harness (30 s), not exit 0.
    const r = await w.cli(['discover', '--json', '--timeout', '1', '--regions', 'us-east-1,us-east-2,eu-west-1']);
    assert.equal(r.code, 0, r.stderr);
    const p = r.json().profiles[0];
    const dead = p.regions.find((x: any) => x.region === 'us-east-2');
    assert.equal(dead.error.kind, 'timeout');
    assert.equal(dead.claude, false);
    assert.ok(p.regions.find((x: any) => x.region === 'us-east-1').claude);
    assert.ok(p.regions.find((x: any) => x.region === 'eu-west-1').claude);
    const human = await w.cli(['discover', '--timeout', '1', '--regions', 'us-east-2,us-west-2']);
    assert.match(human.stdout, /us-east-2: .*(time|answer)/);
    assert.match(human.stdout, /fix: /);
  } finally {
    await w.stop();
  }
});

test('a profile that needs a login is an entry with the exact fix; alone it exits 4', async () => {
  const w = await world();
  try {
    w.credentials(staticProfiles(w, ['keys']));
    w.config(`${ssoSessionConfig('old', 'corp')}\n[profile legacy]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = ${ACCOUNT}\nsso_role_name = BedrockUser\n`);
    w.ssoLogin('https://d-1234567890.awsapps.com/start', { refreshable: false, expiresInSeconds: -60 });
    const r = await w.cli(['discover', '--json', '--regions', 'us-east-1']);
    assert.equal(r.code, 0, r.stderr);
    const by = Object.fromEntries(r.json().profiles.map((p: any) => [p.name, p]));
    assert.equal(by.keys.valid, true);
    assert.equal(by.old.valid, false);
    assert.equal(by.old.error.kind, 'credentials-expired');
    assert.equal(by.old.error.fix, 'claude-bedrock login --profile old');
    assert.match(by.old.error.message, /not logged in/);
    assert.equal(by.legacy.error.kind, 'credentials-expired');
    assert.match(by.legacy.error.message, /expired at/);
    assert.match(by.legacy.error.message, /Legacy SSO profiles .* no refresh token/);
    const alone = await w.cli(['discover', '--profile', 'old', '--regions', 'us-east-1']);
    assert.equal(alone.code, 4);
    assert.match(alone.stdout, /fix: claude-bedrock login --profile old/);
  } finally {
    await w.stop();
  }
});

test('unknown profile, bad flags', async () => {
  const w = await world();
  try {
    const r = await w.cli(['discover', '--profile', 'nope', '--json', '--regions', 'us-east-1']);
    assert.equal(r.code, 3);
    assert.equal(r.json().profiles[0].error.kind, 'profile-not-found');
    assert.equal(r.json().profiles[0].error.fix, 'claude-bedrock profiles');
    // A named profile is described as in the full listing: its kind, and its own region probed even when not asked.
    w.config('[profile mine]\nregion = us-gov-west-1\n');
    w.credentials(staticProfiles(w, ['mine']));
    const named = await w.cli(['discover', '--profile', 'mine', '--json']);
    assert.equal(named.json().profiles[0].kind, 'static');
    assert.equal(named.json().profiles[0].regions[0].region, 'us-gov-west-1');
    fs.rmSync(path.join(w.home, '.aws'), { recursive: true, force: true });
    const bad = await w.cli(['discover', '--regions', 'us-east-1,mars']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /"mars" is not an AWS region name/);
    const bad2 = await w.cli(['discover', '--timeout', '0']);
    assert.equal(bad2.code, 2);
    const none = await w.cli(['discover']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /No AWS profiles to discover/);
    assert.match(none.stderr, /next: claude-bedrock sso add/);
  } finally {
    await w.stop();
  }
});

test('human output: identity, Claude regions, next command', async () => {
  const w = await world();
  try {
    w.credentials(staticProfiles(w, ['keys']));
    w.config('[profile keys]\nregion = us-west-2\n');
    const r = await w.cli(['discover', '--regions', 'us-west-2,eu-west-1,ca-central-1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^keys \\(static\\)  ${ACCOUNT}  arn:aws:iam::${ACCOUNT}:user/engine$`, 'm'));
    assert.match(r.stdout, /Claude in 2 regions:/);
    assert.match(r.stdout, /^ {4}us-west-2 +\d+ profiles +global\.anthropic\.claude-/m);
    assert.doesNotMatch(r.stdout, /ca-central-1/);
    assert.match(r.stdout, /^Next: claude-bedrock models --profile keys --region (us-west-2|eu-west-1)$/m);
  } finally {
    await w.stop();
  }
});
