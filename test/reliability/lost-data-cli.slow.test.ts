// Lost data, through the real CLI: random config / credentials / settings / ~/.claude.json sets in a temp HOME, then
// setup, tune, sso add, sso migrate, doctor --fix and reset one after another, each checked like the planner-level
// test (untouched bytes, unknown keys, botocore's reading), then `undo` of every change set: every byte and mode back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SETUP_MANAGED_PATHS } from '../../src/core/claude-settings/keys.js';
import { runCli } from '../helpers.js';
import { haveBotocore } from '../aws-config/oracle.js';
import { tempDir } from '../security/world.js';
import { docSet, sample, scaled, SEED, type DocSet } from './gen.js';
import { assertBotoSame, assertIniMinimal, assertJsonKept, assertJsonTokensKept, botoChange, botocoreRead, touch, type BotoChange } from './checks.js';

const M = scaled(12);
const OPUS = 'global.anthropic.claude-opus-4-5-20251101-v1:0';
const START = 'https://acme.awsapps.com/start';
const JS_NAME = /^[\w\-@+.%:/]+$/;
const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_region', 'sso_registration_scopes'];

interface Files { config: string; credentials: string; settings: string; state: string }
type Texts = Record<keyof Files, string | null>;

function files(h: string): Files {
  return { config: path.join(h, '.aws', 'config'), credentials: path.join(h, '.aws', 'credentials'), settings: path.join(h, '.claude', 'settings.json'), state: path.join(h, '.claude.json') };
}

function read(f: Files): Texts {
  const r = (p: string) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : null);
  return { config: r(f.config), credentials: r(f.credentials), settings: r(f.settings), state: r(f.state) };
}

function modes(f: Files): string {
  return Object.values(f).map((p) => (fs.existsSync(p) ? (fs.statSync(p).mode & 0o777).toString(8) : '-')).join(' ');
}

const journalCount = (h: string) => { try { return fs.readdirSync(path.join(h, '.claude-bedrock', 'journal')).filter((n) => n.endsWith('.json')).length; } catch { return 0; } };

function plant(d: DocSet): { h: string; f: Files } {
  const h = tempDir('cb-lostcli-');
  const f = files(h);
  fs.mkdirSync(path.dirname(f.config), { recursive: true });
  fs.mkdirSync(path.dirname(f.settings), { recursive: true });
  fs.mkdirSync(path.join(h, 'project'));
  fs.writeFileSync(f.config, d.config.text);
  if (d.credentials) fs.writeFileSync(f.credentials, d.credentials, { mode: 0o600 });
  fs.writeFileSync(f.settings, d.settings.text, { mode: 0o640 });
  fs.writeFileSync(f.state, d.claudeState, { mode: 0o600 });
  return { h, f };
}

interface Step { name: string; args: string[] }

test(`lost data through the CLI: ${M} random HOMEs through setup, tune, sso add, sso migrate, doctor --fix, reset, then undo of each`, { timeout: 600_000 }, async () => {
  const docs = sample(docSet, M, SEED + 1);
  const boto: { before: string; after: string; change: BotoChange; where: string }[] = [];
  const stats = { homes: M, written: 0, refused: 0, undone: 0 };
  let next = 0;
  await Promise.all(Array.from({ length: 3 }, async () => {
    while (next < docs.length) {
      const i = next++;
      const d = docs[i]!;
      const { h, f } = plant(d);
      const original = read(f);
      const originalModes = modes(f);
      const profile = d.config.profiles.find((p) => JS_NAME.test(p) && p !== 'default') ?? 'dev';
      const steps: Step[] = [
        { name: 'setup', args: ['setup', '--profile', profile, '--region', 'us-west-2', '--model', OPUS] },
        { name: 'tune', args: ['tune', '--preset', 'thorough'] },
        { name: 'sso add', args: ['sso', 'add', '--start-url', START, '--sso-region', 'us-east-1', '--session-name', `s${i}`, '--profile', `added-${i}`, '--account', '111122223333', '--role', 'BedrockUser', '--region', 'us-west-2'] },
        { name: 'sso migrate', args: ['sso', 'migrate', '--all', '--json'] },
        { name: 'doctor --fix', args: ['doctor', '--fix', '--yes', '--offline'] },
        { name: 'reset', args: ['reset'] },
      ];
      for (const s of steps) {
        const where = `home ${i} ${s.name}`;
        const before = read(f);
        const n = journalCount(h);
        const r = await runCli(s.args, { home: h, cwd: path.join(h, 'project') });
        assert.ok(!/Unexpected error|This is a bug/.test(r.stderr), `${where}: ${r.stderr}`);
        const after = read(f);
        assert.equal(after.credentials, before.credentials, `${where}: the credentials file changed`);
        if (journalCount(h) === n) {
          // Refused, or nothing to do: nothing at all was written.
          assert.deepEqual(after, before, `${where}: files changed without a change set (exit ${r.code}): ${r.stderr}`);
          stats.refused++;
          continue;
        }
        assert.equal(journalCount(h), n + 1, `${where}: more than one change set`);
        stats.written++;
        if (s.name === 'setup' || s.name === 'tune' || s.name === 'reset') {
          assert.equal(after.config, before.config, `${where}: the AWS config changed`);
          const keys = s.name === 'tune' ? ['env.MAX_THINKING_TOKENS', 'env.CLAUDE_CODE_MAX_OUTPUT_TOKENS'] : [...SETUP_MANAGED_PATHS];
          assertJsonKept(before.settings || '{}', after.settings!, [...keys, ...(s.name === 'reset' ? ['env'] : [])], where);
          assertJsonTokensKept(before.settings!, after.settings!, keys, where);
        }
        if (s.name === 'sso add' || s.name === 'sso migrate' || s.name === 'doctor --fix') {
          if (s.name !== 'doctor --fix') assert.equal(after.settings, before.settings, `${where}: settings changed`);
          const migrated: string[] = s.name === 'sso migrate' ? r.json().sessions.flatMap((x: { profiles: string[] }) => x.profiles) : d.config.profiles;
          // The sessions a migration may create or extend: those there before and those whose header is new.
          const headers = (t: string | null) => (t ?? '').split(/\r\n|\r|\n/).flatMap((l) => /^\[sso-session ([^\]]+)\]/.exec(l)?.[1] ?? []);
          const sessionKeys: [string, string[]][] = [...new Set([...d.config.sessions, ...headers(after.config)])].map((x) => [x, ['sso_start_url', 'sso_region', 'sso_registration_scopes']]);
          const change = s.name === 'sso add'
            ? botoChange([[`added-${i}`, ['sso_session', 'sso_account_id', 'sso_role_name', 'region']]], [[`s${i}`, ['sso_start_url', 'sso_region', 'sso_registration_scopes']]])
            : botoChange(migrated.map((p) => [p, SSO_KEYS]), sessionKeys);
          const sections = s.name === 'sso add' ? [[`profile added-${i}`, ['sso_session', 'sso_account_id', 'sso_role_name', 'region']], [`sso-session s${i}`, SSO_KEYS]] as [string, string[]][] : migrated.map((p) => [p === 'default' ? 'default' : `profile ${p}`, SSO_KEYS] as [string, string[]]);
          const newSections = (after.config ?? '').split(/\r\n|\r|\n/).filter((l) => /^\[sso-session |^\[profile added-/.test(l) && !(before.config ?? '').includes(l)).map((l) => l.slice(1, l.indexOf(']')));
          assertIniMinimal(before.config ?? '', after.config ?? '', touch([...sections, ...sessionKeys.map(([x, k]) => [`sso-session ${x}`, k] as [string, string[]])], newSections), where);
          boto.push({ before: before.config ?? '', after: after.config ?? '', change, where });
        }
        if (s.name === 'doctor --fix' && after.settings !== before.settings) {
          const moved = Object.keys((JSON.parse(before.state ?? '{}').env ?? {}) as object).map((k) => `env.${k}`);
          assertJsonKept(before.settings || '{}', after.settings!, ['env.AWS_REGION', 'env.ANTHROPIC_MODEL', 'env.ANTHROPIC_DEFAULT_OPUS_MODEL', 'env.ANTHROPIC_DEFAULT_SONNET_MODEL', 'env.ANTHROPIC_DEFAULT_HAIKU_MODEL', 'env.ANTHROPIC_SMALL_FAST_MODEL', 'model', 'awsAuthRefresh', 'awsCredentialExport', ...moved], where);
        }
        if (s.name === 'doctor --fix' && after.state !== before.state) assertJsonKept(before.state!, after.state!, ['env', 'awsAuthRefresh', 'awsCredentialExport'], where);
      }
      // Undo everything, newest first: every byte and every mode as planted.
      const n = journalCount(h);
      for (let k = 0; k < n; k++) {
        const u = await runCli(['undo'], { home: h, cwd: path.join(h, 'project') });
        assert.equal(u.code, 0, `home ${i} undo ${k + 1}/${n}: ${u.stderr}`);
        stats.undone++;
      }
      assert.deepEqual(read(f), original, `home ${i}: undo did not give back the original bytes`);
      assert.equal(modes(f), originalModes, `home ${i}: modes changed`);
    }
  }));
  if (haveBotocore()) {
    const reads = await botocoreRead(boto.flatMap((b) => [{ config: b.before, credentials: null }, { config: b.after, credentials: null }]));
    boto.forEach((b, k) => assertBotoSame(reads[2 * k]!, reads[2 * k + 1]!, b.change, b.where));
  }
  assert.ok(stats.written >= M * 2, JSON.stringify(stats));
  console.log(`# lost-data CLI: ${JSON.stringify(stats)}`);
});
