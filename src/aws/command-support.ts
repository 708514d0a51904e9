// What the online commands share: timeouts from flags, secrets to keep out of output, how a failure is printed.
import type { Deps } from '../deps.js';
import type { Output } from '../io/output.js';
import { UsageError } from '../errors.js';
import type { Failure } from './failure.js';
import type { AwsApi } from './api.js';
import type { AuthSource } from './credentials.js';
import type { NetworkInfo } from './network.js';
import { isAwsRegion } from '../core/claude-settings/keys.js';

/** Secret values present in the environment: scrubbed from every message even when no pattern would catch them. */
export function knownSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  return ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_BEARER_TOKEN_BEDROCK', 'ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN']
    .map((k) => env[k])
    .filter((v): v is string => !!v && v.length >= 8);
}

/** `--timeout <seconds>` → milliseconds (a positive number, at most 10 minutes). */
export function parseTimeoutFlag(value: unknown, command: string, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const s = Number(value);
  if (!Number.isFinite(s) || s <= 0 || s > 600) throw new UsageError(`--timeout must be a number of seconds between 0 and 600 (got ${JSON.stringify(value)}).`, `claude-bedrock ${command} --timeout 5`);
  return Math.round(s * 1000);
}

/** `--regions a,b` and/or `--region c` → a checked list (undefined when neither was given). */
export function parseRegionsFlag(regions: unknown, region: string | undefined, command: string): string[] | undefined {
  const list = [
    ...(typeof regions === 'string' ? regions.split(/[,\s]+/) : []),
    ...(region ? [region] : []),
  ].map((r) => r.trim()).filter(Boolean);
  if (typeof regions === 'string' && list.length === 0) throw new UsageError('--regions needs a comma-separated list such as us-east-1,eu-west-1.', `claude-bedrock ${command} --regions us-east-1,us-west-2`);
  for (const r of list) {
    if (!isAwsRegion(r)) throw new UsageError(`${JSON.stringify(r)} is not an AWS region name (like us-west-2).`, `claude-bedrock ${command} --regions us-east-1,us-west-2`);
  }
  return list.length ? [...new Set(list)] : undefined;
}

export function printFailure(out: Output, f: Failure, indent = '  '): void {
  out.print(`${indent}${out.red('✗')} ${f.message}`);
  out.print(`${indent}  fix: ${f.fix}`);
  if (f.explain.length) out.print(out.dim(`${indent}  (claude-bedrock explain: ${f.explain.join(', ')})`));
}

/** Milliseconds as people read them: 412 ms, 1.3 s. */
export function ms(n: number): string {
  return n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(1)} s`;
}

/** Local time with the zone offset, for expiry clocks. */
export function localTime(d: Date, now: Date): string {
  const pad = (x: number) => String(x).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone = `${off >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  const stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())} (UTC${zone})`;
  return `${stamp}, ${relative(d.getTime() - now.getTime())}`;
}

export function relative(deltaMs: number): string {
  const a = Math.abs(deltaMs);
  const unit = a < 90_000 ? `${Math.round(a / 1000)} s` : a < 90 * 60_000 ? `${Math.round(a / 60_000)} min` : a < 48 * 3_600_000 ? `${(a / 3_600_000).toFixed(1)} h` : `${Math.round(a / 86_400_000)} days`;
  return deltaMs >= 0 ? `in ${unit}` : `${unit} ago`;
}

/** One line per thing that changes the network path to AWS (proxy, CA bundle, endpoint overrides), or none. */
export function networkLines(n: NetworkInfo): string[] {
  const lines: string[] = [];
  for (const p of [n.httpsProxy, n.httpProxy]) {
    if (p) lines.push(`proxy ${p.url} (${p.variable}${p.hasCredentials ? ', with user and password' : ''})${n.noProxy ? `, NO_PROXY=${n.noProxy}` : ''}`);
  }
  if (n.caBundle) lines.push(`extra CA bundle ${n.caBundle} (AWS_CA_BUNDLE)`);
  if (n.extraCaCerts) lines.push(`extra CA certificates ${n.extraCaCerts} (NODE_EXTRA_CA_CERTS)`);
  const eps = Object.entries(n.endpoints);
  if (eps.length) lines.push(`endpoint overrides: ${[...new Set(eps.map(([, u]) => u))].join(', ')} (${eps.map(([s]) => s).join(', ')})`);
  return lines;
}

export function noteNetwork(out: Output, n: NetworkInfo): void {
  if (out.json) return;
  for (const l of networkLines(n)) out.note(`network: ${l}`);
}

/** Resolve the credentials first, so that a missing login is one clear error rather than a failure per call. */
export async function requireCredentials(api: AwsApi, source: AuthSource, secrets: string[]): Promise<void> {
  if (source.kind === 'bearer') return;
  try {
    await api.credentials(source);
  } catch (e) {
    // Loaded here, not at the top: status --offline and the hook import this module and must stay light.
    const [{ toFailure, failureError }, { describeSource }] = await Promise.all([import('./failure.js'), import('./credentials.js')]);
    const profile = source.kind === 'profile' ? source.profile : null;
    throw failureError(toFailure(e, { ...(profile ? { profile } : {}), secrets }), `No credentials for ${describeSource(source)}`);
  }
}
