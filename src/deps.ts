// The one seam with the outside world. Nothing else reads process.env, os.homedir(), the clock or TTY state.
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CliError } from './errors.js';

export interface Deps {
  /** The environment as the user's shell gave it (never mutated). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly platform: NodeJS.Platform;
  /** Absolute path of the node binary running us and of our entry script (for awsAuthRefresh commands). */
  readonly execPath: string;
  readonly scriptPath: string;
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly isTTY: { readonly stdin: boolean; readonly stdout: boolean; readonly stderr: boolean };
  now(): Date;
  /** The home directory; throws a clear error when it cannot be determined. */
  home(): string;
  /**
   * Call `listener` on SIGINT (Ctrl-C while the terminal is not in raw mode, or `kill -INT`); returns the remover.
   * While a listener is installed the signal does not end the process: the listener turns it into a clean cancel.
   */
  onInterrupt(listener: () => void): () => void;
}

export function homeFromEnv(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string | undefined {
  // Same order as the AWS SDK for JavaScript: HOME, USERPROFILE, HOMEDRIVE+HOMEPATH.
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:\\'}${env.HOMEPATH}`;
  return undefined;
}

export function makeHome(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): () => string {
  return () => {
    const h = homeFromEnv(env, platform);
    if (!h) {
      throw new CliError({
        what: 'Cannot find your home directory: HOME is not set.',
        why: 'The AWS files (~/.aws/config) and Claude Code settings (~/.claude/settings.json) live under it.',
        next: platform === 'win32' ? 'set USERPROFILE=C:\\Users\\<you> and run the command again' : 'export HOME=/home/<you> and run the command again',
        code: 'no-home',
      });
    }
    if (!path.isAbsolute(h)) {
      throw new CliError({ what: `HOME is not an absolute path: ${JSON.stringify(h)}.`, next: 'export HOME=<absolute path> and run the command again', code: 'no-home' });
    }
    return h;
  };
}

export function createDeps(overrides: Partial<Deps> = {}): Deps {
  const env = overrides.env ?? { ...process.env };
  const platform = overrides.platform ?? process.platform;
  return {
    env,
    cwd: process.cwd(),
    platform,
    execPath: process.execPath,
    scriptPath: process.argv[1] ? path.resolve(process.argv[1]) : '',
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: { stdin: !!process.stdin.isTTY, stdout: !!process.stdout.isTTY, stderr: !!process.stderr.isTTY },
    now: () => new Date(),
    home: makeHome(env, platform),
    onInterrupt(listener) {
      process.on('SIGINT', listener);
      return () => void process.removeListener('SIGINT', listener);
    },
    ...overrides,
  };
}
