// Shared test helpers: a temp HOME, a scrubbed environment, and the built CLI run as a child process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** A fresh temp directory that is removed when the process exits. */
export function tempDir(prefix = 'cb-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

/** The developer's environment minus every AWS_*, CLAUDE_*, ANTHROPIC_* variable, with HOME set. */
export function scrubbedEnv(home: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^(AWS_|CLAUDE_|ANTHROPIC_|BROWSER$|NO_COLOR$|HTTPS?_PROXY$|https?_proxy$)/.test(k)) continue;
    env[k] = v;
  }
  env.HOME = home;
  env.USERPROFILE = home;
  // Keep the real machine's managed settings out of every test.
  env.CLAUDE_BEDROCK_MANAGED_SETTINGS = path.join(home, 'managed', 'managed-settings.json');
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
}

/** Run the built CLI (`npm run build` first) with a scrubbed env. */
export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawn a process, collect its output, kill it after timeoutMs (default 30 s). Stdin gets `input` (or is closed). */
export function runProcess(cmd: string, args: string[], opts: { env?: Record<string, string>; cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Run the built CLI (`npm run build` first) with a scrubbed env. */
export async function runCli(args: string[], opts: { home: string; env?: Record<string, string | undefined>; cwd?: string; input?: string; timeoutMs?: number }): Promise<RunResult> {
  const r = await runProcess(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? opts.home, env: scrubbedEnv(opts.home, opts.env), input: opts.input, timeoutMs: opts.timeoutMs });
  return { ...r, json: () => JSON.parse(r.stdout) };
}

export function writeFile(p: string, text: string, mode?: number): void {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text, mode !== undefined ? { mode } : undefined);
}

/** Every regular file under `dir` with its content (relative path → text), to assert that a run wrote nothing. */
export function filesUnder(dir: string, skip: (rel: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (skip(rel)) continue;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[rel] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}
