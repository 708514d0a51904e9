// The cross-process lock under contention: processes that all find the same stale lock (a dead holder) take it over
// one at a time, never two at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FS_MODULE = fileURLToPath(new URL('./fs.ts', import.meta.url));

/** A child that waits for `go`, takes the lock, logs enter/leave around a short hold, releases it. */
const CHILD = `
import fs from 'node:fs';
const { acquireLock } = await import(process.env.FS_MODULE);
const [lock, log, go] = process.argv.slice(-3);
fs.writeFileSync(go + '.ready.' + process.pid, '');
while (!fs.existsSync(go)) await new Promise((r) => setTimeout(r, 2));
const l = await acquireLock(lock, { timeoutMs: 20_000 });
fs.appendFileSync(log, 'enter ' + process.pid + '\\n');
await new Promise((r) => setTimeout(r, 20));
fs.appendFileSync(log, 'leave ' + process.pid + '\\n');
l.release();
`;

function run(lock: string, log: string, go: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD, '--', lock, log, go], { env: { ...process.env, FS_MODULE }, stdio: ['ignore', 'ignore', 'inherit'] });
    c.on('error', reject);
    c.on('close', resolve);
  });
}

test('contenders that all find a stale lock hold it one at a time', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-lock-'));
  try {
    for (let round = 0; round < 4; round++) {
      const lock = path.join(dir, `r${round}.lock`);
      const log = path.join(dir, `r${round}.log`);
      const go = path.join(dir, `r${round}.go`);
      // Left by a process that no longer exists.
      fs.writeFileSync(lock, `2147483646 dead ${Date.now()}\n`);
      const children = Array.from({ length: 6 }, () => run(lock, log, go));
      // Everyone loaded and waiting at the start line, then all go at once.
      while (fs.readdirSync(dir).filter((n) => n.startsWith(`r${round}.go.ready.`)).length < 6) await new Promise((r) => setTimeout(r, 10));
      fs.writeFileSync(go, '');
      assert.deepEqual(await Promise.all(children), [0, 0, 0, 0, 0, 0]);
      const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
      assert.equal(lines.length, 12);
      for (let i = 0; i < lines.length; i += 2) {
        assert.match(lines[i]!, /^enter /, `round ${round}: two holders at once:\n${lines.join('\n')}`);
        assert.equal(lines[i + 1], lines[i]!.replace('enter', 'leave'), `round ${round}: two holders at once:\n${lines.join('\n')}`);
      }
      assert.equal(fs.existsSync(lock), false, 'released');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a guard left by a contender that died while breaking a stale lock is cleared; the lock is taken', async () => {
  const { acquireLock } = await import('./fs.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-lock-'));
  try {
    const lock = path.join(dir, 'x.lock');
    fs.writeFileSync(lock, `2147483646 dead ${Date.now()}\n`);
    fs.writeFileSync(`${lock}.break`, '');
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(`${lock}.break`, past, past);
    const l = await acquireLock(lock, { timeoutMs: 5_000 });
    assert.match(fs.readFileSync(lock, 'utf8'), new RegExp(`^${process.pid} `));
    assert.equal(fs.existsSync(`${lock}.break`), false);
    l.release();
    assert.equal(fs.existsSync(lock), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
