// Crash safety: kill -9 a process that applies (and undoes) change sets through the real applyChangeSet at random
// points, 1,000 times with RELIABILITY_RUNS=4 (250 by default). Every file is always one whole version (old or new),
// secrets stay 0600, the journal lets undo recover an interrupted change set, and the next run leaves no temp file of
// a dead process behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createDeps } from '../../src/deps.js';
import { applyChangeSet, readJournal, undoLast, type JournalEntry } from '../../src/io/changeset.js';
import { acquireLock, isAlive, sha256 } from '../../src/io/fs.js';
import { runCli, tempDir, writeFile } from '../helpers.js';
import { haveBotocore } from '../aws-config/oracle.js';
import { botocoreRead } from './checks.js';
import { scaled, SEED } from './gen.js';
import type { CrashVersions } from './crash-driver.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// 250 by default: every kill costs a Node start (~70 ms CPU here), and the whole suite must stay within two minutes
// on two cores. RELIABILITY_RUNS=4 runs the full 1,000.
const KILLS = scaled(250);
const LANES = 4;

/** A small deterministic PRNG, so a failing run replays with RELIABILITY_SEED. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function configVersion(k: number): string {
  // One larger file (~25 KB) so kills also land inside its write and fsync.
  const out = [`# version ${k}`, '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', `sso_registration_scopes = sso:account:access`, ''];
  for (let i = 0; i < 300; i++) out.push(`[profile p${i}]`, `region = ${['us-east-1', 'eu-west-1', 'us-west-2', 'ap-south-1'][(i + k) % 4]}`, `# caf\u00e9 ${k}`, '');
  return out.join(k % 2 ? '\r\n' : '\n');
}

function versions(home: string): CrashVersions {
  const settings = (k: number) => JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: `p${k}`, AWS_REGION: 'us-west-2' }, permissions: { allow: [`Bash(v${k})`] }, unknownFutureKey: { k } }, null, k % 2 ? 4 : 2) + '\n';
  return {
    files: [
      { path: path.join(home, '.aws', 'config'), secret: false },
      { path: path.join(home, '.aws', 'credentials'), secret: true },
      { path: path.join(home, '.claude', 'settings.json'), secret: true },
      { path: path.join(home, 'project', '.claude', 'settings.local.json'), secret: true },
    ],
    texts: [
      [0, 1, 2, 3].map(configVersion),
      [0, 1, 2].map((k) => `[default]\naws_access_key_id = AKIACRASHTEST000000${k}\naws_secret_access_key = crashSecret${k}${'x'.repeat(30)}\n`),
      [0, 1, 2, 3, 4].map(settings),
      // A file that is created and deleted: the journal must undo both.
      [null, '{"env": {"AWS_PROFILE": "local"}}\n'],
    ],
  };
}

function tempsIn(dirs: string[]): string[] {
  const out: string[] = [];
  for (const d of dirs) {
    let names: string[] = [];
    try { names = fs.readdirSync(d); } catch { continue; }
    for (const n of names) if (/\.cb-\d+-[0-9a-f]+\.tmp$/.test(n)) out.push(path.join(d, n));
  }
  return out;
}

const pidOf = (tmp: string) => Number(/\.cb-(\d+)-/.exec(tmp)![1]);

/** Keep the newest journal entries only (and their backups): undo reads the whole journal, and a real one is short. */
function pruneJournal(home: string, keep = 20): void {
  const state = path.join(home, '.claude-bedrock');
  let names: string[] = [];
  try { names = fs.readdirSync(path.join(state, 'journal')).filter((n) => n.endsWith('.json')).sort(); } catch { return; }
  for (const n of names.slice(0, -keep)) {
    fs.rmSync(path.join(state, 'journal', n));
    fs.rmSync(path.join(state, 'backups', n.slice(0, -5)), { recursive: true, force: true });
  }
}

interface Lane {
  home: string;
  v: CrashVersions;
  versionsFile: string;
  dirs: string[];
  hashes: Set<string | null>[];
}

/**
 * Lanes live in memory (/dev/shm) when the machine has it: a kill -9 loses no page cache, so fsync proves nothing
 * here and only slows each change set down to the disk's pace. (The real fsyncs still run.)
 */
function laneDir(i: number): string {
  if (!fs.existsSync('/dev/shm')) return tempDir(`cb-crash-${i}-`);
  const d = fs.mkdtempSync(path.join('/dev/shm', `cb-crash-${i}-`));
  process.on('exit', () => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

function lane(i: number): Lane {
  const home = laneDir(i);
  const v = versions(home);
  for (const [j, f] of v.files.entries()) {
    const t = v.texts[j]![0];
    if (t !== null) writeFile(f.path, t, f.secret ? 0o600 : 0o644);
  }
  const versionsFile = path.join(home, 'versions.json');
  fs.writeFileSync(versionsFile, JSON.stringify(v));
  const state = path.join(home, '.claude-bedrock');
  return {
    home, v, versionsFile,
    dirs: [...new Set(v.files.map((f) => path.dirname(f.path))), path.join(state, 'journal')],
    hashes: v.texts.map((ts) => new Set(ts.map((t) => (t === null ? null : sha256(t))))),
  };
}

function fileHash(p: string): string | null {
  try { return sha256(fs.readFileSync(p)); } catch { return null; }
}

/** Everything that must hold whenever no process is running on the lane. */
function assertConsistent(l: Lane, where: string): JournalEntry | undefined {
  l.v.files.forEach((f, j) => {
    const h = fileHash(f.path);
    assert.ok(l.hashes[j]!.has(h), `${where}: ${f.path} is not one whole version (torn or foreign content)`);
    if (h !== null && f.secret) assert.equal(fs.statSync(f.path).mode & 0o777, 0o600, `${where}: ${f.path} lost its 0600 mode`);
  });
  const jdir = path.join(l.home, '.claude-bedrock', 'journal');
  for (const n of fs.existsSync(jdir) ? fs.readdirSync(jdir).filter((x) => x.endsWith('.json')) : []) {
    assert.doesNotThrow(() => JSON.parse(fs.readFileSync(path.join(jdir, n), 'utf8')), `${where}: journal file ${n} is torn`);
  }
  const deps = createDeps({ env: { HOME: l.home }, cwd: l.home });
  const last = readJournal(deps).reverse().find((e) => e.status === 'applied' || e.status === 'pending');
  if (last) {
    for (const f of last.files) {
      const h = fileHash(f.realPath);
      // pending: interrupted while writing; applied: done (or interrupted while undoing, file by file).
      assert.ok(h === f.afterHash || h === f.beforeHash, `${where}: ${f.path} is neither the before nor the after of the last change set ${last.id} (${last.status})`);
    }
  }
  return last;
}

type When = { from: 'outside'; ms: number; early: boolean } | { from: 'inside'; op: number };

function runDriver(l: Lane, driver: string, when: When): Promise<{ pid: number; code: number | null; signal: string | null; ready: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const args = [driver, l.home, l.versionsFile, ...(when.from === 'inside' ? [String(when.op)] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const early = when.from === 'outside' && when.early;
    let ready = false;
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => { if (when.from === 'outside') timer = setTimeout(() => child.kill('SIGKILL'), when.ms); };
    child.stdout.on('data', (d) => {
      if (!ready && String(d).includes('ready')) {
        ready = true;
        if (!early) kill();
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    if (early) kill();
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      resolve({ pid: child.pid!, code, signal, ready, stderr });
    });
  });
}

test(`crash safety: ${KILLS} kill -9 at random points of change sets and undos`, { timeout: 900_000 }, async () => {
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  const out = tempDir('cb-crash-driver-');
  const driver = path.join(out, 'crash-driver.mjs');
  await build({ entryPoints: [path.join(HERE, 'crash-driver.ts')], outfile: driver, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });

  const lanes = Array.from({ length: LANES }, (_, i) => lane(i));
  if (haveBotocore()) {
    // The versions themselves are files botocore reads (so "one whole version" means "parses").
    const reads = await botocoreRead(lanes[0]!.v.texts[0]!.map((c) => ({ config: c, credentials: lanes[0]!.v.texts[1]![0]! })));
    for (const r of reads) assert.ok(!('error' in r), JSON.stringify(r));
  }
  const stats = { kills: 0, fromInside: 0, beforeReady: 0, pendingFound: 0, appliedFound: 0, undone: 0, cliUndos: 0, staleTempsSeen: 0, staleTempsCleaned: 0 };
  let next = 0;
  await Promise.all(lanes.map(async (l, li) => {
    const rand = rng(SEED + li);
    let stale: string[] = [];
    while (next < KILLS) {
      const k = next++;
      const where = `lane ${li} kill ${k}`;
      // Half the kills come from outside at a random time (15% of them during start-up), half from inside right
      // before a random file-system call: those hit every step of a change set or an undo whatever the load.
      const x = rand();
      const when: When = x < 0.5 ? { from: 'inside', op: Math.floor(rand() * 120) } : { from: 'outside', early: x < 0.575, ms: Math.floor(rand() * (x < 0.575 ? 150 : 40)) };
      const r = await runDriver(l, driver, when);
      assert.equal(r.signal, 'SIGKILL', `${where}: the driver stopped by itself (code ${r.code}): ${r.stderr}`);
      stats.kills++;
      if (when.from === 'inside') stats.fromInside++;
      if (!r.ready) stats.beforeReady++;
      else {
        // It completed a change set, so it ran the stale-temp cleanup beside every file.
        const left = stale.filter((t) => fs.existsSync(t));
        assert.deepEqual(left, [], `${where}: temp files of killed processes were not cleaned by the next run`);
        stats.staleTempsCleaned += stale.length;
        stale = [];
      }
      pruneJournal(l.home);
      const last = assertConsistent(l, where);
      if (last?.status === 'pending') stats.pendingFound++;
      if (last?.status === 'applied') stats.appliedFound++;
      stale.push(...tempsIn(l.dirs).filter((t) => pidOf(t) === r.pid && !stale.includes(t)));
      stats.staleTempsSeen = Math.max(stats.staleTempsSeen, stale.length);
      if (last && rand() < 0.5) {
        // Recover the interrupted (or last) change set: everything goes back to its before, byte for byte.
        if (k % 25 === 0) {
          const u = await runCli(['undo', '--json'], { home: l.home });
          assert.equal(u.code, 0, `${where}: claude-bedrock undo failed: ${u.stderr}`);
          assert.equal(u.json().undoId, last.id);
          stats.cliUndos++;
        } else {
          const u = await undoLast(createDeps({ env: { HOME: l.home }, cwd: l.home }));
          assert.equal(u.undoId, last.id, `${where}: undo picked another change set than the last one`);
        }
        stats.undone++;
        for (const f of last.files) assert.equal(fileHash(f.realPath), f.beforeHash, `${where}: undo did not restore ${f.path}`);
        assertConsistent(l, `${where} after undo`);
      }
    }
  }));

  // One last clean run per lane: nothing of a dead process is left (temps, a lock that blocks), and it is quick.
  for (const [li, l] of lanes.entries()) {
    const deps = createDeps({ env: { HOME: l.home }, cwd: l.home });
    // A lock a killed process left names a dead holder (or is empty: killed between creating and writing it), so the
    // next writer takes it over instead of waiting for it to expire.
    const locks = path.join(l.home, '.claude-bedrock', 'locks');
    for (const n of fs.existsSync(locks) ? fs.readdirSync(locks) : []) {
      const holder = Number(fs.readFileSync(path.join(locks, n), 'utf8').split(' ')[0]);
      assert.ok(!(holder > 0) || !isAlive(holder), `lane ${li}: ${n} is held by live process ${holder}`);
    }
    await applyChangeSet(deps, { command: 'final', dryRun: false, files: l.v.files, plan: (cur) => l.v.files.map((f, j) => ({ path: f.path, after: l.v.texts[j]![(l.v.texts[j]!.indexOf(cur.get(f.path)!.exists ? cur.get(f.path)!.text : null) + 1) % l.v.texts[j]!.length]! })) });
    assert.deepEqual(tempsIn(l.dirs), [], `lane ${li}: temp files left behind after a clean run`);
    const state = path.join(l.home, '.claude-bedrock');
    for (const d of ['journal', 'backups', 'locks']) assert.equal(fs.statSync(path.join(state, d)).mode & 0o777, 0o700, `${d} is not 0700`);
    const backups = path.join(state, 'backups');
    for (const b of fs.readdirSync(backups).slice(0, 50)) {
      for (const f of fs.readdirSync(path.join(backups, b))) assert.equal(fs.statSync(path.join(backups, b, f)).mode & 0o777, 0o600, `backup ${b}/${f} is readable by others`);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(`# crash: ${JSON.stringify(stats)}; ${Date.now() - t0} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU in the test process`);
});

test('an empty lock file (killed between creating and writing it) does not block the next write for minutes', async () => {
  const home = tempDir('cb-crash-lock-');
  const lockPath = path.join(home, '.claude-bedrock', 'locks', 'x.lock');
  writeFile(lockPath, '');
  const past = new Date(Date.now() - 10_000);
  fs.utimesSync(lockPath, past, past);
  // No time to wait at all: a lock judged live would be a ConflictError at once.
  const lock = await acquireLock(lockPath, { timeoutMs: 0 });
  lock.release();
  assert.equal(fs.existsSync(lockPath), false);
});

test('an undo killed half way can be run again: it finishes restoring instead of refusing', async () => {
  const home = tempDir('cb-crash-undo-');
  const deps = createDeps({ env: { HOME: home }, cwd: home });
  const a = path.join(home, 'a.txt');
  const b = path.join(home, 'b.txt');
  writeFile(a, 'a0\n');
  writeFile(b, 'b0\n');
  await applyChangeSet(deps, { command: 't', dryRun: false, files: [{ path: a }, { path: b }], plan: () => [{ path: a, after: 'a1\n' }, { path: b, after: 'b1\n' }] });
  // The state a kill leaves after undo restored a but before it restored b and marked the entry undone.
  fs.writeFileSync(a, 'a0\n');
  const u = await undoLast(deps);
  assert.deepEqual(u.restored.map((x) => x.file).sort(), [a, b].sort());
  assert.equal(fs.readFileSync(a, 'utf8'), 'a0\n');
  assert.equal(fs.readFileSync(b, 'utf8'), 'b0\n');
});

test('undo reverts the change set made last, even when several were made within the same second', async () => {
  const home = tempDir('cb-crash-order-');
  const deps = createDeps({ env: { HOME: home }, cwd: home, now: () => new Date('2026-09-17T10:00:00.000Z') });
  const a = path.join(home, 'a.txt');
  const b = path.join(home, 'b.txt');
  for (let i = 1; i <= 8; i++) {
    await applyChangeSet(deps, { command: `a${i}`, dryRun: false, files: [{ path: a }], plan: () => [{ path: a, after: `a${i}\n` }] });
    await applyChangeSet(deps, { command: `b${i}`, dryRun: false, files: [{ path: b }], plan: () => [{ path: b, after: `b${i}\n` }] });
  }
  // Newest first: b8, a8, b7, a7, ...
  for (let i = 8; i >= 6; i--) {
    assert.equal((await undoLast(deps)).command, `b${i}`);
    assert.equal((await undoLast(deps)).command, `a${i}`);
  }
  assert.equal(fs.readFileSync(a, 'utf8'), 'a5\n');
  assert.equal(fs.readFileSync(b, 'utf8'), 'b5\n');
});
