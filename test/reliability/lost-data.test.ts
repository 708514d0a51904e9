// Lost data, planner level: 10,000 random config / credentials / settings / ~/.claude.json sets through every edit
// planner the commands use (setup, reset, tune, sso add, sso migrate, doctor --fix): untouched bytes identical, unknown keys
// kept, and botocore (one batched python process) reads every value as before except the ones the edit is for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildProfileModel, type AwsConfigModel } from '../../src/core/aws-config/index.js';
import { planSettingsEdit } from '../../src/core/claude-settings/edit.js';
import { checkSetupInput, decideAuthRefresh, resetIntent, setupIntent, type SetupInput } from '../../src/core/claude-settings/setup-plan.js';
import { SETUP_MANAGED_PATHS } from '../../src/core/claude-settings/keys.js';
import { planSsoAdd, profileSection, REFRESH_SCOPE } from '../../src/core/sso/plan-add.js';
import { planMigration } from '../../src/core/sso/plan-migrate.js';
import { nameProblem } from '../../src/core/sso/validate.js';
import { planFixes } from '../../src/core/diagnosis/checks/fixes.js';
import { OUTPUT_KEY, PRESETS, THINKING_KEY } from '../../src/core/tune.js';
import type { FixAction } from '../../src/core/diagnosis/checks/context.js';
import { CliError, FileError } from '../../src/errors.js';
import { haveBotocore } from '../aws-config/oracle.js';
import { docSet, sample, scaled, SSO_REGIONS, START_URLS, type DocSet } from './gen.js';
import {
  assertBotoSame, assertIniMinimal, assertJsonKept, assertJsonLinesKept, assertJsonTokensKept, botoChange, botocoreRead, jsonAt, touch,
  type BotoChange, type BotoRead,
} from './checks.js';

const N = scaled(10_000);
const CONFIG = '/home/u/.aws/config';
const CRED = '/home/u/.aws/credentials';
const SETTINGS = '/home/u/.claude/settings.json';
const STATE = '/home/u/.claude.json';
const OPUS = 'global.anthropic.claude-opus-4-5-20251101-v1:0';
const HAIKU = 'global.anthropic.claude-haiku-4-5-20251001-v1:0';
const MANAGED_KEYS = [...SETUP_MANAGED_PATHS.map((p) => p.replace(/^env\./, '')), 'env'];

type Json = Record<string, unknown>;

/** What setup's intent means for the JSON, computed independently of the planner. */
function expectSetup(before: string, set: Record<string, string>): string {
  const v = (before.trim() ? JSON.parse(before) : {}) as Json;
  for (const [p, val] of Object.entries(set)) {
    const parts = p.split('.');
    let o = v;
    for (const k of parts.slice(0, -1)) {
      if (!o[k] || typeof o[k] !== 'object') o[k] = {};
      o = o[k] as Json;
    }
    o[parts[parts.length - 1]!] = val;
  }
  return JSON.stringify(v);
}

function expectReset(before: string): string {
  const v = JSON.parse(before) as Json;
  let removedFromEnv = false;
  for (const p of SETUP_MANAGED_PATHS) {
    if (p.startsWith('env.')) {
      const env = v.env as Json | undefined;
      if (env && typeof env === 'object' && p.slice(4) in env) { delete env[p.slice(4)]; removedFromEnv = true; }
    } else delete v[p];
  }
  if (removedFromEnv && Object.keys(v.env as Json).length === 0) delete v.env;
  return JSON.stringify(v);
}

const hasManaged = (text: string) => {
  const v = JSON.parse(text) as Json;
  const env = (v.env && typeof v.env === 'object' ? v.env : {}) as Json;
  return SETUP_MANAGED_PATHS.some((p) => (p.startsWith('env.') ? p.slice(4) in env : p in v));
};

interface Pending { before: number; after: number; change: BotoChange; where: string; after2?: (r: BotoRead) => void }

interface Stats { docs: number; setupWritten: number; setupRefused: number; resetWritten: number; tuneWritten: number; addWritten: number; addRefused: number; migrated: number; migrateRefused: number; fixed: number; fixSkipped: number; botoPairs: number; botoRefusedBefore: number }

function modelOf(d: DocSet, configText = d.config.text): AwsConfigModel {
  return buildProfileModel({ configText, configPath: CONFIG, credentialsText: d.credentials, credentialsPath: CRED, env: {} });
}

/** setup, then reset on its output, then reset on the original. */
function settingsPlanners(d: DocSet, i: number, model: AwsConfigModel, st: Stats): void {
  const where = `doc ${i} (settings ${JSON.stringify(d.settings.text)})`;
  const profile = model.profiles.filter((p) => p.sources.length)[i % Math.max(1, model.profiles.length)] ?? { name: 'dev', kind: 'sso-session' };
  const input: SetupInput = { profile: profile.name, region: 'us-west-2', model: OPUS, pins: i % 3 === 0 ? { haiku: HAIKU } : {}, authRefresh: 'auto' };
  try {
    checkSetupInput(input);
  } catch (e) {
    assert.ok(e instanceof CliError, `${where}: ${e}`);
    input.profile = 'dev';
  }
  const intent = setupIntent(input, decideAuthRefresh({ name: input.profile, kind: profile.kind }, 'auto'));
  let after: string;
  try {
    after = planSettingsEdit(d.settings.text, intent, SETTINGS);
  } catch (e) {
    assert.ok(e instanceof FileError, `${where}: setup planner threw ${e}`);
    assert.ok(d.settings.broken || d.settings.text.charCodeAt(0) === 0xfeff, `${where}: setup refused a file Claude Code reads: ${(e as Error).message}`);
    st.setupRefused++;
    return;
  }
  assert.ok(!d.settings.broken, `${where}: setup edited a file Claude Code rejects`);
  st.setupWritten++;
  assert.equal(JSON.stringify(JSON.parse(after)), expectSetup(d.settings.text, intent.set), `${where}: setup result is not the file plus its keys`);
  assertJsonKept(d.settings.text, after, Object.keys(intent.set), `${where} setup`);
  assertJsonLinesKept(d.settings.text, after, MANAGED_KEYS, `${where} setup`);
  assertJsonTokensKept(d.settings.text, after, Object.keys(intent.set), `${where} setup`);
  if (i % 4 === 0) assert.equal(planSettingsEdit(after, intent, SETTINGS), after, `${where}: setup twice changes the file again`);

  const reset = planSettingsEdit(after, resetIntent(), SETTINGS);
  st.resetWritten++;
  assert.equal(JSON.stringify(JSON.parse(reset)), expectReset(after), `${where}: reset removed more or less than setup's keys`);
  assertJsonLinesKept(after, reset, MANAGED_KEYS, `${where} reset`);
  assertJsonTokensKept(after, reset, [...SETUP_MANAGED_PATHS], `${where} reset`);
  if (!hasManaged(d.settings.text)) {
    const emptyEnv = jsonAt(d.settings.text, 'env');
    // The one thing reset cannot know: that an empty "env": {} was there before setup filled it.
    if (!(emptyEnv && typeof emptyEnv === 'object' && Object.keys(emptyEnv).length === 0)) {
      assert.equal(reset, d.settings.text, `${where}: reset after setup does not give back the original bytes`);
    }
  }
  // tune: its two env keys (as the command builds them from a preset), nothing else.
  const preset = PRESETS[(['focused', 'balanced', 'thorough'] as const)[i % 3]];
  const tuneSet = { [`env.${THINKING_KEY}`]: String(preset.thinking), [`env.${OUTPUT_KEY}`]: String(preset.output) };
  const tuned = planSettingsEdit(d.settings.text, { set: tuneSet }, SETTINGS);
  assert.equal(JSON.stringify(JSON.parse(tuned)), expectSetup(d.settings.text, tuneSet), `${where}: tune result is not the file plus its keys`);
  assertJsonTokensKept(d.settings.text, tuned, Object.keys(tuneSet), `${where} tune`);
  assertJsonLinesKept(d.settings.text, tuned, [THINKING_KEY, OUTPUT_KEY, 'env'], `${where} tune`);
  st.tuneWritten++;

  const reset0 = planSettingsEdit(d.settings.text, resetIntent(), SETTINGS);
  assert.equal(JSON.stringify(JSON.parse(reset0 || '{}')), expectReset(d.settings.text || '{}'), `${where}: reset of the original`);
  assertJsonLinesKept(d.settings.text, reset0, MANAGED_KEYS, `${where} reset0`);
  if (d.settings.text.trim()) assertJsonTokensKept(d.settings.text, reset0, [...SETUP_MANAGED_PATHS], `${where} reset0`);
}

function ssoAddInput(d: DocSet, i: number, model: AwsConfigModel) {
  const names = model.profiles.map((p) => p.name).filter((n) => !nameProblem(n));
  // Mostly new profiles; every third an existing one (often refused: sso add never changes what is there).
  const profile = i % 3 !== 0 || !names.length ? `bedrock-${i % 4}` : names[i % names.length]!;
  const sessions = Object.keys(model.ssoSessions).filter((n) => !nameProblem(n));
  const sessionName = i % 2 === 0 && sessions.length ? sessions[i % sessions.length]! : ['corp', 'acme', 'new-sso'][i % 3]!;
  const existing = model.ssoSessions[sessionName];
  return {
    sessionName,
    startUrl: existing?.startUrl && i % 5 !== 0 ? existing.startUrl : START_URLS[i % 3]!,
    ssoRegion: existing?.region && i % 5 !== 0 ? existing.region : SSO_REGIONS[i % SSO_REGIONS.length]!,
    profile,
    accountId: '111122223333',
    roleName: 'BedrockUser',
    ...(i % 2 ? { region: 'us-west-2' } : {}),
  };
}

test(`lost data: ${N} random file sets through setup, reset, tune, sso add, sso migrate and doctor --fix planners`, { timeout: 600_000 }, async () => {
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  const docs = sample(docSet, N);
  const st: Stats = { docs: N, setupWritten: 0, setupRefused: 0, resetWritten: 0, tuneWritten: 0, addWritten: 0, addRefused: 0, migrated: 0, migrateRefused: 0, fixed: 0, fixSkipped: 0, botoPairs: 0, botoRefusedBefore: 0 };
  const pairs: { config: string | null; credentials: string | null }[] = [];
  const pending: Pending[] = [];
  const push = (config: string) => pairs.push({ config, credentials: null }) - 1;
  const boto = haveBotocore();
  // botocore reads each chunk in its own python process while the next chunk is planned (two cores).
  const reads: Promise<BotoRead[]>[] = [];
  let sent = 0;
  const flush = () => {
    if (boto && sent < pairs.length) reads.push(botocoreRead(pairs.slice(sent)));
    sent = pairs.length;
  };
  // Stack traces of the expected refusals (thousands of them) are costly with source maps on.
  const maps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);

  docs.forEach((d, i) => {
    if (i % 2500 === 2499) flush();
    const model = modelOf(d);
    settingsPlanners(d, i, model, st);
    const before = push(d.config.text);
    const where = (what: string) => `doc ${i} ${what}`;

    // sso add
    const input = ssoAddInput(d, i, model);
    try {
      const p = planSsoAdd(d.config.text, CONFIG, model, input);
      st.addWritten++;
      const sec = profileSection(input.profile);
      const ssec = `sso-session ${input.sessionName}`;
      assertIniMinimal(d.config.text, p.text, touch([[sec, ['sso_session', 'sso_account_id', 'sso_role_name', 'region']], [ssec, ['sso_start_url', 'sso_region', 'sso_registration_scopes']]], [sec, ssec]), where(`sso add ${JSON.stringify(input)}`));
      const m = modelOf(d, p.text);
      if (i % 4 === 0) assert.equal(planSsoAdd(p.text, CONFIG, m, input).text, p.text, where('sso add twice changes the file again'));
      const prof = m.profiles.find((x) => x.name === input.profile);
      assert.equal(prof?.ssoSession, input.sessionName, where('sso add: the profile does not use the session'));
      assert.equal(m.ssoSessions[input.sessionName]?.startUrl, input.startUrl, where('sso add: session start URL'));
      pending.push({
        before,
        after: push(p.text),
        change: botoChange([[input.profile, ['sso_session', 'sso_account_id', 'sso_role_name', 'region']]], [[input.sessionName, ['sso_start_url', 'sso_region', 'sso_registration_scopes']]]),
        where: where('sso add'),
        after2: (r) => {
          if ('error' in r) return;
          assert.equal(r.profiles[input.profile]?.sso_session, input.sessionName, where('botocore: profile not on the session'));
          const s = r.ssoSessions[input.sessionName] as Record<string, string>;
          assert.equal(s?.sso_start_url, input.startUrl, where('botocore: session start URL'));
          assert.ok(String(s?.sso_registration_scopes).split(',').map((x) => x.trim()).includes(REFRESH_SCOPE), where('botocore: refresh scope missing'));
        },
      });
    } catch (e) {
      assert.ok(e instanceof CliError, `${where('sso add')}: threw ${e instanceof Error ? e.stack : e}`);
      st.addRefused++;
    }

    // sso migrate --all
    const migrate = (text: string) => planMigration(text, CONFIG, modelOf(d, text), { profiles: 'all' });
    let mp: ReturnType<typeof migrate> | undefined;
    try {
      mp = migrate(d.config.text);
    } catch (e) {
      // A value botocore reads over several lines (an indented line after it) cannot move to a new section, and a file
      // botocore refuses is never edited: both refused.
      assert.ok(e instanceof CliError && (e.code === 'invalid-aws-config-text' || e.code === 'aws-config-refused'), `${where('sso migrate')}: threw ${e instanceof Error ? e.stack : e}`);
      st.migrateRefused++;
    }
    if (mp?.sessions.length) {
      st.migrated++;
      const keys = ['sso_session', 'sso_start_url', 'sso_region', 'sso_registration_scopes'];
      const tch: [string, string[]][] = [];
      const profChanges: [string, string[]][] = [];
      for (const s of mp.sessions) {
        tch.push([`sso-session ${s.name}`, ['sso_registration_scopes']]);
        for (const name of s.profiles) {
          tch.push([model.profiles.find((p) => p.name === name)!.sources.find((x) => x.file === CONFIG)!.section, keys]);
          profChanges.push([name, keys]);
        }
      }
      assertIniMinimal(d.config.text, mp.text, touch(tch, mp.sessions.filter((s) => s.action === 'created').map((s) => `sso-session ${s.name}`)), where('sso migrate'));
      if (i % 4 === 0) assert.equal(migrate(mp.text).sessions.length, 0, where('sso migrate twice migrates again'));
      const done = mp;
      const legacyBefore = new Map(model.profiles.map((p) => [p.name, p.values]));
      pending.push({
        before,
        after: push(mp.text),
        change: botoChange(profChanges, mp.sessions.map((s) => [s.name, ['sso_start_url', 'sso_region', 'sso_registration_scopes']])),
        where: where('sso migrate'),
        after2: (r) => {
          if ('error' in r) return;
          for (const s of done.sessions) {
            const sess = r.ssoSessions[s.name] as Record<string, string>;
            for (const name of s.profiles) {
              // botocore resolves the same start URL and region through the session.
              assert.equal(r.profiles[name]?.sso_session, s.name, where(`botocore: ${name} not on ${s.name}`));
              assert.equal(sess?.sso_start_url, legacyBefore.get(name)!.sso_start_url, where(`botocore: ${name} start URL`));
              assert.equal(sess?.sso_region, legacyBefore.get(name)!.sso_region, where(`botocore: ${name} SSO region`));
            }
          }
        },
      });
    }

    // doctor --fix: a random mix of the fixes it offers.
    const actions: FixAction[] = [];
    if (d.config.legacy.length && i % 2 === 0) actions.push({ kind: 'migrate-sso', profile: d.config.legacy[i % d.config.legacy.length]! });
    if (i % 3 !== 1) actions.push({ kind: 'set-env', key: 'AWS_REGION', value: 'us-west-2', file: null });
    if (i % 4 === 0) actions.push({ kind: 'replace-model', key: 'ANTHROPIC_MODEL', from: 'anthropic.claude-opus-4-5-20251101-v1:0', to: OPUS, file: SETTINGS });
    const state = JSON.parse(d.claudeState) as Json;
    for (const k of ['env', 'awsAuthRefresh']) if (k in state && i % 5 !== 0) actions.push({ kind: 'move-misplaced', key: k });
    const current = new Map([[CONFIG, d.config.text], [CRED, d.credentials], [SETTINGS, d.settings.text], [STATE, d.claudeState]]);
    const fx = planFixes(actions, current, { awsConfig: CONFIG, awsCredentials: CRED, userSettings: SETTINGS, claudeState: STATE, defaultSettings: SETTINGS }, {});
    st.fixSkipped += fx.skipped.length;
    assert.ok(!fx.edits.has(CRED), where('doctor --fix edited the credentials file'));
    if (fx.edits.size) st.fixed++;
    const newSettings = fx.edits.get(SETTINGS);
    if (newSettings !== undefined) {
      assert.ok(!d.settings.broken, where('doctor --fix edited a settings file Claude Code rejects'));
      const moved = actions.some((a) => a.kind === 'move-misplaced' && a.key === 'env') ? Object.keys((state.env ?? {}) as Json).map((k) => `env.${k}`) : [];
      assertJsonKept(d.settings.text || '{}', newSettings, ['env.AWS_REGION', 'env.ANTHROPIC_MODEL', 'awsAuthRefresh', ...moved], where('doctor --fix settings'));
      assertJsonTokensKept(d.settings.text, newSettings, ['env.AWS_REGION', 'env.ANTHROPIC_MODEL', 'awsAuthRefresh', ...moved], where('doctor --fix settings'));
      assertJsonLinesKept(d.settings.text, newSettings, ['env', 'AWS_REGION', 'ANTHROPIC_MODEL', 'awsAuthRefresh', ...moved.map((m) => m.slice(4))], where('doctor --fix settings'));
    }
    const newState = fx.edits.get(STATE);
    if (newState !== undefined) {
      assertJsonKept(d.claudeState, newState, actions.filter((a) => a.kind === 'move-misplaced').map((a) => (a as { key: string }).key), where('doctor --fix ~/.claude.json'));
      assertJsonTokensKept(d.claudeState, newState, ['env', 'awsAuthRefresh'], where('doctor --fix ~/.claude.json'));
      assertJsonLinesKept(d.claudeState, newState, ['env', 'awsAuthRefresh', 'AWS_PROFILE', 'MY_VAR'], where('doctor --fix ~/.claude.json'));
    }
    const newConfig = fx.edits.get(CONFIG);
    if (newConfig !== undefined) {
      const mig = actions.find((a) => a.kind === 'migrate-sso') as { profile: string } | undefined;
      assert.ok(mig, where('doctor --fix edited the AWS config without a migrate fix'));
      const sec = model.profiles.find((p) => p.name === mig.profile)!.sources.find((x) => x.file === CONFIG)!.section;
      const sessions = fx.migrated.map((s) => s.name);
      assertIniMinimal(d.config.text, newConfig, touch([[sec, ['sso_session', 'sso_start_url', 'sso_region', 'sso_registration_scopes']], ...sessions.map((s) => [`sso-session ${s}`, ['sso_registration_scopes']] as [string, string[]])], sessions.map((s) => `sso-session ${s}`)), where('doctor --fix config'));
      pending.push({ before, after: push(newConfig), change: botoChange([[mig.profile, ['sso_session', 'sso_start_url', 'sso_region', 'sso_registration_scopes']]], sessions.map((s) => [s, ['sso_start_url', 'sso_region', 'sso_registration_scopes']])), where: where('doctor --fix config') });
    }
  });
  process.setSourceMapsEnabled(maps);
  flush();
  const planned = Date.now() - t0;

  if (boto) {
    const all = (await Promise.all(reads)).flat();
    st.botoPairs = pairs.length;
    const refusedBefore = new Set<number>();
    for (const p of pending) {
      if ('error' in all[p.before]!) refusedBefore.add(p.before);
      assertBotoSame(all[p.before]!, all[p.after]!, p.change, p.where);
      p.after2?.(all[p.after]!);
    }
    st.botoRefusedBefore = refusedBefore.size;
    // The generator must mostly produce files botocore reads, or the value checks would prove little.
    assert.ok(refusedBefore.size < pending.length * 0.25, `too many generated configs refused by botocore: ${refusedBefore.size}`);
  }
  // Each planner must have had real work, or the test proves nothing.
  assert.ok(st.setupWritten > N * 0.8 && st.addWritten > N * 0.3 && st.migrated > N * 0.3 && st.fixed > N * 0.5, JSON.stringify(st));
  const cpu = process.cpuUsage(cpu0);
  console.log(`# lost-data planners: ${JSON.stringify(st)}; planning ${planned} ms, total ${Date.now() - t0} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU in node`);
});
