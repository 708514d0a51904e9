// --sandbox: a throwaway HOME with ready profiles, every endpoint on the embedded emulator, nothing of the user's leaking in.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { createDeps } from './deps.js';
import { createOutput } from './io/output.js';
import { enterSandbox, SANDBOX_KEYS_PROFILE, SANDBOX_SSO_PROFILE, SANDBOX_SSO_SESSION } from './sandbox.js';
import { parseTokenFile, sha1 } from './core/sso/cache-format.js';
import { CLI, runCli, tempDir } from '../test/helpers.js';

const savedEnv = { ...process.env };
after(() => {
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
});

describe('enterSandbox', () => {
  it('builds a sandbox HOME and an environment that points every AWS endpoint at the emulator', async () => {
    const userHome = tempDir();
    let notes = '';
    const stderr = new Writable({ write: (c, _e, cb) => ((notes += c), cb()) });
    const deps = createDeps({
      env: { PATH: process.env.PATH, HOME: userHome, AWS_PROFILE: 'prod', AWS_ACCESS_KEY_ID: 'AKIAREALUSERKEY00000', AWS_CONFIG_FILE: '/etc/real', CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_MODEL: 'x' },
      stderr,
    });
    const sb = await enterSandbox(deps, createOutput(deps, { json: false, noColor: true, debug: false }));
    const home = sb.home();
    assert.notEqual(home, userHome);
    assert.ok(home.startsWith(path.join(os.tmpdir(), 'claude-bedrock-sandbox-')));
    assert.match(notes, /^sandbox: AWS is the embedded emulator \(scenario default\) at http:\/\/127\.0\.0\.1:\d+; HOME is .+ \(deleted at exit\)\./);
    assert.ok(notes.includes(home));

    const url = sb.env.AWS_ENDPOINT_URL!;
    for (const s of ['STS', 'SSO', 'SSO_OIDC', 'BEDROCK', 'BEDROCK_RUNTIME']) assert.equal(sb.env[`AWS_ENDPOINT_URL_${s}`], url);
    assert.equal(sb.env.ANTHROPIC_BEDROCK_BASE_URL, url);
    assert.equal(sb.env.HOME, home);
    assert.equal(sb.env.AWS_PROFILE, SANDBOX_SSO_PROFILE);
    assert.equal(sb.env.CLAUDE_CONFIG_DIR, path.join(home, '.claude'));
    assert.equal(sb.env.CLAUDE_BEDROCK_MANAGED_SETTINGS, path.join(home, 'managed', 'managed-settings.json'));
    assert.ok(sb.cwd.startsWith(home));
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_CONFIG_FILE', 'CLAUDE_CODE_USE_BEDROCK', 'ANTHROPIC_MODEL']) assert.equal(sb.env[k], undefined, `${k} must not leak into the sandbox`);
    assert.equal(sb.env.PATH, process.env.PATH);
    // The SDK reads process.env itself, so the process lives in the sandbox too.
    assert.equal(process.env.HOME, home);
    assert.equal(process.env.AWS_ENDPOINT_URL_SSO, url);
    assert.equal(process.env.AWS_ACCESS_KEY_ID, undefined);

    const config = fs.readFileSync(path.join(home, '.aws', 'config'), 'utf8');
    assert.match(config, new RegExp(`\\[profile ${SANDBOX_SSO_PROFILE}\\]\\nsso_session = ${SANDBOX_SSO_SESSION}\\n`));
    assert.match(config, /\[sso-session sandbox\]\nsso_start_url = https:\/\/d-1234567890\.awsapps\.com\/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access/);
    assert.match(fs.readFileSync(path.join(home, '.aws', 'credentials'), 'utf8'), new RegExp(`\\[${SANDBOX_KEYS_PROFILE}\\]\\naws_access_key_id = AKIA`));
    const tokenFile = path.join(home, '.aws', 'sso', 'cache', `${sha1(SANDBOX_SSO_SESSION)}.json`);
    const tok = parseTokenFile(fs.readFileSync(tokenFile, 'utf8'));
    assert.ok(tok.ok && tok.expiresAt.getTime() > Date.now() + 30 * 60_000 && tok.value.refreshToken && tok.value.clientSecret);
    assert.equal(fs.statSync(tokenFile).mode & 0o777, 0o600);

    // The cached login is real to the emulator: the portal hands out role credentials for it.
    const res = await fetch(`${url}/federation/credentials?role_name=AdministratorAccess&account_id=123456789012`, { headers: { 'x-amz-sso_bearer_token': tok.ok ? tok.value.accessToken : '' } });
    assert.equal(res.status, 200);
    assert.deepEqual(fs.readdirSync(userHome), [], 'the real HOME is untouched');
  });
});

describe('claude-bedrock --sandbox (built CLI)', { skip: !fs.existsSync(CLI) && 'run npm run build first' }, () => {
  it('profiles and discover run against the sandbox, exit promptly, and leave nothing behind', async () => {
    const home = tempDir();
    // The embedded emulator must not keep a process alive: one still running after 15 s is killed (exit code fails).
    const profiles = await runCli(['profiles', '--sandbox', '--json'], { home, timeoutMs: 15_000 });
    assert.equal(profiles.code, 0, profiles.stderr);
    const kinds = Object.fromEntries(profiles.json().profiles.map((p: { name: string; kind: string }) => [p.name, p.kind]));
    assert.deepEqual(kinds, { [SANDBOX_SSO_PROFILE]: 'sso-session', [SANDBOX_KEYS_PROFILE]: 'static' });

    const discover = await runCli(['discover', '--sandbox', '--json'], { home, env: { AWS_PROFILE: 'real-profile-elsewhere' }, timeoutMs: 15_000 });
    assert.equal(discover.code, 0, discover.stderr);
    const byName = Object.fromEntries(discover.json().profiles.map((p: any) => [p.name, p]));
    assert.match(byName[SANDBOX_SSO_PROFILE].identity.arn, /assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/alice$/);
    assert.equal(byName[SANDBOX_KEYS_PROFILE].identity.arn, 'arn:aws:iam::123456789012:user/dev');
    assert.ok(byName[SANDBOX_KEYS_PROFILE].regions.some((r: any) => r.region === 'us-west-2' && r.claude));

    const sandboxHome = /HOME is (\S+) \(deleted at exit\)/.exec(discover.stderr)![1]!;
    assert.equal(fs.existsSync(sandboxHome), false);
    assert.deepEqual(fs.readdirSync(home).filter((f) => f !== 'managed'), []);
  });
});
