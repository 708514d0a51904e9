import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { applyChangeSet, undoLast, readJournal } from './changeset.js';
import { createDeps } from '../deps.js';
import { tempDir } from '../../test/helpers.js';

function depsFor(home: string) {
  return createDeps({ env: { HOME: home }, cwd: home });
}

test('apply writes all files as one change set and undo restores them byte for byte', async () => {
  const home = tempDir();
  const a = path.join(home, 'a.txt');
  const b = path.join(home, 'sub', 'b.txt');
  fs.writeFileSync(a, 'keep\r\nold\r\n', { mode: 0o640 });
  const deps = depsFor(home);
  const r = await applyChangeSet(deps, {
    command: 'test',
    dryRun: false,
    files: [{ path: a }, { path: b, secret: true }],
    plan: (cur) => [
      { path: a, after: cur.get(a)!.text.replace('old', 'new') },
      { path: b, after: 'created\n' },
    ],
  });
  assert.equal(r.changes.length, 2);
  assert.ok(r.undoId);
  assert.equal(fs.readFileSync(a, 'utf8'), 'keep\r\nnew\r\n');
  assert.equal(fs.statSync(a).mode & 0o777, 0o640, 'existing mode kept');
  assert.equal(fs.statSync(b).mode & 0o777, 0o600, 'new secret file is 0600');
  assert.equal(fs.statSync(path.dirname(b)).mode & 0o777, 0o700, 'new directory is 0700');
  const u = await undoLast(deps);
  assert.deepEqual(u.restored.map((x) => x.action).sort(), ['removed', 'restored']);
  assert.equal(fs.readFileSync(a, 'utf8'), 'keep\r\nold\r\n');
  assert.equal(fs.existsSync(b), false);
  assert.equal(readJournal(deps).at(-1)?.status, 'undone');
  await assert.rejects(undoLast(deps), /Nothing to undo/);
});

test('dry run writes nothing and returns the diff', async () => {
  const home = tempDir();
  const a = path.join(home, 'a.txt');
  fs.writeFileSync(a, 'x\n');
  const r = await applyChangeSet(depsFor(home), { command: 't', dryRun: true, files: [{ path: a }], plan: () => [{ path: a, after: 'y\n' }] });
  assert.equal(r.undoId, null);
  assert.match(r.changes[0]!.diff, /^-x\n\+y$/m);
  assert.equal(fs.readFileSync(a, 'utf8'), 'x\n');
  assert.equal(fs.existsSync(path.join(home, '.claude-bedrock')), false);
});

test('undo refuses when a file changed since, and restores nothing', async () => {
  const home = tempDir();
  const a = path.join(home, 'a.txt');
  fs.writeFileSync(a, 'one\n');
  const deps = depsFor(home);
  await applyChangeSet(deps, { command: 't', dryRun: false, files: [{ path: a }], plan: () => [{ path: a, after: 'two\n' }] });
  fs.writeFileSync(a, 'three\n');
  await assert.rejects(undoLast(deps), /changed since/);
  assert.equal(fs.readFileSync(a, 'utf8'), 'three\n');
});

test('undo refusal names each file changed since and how to restore it by hand (its exact backup, or rm for a created file)', async () => {
  const home = tempDir();
  const made = path.join(home, 'made.json');
  const old = path.join(home, 'old.txt');
  fs.writeFileSync(old, 'one\n');
  const deps = depsFor(home);
  await applyChangeSet(deps, { command: 'setup', dryRun: false, files: [{ path: made }, { path: old }], plan: () => [{ path: made, after: '{}\n' }, { path: old, after: 'two\n' }] });
  // Only the created file edited: no backup exists, so the refusal must not point at one.
  fs.writeFileSync(made, '{"edited":true}\n');
  const e1 = await undoLast(deps).then(() => assert.fail('undo went through'), (e: { message: string; next: string }) => e);
  assert.match(e1.message, /made\.json changed since/);
  assert.doesNotMatch(e1.message, /old\.txt/);
  assert.equal(e1.next.split('\n').length, 1);
  assert.ok(e1.next.startsWith(`rm ${made}  # `), e1.next);
  assert.match(e1.next, /did not exist before "setup"/);
  assert.doesNotMatch(e1.next, /backup/);
  // Both edited: one line each; the existing file's line is a runnable diff against its exact backup.
  fs.writeFileSync(old, 'three\n');
  const e2 = await undoLast(deps).then(() => assert.fail('undo went through'), (e: { message: string; next: string }) => e);
  const lines = e2.next.split('\n').map((l) => l.trim());
  assert.equal(lines.length, 2);
  const m = /^diff (\S+) (\S+)  # /.exec(lines[1]!);
  assert.ok(m, lines[1]);
  assert.equal(m[2], old);
  assert.equal(fs.readFileSync(m[1]!, 'utf8'), 'one\n', 'the named backup holds the state before');
  assert.equal(fs.readFileSync(old, 'utf8'), 'three\n', 'nothing restored');
  // The existing file deleted since: copy its backup back.
  fs.rmSync(old);
  fs.writeFileSync(made, '{}\n');
  const e3 = await undoLast(deps).then(() => assert.fail('undo went through'), (e: { next: string }) => e);
  assert.equal(e3.next, `cp ${m[1]} ${old}  # ${old} was deleted since: this restores it as it was before "setup" (${readJournal(deps).at(-1)!.id})`);
});

test('writes go through a symlink to its target', async () => {
  const home = tempDir();
  const target = path.join(home, 'real.json');
  const link = path.join(home, 'link.json');
  fs.writeFileSync(target, '{}\n');
  fs.symlinkSync(target, link);
  const deps = depsFor(home);
  await applyChangeSet(deps, { command: 't', dryRun: false, files: [{ path: link }], plan: () => [{ path: link, after: '{"a":1}\n' }] });
  assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
  assert.equal(fs.readFileSync(target, 'utf8'), '{"a":1}\n');
  await undoLast(deps);
  assert.equal(fs.readFileSync(target, 'utf8'), '{}\n');
  assert.ok(fs.lstatSync(link).isSymbolicLink());
});

test('concurrent change sets on one file never lose an update', async () => {
  const home = tempDir();
  const a = path.join(home, 'counter.txt');
  fs.writeFileSync(a, '0');
  const deps = depsFor(home);
  await Promise.all(
    Array.from({ length: 10 }, () =>
      applyChangeSet(deps, { command: 'inc', dryRun: false, files: [{ path: a }], plan: (c) => [{ path: a, after: String(Number(c.get(a)!.text) + 1) }] }),
    ),
  );
  assert.equal(fs.readFileSync(a, 'utf8'), '10');
});
