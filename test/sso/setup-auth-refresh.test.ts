// setup's awsAuthRefresh for SSO profiles: `auto` writes this tool's own login by absolute paths — and that command,
// run through a shell the way Claude Code runs it, really signs in; `aws-cli` is refused when the AWS CLI cannot.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI } from '../helpers.js';
import { shq } from '../../src/io/fs.js';
import { BROWSER, LEGACY_CONFIG, SESSION_CONFIG, world, type World } from './harness.js';

const MODEL = 'global.anthropic.claude-opus-4-5-20251101-v1:0';
const worlds: World[] = [];
after(() => Promise.all(worlds.map((w) => w.stop())));
const setup = (w: World, profile: string, extra: string[] = [], env: Record<string, string | undefined> = {}) =>
  w.cli(['setup', '--profile', profile, '--region', 'us-west-2', '--model', MODEL, '--dry-run', '--json', ...extra], env);

function fakeAws(w: World, version: string): string {
  const bin = path.join(w.home, `bin-${version}`);
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'aws'), `#!/bin/sh\necho "aws-cli/${version} Python/3.12.6 Linux/6 exe/x86_64"\n`, { mode: 0o755 });
  return bin;
}

test('auto writes `<node> <script> login --profile P`; run by a shell with a bare PATH, it signs in', async () => {
  const w = await world(SESSION_CONFIG);
  worlds.push(w);
  const r = await setup(w, 'dev');
  assert.equal(r.code, 0, r.stderr);
  const cmd = r.json().awsAuthRefresh;
  assert.equal(cmd, `${shq(process.execPath)} ${shq(CLI)} login --profile dev`);
  // Claude Code runs awsAuthRefresh through a shell, often with a PATH that lacks node (GUI launch, nvm).
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('/bin/sh', ['-c', cmd], { env: { HOME: w.home, PATH: '/nonexistent', ...w.emu.env, BROWSER }, stdio: 'ignore' });
    child.on('close', resolve);
  });
  assert.equal(code, 0);
  assert.equal(w.readToken('corp').startUrl, 'https://d-1234567890.awsapps.com/start');
});

test('--auth-refresh aws-cli is refused when the AWS CLI cannot sign in, and written when it can', async () => {
  const w = await world(`${SESSION_CONFIG}\n${LEGACY_CONFIG}`);
  worlds.push(w);
  const v1 = await setup(w, 'dev', ['--auth-refresh', 'aws-cli']);
  assert.equal(v1.code, 2);
  assert.match(v1.stderr, /--auth-refresh aws-cli cannot work for profile "dev": the AWS CLI on PATH is version 1\.\d+\.\d+, which has no `aws sso login`/);
  assert.match(v1.stderr, /next: use --auth-refresh auto \(claude-bedrock login: no AWS CLI needed\)/);
  const none = await setup(w, 'dev', ['--auth-refresh', 'aws-cli'], { PATH: '/nonexistent' });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /the AWS CLI \(aws\) is not on PATH/);
  const old = fakeAws(w, '2.8.12');
  const tooOld = await setup(w, 'dev', ['--auth-refresh', 'aws-cli'], { PATH: `${old}:${process.env.PATH}` });
  assert.equal(tooOld.code, 2);
  assert.match(tooOld.stderr, /AWS CLI 2\.8\.12 cannot sign in to sso-session profiles \(that needs 2\.9 or later\)/);
  const legacyOk = await setup(w, 'old', ['--auth-refresh', 'aws-cli'], { PATH: `${old}:${process.env.PATH}` });
  assert.equal(legacyOk.code, 0, legacyOk.stderr);
  assert.equal(legacyOk.json().awsAuthRefresh, 'aws sso login --profile old');
  const v2 = fakeAws(w, '2.22.0');
  const ok = await setup(w, 'dev', ['--auth-refresh', 'aws-cli'], { PATH: `${v2}:${process.env.PATH}` });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.json().awsAuthRefresh, 'aws sso login --profile dev');
});
