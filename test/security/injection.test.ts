// Shell injection is impossible: the awsAuthRefresh that setup writes, and every command the tool suggests (next:,
// fix:, then:), are run here with `sh -c` exactly as written, with claude-bedrock and aws replaced by recorders of
// their argv. Names and install paths full of shell syntax must arrive as one intact argument, and nothing else runs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { ROOT, runCli, scrubbedEnv, type RunResult } from '../helpers.js';
import { tempDir } from './world.js';
import { loginLockPath } from '../../src/aws/sso/login.js';
import type { Deps } from '../../src/deps.js';

const OPUS = 'global.anthropic.claude-opus-4-5-20251101-v1:0';
const START = 'https://acme.awsapps.com/start';

/** A bin directory whose `claude-bedrock` and `aws` append their argv (one JSON line) to $REC. */
function recorders(): { bin: string; rec: string; calls(): string[][] } {
  const dir = tempDir('cb-inj-bin-');
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const rec = path.join(dir, 'calls.jsonl');
  const script = `#!/bin/sh\n${JSON.stringify(process.execPath)} -e 'require("fs").appendFileSync(process.env.REC, JSON.stringify(process.argv.slice(1)) + "\\n")' -- "$(basename "$0")" "$@"\n`;
  for (const name of ['claude-bedrock', 'aws']) fs.writeFileSync(path.join(bin, name), script, { mode: 0o755 });
  return { bin, rec, calls: () => (fs.existsSync(rec) ? fs.readFileSync(rec, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]) : []) };
}

/** Run a command line the way Claude Code runs awsAuthRefresh (and a user runs a pasted fix): `sh -c`. */
function sh(cmd: string, cwd: string, env: Record<string, string>): { status: number | null; stderr: string } {
  const r = spawnSync('/bin/sh', ['-c', cmd], { cwd, env, encoding: 'utf8', timeout: 10_000 });
  return { status: r.status, stderr: r.stderr };
}

/** Files a successful injection would create (names below use `>PWN` redirections: no spaces needed). */
function pwned(dirs: string[]): string[] {
  return dirs.flatMap((d) => (fs.existsSync(d) ? fs.readdirSync(d).filter((n) => n.startsWith('PWN')).map((n) => path.join(d, n)) : []));
}

describe('awsAuthRefresh, executed as written', () => {
  test('claude-bedrock installed in a directory whose name is full of shell syntax: the login runs with its argv intact', async () => {
    const root = tempDir('cb-inj-install-');
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
    const install = path.join(root, `my tools 'q' "d" $(>PWN1) \`>PWN2\` ;>PWN3 &>PWN4 |cat`);
    fs.cpSync(path.join(ROOT, 'dist'), install, { recursive: true });
    const home = tempDir('cb-inj-home-');
    const profile = 'team-a.b@c+d%e:f/g_h';
    fs.mkdirSync(path.join(home, '.aws'));
    fs.writeFileSync(path.join(home, '.aws', 'config'), `[profile ${profile}]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n\n[sso-session corp]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`);
    const r = await new Promise<RunResult>((resolve) => {
      const c = spawn(process.execPath, [path.join(install, 'cli.js'), 'setup', '--profile', profile, '--region', 'us-west-2', '--model', OPUS, '--json'], { cwd: home, env: scrubbedEnv(home) });
      let stdout = '';
      let stderr = '';
      c.stdout.on('data', (d) => (stdout += d));
      c.stderr.on('data', (d) => (stderr += d));
      c.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, json: () => JSON.parse(stdout) }));
    });
    assert.equal(r.code, 0, r.stderr);
    const cmd = JSON.parse(fs.readFileSync(path.join(home, '.claude', 'settings.json'), 'utf8')).awsAuthRefresh as string;
    assert.ok(cmd.includes(' login --profile '), cmd);
    // Replace the installed CLI by a recorder, then run the command exactly as Claude Code would.
    const rec = path.join(root, 'argv.json');
    fs.writeFileSync(path.join(install, 'cli.js'), `require('fs').writeFileSync(${JSON.stringify(rec)}, JSON.stringify(process.argv.slice(2)));\n`);
    fs.writeFileSync(path.join(install, 'package.json'), '{"type": "commonjs"}\n');
    const canary = tempDir('cb-inj-cwd-');
    const out = sh(cmd, canary, { PATH: '/usr/bin:/bin' });
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(JSON.parse(fs.readFileSync(rec, 'utf8')), ['login', '--profile', profile]);
    assert.deepEqual(pwned([canary, root, install, home]), []);
  });

  test('--auth-refresh aws-cli and --print: `aws sso login --profile P` reaches aws with P intact', async () => {
    const r = recorders();
    // An AWS CLI v2 stand-in: answers --version, records everything else.
    fs.writeFileSync(path.join(r.bin, 'aws'), `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "aws-cli/2.22.0 Python/3.12.6 Linux/6 exe/x86_64"; exit 0; fi\n${JSON.stringify(process.execPath)} -e 'require("fs").appendFileSync(process.env.REC, JSON.stringify(process.argv.slice(1)) + "\\n")' -- aws "$@"\n`, { mode: 0o755 });
    const home = tempDir('cb-inj-home-');
    const profile = 'a%b:c@d+e/f.g-h_i';
    fs.mkdirSync(path.join(home, '.aws'));
    fs.writeFileSync(path.join(home, '.aws', 'config'), `[profile ${profile}]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Dev\n`);
    const env = { PATH: `${r.bin}:/usr/bin:/bin` };
    const w = await runCli(['setup', '--profile', profile, '--region', 'us-west-2', '--model', OPUS, '--auth-refresh', 'aws-cli'], { home, env });
    assert.equal(w.code, 0, w.stderr);
    const written = JSON.parse(fs.readFileSync(path.join(home, '.claude', 'settings.json'), 'utf8')).awsAuthRefresh as string;
    const p = await runCli(['setup', '--print', '--profile', profile, '--region', 'us-west-2', '--model', OPUS], { home, env });
    assert.equal(p.code, 0, p.stderr);
    const printed = (JSON.parse(p.stdout) as { awsAuthRefresh: string }).awsAuthRefresh;
    const canary = tempDir('cb-inj-cwd-');
    for (const cmd of [written, printed]) assert.equal(sh(cmd, canary, { ...env, REC: r.rec }).status, 0, cmd);
    assert.deepEqual(r.calls(), [['aws', 'sso', 'login', '--profile', profile], ['aws', 'sso', 'login', '--profile', profile]]);
    assert.deepEqual(pwned([canary, home]), []);
  });
});

// Names botocore (and so this tool) reads from ~/.aws/config that are shell syntax: each would create a PWN file.
const HOSTILE = ['x;>PWN1', 'x$(>PWN2)', 'x`>PWN3`', 'x|>PWN4', 'x&>PWN5', "x'y>PWN6", 'x"y>PWN7', 'x\\>PWN8', 'x>PWN9'];

function jsonStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (v && typeof v === 'object') return Object.values(v).flatMap(jsonStrings);
  return [];
}

/** `claude-bedrock …` / `aws …` commands inside a line of output, cut where the prose after them begins. */
function suggestedCommands(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\s*[{[]/.test(line) && /":/.test(line)) continue; // raw JSON: its strings are checked unescaped
    for (const m of line.matchAll(/(?:^|[\s:`(])((?:claude-bedrock|aws) [^\n]*)/g)) {
      for (const seg of m[1]!.split(/ ; | && /)) {
        const cmd = seg.split(/ {3,}| {2}#| # | \(|, then |; then | then: | then |`|\) /)[0]!.replace(/[.,)]+$/, '').trim();
        if (/^(?:claude-bedrock|aws) [a-z]/.test(cmd)) out.push(cmd);
      }
    }
  }
  return [...new Set(out)];
}

describe('every suggested command, executed as written', () => {
  let emu: Emulator;
  before(async () => { emu = await startEmulator(); });
  after(async () => { await emu.stop(); });

  test(`profiles named ${HOSTILE.length} ways of shell syntax: the next/fix commands of every command pass them intact`, { timeout: 240_000 }, async () => {
    const home = tempDir('cb-inj-names-');
    fs.mkdirSync(path.join(home, '.aws'));
    const sections = HOSTILE.map((n, i) => (i % 2
      ? `[profile ${n}]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-west-2\n`
      : `[profile ${n}]\nsso_session = ${n}\nsso_account_id = 111122223333\nsso_role_name = Dev\n\n[sso-session ${n}]\nsso_start_url = ${START}\nsso_region = us-east-1\n`));
    fs.writeFileSync(path.join(home, '.aws', 'config'), sections.join('\n'));
    fs.mkdirSync(path.join(home, '.claude'));
    fs.writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: HOSTILE[0], ANTHROPIC_MODEL: 'anthropic.claude-opus-4-5-20251101-v1:0' } }) + '\n');
    const runs: string[][] = [['profiles', '--json'], ['profiles'], ['status', '--offline'], ['doctor', '--offline'], ['hook', 'session-start'], ['sso', 'migrate', '--all', '--dry-run'], ['policy', '--offline']];
    for (const n of HOSTILE) {
      runs.push(['login', '--profile', n, '--no-browser', '--timeout', '1'], ['logout', '--profile', n], ['sso', 'migrate', '--profile', n, '--dry-run'], ['status', '--offline', '--profile', n], ['discover', '--profile', n, '--regions', 'us-west-2', '--timeout', '2'], ['test', '--profile', n, '--region', 'us-west-2', '--timeout', '2'], ['explain', '--profile', n, 'Token has expired and refresh failed']);
    }
    // A login lock left by a dead process for every session and start URL: each login (whatever runs beside it)
    // takes the "another sign-in is in progress" path, whose note names the profile, then takes the lock over.
    const lockDeps = { env: {}, home: () => home } as unknown as Deps;
    for (const t of [{ sessionName: null, startUrl: START }, ...HOSTILE.flatMap((n) => [n, n.replace('\\', '')]).map((n) => ({ sessionName: n, startUrl: START }))]) {
      const lock = loginLockPath(lockDeps, t);
      fs.mkdirSync(path.dirname(lock), { recursive: true });
      fs.writeFileSync(lock, `2147483646 dead ${Date.now()}\n`);
    }
    const seen: string[] = [];
    const outputs: RunResult[] = new Array(runs.length);
    // The logins first, apart: a logout beside one could take its planted lock away before it looks.
    const order = [...runs.keys()].sort((a, b) => Number(runs[b]![0] === 'login') - Number(runs[a]![0] === 'login'));
    for (let i = 0; i < order.length; i += 4) {
      const batch = order.slice(i, i + 4);
      (await Promise.all(batch.map((k) => runCli(runs[k]!, { home, env: emu.env, timeoutMs: 30_000 })))).forEach((o, j) => (outputs[batch[j]!] = o));
    }
    // What the tool reads the names as (botocore shlex-splits headers: x\\>PWN8 is the profile x>PWN8).
    const names = new Set<string>([...HOSTILE, ...(JSON.parse(outputs[0]!.stdout || '{"profiles":[]}').profiles ?? []).map((p: { name: string }) => p.name)]);
    const r = recorders();
    const canary = tempDir('cb-inj-cwd-');
    const env = { PATH: `${r.bin}:/usr/bin:/bin`, REC: r.rec, HOME: canary };
    let executed = 0;
    const failures: string[] = [];
    outputs.forEach((o, k) => {
      // Hook output is JSON: its messages (which Claude reads, and may act on) are strings inside.
      let text = o.stdout + '\n' + o.stderr;
      try { text += '\n' + jsonStrings(JSON.parse(o.stdout)).join('\n'); } catch { /* not JSON */ }
      for (const cmd of suggestedCommands(text)) {
        if (!cmd.includes('PWN')) continue;
        failures.push(...check(cmd, runs[k]!));
      }
    });
    assert.deepEqual(failures, [], `suggested commands that do not pass the name intact:\n${failures.join('\n')}`);
    const waited = outputs.filter((o, k) => runs[k]![0] === 'login' && /is in progress/.test(o.stderr)).length;
    // Four sso-session profiles exist as botocore reads them (x;>PWN1, x`>PWN3`, x&>PWN5, x>PWN9): each waits on its own
    // lock; the legacy profiles share one (start URL), which at least one of them finds.
    assert.ok(waited >= 5, `only ${waited} logins found the dead lock (its note names the profile, and is checked above)`);
    assert.ok(executed >= HOSTILE.length * 3, `only ${executed} suggested commands named a hostile profile: ${seen.join(' | ')}`);
    console.log(`# injection: ${executed} suggested commands executed`);

    function check(cmd: string, run: string[]): string[] {
        // The user fills in <placeholders>; a shell would read them as redirections.
        const line = cmd.replace(/<[A-Za-z][\w .-]*>/g, 'PLACEHOLDER');
        const before = r.calls().length;
        sh(line, canary, env);
        executed++;
        seen.push(cmd);
        const calls = r.calls().slice(before);
        const bad: string[] = [];
        const where = `${run.join(' ')}  →  ${cmd}`;
        const pw = pwned([canary, home, process.cwd()]);
        for (const f of pw) fs.rmSync(f);
        if (pw.length) bad.push(`${where}: ran something else (created ${pw.map((f) => path.basename(f)).join(', ')})`);
        if (calls.length !== 1) bad.push(`${where}: ran ${calls.length} commands, not one`);
        for (const call of calls.slice(0, 1)) {
          // A name flag carries exactly one of the names.
          for (const flag of ['--profile', '--sso-session', '--session-name']) {
            const at = call.indexOf(flag);
            if (at >= 0 && at + 1 < call.length && !names.has(call[at + 1]!) && /PWN|^x/.test(call[at + 1]!)) bad.push(`${where}: passed ${flag} ${JSON.stringify(call[at + 1])}`);
          }
        }
        return bad;
    }
  });
});
