// Runs a profile's credential_process like the AWS SDKs do (through the shell), but never interactively and never forever.
import { spawn } from 'node:child_process';
import { CliError } from '../errors.js';
import { scrubSecrets } from '../core/redact.js';
import type { AwsIdentity } from './clients.js';

export interface ProcessCredentials extends AwsIdentity {
  accountId?: string;
}

function fail(profile: string, command: string, why: string, code: string, extra?: string): CliError {
  // Its arguments may carry secrets (--client-secret ...): name the program only.
  const program = (command.trim().split(/\s+/)[0] ?? '').split(/[\\/]/).pop() ?? '';
  return new CliError({
    what: `${profile === 'awsCredentialExport' ? 'The awsCredentialExport command' : `credential_process of profile ${profile}`} failed: ${why}`,
    why: extra,
    next: `run it by hand (${scrubSecrets(program)} …, as written in ${profile === 'awsCredentialExport' ? 'the awsCredentialExport setting' : `[profile ${profile}] of the AWS config`}) and fix what it reports`,
    code,
  });
}

/** A helper's own output is not ours to trust: long token-like runs of letters and digits may be credentials. */
function scrubOutput(s: string): string {
  return scrubSecrets(s).replace(/[A-Za-z0-9+/=_-]{20,}/g, (t) => (/[0-9]/.test(t) && /[A-Za-z]/.test(t) ? '[redacted]' : t));
}

/**
 * Run `command` with stdin closed (a helper that prompts sees end-of-file) and kill it, with its children, after
 * `timeoutMs`. Output must be the documented JSON: {"Version": 1, "AccessKeyId", "SecretAccessKey", ...}.
 */
export function runCredentialProcess(
  profile: string,
  command: string,
  opts: { env: Readonly<Record<string, string | undefined>>; cwd: string; timeoutMs: number; now: () => Date; platform: NodeJS.Platform; format?: 'credential-process' | 'export' },
): Promise<ProcessCredentials> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      shell: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: opts.env as NodeJS.ProcessEnv,
      cwd: opts.cwd,
      // Its own process group, so a timeout kills the shell and whatever it started.
      detached: opts.platform !== 'win32',
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const kill = () => {
      try {
        if (opts.platform === 'win32') spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).unref();
        else if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.unref();
    };
    const timer = setTimeout(() => {
      kill();
      finish(() =>
        reject(fail(profile, command, `it did not finish within ${opts.timeoutMs < 1000 ? `${opts.timeoutMs} ms` : `${Math.round(opts.timeoutMs / 1000)} s`}.`, 'credential-process-timeout', 'It may be waiting for input or a browser login; credential_process helpers must never prompt (Claude Code cannot answer either).')),
      );
    }, opts.timeoutMs);
    child.stdout!.on('data', (d) => { if (stdout.length < 1_000_000) stdout += d; });
    child.stderr!.on('data', (d) => { if (stderr.length < 100_000) stderr += d; });
    child.on('error', (e) => finish(() => reject(fail(profile, command, `cannot start it: ${e.message}.`, 'credential-process-failed'))));
    child.on('close', (code, signal) => {
      finish(() => {
        const tail = scrubOutput(stderr.trim().split('\n').slice(-3).join(' ').slice(0, 400));
        if (code !== 0) {
          return reject(fail(profile, command, `it exited with ${code ?? signal}${tail ? `: ${tail}` : '.'}`, 'credential-process-failed'));
        }
        let data: Record<string, unknown>;
        try {
          data = JSON.parse(stdout.trim()) as Record<string, unknown>;
        } catch {
          return reject(fail(profile, command, 'its output is not JSON.', 'credential-process-failed', 'It must print {"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ..., "SessionToken": ..., "Expiration": ...}.'));
        }
        if (opts.format === 'export') {
          // Claude Code's awsCredentialExport: {"Credentials": {...}} or, since 2.1.181, the flat --format process shape.
          if (data.Credentials && typeof data.Credentials === 'object') data = data.Credentials as Record<string, unknown>;
        } else if (data.Version !== 1) {
          return reject(fail(profile, command, `its output has "Version": ${JSON.stringify(data.Version)}, not 1.`, 'credential-process-failed'));
        }
        if (typeof data.AccessKeyId !== 'string' || typeof data.SecretAccessKey !== 'string') {
          return reject(fail(profile, command, 'its output has no AccessKeyId / SecretAccessKey.', 'credential-process-failed'));
        }
        let expiration: Date | undefined;
        if (data.Expiration !== undefined) {
          expiration = new Date(String(data.Expiration));
          if (Number.isNaN(expiration.getTime())) return reject(fail(profile, command, `its Expiration ${JSON.stringify(data.Expiration)} is not a date.`, 'credential-process-failed'));
          if (expiration.getTime() <= opts.now().getTime()) {
            return reject(fail(profile, command, `it returned credentials that expired at ${expiration.toISOString()}.`, 'credential-process-expired', 'Refresh whatever the helper reads its credentials from.'));
          }
        }
        resolve({
          accessKeyId: data.AccessKeyId,
          secretAccessKey: data.SecretAccessKey,
          ...(typeof data.SessionToken === 'string' ? { sessionToken: data.SessionToken } : {}),
          ...(expiration ? { expiration } : {}),
          ...(typeof data.AccountId === 'string' ? { accountId: data.AccountId } : {}),
        });
      });
    });
  });
}
