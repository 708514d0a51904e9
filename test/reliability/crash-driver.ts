// Child process for the crash test (bundled with esbuild so it starts fast): applies change sets through the real
// applyChangeSet (and undoes some with the real undoLast) on a temp HOME, in a loop, until the test kills it.
// Usage: node crash-driver.mjs <home> <versions.json> [N]. Prints "ready" after its first complete change set.
// With N, it sends itself SIGKILL right before its N-th file-system call after that: a kill -9 at an exact point,
// whatever the machine's load (the test also kills from outside at random times).
import fs from 'node:fs';
import { createDeps } from '../../src/deps.js';
import { applyChangeSet, undoLast } from '../../src/io/changeset.js';

export interface CrashVersions {
  files: { path: string; secret: boolean }[];
  /** texts[file][k]: the k-th version of each file; null = the file does not exist. */
  texts: (string | null)[][];
}

const [home, versionsFile, killAt] = process.argv.slice(2);
const v = JSON.parse(fs.readFileSync(versionsFile!, 'utf8')) as CrashVersions;
const deps = createDeps({ env: { HOME: home }, cwd: home });

const WRITES = ['openSync', 'writeSync', 'writeFileSync', 'fsyncSync', 'closeSync', 'renameSync', 'unlinkSync', 'mkdirSync', 'fchmodSync', 'chmodSync', 'copyFileSync', 'rmSync', 'readFileSync', 'readdirSync', 'statSync'] as const;
function armKill(at: number): void {
  let calls = 0;
  const f = fs as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const name of WRITES) {
    const real = f[name]!;
    f[name] = (...a: unknown[]) => {
      if (calls++ === at) process.kill(process.pid, 'SIGKILL');
      return real.apply(fs, a);
    };
  }
}

let n = 0;
for (;;) {
  await applyChangeSet(deps, {
    command: `crash-test ${n}`,
    dryRun: false,
    files: v.files,
    plan(current) {
      return v.files.map((f, i) => {
        const cur = current.get(f.path)!;
        const k = v.texts[i]!.indexOf(cur.exists ? cur.text : null);
        if (k < 0) {
          // A file that is no known version was torn by an earlier kill: report it and stop.
          process.stderr.write(`corrupt: ${f.path}\n`);
          process.exit(3);
        }
        return { path: f.path, after: v.texts[i]![(k + 1) % v.texts[i]!.length]! };
      });
    },
  });
  if (n === 0) {
    process.stdout.write('ready\n');
    if (killAt !== undefined) armKill(Number(killAt));
  }
  // Every third change set is undone right away, so kills also land inside undo.
  if (n % 3 === 2) await undoLast(deps);
  n++;
}
