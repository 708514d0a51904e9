// `claude-bedrock tune`: set the thinking and output token budgets (a preset or two numbers) in a settings file's env
// through the settings engine, as one undoable change set; `--show` says what is in effect and where it comes from.
import path from 'node:path';
import type { CommandModule, Scope } from '../command.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import type { Output } from '../io/output.js';
import { applyChangeSet, type FileChangeReport } from '../io/changeset.js';
import { loadSettingsSnapshot, settingsFileForScope } from '../io/claude-settings.js';
import { planSettingsEdit } from '../core/claude-settings/edit.js';
import { candidates, withFileText } from '../core/claude-settings/effective.js';
import { OUTPUT_KEY, PRESETS, THINKING_KEY, checkBudget, parseTokenCount, presetOf, type PresetName, type TokenBudget } from '../core/tune.js';

interface Options {
  show: boolean;
  preset?: PresetName;
  thinking?: number;
  output?: number;
  scope: Scope;
  dryRun: boolean;
}

interface Source { value: string | null; source: string; file?: string }

export interface TuneResult {
  preset: PresetName | null;
  env: Record<string, string | null>;
  sources: Record<string, Source>;
  changes: FileChangeReport[];
  file: string | null;
  backup: string | null;
  undoId: string | null;
  dryRun: boolean;
  /** Values written that a higher-precedence settings file overrides. */
  shadowed: { key: string; by: Source }[];
}

const KEYS = [THINKING_KEY, OUTPUT_KEY] as const;

type Snapshot = ReturnType<typeof loadSettingsSnapshot>;

/** The value of each key Claude Code uses in `snap`, and where it comes from. */
function sourcesOf(snap: Snapshot): Record<string, Source> {
  const sources: Record<string, Source> = {};
  for (const k of KEYS) {
    const top = candidates(snap, k)[0];
    sources[k] = top ? { value: typeof top.value === 'string' ? top.value : JSON.stringify(top.value), source: top.source, ...(top.file ? { file: top.file } : {}) } : { value: null, source: 'default' };
  }
  return sources;
}

function current(deps: Deps): { sources: Record<string, Source>; snap: Snapshot } {
  const snap = loadSettingsSnapshot(deps, { withoutProfiles: true });
  return { sources: sourcesOf(snap), snap };
}

function asNumber(s: Source): number | undefined {
  return s.value !== null && /^\d+$/.test(s.value) ? Number(s.value) : undefined;
}

export async function runTune(opts: Options, deps: Deps): Promise<TuneResult> {
  const { sources, snap } = current(deps);
  const now = { thinking: asNumber(sources[THINKING_KEY]!), output: asNumber(sources[OUTPUT_KEY]!) };
  const base = { changes: [], file: null, backup: null, undoId: null, dryRun: opts.dryRun, shadowed: [] };
  if (opts.show) return { preset: presetOf(now), env: { [THINKING_KEY]: sources[THINKING_KEY]!.value, [OUTPUT_KEY]: sources[OUTPUT_KEY]!.value }, sources, ...base };

  let budget: TokenBudget;
  if (opts.preset) budget = { thinking: PRESETS[opts.preset].thinking, output: PRESETS[opts.preset].output };
  else {
    // One number alone is checked against the value in effect for the other.
    const thinking = opts.thinking ?? now.thinking;
    const output = opts.output ?? now.output;
    if (thinking === undefined || output === undefined) {
      throw new UsageError(`Give both --thinking and --output (${opts.thinking === undefined ? THINKING_KEY : OUTPUT_KEY} is not set anywhere yet), or a --preset.`, 'claude-bedrock tune --thinking 8192 --output 16384   (or: claude-bedrock tune --preset balanced)');
    }
    budget = { thinking, output };
  }
  checkBudget(budget);

  const file = settingsFileForScope(deps, opts.scope);
  const set = { [`env.${THINKING_KEY}`]: String(budget.thinking), [`env.${OUTPUT_KEY}`]: String(budget.output) };
  let afterText = '';
  const applied = await applyChangeSet(deps, {
    command: `tune --scope ${opts.scope}`,
    files: [{ path: file, secret: opts.scope === 'user' || opts.scope === 'local' }],
    dryRun: opts.dryRun,
    plan(cur) {
      const c = cur.get(file)!;
      afterText = planSettingsEdit(c.exists ? c.text : '', { set }, file);
      return [{ path: file, after: afterText }];
    },
  });
  // What Claude Code uses once the file is written (on a dry run: would use), not what it used before.
  const afterSources = sourcesOf(withFileText(snap, file, afterText));
  const shadowed: TuneResult['shadowed'] = [];
  for (const k of KEYS) {
    const top = afterSources[k]!;
    if (top.source !== 'shell' && top.file && path.resolve(top.file) !== path.resolve(file)) shadowed.push({ key: k, by: top });
  }
  return {
    preset: opts.preset ?? presetOf(budget),
    env: { [THINKING_KEY]: String(budget.thinking), [OUTPUT_KEY]: String(budget.output) },
    sources: afterSources,
    changes: applied.changes,
    file,
    backup: applied.backup,
    undoId: applied.undoId,
    dryRun: opts.dryRun,
    shadowed,
  };
}

function where(s: Source): string {
  return s.source === 'default' ? "not set (Claude Code's default for the model)" : s.source === 'shell' ? 'your shell' : `${s.source} settings ${s.file}`;
}

const command: CommandModule<Options, TuneResult> = {
  help: `Usage: claude-bedrock tune --preset focused|balanced|thorough
       claude-bedrock tune --thinking N --output N
       claude-bedrock tune --show

Sets MAX_THINKING_TOKENS and CLAUDE_CODE_MAX_OUTPUT_TOKENS in the "env" block of a Claude Code settings file
(merged; one change set: claude-bedrock undo reverts it). Thinking must stay below output: Bedrock counts thinking
inside max_tokens. Bedrock reserves max_tokens against your tokens-per-minute quota, so a smaller output throttles less.

Presets:
${Object.entries(PRESETS).map(([n, p]) => `  ${n.padEnd(9)} thinking ${String(p.thinking).padStart(5)}, output ${String(p.output).padStart(5)}   ${p.summary}`).join('\n')}

Flags:
  --thinking N      thinking budget (0 turns thinking off; else at least 1024)
  --output N        output limit (values above the model's cap are lowered by Claude Code)
  --scope S         user (default), project, local or managed settings
  --show            the values in effect and where they come from
  --dry-run         show the diff, write nothing
  --json            {preset, env{}, changes[], sources{}, shadowed[], ...}; sources: each value Claude Code uses
                    and where it comes from, after the write (with --dry-run: as it would be)`,
  globals: ['scope', 'dry-run'],
  options: { preset: { type: 'string' }, thinking: { type: 'string' }, output: { type: 'string' }, show: { type: 'boolean' } },
  parse({ values, global }) {
    const preset = values.preset as string | undefined;
    const show = !!values.show;
    const numbers = values.thinking !== undefined || values.output !== undefined;
    if (preset !== undefined && !(preset in PRESETS)) throw new UsageError(`--preset must be ${Object.keys(PRESETS).join(', ')} (got ${JSON.stringify(preset)}).`, 'claude-bedrock tune --preset balanced');
    if (preset !== undefined && numbers) throw new UsageError('Give --preset or --thinking/--output, not both.', 'claude-bedrock tune --preset balanced');
    if (show && (preset !== undefined || numbers)) throw new UsageError('--show only reads; it takes no values.', 'claude-bedrock tune --show');
    if (!show && preset === undefined && !numbers) throw new UsageError('Say what to set: --preset focused|balanced|thorough, or --thinking N --output N (or --show).', 'claude-bedrock tune --preset balanced');
    return {
      show,
      ...(preset !== undefined ? { preset: preset as PresetName } : {}),
      ...(values.thinking !== undefined ? { thinking: parseTokenCount('--thinking', values.thinking) } : {}),
      ...(values.output !== undefined ? { output: parseTokenCount('--output', values.output) } : {}),
      scope: global.scope ?? 'user',
      dryRun: global.dryRun,
    };
  },
  run: (opts, deps) => runTune(opts, deps),
  toJson: (r) => ({ preset: r.preset, env: r.env, changes: r.changes.map((c) => ({ file: c.file, diff: c.diff })), file: r.file, backup: r.backup, undoId: r.undoId, dryRun: r.dryRun, sources: r.sources, shadowed: r.shadowed }),
  render(r, out: Output) {
    if (r.file === null) {
      for (const k of KEYS) out.print(`${k} = ${r.sources[k]!.value ?? '-'}   (${where(r.sources[k]!)})`);
      out.print(r.preset ? `That is the "${r.preset}" preset.` : 'Presets: claude-bedrock tune --preset focused|balanced|thorough');
      return;
    }
    if (!r.changes.length) out.print(`No change: ${r.file} already has these values.`);
    else if (r.dryRun) { for (const c of r.changes) out.print(c.diff.trimEnd()); out.note('Dry run: nothing was written.'); }
    else {
      out.print(`Updated ${r.file}${r.preset ? ` (preset ${r.preset})` : ''}:`);
      for (const k of KEYS) out.print(`  ${k} = ${r.env[k]}`);
      out.print(`Backup: ${r.backup}`);
      out.print('Undo:   claude-bedrock undo');
      out.note('Start a new Claude Code session to use them.');
    }
    for (const s of r.shadowed) {
      out.note(out.yellow(`warning: ${s.key} is also set in ${where(s.by)}, which takes precedence: Claude Code will not use the value written here.`));
      out.note(`  fix: remove "${s.key}" from ${s.by.file}, or run tune with --scope ${s.by.source}`);
    }
  },
};
export default command;
