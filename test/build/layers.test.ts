// The build's promise to cold start (see scripts/build.mjs): the offline hot paths read a handful of CommonJS files —
// the entry, the base layer, the offline layer and their command's own chunk — and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, runCli, tempDir } from '../helpers.js';

const DIST = path.join(ROOT, 'dist');

async function filesLoaded(args: string[], home: string): Promise<string[]> {
  const log = path.join(tempDir('cb-layers-'), 'files.log');
  const r = await runCli(args, { home, env: { NODE_OPTIONS: `--require=${path.join(ROOT, 'test', 'build', 'log-files.cjs')}`, FILES_LOG: log }, input: '{}' });
  assert.ok(r.code === 0 || r.code === 3, `${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
  // Names without rollup's content hash: chunks/status-C5ZoHE2D.js → chunks/status.
  return fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((f) => (f.startsWith('node:') ? f : path.relative(DIST, f).replace(/-[\w-]{8}\.js$/, '').replace(/\.js$/, ''))).sort();
}

test('dist/ is CommonJS (dist/package.json), with the entry executable', () => {
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(DIST, 'package.json'), 'utf8')), { type: 'commonjs' });
  assert.match(fs.readFileSync(path.join(DIST, 'cli.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  assert.ok(fs.statSync(path.join(DIST, 'cli.js')).mode & 0o100);
});

test('--version and --help read the entry and the base layer only; status, profiles and the hook add the offline layer and their own chunk', async () => {
  const home = tempDir('cb-layers-home-');
  fs.mkdirSync(path.join(home, '.aws'));
  fs.writeFileSync(path.join(home, '.aws', 'config'), '[profile dev]\nregion = us-west-2\n');
  assert.deepEqual(await filesLoaded(['--version'], home), ['chunks/base', 'cli']);
  assert.deepEqual(await filesLoaded(['--help'], home), ['chunks/base', 'cli']);
  assert.deepEqual(await filesLoaded(['status', '--offline'], home), ['chunks/base', 'chunks/offline', 'chunks/status', 'cli']);
  assert.deepEqual(await filesLoaded(['profiles'], home), ['chunks/base', 'chunks/offline', 'chunks/profiles', 'cli']);
  assert.deepEqual(await filesLoaded(['hook', 'session-start'], home), ['chunks/base', 'chunks/offline', 'chunks/session-start', 'cli']);
});

test('the hook and status --offline with an SSO profile find the token cache without loading node:crypto', async () => {
  const home = tempDir('cb-layers-home-');
  fs.mkdirSync(path.join(home, '.aws'));
  fs.writeFileSync(path.join(home, '.aws', 'config'), '[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-west-2\n\n[sso-session corp]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n');
  fs.mkdirSync(path.join(home, '.claude'));
  fs.writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'dev', AWS_REGION: 'us-west-2' } }));
  const hook = await filesLoaded(['hook', 'session-start'], home);
  assert.deepEqual(hook, ['chunks/base', 'chunks/offline', 'chunks/session-start', 'cli']);
  assert.ok(!(await filesLoaded(['status', '--offline'], home)).includes('node:crypto'));
});
