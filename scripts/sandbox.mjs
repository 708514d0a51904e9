// `npm run sandbox`: the whole setup flow against the embedded emulator in a throwaway HOME.
// On a terminal it is the interactive wizard; otherwise setup makes the automatic choices (--yes).
import { spawnSync } from 'node:child_process';

const interactive = process.stdin.isTTY && process.stdout.isTTY;
const args = ['dist/cli.js', 'setup', '--sandbox', ...(interactive ? [] : ['--yes']), ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(r.status ?? 1);
