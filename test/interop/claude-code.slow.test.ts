// The real Claude Code CLI (pinned devDependency) on Bedrock against the emulator: static keys, an SSO profile,
// a Bedrock API key, and AWS's model-access error as Claude Code shows it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { API_KEY, STATIC_IDENTITY } from '../../emulator/scenarios/default.js';
import { ROOT, runProcess, scrubbedEnv, tempDir, writeFile, type ProcessResult } from '../helpers.js';

const require = createRequire(import.meta.url);
const PINNED = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['@anthropic-ai/claude-code'];

/** The native binary: from the platform package (works even when npm skipped the wrapper's postinstall). */
function findClaude(): { bin?: string; why?: string } {
  const exe = process.platform === 'win32' ? 'claude.exe' : 'claude';
  for (const pkg of [`@anthropic-ai/claude-code-${process.platform}-${process.arch}`, `@anthropic-ai/claude-code-${process.platform}-${process.arch}-musl`]) {
    try {
      const bin = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), exe);
      if (fs.existsSync(bin)) return { bin };
    } catch { /* not installed for this platform */ }
  }
  try {
    const bin = path.join(path.dirname(require.resolve('@anthropic-ai/claude-code/package.json')), 'bin', 'claude.exe');
    if (fs.statSync(bin).size > 1_000_000) return { bin };
  } catch { /* not installed */ }
  return { why: `@anthropic-ai/claude-code ${PINNED} is not installed for ${process.platform}-${process.arch} (run npm install)` };
}

const claude = findClaude();
const version = claude.bin ? spawnSync(claude.bin, ['--version'], { encoding: 'utf8', timeout: 30_000 }) : undefined;
const skip = claude.why ?? (version?.status !== 0 ? `claude --version failed: ${version?.stderr || version?.error?.message}` : false);
if (skip) process.stderr.write(`claude-code interop skipped: ${skip}\n`);

function runClaude(env: Record<string, string>, home: string): Promise<ProcessResult> {
  return runProcess(claude.bin!, ['-p', 'say hi'], { cwd: home, env, timeoutMs: 60_000 });
}

/** Claude Code's environment: Bedrock on, no telemetry or other traffic, every endpoint on the emulator. */
function claudeEnv(emu: Emulator, home: string, extra: Record<string, string>): Record<string, string> {
  return scrubbedEnv(home, { ...emu.env, CLAUDE_CODE_USE_BEDROCK: '1', DISABLE_TELEMETRY: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_AUTOUPDATER: '1', ...extra });
}

const ANSWER = /^Hi! This is the claude-bedrock AWS emulator answering as (\S+) in (\S+)\.$/;

async function withEmulator<T>(scenario: string, fn: (emu: Emulator) => Promise<T>): Promise<T> {
  const emu = await startEmulator({ scenario });
  try {
    return await fn(emu);
  } finally {
    await emu.stop();
  }
}

describe(`Claude Code ${version?.stdout.trim() ?? PINNED} on Bedrock against the emulator`, { skip, concurrency: true }, () => {
  it('static keys + AWS_REGION: discovers profiles, answers with the us. profile, all signed for us-west-2', () =>
    withEmulator('default', async (emu) => {
      const home = tempDir();
      const r = await runClaude(claudeEnv(emu, home, { AWS_ACCESS_KEY_ID: STATIC_IDENTITY.accessKeyId, AWS_SECRET_ACCESS_KEY: STATIC_IDENTITY.secretAccessKey, AWS_REGION: 'us-west-2' }), home);
      assert.equal(r.code, 0, r.stderr);
      const m = ANSWER.exec(r.stdout.trim());
      assert.ok(m, `unexpected answer: ${r.stdout}`);
      assert.match(m[1]!, /^us\.anthropic\.claude-/);
      assert.equal(m[2], 'us-west-2');
      const bedrock = emu.calls.filter((c) => c.service === 'bedrock' || c.service === 'bedrock-runtime');
      assert.ok(emu.callsTo('ListInferenceProfiles').some((c) => c.status === 200));
      assert.ok(emu.callsTo('InvokeModelWithResponseStream').some((c) => c.status === 200 && c.modelId === m[1]));
      assert.ok(bedrock.every((c) => c.auth === 'sigv4' && c.region === 'us-west-2' && c.principal === STATIC_IDENTITY.arn));
    }));

  it('SSO profile (sso-session, cached token): role credentials from the portal, region from the profile', () =>
    withEmulator('default', async (emu) => {
      const home = tempDir();
      const t = emu.issueSsoToken();
      writeFile(path.join(home, '.aws', 'config'), ['[profile emu]', 'sso_session = emu', 'sso_account_id = 123456789012', 'sso_role_name = BedrockUser', 'region = eu-west-1', '', '[sso-session emu]', `sso_start_url = ${t.startUrl}`, `sso_region = ${t.region}`, 'sso_registration_scopes = sso:account:access', ''].join('\n'));
      writeFile(path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('emu').digest('hex')}.json`), JSON.stringify(t), 0o600);
      const r = await runClaude(claudeEnv(emu, home, { AWS_PROFILE: 'emu' }), home);
      assert.equal(r.code, 0, r.stderr);
      const m = ANSWER.exec(r.stdout.trim());
      assert.ok(m, `unexpected answer: ${r.stdout}`);
      assert.match(m[1]!, /^eu\.anthropic\.claude-/);
      assert.equal(m[2], 'eu-west-1');
      assert.deepEqual(emu.callsTo('GetRoleCredentials').map((c) => [c.status, c.region]), [[200, 'us-east-1']]);
      const stream = emu.callsTo('InvokeModelWithResponseStream').find((c) => c.status === 200)!;
      assert.match(stream.principal!, /^arn:aws:sts::123456789012:assumed-role\/AWSReservedSSO_BedrockUser_[0-9a-f]{16}\/alice$/);
    }));

  it('Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) through a /region/<r> base URL', () =>
    withEmulator('default', async (emu) => {
      const home = tempDir();
      const r = await runClaude(claudeEnv(emu, home, { AWS_BEARER_TOKEN_BEDROCK: API_KEY.key, AWS_REGION: 'ap-northeast-1', ANTHROPIC_BEDROCK_BASE_URL: `${emu.url}/region/ap-northeast-1` }), home);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout.trim(), /answering as apac\.anthropic\.claude-\S+ in ap-northeast-1\.$/);
      const bedrock = emu.calls.filter((c) => c.service === 'bedrock-runtime');
      assert.ok(bedrock.length > 0 && bedrock.every((c) => c.auth === 'bearer' && c.principal === API_KEY.arn));
    }));

  it('no model access: Claude Code shows AWS’s 403 text (CLAUDE-CODE-BEDROCK §3 #11) and exits non-zero', () =>
    withEmulator('no-access', async (emu) => {
      const home = tempDir();
      const r = await runClaude(claudeEnv(emu, home, { AWS_ACCESS_KEY_ID: STATIC_IDENTITY.accessKeyId, AWS_SECRET_ACCESS_KEY: STATIC_IDENTITY.secretAccessKey, AWS_REGION: 'us-east-1' }), home);
      assert.notEqual(r.code, 0);
      assert.ok((r.stdout + r.stderr).includes("API Error: 403 You don't have access to the model with the specified model ID."), r.stdout + r.stderr);
      const streams = emu.callsTo('InvokeModelWithResponseStream');
      assert.ok(streams.length > 0 && streams.every((c) => c.status === 403 && c.errorCode === 'AccessDeniedException'));
    }));
});
