// Hostile input: names with newlines, brackets and shell syntax; start URLs that are not IAM Identity Center; regions
// and model IDs with paths and query strings; symlink loops, directories, read-only, huge, empty, non-UTF-8, BOM and
// commented files. Each is a clear error (what, next command), a non-zero exit, and nothing written: every byte and
// mode in HOME as before, no journal entry.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { CLI, runCli, scrubbedEnv, type RunResult } from '../helpers.js';
import { tempDir } from './world.js';
import { assertWritable } from '../../src/io/fs.js';

const OPUS = 'global.anthropic.claude-opus-4-5-20251101-v1:0';
const START = 'https://acme.awsapps.com/start';
const CONFIG = `[default]\nregion = us-west-2\n\n[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-west-2\n\n[sso-session corp]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n[profile old]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Dev\n`;
const CREDENTIALS = '[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
const SETTINGS = '{\n  "permissions": {"allow": ["Bash(ls)"]},\n  "env": {"NODE_OPTIONS": "--max-old-space-size=8192", "AWS_PROFILE": "old"}\n}\n';

let emu: Emulator;
before(async () => { emu = await startEmulator(); });
after(async () => { await emu.stop(); });

function home(): string {
  const h = tempDir('cb-hostile-');
  fs.mkdirSync(path.join(h, '.aws'), { mode: 0o700 });
  fs.mkdirSync(path.join(h, '.claude'), { mode: 0o700 });
  fs.writeFileSync(path.join(h, '.aws', 'config'), CONFIG);
  fs.writeFileSync(path.join(h, '.aws', 'credentials'), CREDENTIALS, { mode: 0o600 });
  fs.writeFileSync(path.join(h, '.claude', 'settings.json'), SETTINGS, { mode: 0o600 });
  return h;
}

/** Every entry under HOME with its type, mode and content hash (our lock files excepted: they come and go). */
function snapshot(h: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(h, p);
      if (rel.startsWith(path.join('.claude-bedrock', 'locks'))) continue;
      const st = fs.lstatSync(p);
      if (st.isSymbolicLink()) out.set(rel, `link ${fs.readlinkSync(p)}`);
      else if (st.isDirectory()) { out.set(rel, `dir ${(st.mode & 0o777).toString(8)}`); if (st.mode & 0o100) walk(p); }
      else if (!st.isFile()) out.set(rel, `special ${(st.mode & 0o170777).toString(8)}`);
      else {
        let hash = 'unreadable';
        try { hash = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex'); } catch { /* mode 0 */ }
        out.set(rel, `file ${(st.mode & 0o777).toString(8)} ${hash}`);
      }
    }
  };
  walk(h);
  // Our state directory may be created (for its lock) but must hold no journal entry or backup.
  for (const k of [...out.keys()]) if (k === '.claude-bedrock' || k === path.join('.claude-bedrock', 'locks')) out.delete(k);
  return out;
}

const mode = (i: number): 'human' | 'json' => (i % 2 ? 'json' : 'human');

/** The error is what / next (and JSON carries the same), the exit is non-zero, nothing changed. */
function assertRefused(r: RunResult, m: 'human' | 'json', label: string, beforeSnap: Map<string, string>, h: string): void {
  assert.ok(r.code !== 0, `${label}: exit 0\n${r.stdout}\n${r.stderr}`);
  assert.ok(!/Unexpected error|This is a bug/.test(r.stderr + r.stdout), `${label}: internal error\n${r.stderr}`);
  assert.match(r.stderr, /^error: \S.+/m, `${label}: no "error:" line\n${r.stderr}`);
  assert.match(r.stderr, /^ {2}next: \S.+/m, `${label}: no "next:" line (the exact next command)\n${r.stderr}`);
  if (m === 'json') {
    const j = r.json();
    assert.ok(j.error?.message && j.error?.next && j.error?.exitCode === r.code, `${label}: JSON error lacks message/next/exitCode: ${r.stdout}`);
  }
  assert.deepEqual([...snapshot(h)].sort(), [...beforeSnap].sort(), `${label}: something was written`);
}

async function refused(label: string, args: string[], m: 'human' | 'json', setup: (h: string) => void = () => {}, opts: { cwd?: (h: string) => string } = {}): Promise<void> {
  const h = home();
  setup(h);
  const snap = snapshot(h);
  const r = await runCli([...args, ...(m === 'json' ? ['--json'] : [])], { home: h, cwd: opts.cwd?.(h), env: { ...emu.env, ...emu.staticCredentialsEnv('us-west-2') } });
  assertRefused(r, m, `${label} [${m}] ${JSON.stringify(args)}`, snap, h);
}

const NAMES = ['a\nb', 'a]b', 'a=b', "a'b", 'a"b', 'a$(touch PWNED)b', 'a`touch PWNED`b', 'a b', '-rf', ''];

describe('hostile names are refused and nothing is written', { concurrency: 4 }, () => {
  const cmds: [string, (n: string) => string[]][] = [
    ['setup --profile', (n) => ['setup', '--profile', n, '--region', 'us-west-2', '--model', OPUS]],
    ['sso add --profile', (n) => ['sso', 'add', '--start-url', START, '--sso-region', 'us-east-1', '--profile', n, '--account', '111122223333', '--role', 'Dev']],
    ['sso add --session-name', (n) => ['sso', 'add', '--start-url', START, '--sso-region', 'us-east-1', '--session-name', n, '--profile', 'p', '--account', '111122223333', '--role', 'Dev']],
    ['sso migrate --session-name', (n) => ['sso', 'migrate', '--profile', 'old', '--session-name', n]],
    ['login --profile', (n) => ['login', '--profile', n, '--no-browser', '--timeout', '2']],
    ['logout --profile', (n) => ['logout', '--profile', n]],
  ];
  let i = 0;
  for (const [what, args] of cmds) {
    for (const n of NAMES) {
      const m = mode(i++);
      test(`${what} ${JSON.stringify(n)}`, () => refused(what, args(n), m));
    }
  }
  test('no hostile name ran a command', () => {
    assert.ok(!fs.existsSync('PWNED'), 'a name was executed by a shell');
  });
});

describe('start URLs that are not IAM Identity Center are refused', { concurrency: 4 }, () => {
  const urls = ['http://acme.awsapps.com/start', 'https://evil.example.com/start', 'https://acme.awsapps.com.evil.example.com/start', 'https://acme.awsapps.com/start?next=https://evil', 'javascript:alert(1)', 'file:///etc/passwd', `${START}\nsso_region = eu-west-1`, 'https://identitycenter.amazonaws.com/ssoins-1234567890abcdef/../../x', ' https://acme.awsapps.com/start x'];
  urls.forEach((u, i) => test(JSON.stringify(u), () => refused('sso add --start-url', ['sso', 'add', '--start-url', u, '--sso-region', 'us-east-1', '--profile', 'p', '--account', '111122223333', '--role', 'Dev'], mode(i))));
});

describe('regions with paths, spaces or queries are refused before any AWS call', { concurrency: 4 }, () => {
  const bad = ['us-west-2/../../x', 'us west 2', 'us-west-2?x=1', '../etc', 'us-west-2#', 'US-WEST-2 '];
  const cmds: ((r: string) => string[])[] = [
    (r) => ['setup', '--profile', 'dev', '--region', r, '--model', OPUS],
    (r) => ['sso', 'add', '--start-url', START, '--sso-region', r, '--profile', 'p', '--account', '111122223333', '--role', 'Dev'],
    (r) => ['sso', 'add', '--start-url', START, '--sso-region', 'us-east-1', '--region', r, '--profile', 'p', '--account', '111122223333', '--role', 'Dev'],
    (r) => ['models', '--region', r],
    (r) => ['test', '--region', r, '--model', OPUS],
    (r) => ['regions', '--regions', `us-east-1,${r}`],
    (r) => ['discover', '--regions', r],
    (r) => ['explain', '--region', r, 'The provided model identifier is invalid'],
  ];
  let i = 0;
  for (const c of cmds) {
    for (const r of bad.slice(0, 3).concat(bad[3 + (i % 3)]!)) {
      const m = mode(i++);
      test(`${c(r).slice(0, 2).join(' ')} ${JSON.stringify(r)}`, async () => {
        const n = emu.calls.length;
        await refused(c(r)[0]!, c(r), m);
        assert.equal(emu.calls.length, n, 'an AWS call was made with a bad region');
      });
    }
  }
});

describe('model IDs with path traversal or query strings', { concurrency: 4 }, () => {
  const bad = ['../../etc/passwd', `${OPUS}?x=1`, `${OPUS}/../../invoke`, 'global.anthropic.claude-opus-4-5%2F..%2F', `${OPUS}#frag`, '..\\..\\x'];
  bad.forEach((id, i) => {
    test(`setup --model / --haiku-model ${JSON.stringify(id)}`, async () => {
      await refused('setup --model', ['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', id], mode(i));
      await refused('setup --haiku-model', ['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', OPUS, '--haiku-model', id], mode(i + 1));
    });
    test(`models --map / policy --model ${JSON.stringify(id)}`, async () => {
      await refused('models --map', ['models', '--region', 'us-west-2', '--map', id], mode(i));
      await refused('policy --model', ['policy', '--offline', '--model', id], mode(i + 1));
    });
  });
  test('test --model refuses them before any AWS call (usage error naming the expected shape)', async () => {
    for (const id of bad) {
      const n = emu.calls.length;
      const h = home();
      const r = await runCli(['test', '--region', 'us-west-2', '--model', id, '--json', '--timeout', '5'], { home: h, env: { ...emu.env, ...emu.staticCredentialsEnv('us-west-2') } });
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.json().error.message, /cannot be a Bedrock model ID/);
      assert.equal(emu.calls.length, n, `an AWS call was made for ${JSON.stringify(id)}`);
    }
  });
});

/** Run the CLI as nobody (uid 65534) on a HOME it owns: directory permissions bind it, unlike root. */
function runAsNobody(h: string, args: string[]): Promise<RunResult> {
  const chown = (p: string) => {
    fs.lchownSync(p, 65534, 65534);
    if (fs.lstatSync(p).isDirectory()) for (const n of fs.readdirSync(p)) chown(path.join(p, n));
  };
  chown(h);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: h, env: scrubbedEnv(h, { ...emu.env }), uid: 65534, gid: 65534, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, json: () => JSON.parse(stdout) }));
  });
}

describe('hostile files: refused with a clear error, nothing written', { concurrency: 4 }, () => {
  const files = { settings: (h: string) => path.join(h, '.claude', 'settings.json'), config: (h: string) => path.join(h, '.aws', 'config') };
  const writers: [keyof typeof files, string, string[]][] = [
    ['settings', 'setup', ['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', OPUS]],
    ['settings', 'tune', ['tune', '--preset', 'balanced']],
    ['settings', 'reset', ['reset']],
    ['config', 'sso add', ['sso', 'add', '--start-url', START, '--sso-region', 'us-east-1', '--profile', 'newp', '--account', '111122223333', '--role', 'Dev']],
    ['config', 'sso migrate', ['sso', 'migrate', '--all']],
  ];
  const hostile: [string, (f: string) => void][] = [
    ['a symlink loop', (f) => { fs.rmSync(f); fs.symlinkSync(path.basename(f) + '.b', f); fs.symlinkSync(path.basename(f), f + '.b'); }],
    ['a directory', (f) => { fs.rmSync(f); fs.mkdirSync(f); fs.writeFileSync(path.join(f, 'x'), 'x'); }],
    ['10 MB', (f) => fs.writeFileSync(f, Buffer.concat([fs.readFileSync(f), Buffer.alloc(10 * 1024 * 1024, 0x20)]))],
    ['not valid UTF-8', (f) => fs.writeFileSync(f, Buffer.concat([fs.readFileSync(f).subarray(0, 12), Buffer.from([0xff, 0xfe]), fs.readFileSync(f).subarray(12)]))],
    ['starting with a BOM', (f) => fs.writeFileSync(f, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(f)]))],
    ['read-only', (f) => fs.chmodSync(f, 0o444)],
  ];
  let i = 0;
  for (const [what, make] of hostile) {
    for (const [file, cmd, args] of writers) {
      const m = mode(i++);
      // reset finds nothing to remove in a file it cannot read either way; it must still not write.
      test(`${cmd}: the ${file} file is ${what}`, () => refused(`${cmd} (${file} ${what})`, args, m, (h) => make(files[file](h))));
    }
  }
  test('settings with comments or a trailing comma (Claude Code rejects both): setup and tune refuse', async () => {
    for (const [t, j] of [['{\n  // mine\n  "model": "opus"\n}\n', 0], ['{"model": "opus",}\n', 1]] as const) {
      await refused('setup (settings not strict JSON)', writers[0]![2], mode(j), (h) => fs.writeFileSync(files.settings(h), t));
      await refused('tune (settings not strict JSON)', writers[1]![2], mode(j + 1), (h) => fs.writeFileSync(files.settings(h), t));
    }
  });
  for (const [file, cmd, args] of [writers[0]!, writers[3]!]) {
    test(`${cmd}: the ${file} file is in a read-only directory (as a user other than root)`, async () => {
      const h = home();
      fs.chmodSync(path.dirname(files[file](h)), 0o555);
      const snap = snapshot(h);
      const r = process.getuid?.() === 0 ? await runAsNobody(h, args) : await runCli(args, { home: h, env: emu.env });
      fs.chmodSync(path.dirname(files[file](h)), 0o755);
      assertRefused(r, 'human', `${cmd} with a read-only directory`, new Map([...snap].map(([k, v]) => [k, k === path.relative(h, path.dirname(files[file](h))) ? 'dir 755' : v])), h);
    });
  }
});

describe('pipes and devices instead of files: never read forever, never replaced', { concurrency: 4 }, () => {
  test('a named pipe as ~/.aws/config or settings.json: readers and writers stop at once with a clear error; the pipe stays', async () => {
    for (const [file, args] of [['.aws/config', ['profiles']], ['.aws/config', ['sso', 'add', '--start-url', START, '--sso-region', 'us-east-1', '--profile', 'p', '--account', '111122223333', '--role', 'Dev']], ['.claude/settings.json', ['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', OPUS]], ['.claude/settings.json', ['tune', '--preset', 'focused']]] as const) {
      await refused(`${args[0]} with ${file} a named pipe`, [...args], 'human', (h) => {
        fs.rmSync(path.join(h, file));
        spawnSync('mkfifo', [path.join(h, file)]);
      });
    }
    const h = home();
    fs.rmSync(path.join(h, '.aws', 'config'));
    spawnSync('mkfifo', [path.join(h, '.aws', 'config')]);
    const hook = await runCli(['hook', 'session-start'], { home: h, timeoutMs: 10_000 });
    assert.equal(hook.code, 0, 'the SessionStart hook never fails');
    assert.match(hook.stdout, /named pipe/);
    assert.ok(fs.statSync(path.join(h, '.aws', 'config')).isFIFO());
  });
  test('AWS_CONFIG_FILE=/dev/zero is refused instead of read forever; /dev/null reads as no file and is never written', async () => {
    const h = home();
    const z = await runCli(['profiles'], { home: h, env: { AWS_CONFIG_FILE: '/dev/zero' }, timeoutMs: 10_000 });
    assert.equal(z.code, 1);
    assert.match(z.stderr, /\/dev\/zero is a character device, not a regular file/);
    const n = await runCli(['profiles', '--json'], { home: h, env: { AWS_CONFIG_FILE: '/dev/null' } });
    assert.equal(n.code, 0, n.stderr);
    // A write to /dev/null would be a rename over it (as root: the system's /dev/null replaced): refused up front.
    assert.throws(() => assertWritable('/dev/null'), /character device, not a regular file/);
    assert.ok(fs.statSync('/dev/null').isCharacterDevice());
  });
});

describe('edge files that are fine: written correctly and undone byte for byte', { concurrency: 4 }, () => {
  test('0-byte settings and config files', async () => {
    const h = home();
    fs.writeFileSync(path.join(h, '.claude', 'settings.json'), '');
    const r = await runCli(['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', OPUS], { home: h });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(fs.readFileSync(path.join(h, '.claude', 'settings.json'), 'utf8')).env.AWS_PROFILE, 'dev');
    assert.equal((await runCli(['undo'], { home: h })).code, 0);
    assert.equal(fs.readFileSync(path.join(h, '.claude', 'settings.json'), 'utf8'), '');
    fs.writeFileSync(path.join(h, '.aws', 'config'), '');
    const a = await runCli(['sso', 'add', '--start-url', START, '--sso-region', 'us-east-1', '--profile', 'newp', '--account', '111122223333', '--role', 'Dev'], { home: h });
    assert.equal(a.code, 0, a.stderr);
    assert.match(fs.readFileSync(path.join(h, '.aws', 'config'), 'utf8'), /^\[profile newp\]$/m);
    assert.equal((await runCli(['undo'], { home: h })).code, 0);
    assert.equal(fs.readFileSync(path.join(h, '.aws', 'config'), 'utf8'), '');
  });
  test('a BOM: the fix command given (for macOS and Linux alike) removes it and only it; then setup works', async () => {
    const h = home();
    for (const [file, args] of [[path.join(h, '.claude', 'settings.json'), ['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', OPUS]], [path.join(h, '.aws', 'config'), ['sso', 'add', '--start-url', START, '--sso-region', 'us-east-1', '--profile', 'newp', '--account', '111122223333', '--role', 'Dev']]] as const) {
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, '\ufeff' + text);
      const r = await runCli([...args, '--json'], { home: h });
      assert.notEqual(r.code, 0);
      const next = r.json().error.next as string;
      assert.match(next, /^perl -i/, next);
      const fixed = spawnSync('/bin/sh', ['-c', next], { encoding: 'utf8' });
      assert.equal(fixed.status, 0, fixed.stderr);
      assert.equal(fs.readFileSync(file, 'utf8'), text, 'the fix changed more than the BOM');
      const again = await runCli(args as unknown as string[], { home: h });
      assert.equal(again.code, 0, again.stderr);
    }
  });
  test('duplicate JSON keys: setup changes the one Claude Code uses, reset removes every copy, nothing else moves', async () => {
    const h = home();
    const before = '{"env": {"AWS_PROFILE": "a", "MY": "x", "AWS_PROFILE": "b"}, "model": "opus", "model": "sonnet"}\n';
    fs.writeFileSync(path.join(h, '.claude', 'settings.json'), before);
    const r = await runCli(['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', OPUS], { home: h });
    assert.equal(r.code, 0, r.stderr);
    const after = fs.readFileSync(path.join(h, '.claude', 'settings.json'), 'utf8');
    assert.equal(JSON.parse(after).env.AWS_PROFILE, 'dev');
    assert.equal(JSON.parse(after).model, 'sonnet');
    assert.ok(after.startsWith('{"env": {"AWS_PROFILE": "a", "MY": "x", "AWS_PROFILE": "dev"'), after);
    const z = await runCli(['reset'], { home: h });
    assert.equal(z.code, 0, z.stderr);
    assert.equal(fs.readFileSync(path.join(h, '.claude', 'settings.json'), 'utf8'), '{"env": {"MY": "x"}, "model": "opus", "model": "sonnet"}\n');
  });
});
