// policy (exact ARNs from the emulator, offline fallbacks) and tune (presets, refusal, --show, undo).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { runCli, writeFile } from '../helpers.js';
import { GOOD_SETTINGS, STATIC_CREDENTIALS, makeHome } from './fixtures.js';

let emu: Emulator;
before(async () => { emu = await startEmulator(); });
after(() => emu.stop());

const staticHome = () => makeHome({ config: '[profile dev]\nregion = us-west-2\n', credentials: STATIC_CREDENTIALS, settings: { env: GOOD_SETTINGS.env } });
const FM = (r: string, m: string) => `arn:aws:bedrock:${r}::foundation-model/${m}`;
const OPUS = 'anthropic.claude-opus-4-5-20251101-v1:0';
const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

test('policy --json: exactly the policy document, with the account from STS and the routes AWS lists', async () => {
  const r = await runCli(['policy', '--json', '--model', `global.${OPUS}`, '--model', `global.${HAIKU}`, '--model', `us.${SONNET}`], { home: staticHome(), env: emu.env });
  assert.equal(r.code, 0, r.stderr);
  const p = r.json();
  assert.deepEqual(Object.keys(p), ['Version', 'Statement']);
  const profiles = [`global.${HAIKU}`, `global.${OPUS}`, `us.${SONNET}`].map((id) => `arn:aws:bedrock:us-west-2:123456789012:inference-profile/${id}`);
  assert.deepEqual(p.Statement[0].Resource, profiles);
  assert.deepEqual(p.Statement[1].Resource, [
    FM('', HAIKU), FM('', OPUS), FM('us-east-1', SONNET), FM('us-east-2', SONNET), FM('us-west-2', HAIKU), FM('us-west-2', OPUS), FM('us-west-2', SONNET),
  ].sort());
  assert.deepEqual(p.Statement[1].Condition.StringLike['bedrock:InferenceProfileArn'], profiles);
  assert.equal(p.Statement[3].Sid, 'MarketplaceSubscriptionViaBedrock');
});

test('policy without --model covers the configured models, the background model included', async () => {
  const r = await runCli(['policy', '--json'], { home: staticHome(), env: emu.env });
  assert.equal(r.code, 0, r.stderr);
  const res = r.json().Statement[0].Resource as string[];
  assert.ok(res.some((a) => a.endsWith(`global.${HAIKU}`)), 'background (Haiku) model');
  assert.ok(res.some((a) => a.endsWith(`global.${OPUS}`)), 'primary model');
});

test('policy --offline: account *, documented routes, no AWS call', async () => {
  const n = emu.calls.length;
  const r = await runCli(['policy', '--offline', '--json', '--model', `eu.${SONNET}`, '--region', 'eu-west-1'], { home: staticHome(), env: emu.env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(emu.calls.length, n);
  const p = r.json();
  assert.deepEqual(p.Statement[0].Resource, [`arn:aws:bedrock:eu-west-1:*:inference-profile/eu.${SONNET}`]);
  assert.equal(p.Statement[1].Resource.length, 6);
});

test('policy refuses a raw model ID, with the fix', async () => {
  const r = await runCli(['policy', '--offline', '--model', SONNET], { home: staticHome() });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /raw foundation-model ID/);
  assert.match(r.stderr, /next: claude-bedrock models/);
});

const settingsOf = (home: string) => JSON.parse(fs.readFileSync(path.join(home, '.claude', 'settings.json'), 'utf8'));

test('tune --preset writes both keys into the user settings env, merged; undo restores', async () => {
  const home = makeHome({ settingsText: '{\n  "env": {\n    "CLAUDE_CODE_USE_BEDROCK": "1"\n  },\n  "hooks": {}\n}\n' });
  const before = fs.readFileSync(path.join(home, '.claude', 'settings.json'), 'utf8');
  const r = await runCli(['tune', '--preset', 'balanced', '--json'], { home });
  assert.equal(r.code, 0, r.stderr);
  const j = r.json();
  assert.equal(j.preset, 'balanced');
  assert.deepEqual(j.env, { MAX_THINKING_TOKENS: '8192', CLAUDE_CODE_MAX_OUTPUT_TOKENS: '16384' });
  assert.equal(j.changes.length, 1);
  assert.deepEqual(settingsOf(home), { env: { CLAUDE_CODE_USE_BEDROCK: '1', MAX_THINKING_TOKENS: '8192', CLAUDE_CODE_MAX_OUTPUT_TOKENS: '16384' }, hooks: {} });
  const show = await runCli(['tune', '--show', '--json'], { home });
  assert.equal(show.json().preset, 'balanced');
  assert.equal(show.json().sources.MAX_THINKING_TOKENS.source, 'user');
  assert.equal((await runCli(['undo'], { home })).code, 0);
  assert.equal(fs.readFileSync(path.join(home, '.claude', 'settings.json'), 'utf8'), before);
});

test('tune --json: sources say what is in effect after the write, not before', async () => {
  const home = makeHome({ settings: { env: { MAX_THINKING_TOKENS: '8192', CLAUDE_CODE_MAX_OUTPUT_TOKENS: '16384' } } });
  const file = path.join(home, '.claude', 'settings.json');
  const r = await runCli(['tune', '--thinking', '0', '--output', '4096', '--json'], { home });
  assert.equal(r.code, 0, r.stderr);
  const j = r.json();
  assert.deepEqual(j.env, { MAX_THINKING_TOKENS: '0', CLAUDE_CODE_MAX_OUTPUT_TOKENS: '4096' });
  assert.deepEqual(j.sources, {
    MAX_THINKING_TOKENS: { value: '0', source: 'user', file },
    CLAUDE_CODE_MAX_OUTPUT_TOKENS: { value: '4096', source: 'user', file },
  });
  assert.deepEqual((await runCli(['tune', '--show', '--json'], { home })).json().sources, j.sources, '--show agrees');
  // A dry run reports the values as they would be; the file keeps its own.
  const d = await runCli(['tune', '--preset', 'thorough', '--dry-run', '--json'], { home });
  assert.equal(d.json().sources.CLAUDE_CODE_MAX_OUTPUT_TOKENS.value, '32000');
  assert.equal(settingsOf(home).env.CLAUDE_CODE_MAX_OUTPUT_TOKENS, '4096');
});

test('every preset keeps thinking below output', async () => {
  for (const preset of ['focused', 'balanced', 'thorough']) {
    const home = makeHome({});
    const r = await runCli(['tune', '--preset', preset, '--json'], { home });
    const env = r.json().env;
    assert.ok(Number(env.MAX_THINKING_TOKENS) < Number(env.CLAUDE_CODE_MAX_OUTPUT_TOKENS), preset);
  }
});

test('tune refuses thinking ≥ output and writes nothing', async () => {
  const home = makeHome({ settings: { env: {} } });
  const r = await runCli(['tune', '--thinking', '16384', '--output', '8192'], { home });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--thinking 16384 is not below --output 8192/);
  assert.match(r.stderr, /next: claude-bedrock tune --thinking 16384 --output 32768/);
  assert.deepEqual(settingsOf(home), { env: {} });
  assert.equal(fs.existsSync(path.join(home, '.claude-bedrock', 'journal')), false);
  // One number is checked against the value in effect for the other.
  writeFile(path.join(home, '.claude', 'settings.json'), JSON.stringify({ env: { CLAUDE_CODE_MAX_OUTPUT_TOKENS: '4096' } }));
  const one = await runCli(['tune', '--thinking', '8192'], { home });
  assert.equal(one.code, 2);
  assert.equal((await runCli(['tune', '--thinking', '100', '--output', '4096'], { home })).code, 2);
  assert.equal((await runCli(['tune', '--preset', 'huge'], { home })).code, 2);
});

test('tune --dry-run and --scope project', async () => {
  const home = makeHome({});
  const d = await runCli(['tune', '--thinking', '0', '--output', '4096', '--dry-run', '--json'], { home });
  assert.equal(d.code, 0, d.stderr);
  assert.match(d.json().changes[0].diff, /"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "4096"/);
  assert.equal(fs.existsSync(path.join(home, '.claude', 'settings.json')), false);
  const p = await runCli(['tune', '--preset', 'focused', '--scope', 'project', '--json'], { home });
  assert.equal(p.json().file, path.join(home, '.claude', 'settings.json'));
});
