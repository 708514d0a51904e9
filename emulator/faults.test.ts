// Wire faults: a response that drips one byte at a time, stops half way, or cannot be read, as the real SDK sees them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import http from 'node:http';
import { BedrockClient, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator, type Emulator } from './index.js';
import { clientConfig, sdkError } from './testing.js';

const OPUS = 'global.anthropic.claude-opus-4-5-20251101-v1:0';

function raw(url: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    http.get(`${url}/inference-profiles`, (res) => {
      const chunks: Buffer[] = [];
      let aborted = false;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('aborted', () => (aborted = true));
      res.on('error', () => (aborted = true));
      res.on('close', () => resolve({ headers: res.headers, body: Buffer.concat(chunks), aborted }));
    }).on('error', reject);
  });
}

describe('emulator wire faults', () => {
  let emu: Emulator;
  before(async () => { emu = await startEmulator(); });
  after(async () => { await emu.stop(); });

  it('truncate: half the body, then the connection closes (Content-Length says more)', async () => {
    emu.addFault({ service: 'bedrock', operation: 'ListInferenceProfiles', error: 'truncate', times: 1 });
    const r = await raw(emu.url);
    assert.ok(r.aborted || r.body.length < Number(r.headers['content-length']), `${r.body.length} of ${r.headers['content-length']} bytes`);
    assert.ok(r.body.length > 0);
  });

  it('corrupt: a JSON body is bytes no parser reads; the SDK fails instead of returning data', async () => {
    emu.addFault({ service: 'bedrock', operation: 'ListInferenceProfiles', error: 'corrupt', times: 1 });
    const r = await raw(emu.url);
    assert.ok(r.body.length > 0 && r.body.every((b) => b === 0xfe));
    emu.addFault({ service: 'bedrock', operation: 'ListInferenceProfiles', error: 'corrupt', times: 1 });
    const e = await sdkError(new BedrockClient(clientConfig(emu)).send(new ListInferenceProfilesCommand({})));
    assert.ok(e.name, e.message);
  });

  it('corrupt: an event-stream frame with a bad prelude checksum is rejected by the SDK', async () => {
    emu.addFault({ service: 'bedrock-runtime', operation: 'InvokeModelWithResponseStream', error: 'corrupt', times: 1 });
    const rt = new BedrockRuntimeClient(clientConfig(emu));
    const e = await sdkError((async () => {
      const r = await rt.send(new InvokeModelWithResponseStreamCommand({ modelId: OPUS, body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }), contentType: 'application/json' }));
      for await (const ev of r.body!) void ev;
    })());
    assert.match(`${e.name} ${e.message}`, /checksum|crc|prelude/i);
    rt.destroy();
  });

  it('drip: bytes keep coming, slowly (an idle timeout never fires); the next request is normal', async () => {
    emu.addFault({ service: 'bedrock', operation: 'ListInferenceProfiles', error: 'drip', dripMs: 50, times: 1 });
    const got = await new Promise<number>((resolve, reject) => {
      http.get(`${emu.url}/inference-profiles`, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        setTimeout(() => { res.destroy(); resolve(n); }, 400);
      }).on('error', reject);
    });
    assert.ok(got >= 2 && got <= 12, `${got} bytes in 400 ms`);
    const r = await raw(emu.url);
    assert.equal(r.body.length, Number(r.headers['content-length']));
  });
});
