// The AWS CLI v1 and botocore (python3) — clients nobody here wrote — against the emulator via AWS_ENDPOINT_URL_*.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { API_KEY, STATIC_IDENTITY } from '../../emulator/scenarios/default.js';
import { runProcess, scrubbedEnv, tempDir, writeFile } from '../helpers.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const hasAws = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
const hasPython = spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;

interface Run { code: number; stdout: string; stderr: string }

function run(cmd: string, args: string[], env: Record<string, string>): Promise<Run> {
  return runProcess(cmd, args, { env });
}

describe('AWS CLI v1 and botocore against the emulator', { skip: (!hasAws || !hasPython) && 'aws (CLI v1) and python3 with botocore are needed' }, () => {
  let emu: Emulator;
  let home: string;
  let env: Record<string, string>;
  before(async () => {
    emu = await startEmulator();
    home = tempDir();
    // botocore reads AWS_DEFAULT_REGION (not AWS_REGION); no config files exist in this HOME.
    env = scrubbedEnv(home, { ...emu.env, AWS_ACCESS_KEY_ID: STATIC_IDENTITY.accessKeyId, AWS_SECRET_ACCESS_KEY: STATIC_IDENTITY.secretAccessKey, AWS_DEFAULT_REGION: 'us-west-2', AWS_PAGER: '' });
  });
  after(() => emu.stop());

  it('sts, paginated list-inference-profiles, converse, the raw-ID error, and an SSO profile whose token botocore refreshes', async () => {
    // An sso-session profile whose cached token expires in 5 minutes: botocore must refresh it (CreateToken) first.
    const ssoHome = tempDir();
    const grant = emu.issueSsoToken();
    writeFile(path.join(ssoHome, '.aws', 'config'), ['[profile emu]', 'sso_session = emu', 'sso_account_id = 123456789012', 'sso_role_name = BedrockUser', 'region = eu-west-1', '', '[sso-session emu]', `sso_start_url = ${grant.startUrl}`, `sso_region = ${grant.region}`, 'sso_registration_scopes = sso:account:access', ''].join('\n'));
    const soon = new Date(Date.now() + 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const tokenFile = path.join(ssoHome, '.aws', 'sso', 'cache', `${createHash('sha1').update('emu').digest('hex')}.json`);
    writeFile(tokenFile, JSON.stringify({ ...grant, expiresAt: soon }));
    const ssoEnv = scrubbedEnv(ssoHome, { ...emu.env, AWS_PROFILE: 'emu', AWS_PAGER: '' });

    const [who, list, converse, raw, ssoWho] = await Promise.all([
      run('aws', ['sts', 'get-caller-identity', '--output', 'json'], env),
      run('aws', ['bedrock', 'list-inference-profiles', '--region', 'eu-west-1', '--page-size', '6', '--output', 'json'], env),
      run('aws', ['bedrock-runtime', 'converse', '--model-id', 'global.anthropic.claude-opus-4-5-20251101-v1:0', '--messages', '[{"role":"user","content":[{"text":"say hi"}]}]', '--output', 'json'], env),
      run('aws', ['bedrock-runtime', 'invoke-model', '--model-id', 'anthropic.claude-opus-4-5-20251101-v1:0', '--body', '{"anthropic_version":"bedrock-2023-05-31","max_tokens":1,"messages":[{"role":"user","content":"hi"}]}', path.join(home, 'out.json')], env),
      run('aws', ['sts', 'get-caller-identity', '--output', 'json'], ssoEnv),
    ]);

    assert.equal(who.code, 0, who.stderr);
    assert.deepEqual(JSON.parse(who.stdout), { UserId: STATIC_IDENTITY.userId, Account: '123456789012', Arn: STATIC_IDENTITY.arn });

    assert.equal(list.code, 0, list.stderr);
    const ids: string[] = JSON.parse(list.stdout).inferenceProfileSummaries.map((p: { inferenceProfileId: string }) => p.inferenceProfileId);
    const listCalls = emu.callsTo('ListInferenceProfiles').filter((c) => c.region === 'eu-west-1');
    assert.equal(listCalls.length, Math.ceil(ids.length / 6), 'the CLI followed nextToken page by page');
    assert.ok(ids.includes('eu.anthropic.claude-sonnet-4-6') && ids.includes('global.anthropic.claude-opus-4-5-20251101-v1:0'));
    assert.equal(new Set(ids).size, ids.length);

    assert.equal(converse.code, 0, converse.stderr);
    assert.equal(JSON.parse(converse.stdout).output.message.content[0].text, 'Hi! This is the claude-bedrock AWS emulator answering as global.anthropic.claude-opus-4-5-20251101-v1:0 in us-west-2.');

    assert.equal(raw.code, 255);
    assert.equal(
      raw.stderr.trim(),
      'An error occurred (ValidationException) when calling the InvokeModel operation: Invocation of model ID anthropic.claude-opus-4-5-20251101-v1:0 with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
    );

    assert.equal(ssoWho.code, 0, ssoWho.stderr);
    assert.match(JSON.parse(ssoWho.stdout).Arn, /^arn:aws:sts::123456789012:assumed-role\/AWSReservedSSO_BedrockUser_[0-9a-f]{16}\/alice$/);
    const refreshed = JSON.parse(fs.readFileSync(tokenFile, 'utf8'));
    assert.notEqual(refreshed.accessToken, grant.accessToken, 'botocore wrote the refreshed token back');
    assert.notEqual(refreshed.refreshToken, grant.refreshToken, 'the refresh token rotated');
    assert.ok(new Date(refreshed.expiresAt).getTime() > Date.now() + 50 * 60_000);
    const create = emu.callsTo('CreateToken');
    assert.deepEqual(create.map((c) => c.status), [200]);
    const roleCalls = emu.callsTo('GetRoleCredentials');
    assert.ok(roleCalls.length > 0 && roleCalls.every((c) => c.status === 200 && c.auth === 'sso-token'));
  });

  it('botocore parses the event streams (CRC-checked), in-stream exceptions, and Bearer API keys', async () => {
    emu.addFault({ operation: 'ConverseStream', model: 'us.anthropic.claude-opus-4-5-*', inStream: true, error: { status: 429, code: 'ThrottlingException', message: 'Too many tokens, please wait before trying again.' } });
    const r = await run('python3', [path.join(HERE, 'botocore_checks.py'), emu.url, API_KEY.key], env);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.invokeStream.contentType, 'application/json');
    assert.deepEqual([...new Set(out.invokeStream.types)], ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    assert.equal(out.invokeStream.text, 'Hi! This is the claude-bedrock AWS emulator answering as us.anthropic.claude-sonnet-4-5-20250929-v1:0 in us-west-2.');
    assert.ok(out.invokeStream.metrics.outputTokenCount > 1);
    assert.deepEqual(out.converseStream, { kinds: ['messageStart', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata'], text: 'Hi!', stopReason: 'max_tokens' });
    assert.deepEqual(out.inStreamError, {
      code: 'throttlingException',
      message: 'An error occurred (throttlingException) when calling the ConverseStream operation: Too many tokens, please wait before trying again.',
    });
    assert.equal(out.wrongGeo, 'An error occurred (ValidationException) when calling the Converse operation: The provided model identifier is invalid.');
    assert.match(out.bearer, /answering as eu\.anthropic\.claude-sonnet-4-6 in eu-west-1\.$/);
    const bearerCall = emu.calls.filter((c) => c.auth === 'bearer').at(-1)!;
    assert.deepEqual([bearerCall.region, bearerCall.principal], ['eu-west-1', API_KEY.arn]);
  });
});
