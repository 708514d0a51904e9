// Bedrock control plane and runtime driven by the real AWS SDK for JavaScript v3 clients, scenario by scenario.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BedrockClient,
  GetFoundationModelAvailabilityCommand,
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  CountTokensCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { getScenario, startEmulator, THROTTLING, type Emulator } from './index.js';
import { API_KEY } from './scenarios/default.js';
import { DEAD_REGION } from './scenarios/dead-region.js';
import { clientConfig, fastRetries, sdkError } from './testing.js';

const SONNET = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const OPUS_GLOBAL = 'global.anthropic.claude-opus-4-5-20251101-v1:0';
const HAIKU = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const ON_DEMAND = (id: string) => `Invocation of model ID ${id} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`;

const invokeBody = (max: number) => JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: max, messages: [{ role: 'user', content: 'say hi' }] });
const converseInput = (modelId: string) => ({ modelId, messages: [{ role: 'user' as const, content: [{ text: 'say hi' }] }], inferenceConfig: { maxTokens: 64 } });

async function streamText(rt: BedrockRuntimeClient, modelId: string): Promise<{ events: any[]; text: string }> {
  const r = await rt.send(new InvokeModelWithResponseStreamCommand({ modelId, body: invokeBody(100), contentType: 'application/json' }));
  const events: any[] = [];
  for await (const ev of r.body!) events.push(JSON.parse(Buffer.from(ev.chunk!.bytes!).toString('utf8')));
  return { events, text: events.filter((e) => e.type === 'content_block_delta').map((e) => e.delta.text).join('') };
}

describe('Bedrock control plane', () => {
  let emu: Emulator;
  before(async () => (emu = await startEmulator()));
  after(() => emu.stop());
  const bedrock = (region = 'us-west-2') => new BedrockClient(clientConfig(emu, region));

  it('ListInferenceProfiles: the region’s Claude profiles with the caller’s account in ARNs, type filter, pagination', async () => {
    const all = await bedrock().send(new ListInferenceProfilesCommand({}));
    const ids = all.inferenceProfileSummaries!.map((p) => p.inferenceProfileId!);
    assert.ok(ids.includes(SONNET) && ids.includes(OPUS_GLOBAL));
    assert.ok(!ids.some((id) => id.startsWith('eu.') || id.startsWith('apac.')), 'no other geography is callable from us-west-2');
    const sonnet = all.inferenceProfileSummaries!.find((p) => p.inferenceProfileId === SONNET)!;
    assert.equal(sonnet.inferenceProfileArn, `arn:aws:bedrock:us-west-2:123456789012:inference-profile/${SONNET}`);
    assert.deepEqual(sonnet.models!.map((m) => m.modelArn), ['us-east-1', 'us-east-2', 'us-west-2'].map((r) => `arn:aws:bedrock:${r}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`));
    assert.ok(sonnet.createdAt instanceof Date && !Number.isNaN(sonnet.createdAt.getTime()));
    assert.equal(sonnet.type, 'SYSTEM_DEFINED');
    const global = all.inferenceProfileSummaries!.find((p) => p.inferenceProfileId === OPUS_GLOBAL)!;
    assert.equal(global.models![1]!.modelArn, 'arn:aws:bedrock:::foundation-model/anthropic.claude-opus-4-5-20251101-v1:0');

    const app = await bedrock('us-east-1').send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
    assert.deepEqual(app.inferenceProfileSummaries!.map((p) => [p.type, p.inferenceProfileArn]), [['APPLICATION', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6']]);

    const pages: string[][] = [];
    for await (const p of paginateListInferenceProfiles({ client: bedrock(), pageSize: 7 }, { typeEquals: 'SYSTEM_DEFINED' })) pages.push(p.inferenceProfileSummaries!.map((s) => s.inferenceProfileId!));
    assert.ok(pages.length > 2 && pages.slice(0, -1).every((p) => p.length === 7));
    assert.deepEqual(pages.flat(), ids);

    const eu = await bedrock('eu-west-1').send(new ListInferenceProfilesCommand({}));
    assert.ok(eu.inferenceProfileSummaries!.some((p) => p.inferenceProfileId === 'eu.anthropic.claude-sonnet-4-6'));
    const none = await bedrock('sa-east-1').send(new ListInferenceProfilesCommand({}));
    assert.deepEqual(none.inferenceProfileSummaries, [], 'a region without Claude lists nothing');
  });

  it('GetInferenceProfile by ID and by ARN (%2F in the label); unknown → ResourceNotFoundException', async () => {
    const byId = await bedrock().send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: SONNET }));
    const byArn = await bedrock().send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: byId.inferenceProfileArn }));
    assert.equal(byArn.inferenceProfileId, SONNET);
    assert.ok(emu.callsTo('GetInferenceProfile').at(-1)!.path.includes('%2F'));
    const missing = await sdkError(bedrock().send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'eu.anthropic.claude-sonnet-4-6' })));
    assert.deepEqual([missing.name, missing.status], ['ResourceNotFoundException', 404]);
  });

  it('ListFoundationModels filters; INFERENCE_PROFILE-only models; availability reflects model access', async () => {
    const anthropic = await bedrock().send(new ListFoundationModelsCommand({ byProvider: 'Anthropic' }));
    assert.ok(anthropic.modelSummaries!.every((m) => m.providerName === 'Anthropic'));
    const sonnet = anthropic.modelSummaries!.find((m) => m.modelId === 'anthropic.claude-sonnet-4-5-20250929-v1:0')!;
    assert.deepEqual(sonnet.inferenceTypesSupported, ['INFERENCE_PROFILE']);
    const onDemand = await bedrock().send(new ListFoundationModelsCommand({ byInferenceType: 'ON_DEMAND', byProvider: 'anthropic' }));
    assert.deepEqual(onDemand.modelSummaries!.map((m) => m.modelId), ['anthropic.claude-3-haiku-20240307-v1:0']);
    const embed = await bedrock().send(new ListFoundationModelsCommand({ byOutputModality: 'EMBEDDING' }));
    assert.deepEqual(embed.modelSummaries!.map((m) => m.providerName), ['Amazon']);
    const details = await bedrock().send(new GetFoundationModelCommand({ modelIdentifier: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }));
    assert.equal(details.modelDetails!.modelName, 'Claude Sonnet 4.5');
    const avail = await bedrock().send(new GetFoundationModelAvailabilityCommand({ modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }));
    assert.deepEqual([avail.authorizationStatus, avail.regionAvailability, avail.agreementAvailability!.status], ['AUTHORIZED', 'AVAILABLE', 'AVAILABLE']);
    emu.setScenario('no-access');
    try {
      const denied = await bedrock().send(new GetFoundationModelAvailabilityCommand({ modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }));
      assert.equal(denied.authorizationStatus, 'NOT_AUTHORIZED');
    } finally {
      emu.setScenario('default');
    }
  });
});

describe('Bedrock Runtime', () => {
  let emu: Emulator;
  before(async () => (emu = await startEmulator()));
  after(() => emu.stop());
  const runtime = (region = 'us-west-2', extra: Record<string, unknown> = {}) => new BedrockRuntimeClient(clientConfig(emu, region, extra));

  it('InvokeModel answers in the Anthropic Messages format and honours max_tokens=1', async () => {
    const r = await runtime().send(new InvokeModelCommand({ modelId: SONNET, body: invokeBody(1), contentType: 'application/json', accept: 'application/json' }));
    const msg = JSON.parse(Buffer.from(r.body).toString('utf8'));
    assert.equal(msg.type, 'message');
    assert.equal(msg.role, 'assistant');
    assert.equal(msg.model, 'claude-sonnet-4-5-20250929');
    assert.equal(msg.stop_reason, 'max_tokens');
    assert.equal(msg.usage.output_tokens, 1);
    assert.deepEqual(msg.content, [{ type: 'text', text: 'Hi!' }]);
    const full = JSON.parse(Buffer.from((await runtime().send(new InvokeModelCommand({ modelId: SONNET, body: invokeBody(200) }))).body).toString());
    assert.equal(full.stop_reason, 'end_turn');
    assert.equal(full.content[0].text, `Hi! This is the claude-bedrock AWS emulator answering as ${SONNET} in us-west-2.`);
  });

  it('InvokeModelWithResponseStream: Anthropic chunk events through the SDK event-stream decoder', async () => {
    const { events, text } = await streamText(runtime(), OPUS_GLOBAL);
    assert.deepEqual([...new Set(events.map((e) => e.type))], ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    assert.equal(text, `Hi! This is the claude-bedrock AWS emulator answering as ${OPUS_GLOBAL} in us-west-2.`);
    assert.equal(events.at(-1)['amazon-bedrock-invocationMetrics'].outputTokenCount, events.filter((e) => e.type === 'content_block_delta').length);
  });

  it('Converse and ConverseStream', async () => {
    const c = await runtime('eu-west-1').send(new ConverseCommand(converseInput('eu.anthropic.claude-sonnet-4-6')));
    assert.match(c.output!.message!.content![0]!.text!, /answering as eu\.anthropic\.claude-sonnet-4-6 in eu-west-1/);
    assert.equal(c.stopReason, 'end_turn');
    assert.equal(c.usage!.totalTokens, c.usage!.inputTokens! + c.usage!.outputTokens!);
    const s = await runtime().send(new ConverseStreamCommand(converseInput(SONNET)));
    const kinds: string[] = [];
    let text = '';
    for await (const ev of s.stream!) {
      const k = Object.keys(ev).find((x) => (ev as any)[x] !== undefined)!;
      kinds.push(k);
      if (ev.contentBlockDelta) text += ev.contentBlockDelta.delta!.text;
      if (ev.metadata) assert.ok(ev.metadata.usage!.outputTokens! > 0);
    }
    assert.deepEqual([...new Set(kinds)], ['messageStart', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata']);
    assert.match(text, /^Hi! This is the claude-bedrock AWS emulator/);
  });

  it('CountTokens takes a foundation model; a profile ID is "invalid" there', async () => {
    const body = new TextEncoder().encode(invokeBody(10));
    const r = await runtime().send(new CountTokensCommand({ modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', input: { invokeModel: { body } } }));
    assert.ok(r.inputTokens! > 0);
    const e = await sdkError(runtime().send(new CountTokensCommand({ modelId: SONNET, input: { invokeModel: { body } } })));
    assert.deepEqual([e.name, e.message], ['ValidationException', 'The provided model identifier is invalid.']);
  });

  it('AWS’s exact model-ID errors: raw ID, wrong geography, malformed', async () => {
    const raw = await sdkError(runtime().send(new InvokeModelCommand({ modelId: 'anthropic.claude-opus-4-5-20251101-v1:0', body: invokeBody(1) })));
    assert.deepEqual([raw.name, raw.status, raw.message], ['ValidationException', 400, ON_DEMAND('anthropic.claude-opus-4-5-20251101-v1:0')]);
    const wrongGeo = await sdkError(runtime().send(new ConverseCommand(converseInput('eu.anthropic.claude-sonnet-4-6'))));
    assert.deepEqual([wrongGeo.name, wrongGeo.message], ['ValidationException', 'The provided model identifier is invalid.']);
    const malformed = await sdkError(runtime().send(new InvokeModelCommand({ modelId: 'not a model', body: invokeBody(1) })));
    assert.match(malformed.message, /^1 validation error detected: Value 'not a model' at 'modelId' failed to satisfy constraint: Member must satisfy regular expression pattern: /);
    const onDemandOk = await runtime('us-east-1').send(new InvokeModelCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', body: invokeBody(1) }));
    assert.equal(JSON.parse(Buffer.from(onDemandOk.body).toString()).model, 'claude-3-haiku-20240307');
    const missingKey = await sdkError(runtime().send(new InvokeModelCommand({ modelId: SONNET, body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', messages: [] }) })));
    assert.equal(missingKey.message, 'Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.');
  });

  it('validation errors carry AWS’s messages; unknown paths are UnknownOperationException', async () => {
    const e = await sdkError(new BedrockClient(clientConfig(emu)).send(new ListInferenceProfilesCommand({ maxResults: 0 })));
    assert.deepEqual([e.name, e.message], ['ValidationException', "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"]);
    const bad = await sdkError(new BedrockClient(clientConfig(emu)).send(new ListInferenceProfilesCommand({ nextToken: 'garbage' })));
    assert.equal(bad.name, 'ValidationException');
    const r = await fetch(`${emu.url}/no/such/thing`);
    assert.equal(r.status, 404);
    assert.match(r.headers.get('x-amzn-errortype')!, /^UnknownOperationException:/);
  });

  it('application inference profile ARN invokes its model', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6';
    const r = await runtime('us-east-1').send(new InvokeModelCommand({ modelId: arn, body: invokeBody(5) }));
    assert.equal(JSON.parse(Buffer.from(r.body).toString()).model, 'claude-sonnet-4-5-20250929');
    assert.equal(emu.calls.at(-1)!.modelId, arn);
  });

  it('authentication: wrong secret, unknown key, Bearer API key (region from /region/<r>), missing header', async () => {
    const badSig = await sdkError(runtime('us-west-2', { credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'nope' } }).send(new InvokeModelCommand({ modelId: SONNET, body: invokeBody(1) })));
    assert.deepEqual([badSig.name, badSig.status], ['InvalidSignatureException', 403]);
    const unknown = await sdkError(runtime('us-west-2', { credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' } }).send(new InvokeModelCommand({ modelId: SONNET, body: invokeBody(1) })));
    assert.deepEqual([unknown.name, unknown.message], ['UnrecognizedClientException', 'The security token included in the request is invalid.']);

    const skewed = await sdkError(runtime('us-west-2', { systemClockOffset: -20 * 60_000 }).send(new InvokeModelCommand({ modelId: SONNET, body: invokeBody(1) })));
    assert.equal(skewed.name, 'InvalidSignatureException');
    assert.match(skewed.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);

    const post = (path: string, auth?: string) =>
      fetch(emu.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: invokeBody(1) });
    const ok = await post(`/region/eu-west-1/model/${encodeURIComponent('eu.anthropic.claude-sonnet-4-6')}/invoke`, `Bearer ${API_KEY.key}`);
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    const call = emu.calls.at(-1)!;
    assert.deepEqual([call.auth, call.region, call.principal], ['bearer', 'eu-west-1', API_KEY.arn]);
    const badKey = await post(`/model/${encodeURIComponent(SONNET)}/invoke`, 'Bearer ABSKnope');
    assert.equal(badKey.status, 403);
    assert.deepEqual(await badKey.json(), { Message: 'Authentication failed: Please make sure your API Key is valid.' });
    assert.match(badKey.headers.get('x-amzn-errortype') ?? '', /^AccessDeniedException:/);
    const none = await post(`/model/${encodeURIComponent(SONNET)}/invoke`);
    assert.equal(none.status, 403);
    assert.match(none.headers.get('x-amzn-errortype') ?? '', /^MissingAuthenticationTokenException/);
  });
});

describe('scenarios', () => {
  it('denied: streaming on the Haiku profile is an IAM denial naming the resource; non-streaming works', async () => {
    const emu = await startEmulator({ scenario: 'denied' });
    try {
      const rt = new BedrockRuntimeClient(clientConfig(emu, 'us-east-1'));
      const e = await sdkError(rt.send(new InvokeModelWithResponseStreamCommand({ modelId: HAIKU, body: invokeBody(1) })));
      assert.equal(e.name, 'AccessDeniedException');
      assert.equal(e.message, `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-east-1:123456789012:inference-profile/${HAIKU} because no identity-based policy allows the bedrock:InvokeModelWithResponseStream action`);
      const cs = await sdkError(rt.send(new ConverseStreamCommand(converseInput(HAIKU))));
      assert.equal(cs.name, 'AccessDeniedException');
      await rt.send(new InvokeModelCommand({ modelId: HAIKU, body: invokeBody(1) }));
      await streamText(rt, SONNET);
    } finally {
      await emu.stop();
    }
  });

  it('deny rules can target one principal and read as an SCP deny', async () => {
    const scenario = getScenario('default');
    scenario.deny = [{ principal: '*:user/dev', action: 'bedrock:InvokeModel', resource: '*claude-opus-*', scp: true }];
    const emu = await startEmulator({ scenario });
    try {
      const rt = new BedrockRuntimeClient(clientConfig(emu, 'us-east-1'));
      const e = await sdkError(rt.send(new ConverseCommand(converseInput(OPUS_GLOBAL))));
      assert.equal(e.message, `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1:123456789012:inference-profile/${OPUS_GLOBAL} with an explicit deny in a service control policy`);
      await rt.send(new ConverseCommand(converseInput(SONNET)));
      const r = await fetch(`${emu.url}/region/us-east-1/model/${encodeURIComponent(OPUS_GLOBAL)}/converse`, {
        method: 'POST', headers: { authorization: `Bearer ${API_KEY.key}`, 'content-type': 'application/json' }, body: JSON.stringify(converseInput(OPUS_GLOBAL)),
      });
      assert.equal(r.status, 200, 'another principal is not denied');
    } finally {
      await emu.stop();
    }
  });

  it('no-access: 403 "You don\'t have access to the model with the specified model ID."', async () => {
    const emu = await startEmulator({ scenario: 'no-access' });
    try {
      const e = await sdkError(new BedrockRuntimeClient(clientConfig(emu)).send(new ConverseCommand(converseInput(SONNET))));
      assert.deepEqual([e.name, e.status, e.message], ['AccessDeniedException', 403, "You don't have access to the model with the specified model ID."]);
    } finally {
      await emu.stop();
    }
  });

  it('throttled: 429 ThrottlingException, retried by the SDK (each attempt in the call log); control plane fine', async () => {
    const emu = await startEmulator({ scenario: 'throttled' });
    try {
      const rt = new BedrockRuntimeClient(clientConfig(emu, 'us-west-2', { retryStrategy: fastRetries(3) }));
      const e = await sdkError(rt.send(new InvokeModelCommand({ modelId: SONNET, body: invokeBody(1) })));
      assert.deepEqual([e.name, e.status, e.message], ['ThrottlingException', 429, THROTTLING.message]);
      assert.equal(emu.callsTo('InvokeModel').length, 3);
      await new BedrockClient(clientConfig(emu)).send(new ListInferenceProfilesCommand({}));
    } finally {
      await emu.stop();
    }
  });

  it('faults: fail N times then succeed; an exception inside a started stream', async () => {
    const emu = await startEmulator();
    try {
      emu.addFault({ operation: 'Converse', times: 1, error: THROTTLING });
      const rt = new BedrockRuntimeClient(clientConfig(emu, 'us-west-2', { retryStrategy: fastRetries(2) }));
      await rt.send(new ConverseCommand(converseInput(SONNET)));
      assert.deepEqual(emu.callsTo('Converse').map((c) => c.status), [429, 200]);
      emu.addFault({ operation: 'ConverseStream', inStream: true, error: { status: 503, code: 'ServiceUnavailableException', message: 'Bedrock is unable to process your request.' } });
      const s = await rt.send(new ConverseStreamCommand(converseInput(SONNET)));
      const seen: string[] = [];
      const err = await sdkError((async () => {
        for await (const ev of s.stream!) seen.push(Object.keys(ev)[0]!);
      })());
      assert.deepEqual(seen, ['messageStart']);
      assert.equal(err.name, 'ServiceUnavailableException');
      assert.equal(err.message, 'Bedrock is unable to process your request.');
    } finally {
      await emu.stop();
    }
  });

  it('expired keys: ExpiredTokenException from Bedrock', async () => {
    const emu = await startEmulator({ scenario: 'expired' });
    try {
      const e = await sdkError(new BedrockClient(clientConfig(emu)).send(new ListInferenceProfilesCommand({})));
      assert.deepEqual([e.name, e.status, e.message], ['ExpiredTokenException', 403, 'The security token included in the request is expired']);
    } finally {
      await emu.stop();
    }
  });

  it('latency per region, a dead region that never answers, and far-region', async () => {
    const emu = await startEmulator({ scenario: 'dead-region' });
    try {
      emu.setLatency(150, 'us-west-2');
      const t0 = Date.now();
      await new BedrockClient(clientConfig(emu, 'us-west-2')).send(new ListInferenceProfilesCommand({}));
      assert.ok(Date.now() - t0 >= 145);
      await new BedrockClient(clientConfig(emu, 'us-east-1')).send(new ListInferenceProfilesCommand({}));
      const dead = new BedrockClient(clientConfig(emu, DEAD_REGION, { requestHandler: new NodeHttpHandler({ requestTimeout: 300, throwOnRequestTimeout: true }) }));
      const e = await sdkError(dead.send(new ListInferenceProfilesCommand({})));
      assert.equal(e.name, 'TimeoutError');
      const call = emu.callsTo('ListInferenceProfiles').at(-1)!;
      assert.deepEqual([call.region, call.status], [DEAD_REGION, 0]);
      // An HTTP/2 request left hanging in the dead region is cut when the emulator stops.
      const pending = sdkError(new BedrockRuntimeClient(clientConfig(emu, DEAD_REGION)).send(new ConverseCommand(converseInput(SONNET))));
      while (!emu.callsTo('Converse').length) await new Promise((r) => setTimeout(r, 5));
      await emu.stop();
      assert.ok((await pending).name);
    } finally {
      await emu.stop();
    }
    const far = await startEmulator({ scenario: 'far-region' });
    try {
      const ids = async (r: string) => (await new BedrockClient(clientConfig(far, r)).send(new ListInferenceProfilesCommand({}))).inferenceProfileSummaries!.map((p) => p.inferenceProfileId!);
      const t0 = Date.now();
      const [sydney, virginia] = await Promise.all([ids('ap-southeast-2'), ids('us-east-1')]);
      assert.ok(Date.now() - t0 >= 95);
      assert.ok(sydney.includes('au.anthropic.claude-sonnet-4-5-20250929-v1:0') && sydney.includes('apac.anthropic.claude-sonnet-4-5-20250929-v1:0'));
      assert.deepEqual(virginia, []);
    } finally {
      await far.stop();
    }
  });
});
