// `claude-bedrock explain`: an error message (argument or stdin) → known cause, exact fix, and the command that confirms it.
import type { CommandModule } from '../command.js';
import type { Deps } from '../deps.js';
import { EXIT, UsageError } from '../errors.js';
import { explainText, type CatalogMatch } from '../core/diagnosis/catalog.js';
import { scrubSecrets } from '../core/redact.js';
import { isAwsRegion } from '../core/claude-settings/keys.js';

interface Options {
  /** The text, or null to read stdin. */
  text: string | null;
  profile?: string;
  region?: string;
}

interface Result {
  matches: CatalogMatch[];
}

const MAX_STDIN = 1024 * 1024;

function readStdin(deps: Deps): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    deps.stdin.setEncoding('utf8');
    deps.stdin.on('data', (d: string) => {
      text += d;
      if (text.length > MAX_STDIN) {
        deps.stdin.destroy();
        resolve(text.slice(0, MAX_STDIN));
      }
    });
    deps.stdin.on('end', () => resolve(text));
    deps.stdin.on('error', reject);
  });
}

const command: CommandModule<Options, Result> = {
  help: `Usage: claude-bedrock explain [TEXT | -] [--profile P] [--region R] [--json]

Matches an error message from Claude Code, the AWS CLI or an AWS SDK against every known Bedrock failure (the
reference troubleshooting table, the failure patterns reported by Claude Code users, and Bedrock's own error texts)
and prints the cause, the exact fix and the command that confirms it. Give the text as arguments, or '-' (or
nothing, with input piped in) to read it from stdin, e.g.:

  claude-bedrock explain "API Error: 400 The provided model identifier is invalid."
  claude 2>&1 | claude-bedrock explain -

--profile and --region fill in the commands of the fix.

Exit codes: 0 explained · 3 nothing matched.
JSON: { matches: [{ id, title, cause, fix, confirm }] }`,
  globals: ['profile', 'region'],
  maxPositionals: 10_000,
  parse({ positionals, global }) {
    const text = positionals.length === 1 && positionals[0] === '-' ? null : positionals.length ? positionals.join(' ') : null;
    // It is written into the fix commands shown: a non-region would make a command that does something else.
    if (global.region !== undefined && !isAwsRegion(global.region)) throw new UsageError(`--region ${JSON.stringify(global.region)} is not an AWS region name (like us-west-2).`, 'claude-bedrock explain --region us-west-2 "<error message>"');
    return { text, ...(global.profile ? { profile: global.profile } : {}), ...(global.region ? { region: global.region } : {}) };
  },
  async run(opts, deps) {
    let text = opts.text;
    if (text === null) {
      if (deps.isTTY.stdin) throw new UsageError('Give the error message to explain, or pipe it in.', 'claude-bedrock explain "<error message>"');
      text = await readStdin(deps);
    }
    if (!text.trim()) throw new UsageError('The error message to explain is empty.', 'claude-bedrock explain "<error message>"');
    return { matches: explainText(text, { ...(opts.profile ? { profile: opts.profile } : {}), ...(opts.region ? { region: opts.region } : {}) }) };
  },
  toJson: (r) => ({ matches: r.matches.map((m) => ({ id: m.id, title: m.title, cause: scrubSecrets(m.cause), fix: scrubSecrets(m.fix), confirm: scrubSecrets(m.confirm) })) }),
  render(r, out) {
    if (!r.matches.length) {
      out.print('No known Bedrock or Claude Code error matches this text.');
      out.print('Next: claude-bedrock doctor  # checks the whole setup');
      return;
    }
    r.matches.forEach((m, i) => {
      if (i) out.print('');
      out.print(`${out.bold(m.title)} ${out.dim(`[${m.id}]`)}`);
      out.print(`  cause:   ${scrubSecrets(m.cause)}`);
      out.print(`  fix:     ${scrubSecrets(m.fix)}`);
      out.print(`  confirm: ${scrubSecrets(m.confirm)}`);
    });
  },
  exitCode: (r) => (r.matches.length ? EXIT.ok : EXIT.checkFailed),
};
export default command;
