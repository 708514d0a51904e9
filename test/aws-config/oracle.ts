// Differential-test harness: what botocore (python3, the oracle on this machine) and our engine make of the same files.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import assert from 'node:assert/strict';
import { ROOT } from '../helpers.js';
import { parseIni } from '../../src/core/aws-config/ini.js';
import { buildProfileModel, isFileRefused, rawParse, type ConfigIssue } from '../../src/core/aws-config/model.js';

type Values = Record<string, string | Record<string, string>>;
type RawResult = { sections: Record<string, Values> } | { error: string };
export interface OracleResult {
  config: RawResult;
  credentials: RawResult;
  full: { profiles: Record<string, Values>; order: string[]; ssoSessions: Record<string, Values>; services: string[] } | { error: string };
}

export interface Case { name: string; config: string; credentials: string; configText: string; credentialsText: string }

/** True when python3 with botocore is available (it is on the project machines and in CI). */
export function haveBotocore(): boolean {
  const r = spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' });
  return r.status === 0;
}

/** One python process for all cases. Paths that do not exist read as "no file", as botocore does. */
export function runBotocore(cases: Case[]): OracleResult[] {
  const r = spawnSync('python3', [path.join(ROOT, 'test', 'aws-config', 'botocore_oracle.py')], {
    input: JSON.stringify(cases.map((c) => ({ config: c.config, credentials: c.credentials }))),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { PATH: process.env.PATH ?? '', HOME: path.dirname(cases[0]?.config ?? '/tmp'), LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
  });
  if (r.status !== 0) throw new Error(`botocore oracle failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as OracleResult[];
}

function ours(text: string, file: string): { sections: Record<string, Values>; refused: boolean; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const secs = rawParse(parseIni(text), file, issues);
  const sections: Record<string, Values> = {};
  for (const s of secs) {
    const v: Values = {};
    for (const [k, val] of s.values) v[k] = s.nested.get(k) ?? val;
    sections[s.name] = v;
  }
  return { sections, refused: issues.some(isFileRefused), issues };
}

/** Assert our reading equals botocore's for one case: raw sections, refusals, merged profiles and sso-sessions. */
export function assertAgrees(c: Case, oracle: OracleResult): void {
  const where = `case ${c.name}`;
  const cfg = ours(c.configText, c.config);
  const cred = ours(c.credentialsText, c.credentials);
  for (const [label, mine, theirs] of [['config', cfg, oracle.config], ['credentials', cred, oracle.credentials]] as const) {
    if ('error' in theirs) {
      assert.ok(mine.refused, `${where}: botocore refuses the ${label} file (${theirs.error}) but we report no error issue`);
    } else {
      assert.ok(!mine.refused, `${where}: we refuse the ${label} file but botocore reads it: ${JSON.stringify(mine.issues.filter(isFileRefused))}`);
      assert.deepEqual(mine.sections, theirs.sections, `${where}: ${label} sections differ`);
      assert.deepEqual(Object.keys(mine.sections), Object.keys(theirs.sections), `${where}: ${label} section order differs`);
    }
  }
  const model = buildProfileModel({ configText: c.configText, configPath: c.config, credentialsText: c.credentialsText, credentialsPath: c.credentials, env: {} });
  const refused = model.issues.some(isFileRefused);
  if ('error' in oracle.full) {
    assert.ok(refused, `${where}: botocore's Session refuses the files but the model has no error issue`);
    return;
  }
  assert.ok(!refused, `${where}: the model refuses files botocore's Session reads`);
  const profiles: Record<string, Values> = {};
  for (const p of model.profiles) {
    const v: Values = {};
    for (const [k, val] of Object.entries(p.values)) v[k] = p.nested[k] ?? val;
    profiles[p.name] = v;
  }
  assert.deepEqual(model.profiles.map((p) => p.name), oracle.full.order, `${where}: profile names/order differ`);
  assert.deepEqual(profiles, oracle.full.profiles, `${where}: profile values differ`);
  const sessions: Record<string, Record<string, string>> = {};
  for (const [name, s] of Object.entries(oracle.full.ssoSessions)) {
    const pick = (k: string) => (typeof s[k] === 'string' ? { [k]: s[k] as string } : {});
    sessions[name] = { ...pick('sso_start_url'), ...pick('sso_region'), ...pick('sso_registration_scopes') };
  }
  const mineSessions: Record<string, Record<string, string>> = {};
  for (const [name, s] of Object.entries(model.ssoSessions)) {
    mineSessions[name] = {
      ...(s.startUrl !== undefined ? { sso_start_url: s.startUrl } : {}),
      ...(s.region !== undefined ? { sso_region: s.region } : {}),
      ...(s.registrationScopes !== undefined ? { sso_registration_scopes: s.registrationScopes } : {}),
    };
  }
  assert.deepEqual(mineSessions, sessions, `${where}: sso-sessions differ`);
}
