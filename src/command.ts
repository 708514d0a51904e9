// The shape every command module has: parse (pure) → run (returns data, prints nothing) → render.
import type { Deps } from './deps.js';
import type { Output } from './io/output.js';

export type Scope = 'user' | 'project' | 'local' | 'managed';

export interface GlobalOptions {
  json: boolean;
  profile?: string;
  region?: string;
  scope?: Scope;
  yes: boolean;
  dryRun: boolean;
  noColor: boolean;
  debug: boolean;
  sandbox: boolean;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
}

export interface ParseInput {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  global: GlobalOptions;
}

/** Global flags that mean something to some commands only. */
export type ScopedGlobal = 'profile' | 'region' | 'scope' | 'dry-run';

export interface CommandModule<O = unknown, R = unknown> {
  /** Full help text shown by `claude-bedrock <command> --help`. */
  help: string;
  options?: Record<string, OptionSpec>;
  /**
   * Which of --profile, --region, --scope, --dry-run this command uses (default: none). cli.ts refuses the others:
   * a flag the user gave is never silently ignored.
   */
  globals?: readonly ScopedGlobal[];
  /** Why a refused global flag does not apply here and what to run instead (default: the command's --help). */
  refusedGlobals?: Partial<Record<ScopedGlobal, { why: string; next: string }>>;
  /** How many positionals are allowed (default 0). */
  maxPositionals?: number;
  parse(input: ParseInput): O;
  run(opts: O, deps: Deps, out: Output): Promise<R>;
  /** Human rendering (stdout data, stderr notes). Not called with --json. */
  render(result: R, out: Output): void;
  /** The JSON document printed with --json (default: the result itself). */
  toJson?(result: R): unknown;
  /** Exit code for a result (default 0): e.g. 3 when a check failed. */
  exitCode?(result: R): number;
}
