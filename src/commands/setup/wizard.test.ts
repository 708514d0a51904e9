// The wizard's rules (1M support, AWS CLI capabilities, current values) and its flow driven in-process by the scripted
// prompter against the emulator: every question asked is the one expected, flags skip their questions.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createDeps, type Deps } from '../../deps.js';
import { createOutput } from '../../io/output.js';
import { scriptedPrompter, CANCEL } from '../../io/prompt.js';
import { AuthError, CancelledError } from '../../errors.js';
import { parseSettingsText } from '../../core/claude-settings/parse.js';
import * as prereqRules from '../../core/diagnosis/checks/prereq.js';
import type { SettingsSnapshot } from '../../core/claude-settings/effective.js';
import type { SetupOptions } from '../setup.js';
import type { ExtraFlags, PrerequisiteReport } from './extras.js';
import { currentValues, defaultApi, describeAwsCli, runWizard, supportsOneM } from './wizard.js';
import type { AwsApi } from '../../aws/api.js';
import { CLOSEST, wizardWorld, type WizardWorld } from '../../../test/wizard/world.js';
import { REFUSED_CONFIGS } from '../../../test/aws-fixtures.js';

const BROWSER = `${process.execPath} ${path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/sso/fixtures/browser.mjs')}`;

describe('wizard rules', () => {
  it('the 1M-token context option: Sonnet 4 and later, Opus 4.6 and later, never Haiku', () => {
    const cases: [string, number[], boolean][] = [
      ['sonnet', [4], true], ['sonnet', [4, 5], true], ['sonnet', [3, 7], false],
      ['opus', [4, 6], true], ['opus', [4, 5], false], ['opus', [5], true], ['opus', [4, 1], false],
      ['haiku', [4, 5], false],
    ];
    for (const [family, version, want] of cases) assert.equal(supportsOneM({ family: family as any, version }), want, `${family} ${version.join('.')}`);
  });

  it('what the AWS CLI can do for awsAuthRefresh (doctor\'s version rules), with the install hint when it cannot', () => {
    const d = (v: string | null) => describeAwsCli(v, 'linux', prereqRules);
    assert.deepEqual({ ...d('2.32.1'), note: undefined }, { version: '2.32.1', ssoSession: true, pkce: true, awsLogin: true, note: undefined });
    assert.match(d('2.15.0').note, /can do sso-session logins; too old for PKCE \(2\.22\), `aws login` \(2\.32\)/);
    assert.equal(d('2.8.3').ssoSession, false);
    assert.match(d('1.45.11').note, /version 1 has no `aws sso login`.*awscli-exe-linux/);
    assert.match(d(null).note, /not installed; not needed/);
    assert.match(describeAwsCli(null, 'darwin', prereqRules).note, /brew install awscli/);
  });

  it('current values come from the effective configuration (highest layer wins), with the layer that turns Bedrock on', () => {
    const layer = (l: 'user' | 'local', text: string) => ({ layer: l, path: `/x/${l}.json`, exists: true, parsed: parseSettingsText(text, `/x/${l}.json`) });
    const snap: SettingsSnapshot = {
      files: [
        layer('local', '{"env":{"AWS_REGION":"eu-west-1","CLAUDE_CODE_USE_BEDROCK":"1"}}'),
        layer('user', '{"env":{"AWS_PROFILE":"dev","AWS_REGION":"us-west-2","ANTHROPIC_MODEL":"m[1m]","ANTHROPIC_DEFAULT_HAIKU_MODEL":" h "},"awsAuthRefresh":"aws sso login --profile dev"}'),
      ] as SettingsSnapshot['files'],
      shellEnv: { AWS_PROFILE: 'shell-profile' },
      profiles: [],
      userSettingsPath: '/x/user.json',
    };
    assert.deepEqual(currentValues(snap), { profile: 'dev', region: 'eu-west-1', model: 'm[1m]', haiku: 'h', authRefresh: 'aws sso login --profile dev', layer: 'local' });
  });
});

const PRE: PrerequisiteReport = {
  node: { version: '20.0.0', ok: true },
  claudeCode: { version: '2.1.332', note: 'ok' },
  awsCli: { version: '2.15.0', ssoSession: true, pkce: false, awsLogin: false, note: '' },
};

function opts(o: Partial<SetupOptions> = {}): SetupOptions {
  return { pins: {}, authRefresh: 'auto', scope: 'user', dryRun: false, extras: flags(), ...o } as SetupOptions;
}
function flags(f: Partial<ExtraFlags> = {}): ExtraFlags {
  return { print: false, auth: 'profile', skipTest: false, yes: false, json: false, noColor: true, given: { scope: false, authRefresh: false }, ...f };
}

describe('the wizard, scripted', () => {
  let w: WizardWorld;
  let deps: Deps;
  let err = '';
  before(async () => {
    w = await wizardWorld({ config: '', signedIn: false });
    w.emu.setLatency(0, 'us-east-1'); // the IAM Identity Center region: the sign-in makes many calls there
    fs.writeFileSync(path.join(w.home, '.aws', 'credentials'), '');
    const env = w.env({ BROWSER });
    // The SDK's own credential providers read process.env (this file runs in its own process).
    for (const k of Object.keys(process.env)) if (/^AWS_|^HOME$/.test(k)) delete process.env[k];
    Object.assign(process.env, env);
    const stderr = new PassThrough();
    stderr.on('data', (d) => (err += d));
    deps = createDeps({ env, cwd: w.home, stdin: new PassThrough(), stdout: new PassThrough(), stderr, isTTY: { stdin: false, stdout: false, stderr: false } });
  });
  after(() => w.stop());
  const out = () => createOutput(deps, { json: false, noColor: true, debug: false });

  it('no profile yet: creates one with sso add (signing in to list accounts and roles), then sets up Claude Code with it', async () => {
    const p = scriptedPrompter([
      'https://d-1234567890.awsapps.com/start', // start URL
      '', // SSO region: default us-east-1
      '', // session name: default
      'bedrock', // profile name
      'dev (123456789012)', // account
      'BedrockUser', // role
      '', // profile region: default
      true, // write ~/.aws/config
      CLOSEST, // region
      'global.anthropic.claude-sonnet-4-6', // primary
      true, // 1M
      'No pin', // background
      false, // opus / sonnet pins
      'user', // scope
      'none', // awsAuthRefresh
      true, // write the settings
    ]);
    const r = await runWizard(opts(), flags(), deps, out(), { prompter: p, prerequisites: async () => PRE });
    p.assertDone();
    assert.equal(r.extras, 'wizard');
    if (r.extras !== 'wizard') return;
    assert.deepEqual(r.report.profile && { name: r.report.profile.name, kind: r.report.profile.kind, created: r.report.profile.created }, { name: 'bedrock', kind: 'sso-session', created: true });
    assert.ok(r.report.test!.every((t) => t.invoke && t.stream));
    assert.deepEqual(w.settings(), { env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'bedrock', AWS_REGION: CLOSEST, ANTHROPIC_MODEL: 'global.anthropic.claude-sonnet-4-6[1m]' } });
    assert.match(fs.readFileSync(w.configFile, 'utf8'), /\[profile bedrock\]\nsso_session = [\w.-]+\nsso_account_id = 123456789012\nsso_role_name = BedrockUser/);
    assert.deepEqual(p.asked.slice(8, 10), ['Bedrock region', 'Primary model (ANTHROPIC_MODEL)']);
  });

  it('flags skip their questions: only the missing ones are asked', async () => {
    const p = scriptedPrompter(['global.anthropic.claude-opus-4-8', false, true]);
    const r = await runWizard(
      opts({ profile: 'bedrock', region: 'us-east-1', pins: { haiku: 'global.anthropic.claude-haiku-4-5-20251001-v1:0', opus: 'global.anthropic.claude-opus-4-8', sonnet: 'global.anthropic.claude-sonnet-4-6' }, authRefresh: 'none', scope: 'local' }),
      flags({ given: { scope: true, authRefresh: true }, skipTest: true }),
      deps, out(), { prompter: p, prerequisites: async () => PRE },
    );
    p.assertDone();
    assert.deepEqual(p.asked, ['Primary model (ANTHROPIC_MODEL)', '1M-token context window for Claude Opus 4.8? (adds [1m]; long prompts cost more)', `Write these settings to ${path.join(w.home, '.claude', 'settings.local.json')}?`]);
    assert.equal(r.extras === 'wizard' && r.report.testSkipped, '--skip-test');
  });

  it('answering no at the end is a cancel: nothing written', async () => {
    const before = w.settingsText();
    const p = scriptedPrompter(['bedrock', 'us-east-1', 'global.anthropic.claude-opus-4-8', false, 'No pin', false, 'user', 'none', false]);
    await assert.rejects(runWizard(opts(), flags(), deps, out(), { prompter: p, prerequisites: async () => PRE }), CancelledError);
    p.assertDone();
    assert.equal(w.settingsText(), before);
    assert.match(err, /Changes to .*settings\.json:/);
  });

  it('Ctrl-C (SIGINT) during the model test: its calls are aborted, and the cancel says the settings were written', async () => {
    let interrupt: (() => void) | undefined;
    const d: Deps = { ...deps, onInterrupt: (fn) => { interrupt = fn; return () => { interrupt = undefined; }; } };
    const signals: AbortSignal[] = [];
    // The invoke waits until it is aborted; the interrupt arrives while it waits (as the user presses Ctrl-C).
    const hang = (o?: { signal?: AbortSignal }) => new Promise<never>((_, reject) => {
      signals.push(o!.signal!);
      o!.signal!.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      setImmediate(() => interrupt?.());
    });
    const api = async (x: Deps): Promise<AwsApi> => ({ ...(await defaultApi(x)), invoke: (_s, _r, _m, o) => hang(o), invokeStream: (_s, _r, _m, o) => hang(o) });
    const p = scriptedPrompter(['bedrock', 'us-east-1', 'global.anthropic.claude-opus-4-8', false, 'No pin', false, 'user', 'none', true]);
    await assert.rejects(runWizard(opts(), flags(), d, out(), { prompter: p, prerequisites: async () => PRE, api }), (e: unknown) => {
      assert.ok(e instanceof CancelledError);
      assert.equal(e.exitCode, 2);
      assert.match(e.message, /^Cancelled: the model test was stopped\. Earlier steps you confirmed stay done: the settings were written to .*settings\.json \(claude-bedrock undo reverts them\)\.$/);
      assert.match(e.next ?? '', /^claude-bedrock test/);
      return true;
    });
    p.assertDone();
    assert.ok(signals.length > 0 && signals.every((s) => s.aborted), 'every test call was aborted');
    assert.equal(interrupt, undefined, 'the SIGINT listener was removed');
    assert.equal(w.settings()!.env.ANTHROPIC_MODEL, 'global.anthropic.claude-opus-4-8');
  });

  it('a legacy profile in a config the AWS CLI refuses is not converted (sso migrate refuses it): a warning with the fix', async () => {
    const saved = fs.readFileSync(w.configFile);
    const broken = REFUSED_CONFIGS[0]!.text;
    fs.writeFileSync(w.configFile, broken);
    try {
      const from = err.length;
      const p = scriptedPrompter([false]); // sign in now? no
      await assert.rejects(runWizard(opts({ profile: 'old', region: 'us-east-1', authRefresh: 'none' }), flags({ given: { scope: false, authRefresh: true } }), deps, out(), { prompter: p, prerequisites: async () => PRE }), AuthError);
      p.assertDone();
      assert.deepEqual(p.asked, ['Sign in to IAM Identity Center now? (opens your browser)'], 'no conversion was offered');
      assert.match(err.slice(from), /Profile old uses the legacy SSO format.* It is not converted now: Key region appears twice in \[profile old\].* Fix: keep one region line in \[profile old\] in .*; then: claude-bedrock sso migrate --profile old/);
      assert.equal(fs.readFileSync(w.configFile, 'utf8'), broken);
    } finally {
      fs.writeFileSync(w.configFile, saved);
    }
  });
});
