// `login --use-aws-cli`: delegate to `aws sso login`, after checking that the AWS CLI on PATH can do it at all.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Deps } from '../../deps.js';
import { CliError } from '../../errors.js';
import { scrubSecrets } from '../../core/redact.js';
import { loginCommand, shellWord, type SsoTarget } from '../../core/sso/target.js';

export interface AwsCliVersion {
  raw: string;
  major: number;
  minor: number;
  patch: number;
}

function run(deps: Deps, args: string[], opts: { timeoutMs: number; passthrough: boolean; signal?: AbortSignal }): Promise<{ code: number | null; out: string; error?: NodeJS.ErrnoException; timedOut: boolean }> {
  return new Promise((resolve) => {
    let out = '';
    let timedOut = false;
    const child = spawn(deps.platform === 'win32' ? 'aws.exe' : 'aws', args, { env: { ...deps.env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const onData = (d: Buffer) => {
      const s = d.toString('utf8');
      out += s;
      // The AWS CLI's own prompts (URL, code) go to our stderr; stdout stays ours.
      if (opts.passthrough) deps.stderr.write(scrubSecrets(s));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, opts.timeoutMs);
    // A cancelled login (Ctrl-C) stops the AWS CLI too.
    const stop = () => child.kill();
    opts.signal?.addEventListener('abort', stop, { once: true });
    const done = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', stop);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      done();
      resolve({ code: null, out, error, timedOut });
    });
    child.once('close', (code) => {
      done();
      resolve({ code, out, timedOut });
    });
  });
}

/** `aws --version` → `aws-cli/2.15.30 Python/...` (v1 may print it on stderr). undefined when there is no `aws`. */
export async function awsCliVersion(deps: Deps, signal?: AbortSignal): Promise<AwsCliVersion | undefined> {
  const r = await run(deps, ['--version'], { timeoutMs: 15_000, passthrough: false, signal });
  if (r.error) return undefined;
  const m = /aws-cli\/(\d+)\.(\d+)\.(\d+)/.exec(r.out);
  if (!m) return undefined;
  return { raw: `${m[1]}.${m[2]}.${m[3]}`, major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}

/** Why this AWS CLI cannot log in to the target, or undefined when it can. */
export function awsCliProblem(v: AwsCliVersion | undefined, t: SsoTarget): { what: string; why: string } | undefined {
  if (!v) return { what: 'The AWS CLI (aws) was not found on PATH.', why: '--use-aws-cli runs `aws sso login`.' };
  if (v.major < 2) return { what: `The AWS CLI on PATH is version ${v.raw}, which has no \`aws sso login\`.`, why: 'SSO login exists only in AWS CLI version 2.' };
  if (t.sessionName !== null && (v.major === 2 && v.minor < 9)) {
    return { what: `AWS CLI ${v.raw} cannot log in to sso-session profiles.`, why: 'Support for [sso-session] sections (and refresh tokens) arrived in AWS CLI 2.9.0.' };
  }
  return undefined;
}

export async function runAwsSsoLogin(deps: Deps, t: SsoTarget, opts: { deviceCode: boolean; noBrowser: boolean; timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  const v = await awsCliVersion(deps, opts.signal);
  const problem = awsCliProblem(v, t);
  if (problem) {
    throw new CliError({ ...problem, next: `${loginCommand(t)}   # signs in natively, no AWS CLI needed`, code: 'aws-cli-unsuitable' });
  }
  const args = ['sso', 'login', ...(t.profile !== null ? ['--profile', t.profile] : ['--sso-session', t.sessionName!])];
  if (opts.deviceCode) args.push('--use-device-code');
  if (opts.noBrowser) args.push('--no-browser');
  const r = await run(deps, args, { timeoutMs: opts.timeoutMs, passthrough: true, signal: opts.signal });
  opts.signal?.throwIfAborted();
  if (r.code !== 0) {
    throw new CliError({
      what: `\`aws ${args.map(shellWord).join(' ')}\` ${r.timedOut ? `did not finish within ${Math.round(opts.timeoutMs / 1000)} s` : `failed (exit ${r.code ?? r.error?.code})`}.`,
      why: 'Its output is shown above.',
      next: `${loginCommand(t)}   # the native login, without the AWS CLI`,
      code: 'aws-cli-failed',
    });
  }
}

/**
 * What setup needs to decide awsAuthRefresh on this machine: where claude-bedrock itself is installed (so `auto`
 * writes `<node> <script> login --profile P`), and — only for `--auth-refresh aws-cli` — the AWS CLI's version.
 * A file others read too (project: committed; managed: every user of the machine) never gets this machine's paths:
 * there `auto` decides as for another machine (`aws sso login`, like --print).
 */
export async function authRefreshContext(deps: Deps, mode: unknown, scope?: string): Promise<{ self?: { node: string; script: string }; awsCli?: AwsCliVersion | null }> {
  const self = scope === 'project' || scope === 'managed' ? undefined : selfCommand(deps);
  return {
    ...(self ? { self } : {}),
    ...(mode === 'aws-cli' ? { awsCli: (await awsCliVersion(deps)) ?? null } : {}),
  };
}

/** This tool as an absolute node + script pair that any PATH can run (doctor suggests what setup would write). */
export function selfCommand(deps: Pick<Deps, 'scriptPath' | 'execPath'>): { node: string; script: string } | undefined {
  const script = deps.scriptPath;
  // A TypeScript entry (a dev run through tsx) cannot be run by plain node.
  const runnable = !!script && path.isAbsolute(script) && fs.existsSync(script) && !/\.[cm]?tsx?$/.test(script);
  return runnable ? { node: deps.execPath, script } : undefined;
}
