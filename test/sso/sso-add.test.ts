// sso add: flags without a terminal (e2e), and the interactive flow with a scripted prompter that signs in and picks
// the account and role from the portal (in-process, against the emulator).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { awsCli, BROWSER, START_URL, world, type World } from './harness.js';
import { botocoreResolve } from './botocore.js';
import { createDeps } from '../../src/deps.js';
import { createOutput } from '../../src/io/output.js';
import { scriptedPrompter, CANCEL } from '../../src/io/prompt.js';
import { undoLast } from '../../src/io/changeset.js';
import { runSsoAdd } from '../../src/commands/sso/add.js';
import { CancelledError, CliError } from '../../src/errors.js';

const worlds: World[] = [];
after(() => Promise.all(worlds.map((w) => w.stop())));
async function mk(config = ''): Promise<World> {
  const w = await world(config);
  worlds.push(w);
  return w;
}

const FLAGS = ['--profile', 'bedrock', '--start-url', START_URL, '--sso-region', 'us-east-1', '--account', '123456789012', '--role', 'BedrockUser', '--region', 'us-west-2'];

test('without a terminal every value is a flag; the result works with botocore; undo reverts it byte for byte', async () => {
  const before = '# mine\n[profile keep]\nregion = eu-west-1\n';
  const w = await mk(before);
  const cfg = path.join(w.home, '.aws', 'config');
  const dry = await w.cli(['sso', 'add', ...FLAGS, '--dry-run', '--json']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.json().changes[0].diff, /^\+\[sso-session d-1234567890\]$/m);
  assert.equal(fs.readFileSync(cfg, 'utf8'), before, 'dry run wrote nothing');

  const r = await w.cli(['sso', 'add', ...FLAGS, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = r.json();
  assert.deepEqual(Object.keys(j), ['changes', 'backup', 'undoId', 'dryRun', 'profile', 'ssoSession']);
  assert.equal(j.ssoSession, 'd-1234567890');
  const text = fs.readFileSync(cfg, 'utf8');
  assert.ok(text.startsWith(before));
  assert.match(text, /\[sso-session d-1234567890\]\nsso_start_url = https:\/\/d-1234567890\.awsapps\.com\/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n$/);
  assert.deepEqual(botocoreResolve(text, ['bedrock']).bedrock, { account: '123456789012', role: 'BedrockUser', startUrl: START_URL, region: 'us-east-1', session: 'd-1234567890' });

  const again = await w.cli(['sso', 'add', ...FLAGS, '--json']);
  assert.equal(again.code, 0);
  assert.deepEqual(again.json().changes, [], 'idempotent');

  const u = await w.cli(['undo']);
  assert.equal(u.code, 0, u.stderr);
  assert.equal(fs.readFileSync(cfg, 'utf8'), before);
});

test('without a terminal, missing or bad values are usage errors naming the flag; conflicts name the fix', async () => {
  const w = await mk('[profile bedrock]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n');
  const missing = await w.cli(['sso', 'add', '--profile', 'x']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /The SSO start URL is needed: give --start-url/);
  // Every next is the whole command to paste: the values given, a placeholder for each one missing.
  assert.match(missing.stderr, /^ {2}next: claude-bedrock sso add --start-url <start-url> --sso-region <sso-region> --profile x --account <account-id> --role <role-name>$/m);
  const typo = await w.cli(['sso', 'add', ...FLAGS.map((f) => (f === 'us-east-1' ? 'us-east1' : f))]);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, new RegExp(`^ {2}next: claude-bedrock sso add --start-url ${START_URL} --sso-region us-east-1 --profile bedrock --account 123456789012 --role BedrockUser --region us-west-2$`, 'm'));
  const noAccount = await w.cli(['sso', 'add', '--profile', 'x', '--start-url', START_URL, '--sso-region', 'us-east-1']);
  assert.equal(noAccount.code, 2);
  assert.match(noAccount.stderr, /give --account/);
  assert.match(noAccount.stderr, new RegExp(`^ {2}next: claude-bedrock sso add --session-name d-1234567890 --start-url ${START_URL} --sso-region us-east-1 --profile x --account <account-id> --role <role-name>$`, 'm'));
  const badUrl = await w.cli(['sso', 'add', ...FLAGS.map((f) => (f === START_URL ? 'https://example.com/start' : f))]);
  assert.equal(badUrl.code, 2);
  assert.match(badUrl.stderr, /not an IAM Identity Center start URL/);
  for (const bad of ['a\nb', 'p]', 'k=v', "it's", '$(touch /tmp/pwned)']) {
    const r = await w.cli(['sso', 'add', ...FLAGS.map((f) => (f === 'bedrock' ? bad : f))]);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /The profile name .* is not allowed/);
  }
  const legacy = await w.cli(['sso', 'add', ...FLAGS]);
  assert.equal(legacy.code, 1);
  assert.match(legacy.stderr, /already exists as a legacy SSO profile/);
  assert.match(legacy.stderr, /next: claude-bedrock sso migrate --profile bedrock/);
  assert.equal(w.emu.calls.length, 0);
});

function inProcess(w: World) {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d) => (err += d));
  const deps = createDeps({ env: { HOME: w.home, PATH: process.env.PATH, ...w.emu.env, BROWSER }, cwd: w.home, stdout: new PassThrough(), stderr, isTTY: { stdin: true, stdout: true, stderr: true } });
  return { deps, out: createOutput(deps, { json: false, noColor: true, debug: false }), stderr: () => err };
}

test('on a terminal: asks, signs in, lists the accounts and roles IAM Identity Center assigns, confirms, writes', async () => {
  const w = await mk();
  const { deps, out, stderr } = inProcess(w);
  const p = scriptedPrompter([START_URL, '', '', 'bedrock', 'dev (123456789012)', 'BedrockUser', 'us-west-2', true]);
  const r = await runSsoAdd({ deviceCode: false, dryRun: false, yes: false }, deps, out, p);
  p.assertDone();
  assert.deepEqual(p.asked, [
    'IAM Identity Center start URL (AWS access portal URL)',
    'IAM Identity Center region (sso_region)',
    'SSO session name',
    'Profile name',
    'AWS account',
    'Role (permission set)',
    'Default region for this profile (where Bedrock is called)',
    `Write these changes to ${path.join(w.home, '.aws', 'config')}?`,
  ]);
  assert.equal(r.ssoSession, 'd-1234567890');
  assert.ok(r.undoId);
  assert.equal(w.emu.callsTo('ListAccounts').length, 1);
  assert.equal(w.emu.callsTo('ListAccountRoles').length, 1);
  assert.match(stderr(), /Signing in to https:\/\/d-1234567890\.awsapps\.com\/start to list the accounts/);
  // The sign-in it needed is already cached for the new session: the AWS CLI works with the new profile at once.
  const id = await awsCli(w, ['sts', 'get-caller-identity', '--profile', 'bedrock']);
  assert.equal(id.status, 0, id.stderr);
  assert.match(id.stdout, /AWSReservedSSO_BedrockUser_/);
  await undoLast(deps);
  assert.equal(fs.existsSync(path.join(w.home, '.aws', 'config')), true, 'the config existed (empty) before');
  assert.equal(fs.readFileSync(path.join(w.home, '.aws', 'config'), 'utf8'), '');
});

test('on a terminal: Ctrl-C at any question cancels and writes nothing; "no" at the confirmation too', async () => {
  const w = await mk();
  const { deps, out } = inProcess(w);
  await assert.rejects(runSsoAdd({ deviceCode: false, dryRun: false, yes: false }, deps, out, scriptedPrompter([START_URL, CANCEL])), CancelledError);
  // Everything given as flags but the confirmation, answered "no":
  const flags = { startUrl: START_URL, ssoRegion: 'us-east-1', sessionName: 'corp', profile: 'bedrock', accountId: '123456789012', roleName: 'BedrockUser', region: 'us-west-2', deviceCode: false, dryRun: false, yes: false };
  const p = scriptedPrompter([false]);
  await assert.rejects(runSsoAdd(flags, deps, out, p), CancelledError);
  p.assertDone();
  assert.equal(fs.readFileSync(path.join(w.home, '.aws', 'config'), 'utf8'), '');
  assert.equal(fs.existsSync(path.join(w.home, '.claude-bedrock', 'journal')), false);
  assert.equal(w.emu.calls.length, 0);
});

test('on a terminal: Ctrl-C while the portal lists the accounts aborts the call and writes nothing', async () => {
  const w = await mk();
  w.emu.addFault({ service: 'sso', operation: 'ListAccounts', error: 'hang' });
  const { deps: base, out } = inProcess(w);
  let press: (() => void) | undefined;
  const deps = { ...base, onInterrupt: (l: () => void) => { press = l; return () => { press = undefined; }; } };
  const p = scriptedPrompter([START_URL, '', '', 'bedrock']);
  const run = runSsoAdd({ deviceCode: false, dryRun: false, yes: false }, deps, out, p);
  // Ctrl-C once the listing is on the wire (the sign-in before it has its own cancel tests).
  for (let i = 0; i < 400 && !(w.emu.callsTo('ListAccounts').length && press); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(press, 'the listing waits with Ctrl-C handling in place');
  press!();
  await assert.rejects(run, CancelledError);
  p.assertDone();
  assert.equal(fs.readFileSync(path.join(w.home, '.aws', 'config'), 'utf8'), '');
  assert.equal(fs.existsSync(path.join(w.home, '.claude-bedrock', 'journal')), false);
  assert.equal(w.emu.callsTo('ListAccountRoles').length, 0);
});

// QA: a start URL pasted from the browser's address bar (`/start/#/`) or with a trailing slash is the same portal.
test('a start URL with #/ or a trailing / is normalized (with a note) and matches the existing session; the file keeps its URL as written', async () => {
  const session = `[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`;
  const w = await mk(session);
  const cfg = path.join(w.home, '.aws', 'config');
  const r = await w.cli(['sso', 'add', '--start-url', `${START_URL}/#/`, '--sso-region', 'us-east-1', '--profile', 'x1', '--account', '123456789012', '--role', 'BedrockUser']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`Using ${START_URL} \\(the part after # is the portal's page, not the start URL\\)\\.`));
  assert.match(r.stderr, /Using the existing \[sso-session corp\]/);
  const text = fs.readFileSync(cfg, 'utf8');
  assert.ok(text.startsWith(session), 'the session is untouched');
  assert.doesNotMatch(text, /sso-session d-1234567890/, 'no second session for the same portal');
  assert.deepEqual(botocoreResolve(text, ['x1']).x1, { account: '123456789012', role: 'BedrockUser', startUrl: START_URL, region: 'us-east-1', session: 'corp' });
  const login = await w.cli(['login', '--profile', 'x1']);
  assert.equal(login.code, 0, login.stderr);

  // A session written with a trailing slash is matched by the URL without it (and the other way round), and kept as written.
  const slashed = `[sso-session corp]\nsso_start_url = ${START_URL}/\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`;
  const w2 = await mk(slashed);
  const r2 = await w2.cli(['sso', 'add', '--start-url', START_URL, '--profile', 'x2', '--account', '123456789012', '--role', 'BedrockUser', '--json']);
  assert.equal(r2.code, 0, r2.stderr);
  assert.equal(r2.json().ssoSession, 'corp');
  const text2 = fs.readFileSync(path.join(w2.home, '.aws', 'config'), 'utf8');
  assert.ok(text2.startsWith(slashed));
  assert.deepEqual(botocoreResolve(text2, ['x2']).x2, { account: '123456789012', role: 'BedrockUser', startUrl: `${START_URL}/`, region: 'us-east-1', session: 'corp' });

  // A new session gets the start URL without the fragment or slash.
  const w3 = await mk();
  const r3 = await w3.cli(['sso', 'add', '--start-url', `${START_URL}/`, '--sso-region', 'us-east-1', '--profile', 'x3', '--account', '123456789012', '--role', 'BedrockUser']);
  assert.equal(r3.code, 0, r3.stderr);
  assert.match(r3.stderr, new RegExp(`Using ${START_URL} \\(without the trailing /\\)\\.`));
  assert.match(fs.readFileSync(path.join(w3.home, '.aws', 'config'), 'utf8'), new RegExp(`^sso_start_url = ${START_URL}$`, 'm'));
});

test('on a terminal: a pasted /start/#/ URL signs in to the portal and writes /start', async () => {
  const w = await mk();
  const { deps, out, stderr } = inProcess(w);
  const p = scriptedPrompter([`${START_URL}/#/`, '', '', 'bedrock', 'dev (123456789012)', 'BedrockUser', 'us-west-2', true]);
  const r = await runSsoAdd({ deviceCode: false, dryRun: false, yes: false }, deps, out, p);
  p.assertDone();
  assert.equal(r.ssoSession, 'd-1234567890');
  assert.match(stderr(), /the part after # is the portal's page/);
  assert.match(fs.readFileSync(path.join(w.home, '.aws', 'config'), 'utf8'), new RegExp(`^sso_start_url = ${START_URL}$`, 'm'));
});

test('on a terminal: a failed sign-in before anything is written points at sso add again, not at a session that does not exist', async () => {
  const w = await mk();
  const { deps, out } = inProcess(w);
  const unknown = 'https://d-9999999999.awsapps.com/start';
  const p = scriptedPrompter([unknown, '', '', 'bedrock']);
  // The device-code sign-in: IAM Identity Center refuses the unknown start URL (StartDeviceAuthorization).
  await assert.rejects(runSsoAdd({ deviceCode: true, dryRun: false, yes: false }, deps, out, p), (e: unknown) => {
    assert.ok(e instanceof CliError, String(e));
    assert.equal(e.code, 'sso-start-refused');
    assert.doesNotMatch(e.next ?? '', /login --sso-session/);
    assert.match(e.next ?? '', new RegExp(`claude-bedrock sso add --session-name d-9999999999 --start-url ${unknown} --sso-region us-east-1 --profile bedrock --device-code$`));
    return true;
  });
  p.assertDone();
  assert.equal(fs.readFileSync(path.join(w.home, '.aws', 'config'), 'utf8'), '');
});
