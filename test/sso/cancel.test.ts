// Ctrl-C without a terminal: `claude-bedrock login` receiving SIGINT while it waits for the browser or the device code
// stops the wait (loopback listener closed, calls aborted), caches nothing and exits 2 with the cancel message, like
// Ctrl-C at a prompt. The process ends by itself: a listener or a poll left running would keep it alive.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { CLI, filesUnder, scrubbedEnv } from '../helpers.js';
import { SESSION_CONFIG, world, type World } from './harness.js';
import { SSO_USER } from '../../emulator/scenarios/default.js';

const worlds: World[] = [];
after(() => Promise.all(worlds.map((w) => w.stop())));

interface Ended { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; atSignal: string }

/** Start `login`; once stderr matches `ready`, run `before` and send SIGINT; collect how the process ended. */
function loginUntil(w: World, args: string[], env: Record<string, string>, ready: RegExp, before: (stderr: string) => Promise<void> = async () => {}): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'login', ...args], { cwd: w.home, env: scrubbedEnv(w.home, { ...w.emu.env, ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let atSignal = '';
    // A hang guard only: a login that does not stop is killed and the test fails showing its output.
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (atSignal || !ready.test(stderr)) return;
      atSignal = stderr;
      before(stderr).then(() => child.kill('SIGINT'), reject);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, atSignal });
    });
  });
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

test('SIGINT while login waits for the browser: listener closed, nothing cached, exit 2', async () => {
  const w = await world(SESSION_CONFIG);
  worlds.push(w);
  const before = filesUnder(w.home);
  let port = 0;
  let listening = false;
  // BROWSER=true "opens" the page and never signs in, so the login waits on its loopback listener.
  const r = await loginUntil(w, ['--profile', 'dev', '--json'], { BROWSER: 'true' }, /Waiting up to 180 s for the sign-in/, async (stderr) => {
    port = Number(/redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A(\d+)/.exec(stderr)?.[1]);
    listening = await connects(port);
  });
  assert.ok(r.atSignal, `the login never reached the browser wait:\n${r.stderr}`);
  assert.ok(port > 0 && listening, `the loopback listener was not up before the signal (port ${port})`);
  assert.equal(r.signal, null, 'ended by itself, not killed');
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^error: Cancelled: nothing was written\.$/m);
  assert.equal(JSON.parse(r.stdout).error.code, 'cancelled');
  assert.equal(await connects(port), false, 'the loopback port still accepts connections');
  assert.deepEqual(filesUnder(w.home), before, 'no token, registration, lock or other file was left');
  assert.equal(w.emu.callsTo('CreateToken').length, 0);
});

test('SIGINT while login polls for a device code: polling stops, nothing cached, exit 2', async () => {
  const w = await world(SESSION_CONFIG, { scenario: { name: 'manual', sso: { users: [SSO_USER], autoApprove: false, pollIntervalSeconds: 1 } } });
  worlds.push(w);
  const before = filesUnder(w.home);
  const r = await loginUntil(w, ['--profile', 'dev', '--device-code', '--no-browser'], {}, /and enter the code: {2}[A-Z]{4}-[A-Z]{4}/);
  assert.ok(r.atSignal, `the login never showed the code:\n${r.stderr}`);
  assert.equal(r.signal, null, 'ended by itself, not killed');
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^error: Cancelled: nothing was written\.$/m);
  assert.ok(w.emu.callsTo('CreateToken').length >= 1, 'it was polling');
  assert.deepEqual(filesUnder(w.home), before, 'no token, registration, lock or other file was left');
});
