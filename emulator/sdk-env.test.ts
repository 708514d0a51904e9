// emu.env alone is enough: the JS SDK v3 finds every endpoint (AWS_ENDPOINT_URL_*), an SSO profile's token cache under
// HOME, and a Bedrock API key, with no explicit `endpoint` or credentials in code. (Own file: it sets process.env.)
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BedrockClient, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromSSO } from '@aws-sdk/credential-providers';
import { startEmulator, type Emulator } from './index.js';
import { API_KEY } from './scenarios/default.js';

describe('the JS SDK configured only by the environment', () => {
  let emu: Emulator;
  let home: string;
  before(async () => {
    emu = await startEmulator();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-env-'));
    for (const k of Object.keys(process.env)) if (/^AWS_/.test(k)) delete process.env[k];
    Object.assign(process.env, emu.env, { HOME: home, AWS_REGION: 'eu-central-1' });
    const t = emu.issueSsoToken({ expiresInSeconds: 120 });
    fs.mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
    fs.writeFileSync(path.join(home, '.aws', 'config'), ['[profile emu]', 'sso_session = emu', 'sso_account_id = 123456789012', 'sso_role_name = BedrockUser', 'region = eu-central-1', '', '[sso-session emu]', `sso_start_url = ${t.startUrl}`, `sso_region = ${t.region}`, ''].join('\n'));
    // Two minutes left: inside the SDK's 5-minute window, so fromSSO must refresh it through SSO-OIDC first.
    fs.writeFileSync(path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('emu').digest('hex')}.json`), JSON.stringify(t));
  });
  after(async () => {
    await emu.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('fromSSO refreshes the token, gets role credentials, and every client reaches the emulator', async () => {
    const credentials = fromSSO({ profile: 'emu' });
    const who = await new STSClient({ credentials }).send(new GetCallerIdentityCommand({}));
    assert.match(who.Arn!, /assumed-role\/AWSReservedSSO_BedrockUser_[0-9a-f]{16}\/alice$/);
    assert.deepEqual(emu.callsTo('CreateToken').map((c) => c.status), [200]);
    const profiles = await new BedrockClient({ credentials }).send(new ListInferenceProfilesCommand({}));
    assert.ok(profiles.inferenceProfileSummaries!.some((p) => p.inferenceProfileId === 'eu.anthropic.claude-sonnet-4-6'));
    const stream = await new BedrockRuntimeClient({ credentials }).send(new ConverseStreamCommand({ modelId: 'eu.anthropic.claude-sonnet-4-6', messages: [{ role: 'user', content: [{ text: 'hi' }] }] }));
    let text = '';
    for await (const ev of stream.stream!) text += ev.contentBlockDelta?.delta?.text ?? '';
    assert.equal(text, 'Hi! This is the claude-bedrock AWS emulator answering as eu.anthropic.claude-sonnet-4-6 in eu-central-1.');
    assert.ok(emu.calls.filter((c) => c.service.startsWith('bedrock')).every((c) => c.region === 'eu-central-1' && c.auth === 'sigv4'));
  });

  it('AWS_BEARER_TOKEN_BEDROCK: the runtime client sends the API key; the region comes from the endpoint prefix', async () => {
    process.env.AWS_BEARER_TOKEN_BEDROCK = API_KEY.key;
    process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = `${emu.url}/region/eu-central-1`;
    try {
      const r = await new BedrockRuntimeClient({}).send(new ConverseStreamCommand({ modelId: 'global.anthropic.claude-opus-4-5-20251101-v1:0', messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { maxTokens: 1 } }));
      for await (const _ of r.stream!) { /* drain */ }
      const call = emu.callsTo('ConverseStream').at(-1)!;
      assert.deepEqual([call.auth, call.region, call.status, call.principal], ['bearer', 'eu-central-1', 200, API_KEY.arn]);
    } finally {
      delete process.env.AWS_BEARER_TOKEN_BEDROCK;
      process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = emu.url;
    }
  });
});
