// Entry point: argv → command registry (each command imported lazily) → one error → exit-code handler.
import { parseArgs } from 'node:util';
import type { CommandModule, GlobalOptions, OptionSpec, Scope, ScopedGlobal } from './command.js';
import { createDeps, type Deps } from './deps.js';
import { CliError, EXIT, UsageError, errorToJson, formatError } from './errors.js';
import { createOutput } from './io/output.js';
import { scrubSecrets } from './core/redact.js';

declare const __VERSION__: string;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

interface Entry {
  summary: string;
  load(): Promise<CommandModule<any, any>>;
}

/** The command registry. Keys with a space are noun-verb commands. */
export const COMMANDS: Record<string, Entry> = {
  setup: { summary: 'Write the Claude Code Bedrock settings (wizard on a TTY; merged, never overwritten)', load: () => import('./commands/setup.js').then((m) => m.default) },
  status: { summary: 'Effective Claude Code Bedrock configuration, where each value comes from, and auth state', load: () => import('./commands/status.js').then((m) => m.default) },
  profiles: { summary: 'List every AWS profile, classified (SSO session, legacy SSO, static keys, ...)', load: () => import('./commands/profiles.js').then((m) => m.default) },
  reset: { summary: 'Remove exactly the settings that setup writes', load: () => import('./commands/reset.js').then((m) => m.default) },
  login: { summary: 'Sign in to IAM Identity Center (browser PKCE or device code); refreshes silently, one sign-in for concurrent callers', load: () => import('./commands/login.js').then((m) => m.default) },
  logout: { summary: 'End an IAM Identity Center session and remove its cached token (only that one)', load: () => import('./commands/logout.js').then((m) => m.default) },
  'sso add': { summary: 'Create a refreshable [sso-session] and a profile that uses it (prompts on a TTY, flags otherwise)', load: () => import('./commands/sso/add.js').then((m) => m.default) },
  'sso migrate': { summary: 'Convert legacy inline SSO profiles to the sso-session format (90-day refresh instead of 8 hours)', load: () => import('./commands/sso/migrate.js').then((m) => m.default) },
  discover: { summary: 'Every profile at once: identity and each Bedrock region where it sees Claude (parallel, bounded)', load: () => import('./commands/discover.js').then((m) => m.default) },
  models: { summary: 'Claude inference profiles in a region, newest first, global. preferred; --map a raw model ID', load: () => import('./commands/models.js').then((m) => m.default) },
  regions: { summary: 'Round-trip time to every Bedrock region (parallel), ranked, with Claude availability', load: () => import('./commands/regions.js').then((m) => m.default) },
  test: { summary: '1-token invoke + stream of every configured model; each failure classified with its fix', load: () => import('./commands/test.js').then((m) => m.default) },
  explain: { summary: 'Map an error message (argument or stdin) to its cause, the exact fix and a confirming command', load: () => import('./commands/explain.js').then((m) => m.default) },
  doctor: { summary: 'Every check of the setup at once, each with its fix; --fix applies the safe ones as one change set', load: () => import('./commands/doctor.js').then((m) => m.default) },
  'hook session-start': { summary: 'Claude Code SessionStart hook: offline warnings about SSO expiry and a broken Bedrock setup (fast; never fails)', load: () => import('./commands/hook/session-start.js').then((m) => m.default) },
  policy: { summary: 'The minimal IAM policy for the configured models (background model included), ready to paste', load: () => import('./commands/policy.js').then((m) => m.default) },
  tune: { summary: 'Thinking and output token budgets (presets focused, balanced, thorough), thinking always below output', load: () => import('./commands/tune.js').then((m) => m.default) },
  undo: { summary: 'Revert the last change set, byte for byte', load: () => import('./commands/undo.js').then((m) => m.default) },
};

const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean' },
  profile: { type: 'string' },
  region: { type: 'string' },
  scope: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  'dry-run': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  debug: { type: 'boolean' },
  sandbox: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
};

function mainHelp(): string {
  const names = Object.keys(COMMANDS);
  const w = Math.max(...names.map((n) => n.length));
  return [
    'claude-bedrock — get Claude Code running on Amazon Bedrock, keep it running, explain every failure.',
    '',
    'Usage: claude-bedrock <command> [flags]',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(w)}  ${COMMANDS[n]!.summary}`),
    '',
    'Global flags:',
    '  --json             one JSON document on stdout (notes go to stderr)',
    '  --profile <name>   AWS profile        --region <r>   AWS region',
    '  --scope <s>        user|project|local|managed (settings file to write)',
    '  --dry-run          show the diff, write nothing',
    '  --yes, -y          do not ask for confirmation',
    '  --no-color, --debug, --sandbox, --help, --version',
    '',
    'Exit codes: 0 ok · 1 error · 2 usage error or cancelled · 3 a check failed · 4 authentication needed',
    '',
    "Run 'claude-bedrock <command> --help' for a command's flags.",
  ].join('\n');
}

/** The noun-verb commands of a group (`sso` → `sso add`, `sso migrate`); empty when `word` is no group. */
function groupMembers(word: string | undefined): string[] {
  return word === undefined ? [] : Object.keys(COMMANDS).filter((n) => n.startsWith(`${word} `));
}

function groupHelp(group: string, members: string[]): string {
  const w = Math.max(...members.map((n) => n.length));
  return [
    `Usage: claude-bedrock ${group} <command> [flags]`,
    '',
    'Commands:',
    ...members.map((n) => `  ${n.padEnd(w)}  ${COMMANDS[n]!.summary}`),
    '',
    `Run 'claude-bedrock ${group} <command> --help' for a command's flags.`,
  ].join('\n');
}

function findCommand(argv: string[]): { name: string; rest: string[] } | undefined {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-')) break;
    words.push(a);
    if (words.length === 2) break;
  }
  if (words.length >= 2 && COMMANDS[`${words[0]} ${words[1]}`]) {
    const name = `${words[0]} ${words[1]}`;
    return { name, rest: argv.filter((a, i) => i !== argv.indexOf(words[0]!) && i !== argv.indexOf(words[1]!)) };
  }
  if (words.length >= 1 && COMMANDS[words[0]!]) {
    const idx = argv.indexOf(words[0]!);
    return { name: words[0]!, rest: [...argv.slice(0, idx), ...argv.slice(idx + 1)] };
  }
  return undefined;
}

function toGlobal(values: Record<string, unknown>): GlobalOptions {
  const scope = values.scope as string | undefined;
  if (scope !== undefined && !['user', 'project', 'local', 'managed'].includes(scope)) {
    throw new UsageError(`--scope must be user, project, local or managed (got ${JSON.stringify(scope)}).`);
  }
  return {
    json: !!values.json,
    profile: values.profile as string | undefined,
    region: values.region as string | undefined,
    scope: scope as Scope | undefined,
    yes: !!values.yes,
    dryRun: !!values['dry-run'],
    noColor: !!values['no-color'],
    debug: !!values.debug,
    sandbox: !!values.sandbox,
  };
}

const SCOPED_GLOBALS: readonly ScopedGlobal[] = ['profile', 'region', 'scope', 'dry-run'];

/** A global flag the command does not use is an error, never silently ignored (its own option of that name is fine). */
function refuseUnusedGlobals(name: string, mod: CommandModule, values: Record<string, unknown>): void {
  for (const flag of SCOPED_GLOBALS) {
    if (values[flag] === undefined || values[flag] === false || mod.globals?.includes(flag) || mod.options?.[flag]) continue;
    const r = mod.refusedGlobals?.[flag];
    throw new UsageError(`--${flag} does not apply to claude-bedrock ${name}${r ? `: ${r.why}` : '.'}`, r?.next ?? `claude-bedrock ${name} --help`);
  }
}

export async function main(argv: string[], deps: Deps = createDeps()): Promise<number> {
  const wantsJson = argv.includes('--json');
  const found = findCommand(argv);
  const preOut = createOutput(deps, { json: wantsJson, noColor: argv.includes('--no-color'), debug: argv.includes('--debug') });
  try {
    if (!found) {
      if (argv.includes('--version') || argv.includes('-V')) {
        preOut.print(wantsJson ? JSON.stringify({ version: VERSION }) : VERSION);
        return EXIT.ok;
      }
      const words = argv.filter((a) => !a.startsWith('-'));
      const members = groupMembers(words[0]);
      if (members.length) {
        // `claude-bedrock sso`, `sso --help`, `sso nope`: the group's commands, one line each.
        const group = words[0]!;
        const help = groupHelp(group, members);
        if (words.length === 1 && (argv.includes('--help') || argv.includes('-h'))) {
          preOut.print(help);
          return EXIT.ok;
        }
        deps.stderr.write(help + '\n\n');
        const verbs = members.map((n) => n.slice(group.length + 1));
        throw new UsageError(
          words.length > 1
            ? `Unknown command: ${group} ${words[1]} (claude-bedrock ${group} has ${verbs.join(', ')}).`
            : `claude-bedrock ${group} needs a command: ${verbs.slice(0, -1).join(', ')}${verbs.length > 1 ? ' or ' : ''}${verbs[verbs.length - 1]}.`,
          `claude-bedrock ${members[0]!} --help`,
        );
      }
      if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
        preOut.print(mainHelp());
        return EXIT.ok;
      }
      const first = argv.find((a) => !a.startsWith('-'));
      throw new UsageError(first ? `Unknown command: ${first}.` : 'No command given.', 'claude-bedrock --help');
    }
    const mod = await COMMANDS[found.name]!.load();
    const options = { ...GLOBAL_OPTIONS, ...(mod.options ?? {}) };
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args: found.rest, options, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError(`${(e as Error).message.replace(/\. To specify a positional.*$/s, '')}`, `claude-bedrock ${found.name} --help`);
    }
    if (parsed.values.help) {
      preOut.print(mod.help);
      return EXIT.ok;
    }
    if (parsed.positionals.length > (mod.maxPositionals ?? 0)) {
      throw new UsageError(`Unexpected argument: ${parsed.positionals[mod.maxPositionals ?? 0]}.`, `claude-bedrock ${found.name} --help`);
    }
    refuseUnusedGlobals(found.name, mod, parsed.values);
    const global = toGlobal(parsed.values);
    const out = createOutput(deps, { json: global.json, noColor: global.noColor, debug: global.debug });
    const opts = mod.parse({ values: parsed.values as ParseInputValues, positionals: parsed.positionals, global });
    let runDeps = deps;
    if (global.sandbox) {
      const { enterSandbox } = await import('./sandbox.js');
      runDeps = await enterSandbox(deps, out);
    }
    const result = await mod.run(opts, runDeps, out);
    if (global.json) out.print(JSON.stringify(mod.toJson ? mod.toJson(result) : result, null, 2));
    else mod.render(result, out);
    return mod.exitCode ? mod.exitCode(result) : EXIT.ok;
  } catch (e) {
    const err = e instanceof CliError ? e : internalError(e);
    if (wantsJson) preOut.print(JSON.stringify(errorToJson(err), null, 2));
    deps.stderr.write(scrubSecrets(formatError(err)) + '\n');
    if (!(e instanceof CliError) && argv.includes('--debug') && e instanceof Error && e.stack) {
      deps.stderr.write(scrubSecrets(e.stack) + '\n');
    }
    return err.exitCode;
  }
}

type ParseInputValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

function internalError(e: unknown): CliError {
  const msg = e instanceof Error ? e.message : String(e);
  return new CliError({
    what: `Unexpected error: ${scrubSecrets(msg)}`,
    why: 'This is a bug in claude-bedrock.',
    next: 'run the command again with --debug and report the output (it never contains secrets)',
    code: 'internal',
  });
}
