// Interop: the real Claude Code (pinned npm binary) runs on Bedrock with exactly what `setup` wrote — profile, region,
// model — against the emulator, and stops using Bedrock after `reset`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, runCli, writeFile } from '../helpers.js';
import { startEmulator } from '../../emulator/index.js';
import { homeWithProfiles, read, userSettings } from './fixtures.js';

const CLAUDE = path.join(ROOT, 'node_modules', '@anthropic-ai', `claude-code-${process.platform}-${process.arch}`, process.platform === 'win32' ? 'claude.exe' : 'claude');
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

function claude(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn(CLAUDE, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => c.kill('SIGKILL'), 60_000);
    c.on('error', reject);
    c.on('close', (code) => { clearTimeout(t); resolve({ code, stdout, stderr }); });
  });
}

test('Claude Code uses the profile, region and model setup wrote, and stops after reset', { skip: !fs.existsSync(CLAUDE) && 'Claude Code binary for this platform is not installed' }, async () => {
  const emu = await startEmulator();
  try {
    const home = homeWithProfiles();
    const original = '{\n  "permissions": {"allow": ["Bash(ls)"]},\n  "hooks": {}\n}\n';
    writeFile(userSettings(home), original);
    const s = await runCli(['setup', '--profile', 'keys', '--region', 'us-west-2', '--model', MODEL], { home });
    assert.equal(s.code, 0, s.stderr);

    // Only what Claude Code needs to reach the emulator: no AWS_PROFILE, region or model in its environment.
    const env = { PATH: process.env.PATH ?? '', HOME: home, DISABLE_AUTOUPDATER: '1', DISABLE_TELEMETRY: '1', DISABLE_ERROR_REPORTING: '1', ...emu.env };
    const r = await claude(['-p', 'hi'], env, home);
    assert.equal(r.code, 0, `claude failed: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /emulator answering as us\.anthropic\.claude-sonnet-4-5-20250929-v1:0 in us-west-2/);
    const invoke = emu.callsTo('InvokeModelWithResponseStream').at(-1);
    assert.ok(invoke, 'Claude Code called Bedrock');
    assert.equal(invoke.modelId, MODEL);
    assert.equal(invoke.region, 'us-west-2');
    assert.equal(invoke.principal, emu.scenario.identities[0]!.arn, 'signed with the keys of profile "keys"');

    assert.equal((await runCli(['reset'], { home })).code, 0);
    assert.equal(read(userSettings(home)), original);
    const before = emu.calls.length;
    const after = await claude(['-p', 'hi'], env, home);
    assert.notEqual(after.code, 0);
    assert.match(after.stdout + after.stderr, /Not logged in/);
    assert.equal(emu.calls.length, before, 'no Bedrock call after reset');
  } finally {
    await emu.stop();
  }
});
