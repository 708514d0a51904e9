// The client factory hands every client the shared-config values the SDK would look up itself (once per profile, not
// once per client), and those values stay exactly what the SDK finds: FIPS, dual-stack, app ID, configured endpoints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator } from '../../emulator/index.js';
import { tempDir } from '../../test/helpers.js';
import { createDeps } from '../deps.js';
import { createClientFactory, type ClientAuth } from './clients.js';
import { loadSdk } from './sdk.js';

const ENV_KEYS = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT', 'AWS_SDK_UA_APP_ID'];
const ENDPOINT_KEY = /^AWS_ENDPOINT_URL/;

/** Point the SDK (which reads process.env) at fresh files; the SDK caches file reads by path, so every call gets new paths. */
function awsFiles(config: string): { env: Record<string, string>; restore(): void } {
  const dir = tempDir('cb-clients-');
  const env = { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), HOME: dir };
  fs.writeFileSync(env.AWS_CONFIG_FILE, config);
  fs.writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, '');
  const saved = new Map<string, string | undefined>();
  for (const k of [...ENV_KEYS, 'HOME', ...Object.keys(process.env).filter((k) => ENDPOINT_KEY.test(k))]) {
    saved.set(k, process.env[k]);
    delete process.env[k];
  }
  Object.assign(process.env, env);
  return {
    env,
    restore() {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}

const keys = (profile?: string): ClientAuth & { kind: 'sigv4' } => ({
  kind: 'sigv4',
  key: `test:${profile ?? ''}`,
  ...(profile ? { profile } : {}),
  credentials: async () => ({ accessKeyId: 'AKIAEMULATOR000000001', secretAccessKey: 'x'.repeat(40) }),
});

test('per-profile values are the ones the SDK itself resolves: use_fips_endpoint, use_dualstack_endpoint, sdk_ua_app_id', async () => {
  const files = awsFiles('[profile fips]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\nsdk_ua_app_id = team-x\n\n[profile plain]\nregion = us-east-1\n');
  try {
    const deps = createDeps({ env: { ...process.env } });
    const f = createClientFactory(deps);
    try {
      const fips = await f.bedrock('us-east-1', keys('fips'));
      const plain = await f.bedrock('us-east-1', keys('plain'));
      const cfg = (c: unknown) => (c as { config: { useFipsEndpoint(): Promise<boolean>; useDualstackEndpoint(): Promise<boolean>; userAgentAppId(): Promise<string | undefined> } }).config;
      assert.equal(await cfg(fips).useFipsEndpoint(), true);
      assert.equal(await cfg(fips).useDualstackEndpoint(), true);
      assert.equal(await cfg(fips).userAgentAppId(), 'team-x');
      assert.equal(await cfg(plain).useFipsEndpoint(), false);
      assert.equal(await cfg(plain).useDualstackEndpoint(), false);
      assert.equal(await cfg(plain).userAgentAppId(), undefined);
      // The same answers as a client the SDK configures on its own.
      const { BedrockClient } = await loadSdk('@aws-sdk/client-bedrock');
      const own = new BedrockClient({ region: 'us-east-1', profile: 'fips' });
      assert.equal(await own.config.useFipsEndpoint(), true);
      assert.equal(await own.config.userAgentAppId(), 'team-x');
      own.destroy();
      // The environment wins over the file, as in the SDK.
      process.env.AWS_USE_FIPS_ENDPOINT = 'false';
      const g = createClientFactory(deps);
      try {
        assert.equal(await cfg(await g.bedrock('us-east-1', keys('fips'))).useFipsEndpoint(), false);
      } finally {
        g.destroy();
      }
    } finally {
      f.destroy();
    }
  } finally {
    files.restore();
  }
});

test('an endpoint_url in the config file is still used by every client, and the files are not re-read per client', async () => {
  const emu = await startEmulator({ scenario: 'default' });
  const id = emu.scenario.identities[0]!;
  const files = awsFiles(`[default]\nendpoint_url = ${emu.url}\nregion = us-east-1\n`);
  // Count the SDK's shared-file lookups: each one reads AWS_CONFIG_FILE from the environment and parses both files.
  let lookups = 0;
  const realEnv = process.env;
  process.env = new Proxy(realEnv, {
    get(t, k) {
      if (k === 'AWS_CONFIG_FILE') lookups++;
      return Reflect.get(t, k);
    },
  });
  try {
    const deps = createDeps({ env: { ...realEnv } });
    const f = createClientFactory(deps);
    try {
      const { ListInferenceProfilesCommand } = await f.bedrockModule();
      const auth = (i: number): ClientAuth => ({ kind: 'sigv4', key: `id${i}`, credentials: async () => ({ accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey }) });
      const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
      const first = await (await f.bedrock(regions[0]!, auth(0))).send(new ListInferenceProfilesCommand({}));
      assert.ok(first.inferenceProfileSummaries!.length > 0);
      const afterFirst = lookups;
      const before = emu.calls.length;
      // 3 identities × 4 regions = 12 more clients: every call reaches the emulator through the configured endpoint.
      for (let i = 1; i <= 3; i++) {
        await Promise.all(regions.map(async (r) => (await f.bedrock(r, auth(i))).send(new ListInferenceProfilesCommand({}))));
      }
      assert.equal(emu.calls.length - before, 12);
      assert.ok(lookups - afterFirst <= 3, `the shared files were looked up ${lookups - afterFirst} times for 12 more clients`);
    } finally {
      f.destroy();
    }
  } finally {
    process.env = realEnv;
    files.restore();
    await emu.stop();
  }
});

test('clients built concurrently for different profiles all keep the configured endpoint', async () => {
  const emu = await startEmulator({ scenario: 'default' });
  const id = emu.scenario.identities[0]!;
  const files = awsFiles(`[default]\nendpoint_url = ${emu.url}\nregion = us-east-1\n\n[profile pa]\nregion = us-east-1\n\n[profile pb]\nregion = us-east-1\n\n[profile pc]\nregion = us-east-1\n`);
  try {
    const f = createClientFactory(createDeps({ env: { ...process.env } }));
    try {
      const { ListInferenceProfilesCommand } = await f.bedrockModule();
      const auth = (profile: string): ClientAuth => ({ kind: 'sigv4', key: profile, profile, credentials: async () => ({ accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey }) });
      // pa's values are resolved already (through an STS client); pb's are not. pa's Bedrock client is built while
      // pb's is still waiting for its values: pb must not take the half-made endpoint memo for "no endpoint".
      await f.sts('us-east-1', auth('pa') as ClientAuth & { kind: 'sigv4' });
      const before = emu.calls.length;
      const clients = await Promise.all([f.bedrock('us-east-1', auth('pb')), f.bedrock('us-east-1', auth('pa')), f.bedrock('us-west-2', auth('pc'))]);
      const sent = await Promise.allSettled(clients.map((c) => c.send(new ListInferenceProfilesCommand({}))));
      assert.deepEqual(sent.map((r) => r.status), ['fulfilled', 'fulfilled', 'fulfilled']);
      assert.equal(emu.calls.length - before, 3, 'every client reached the endpoint_url from the config file');
    } finally {
      f.destroy();
    }
  } finally {
    files.restore();
    await emu.stop();
  }
});
