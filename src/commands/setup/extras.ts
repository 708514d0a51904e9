// What `setup` does beyond writing flags it was given: the wizard (prompts on a TTY, or automatic choices with
// --yes), --print for managed deployment, and --auth api-key. This module is light (flags, help, result shapes,
// rendering) so setup.ts can import it without loading the AWS SDK; the flows themselves load lazily.
import type { GlobalOptions, OptionSpec } from '../../command.js';
import type { Deps } from '../../deps.js';
import { EXIT, UsageError } from '../../errors.js';
import type { Output } from '../../io/output.js';
import type { FileChangeReport } from '../../io/changeset.js';
import type { ModelTestResult } from '../../aws/invoke-test.js';

export type ApiKeySource = 'generate' | 'stdin' | 'env';

export interface ExtraFlags {
  print: boolean;
  auth: 'profile' | 'api-key';
  apiKey?: ApiKeySource;
  /** Short-term API key lifetime, seconds. */
  expiresSeconds?: number;
  skipTest: boolean;
  yes: boolean;
  json: boolean;
  noColor: boolean;
  /** Which optional choices came from flags (so the wizard does not ask them). */
  given: { scope: boolean; authRefresh: boolean };
}

export const EXTRA_OPTIONS: Record<string, OptionSpec> = {
  print: { type: 'boolean' },
  auth: { type: 'string' },
  'api-key': { type: 'string' },
  expires: { type: 'string' },
  'skip-test': { type: 'boolean' },
};

export const EXTRA_HELP = `

Without every choice as a flag:
  on a terminal   the wizard asks for what is missing (each question's flag is shown below), starting from the
                  current values, then shows the diff, asks before writing, and runs the 1-token model test;
  with --yes      the same steps with automatic choices: the current values, else the closest region that serves
                  Claude, the newest global.* inference profile and the newest Haiku for background tasks;
  otherwise       a usage error naming the missing flags.

Wizard steps and their flags:
  prerequisites (Node, Claude Code, AWS CLI)   informational, nothing to answer
  AWS profile                                  --profile P   (new: claude-bedrock sso add; legacy SSO profiles
                                                              are offered claude-bedrock sso migrate)
  sign-in when needed                          claude-bedrock login --profile P
  region (RTT of every Bedrock region)         --region R
  primary / background / opus / sonnet models  --model, --haiku-model, --opus-model, --sonnet-model (IDs AWS lists;
                                               append [1m] for the 1M-token context where the model has it)
  settings file                                --scope user|local|project|managed
  credential refresh                           --auth-refresh auto|none|aws-cli|<command>
  write the diff shown                         --yes
  model test after writing                     --skip-test to skip it (or: claude-bedrock test)

Ctrl-C (or SIGINT) at any question or wait (sign-in, region probe, model listing, model test) cancels: the calls
in flight are aborted, nothing more is written, and the message names what earlier steps wrote (exit 2).

More:
  --print                  print the settings JSON (env block + awsAuthRefresh) for MDM / managed deployment on
                           stdout and write nothing; needs --profile, --region and --model
  --auth api-key           use a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) instead of a profile, written to a
                           user or local settings file (kept 0600):
      --api-key generate   a short-term key signed with your current credentials (--profile), default
      --expires 12h        its lifetime (at most 12 h, and never beyond the signing credentials)
      --api-key stdin      a long-term key piped on stdin (never a flag value: it would land in shell history)
      --api-key env        the key in AWS_BEARER_TOKEN_BEDROCK
  --skip-test              do not run the 1-token test after writing`;

function seconds(v: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(h|m|s)?$/i.exec(v.trim());
  const n = m ? Math.round(Number(m[1]) * { h: 3600, m: 60, s: 1 }[(m[2] ?? 's').toLowerCase() as 'h' | 'm' | 's']) : NaN;
  if (!Number.isFinite(n) || n <= 0 || n > 12 * 3600) throw new UsageError(`${flag} must be a duration from 1s to 12h, like 12h or 90m (got ${JSON.stringify(v)}).`, 'claude-bedrock setup --auth api-key --expires 12h');
  return n;
}

export function parseExtraFlags(values: Record<string, unknown>, global: GlobalOptions): ExtraFlags {
  const auth = values.auth as string | undefined;
  if (auth !== undefined && auth !== 'profile' && auth !== 'api-key') {
    throw new UsageError(`--auth must be profile or api-key (got ${JSON.stringify(auth)}).`, 'claude-bedrock setup --auth api-key');
  }
  const rawKey = values['api-key'] as string | undefined;
  let apiKey: ApiKeySource | undefined;
  if (rawKey !== undefined) {
    if (rawKey !== 'generate' && rawKey !== 'stdin' && rawKey !== 'env') {
      // Never echo the value: it may be the key itself.
      throw new UsageError('--api-key takes generate, stdin or env, never the key itself (a key in a flag lands in your shell history).', 'printf %s "$KEY" | claude-bedrock setup --auth api-key --api-key stdin');
    }
    apiKey = rawKey;
  }
  if (apiKey && auth !== 'api-key') throw new UsageError('--api-key needs --auth api-key.', 'claude-bedrock setup --auth api-key --api-key generate');
  if (values.expires !== undefined && apiKey !== undefined && apiKey !== 'generate') {
    throw new UsageError('--expires applies to generated keys only (--api-key generate).', 'claude-bedrock setup --auth api-key --api-key generate --expires 12h');
  }
  const print = !!values.print;
  if (print && auth === 'api-key') throw new UsageError('--print never includes secrets, so it cannot be combined with --auth api-key.', 'claude-bedrock setup --print --profile <name> --region <region> --model <id>');
  return {
    print,
    auth: auth === 'api-key' ? 'api-key' : 'profile',
    ...(apiKey ? { apiKey } : {}),
    ...(values.expires !== undefined ? { expiresSeconds: seconds(String(values.expires), '--expires') } : {}),
    skipTest: !!values['skip-test'],
    yes: global.yes,
    json: global.json,
    noColor: global.noColor,
    given: { scope: global.scope !== undefined, authRefresh: values['auth-refresh'] !== undefined },
  };
}

/** Whether setup should leave the plain flag path: --print, --auth api-key, or missing choices with a TTY or --yes. */
export function wantsExtras(flags: ExtraFlags, missing: boolean, deps: Pick<Deps, 'isTTY'>): boolean {
  return flags.print || flags.auth === 'api-key' || (missing && (flags.yes || (deps.isTTY.stdin && deps.isTTY.stdout)));
}

/** The settings document `--print` emits. */
export interface PrintDocument {
  env: Record<string, string>;
  awsAuthRefresh?: string;
}

export interface PrerequisiteReport {
  node: { version: string; ok: boolean };
  claudeCode: { version: string | null; note: string };
  awsCli: { version: string | null; ssoSession: boolean; pkce: boolean; awsLogin: boolean; note: string };
}

export interface WizardReport {
  mode: 'interactive' | 'automatic';
  prerequisites: PrerequisiteReport | null;
  profile: { name: string; kind: string; identity: { account: string; arn: string } | null; created: boolean; migrated: boolean; signedIn: boolean } | null;
  region: { name: string; rttMs: number | null; regionsWithClaude: number } | null;
  models: { primary: string; haiku: string | null; opus: string | null; sonnet: string | null };
  apiKey?: { kind: 'short-term' | 'long-term' | 'unknown'; source: ApiKeySource; region: string | null; expiresAt: string | null; limitedByCredentials: boolean };
  test: ModelTestResult[] | null;
  testSkipped: string | null;
}

/** A setup result (as setup.ts's own) and what the wizard learned and tested on the way. */
export interface SetupLike {
  changes: FileChangeReport[];
  backup: string | null;
  undoId: string | null;
  dryRun: boolean;
  scope: string;
  file: string;
  settings: Record<string, string>;
  /** Keys removed from the file (setup.ts; a stale awsAuthRefresh). */
  removed?: { key: string; value: unknown }[];
  authRefresh: { command: string | null; reason: string };
  shadowed: unknown[];
  warnings: unknown[];
  notes: string[];
}

export type ExtrasResult =
  | { extras: 'print'; document: PrintDocument; notes: string[] }
  | { extras: 'wizard' | 'api-key'; setup: SetupLike; report: WizardReport };

export function isExtras(r: unknown): r is ExtrasResult {
  return !!r && typeof r === 'object' && 'extras' in r;
}

export function extrasToJson(r: ExtrasResult, setupJson: (s: SetupLike) => Record<string, unknown>): unknown {
  if (r.extras === 'print') return r.document;
  const { report } = r;
  return {
    ...setupJson(r.setup),
    ...(report.apiKey ? { apiKey: report.apiKey } : {}),
    test: report.test ? { results: report.test.map(testJson) } : null,
    testSkipped: report.testSkipped,
    wizard: { mode: report.mode, prerequisites: report.prerequisites, profile: report.profile, region: report.region, models: report.models },
  };
}

function testJson(t: ModelTestResult) {
  return { model: t.model, keys: t.keys, region: t.region, invoke: t.invoke, stream: t.stream, latencyMs: t.latencyMs, error: t.error };
}

export function extrasExitCode(r: ExtrasResult): number {
  if (r.extras === 'print') return EXIT.ok;
  return r.report.test?.some((t) => !t.invoke || !t.stream) ? EXIT.checkFailed : EXIT.ok;
}

const ms = (n: number) => (n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(1)} s`);

export function renderExtras(r: ExtrasResult, out: Output, renderSetup: (s: SetupLike) => void): void {
  if (r.extras === 'print') {
    out.print(JSON.stringify(r.document, null, 2));
    for (const n of r.notes) out.note(n);
    return;
  }
  renderSetup(r.setup);
  const { report } = r;
  if (report.apiKey) {
    const k = report.apiKey;
    out.print(`Bedrock API key: ${k.kind}${k.region ? ` (${k.region})` : ''}, never shown; ${k.expiresAt ? `expires ${k.expiresAt}${k.limitedByCredentials ? ' (when the credentials that signed it expire)' : ''}` : 'expires when its IAM user credential does'}.`);
  }
  if (report.test) {
    out.print('');
    out.print('Model test (1 token each, InvokeModel and InvokeModelWithResponseStream):');
    for (const t of report.test) {
      const ok = t.invoke && t.stream;
      out.print(`  ${ok ? out.green('✓') : out.red('✗')} ${t.model}  ${out.dim(t.keys.join(', '))}  ${ok ? out.dim(`invoke ${ms(t.latencyMs!)} · first event ${ms(t.streamFirstEventMs!)}`) : ''}`.trimEnd());
      for (const f of [t.error, t.streamError]) {
        if (!f) continue;
        out.print(`      ${f.message}`);
        out.print(`      fix: ${f.fix}`);
      }
    }
  } else if (report.testSkipped) {
    out.note(`Model test skipped: ${report.testSkipped}.`);
  }
  if (!r.setup.dryRun) {
    const failed = report.test?.some((t) => !t.invoke || !t.stream);
    out.print('');
    out.print(failed
      ? 'Next: fix the failing model above (claude-bedrock test shows it again), then restart Claude Code.'
      : 'Next: restart Claude Code (quit every running `claude` and start it again: settings are read at launch). Check any time with: claude-bedrock status');
  }
}
