// A real pseudo-terminal for the wizard tests: the built CLI runs in a detached tmux session of a fixed size on its own
// server socket; tests send keys and poll the screen. The exit code is printed into the pane when the command ends.
// Every tmux call is asynchronous: the emulator runs in the test process, and a blocked event loop would skew the
// round-trip times the wizard measures.
import { execFile, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CLI } from '../helpers.js';

const TMUX = 'tmux';

export function tmuxMissing(): string | undefined {
  const r = spawnSync(TMUX, ['-V'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : 'tmux is not installed (apt-get install tmux); the PTY tests of the wizard need a real terminal';
}

export class Terminal {
  readonly socket = `cbw-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  private started = false;

  private tmux(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(TMUX, ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' }, (err, stdout, stderr) => {
        if (err) reject(new Error(`tmux ${args.join(' ')} failed: ${stderr || err.message}`));
        else resolve(stdout);
      });
    });
  }

  /** Run `node dist/cli.js <args>` with exactly `env` in a width × height terminal. */
  async start(args: string[], opts: { env: Record<string, string>; cwd: string; width?: number; height?: number }): Promise<void> {
    // A launcher script so the command sees only `env` (not the tmux server's), and the exit code lands on screen.
    const script = path.join(opts.cwd, `.run-${crypto.randomBytes(3).toString('hex')}.sh`);
    const env = { ...opts.env, TERM: 'xterm-256color' };
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    fs.writeFileSync(
      script,
      `#!/bin/sh\ncd ${q(opts.cwd)}\nenv -i ${Object.entries(env).map(([k, v]) => q(`${k}=${v}`)).join(' ')} ${q(process.execPath)} ${q(CLI)} ${args.map(q).join(' ')}\necho "[exit $?]"\nexec sleep 600\n`,
      { mode: 0o700 },
    );
    this.started = true;
    await this.tmux(['new-session', '-d', '-s', 'main', '-x', String(opts.width ?? 120), '-y', String(opts.height ?? 40), `sh ${q(script)}`]);
  }

  /** The whole screen plus scrollback, wrapped lines joined. */
  screen(): Promise<string> {
    return this.tmux(['capture-pane', '-p', '-J', '-t', 'main', '-S', '-', '-E', '-']);
  }

  /** Keys by tmux name: 'Enter', 'Down', 'Up', 'C-c', 'y'. */
  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) await this.tmux(['send-keys', '-t', 'main', k]);
  }

  /** Literal text (typed as is). */
  async type(text: string): Promise<void> {
    await this.tmux(['send-keys', '-t', 'main', '-l', text]);
  }

  /** Wait until the screen matches; fail with the screen shown when it does not in time. */
  async waitFor(re: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let s = '';
    for (;;) {
      s = await this.screen();
      if (re.test(s)) return s;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${re} on the terminal; the screen was:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Wait for a prompt to be drawn (its `? message` line), then send keys. */
  async answer(prompt: RegExp, ...keys: string[]): Promise<string> {
    const s = await this.waitFor(prompt);
    await this.keys(...keys);
    return s;
  }

  async exitCode(timeoutMs = 20_000): Promise<number> {
    const s = await this.waitFor(/\[exit (\d+)\]/, timeoutMs);
    return Number(/\[exit (\d+)\]/.exec(s)![1]);
  }

  kill(): void {
    if (!this.started) return;
    spawnSync(TMUX, ['-L', this.socket, 'kill-server']);
    this.started = false;
  }
}
