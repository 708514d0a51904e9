// `npm run emulator`: prints shell exports that work, serves until signalled, refuses unknown scenarios with the fix.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');

describe('emulator main', () => {
  it('prints exports for the scenario, answers on the printed URL, stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--scenario', 'denied', '--port', '0', '--latency-ms', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('# Ctrl-C to stop.')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited early (${code})`)));
    });
    const exports = Object.fromEntries([...out.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
    const url = exports.AWS_ENDPOINT_URL!;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    for (const s of ['STS', 'SSO', 'SSO_OIDC', 'BEDROCK', 'BEDROCK_RUNTIME']) assert.equal(exports[`AWS_ENDPOINT_URL_${s}`], url);
    assert.equal(exports.AWS_ACCESS_KEY_ID, 'AKIAIOSFODNN7EXAMPLE');
    assert.match(out, /^# claude-bedrock AWS emulator: scenario denied at /m);
    assert.match(out, /sso_start_url = https:\/\/d-1234567890\.awsapps\.com\/start/);
    const res = await fetch(`${url}/__emulator/scenario`);
    assert.equal((await res.json()).name, 'denied');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  it('an unknown scenario exits 2 and names the valid ones', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--scenario', 'nope'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^error: unknown scenario "nope"\n  next: npm run emulator -- --scenario default {3}\(one of: default, far-region, denied, no-access, throttled, expired, dead-region\)\n$/);
  });
});
