// `claude-bedrock reset`: remove exactly the keys setup writes from one settings file, as one undoable change set.
import type { CommandModule, Scope } from '../command.js';
import type { Deps } from '../deps.js';
import { applyChangeSet, type ApplyResult } from '../io/changeset.js';
import { loadSettingsSnapshot, settingsFileForScope } from '../io/claude-settings.js';
import { planSettingsEdit } from '../core/claude-settings/edit.js';
import { parseSettingsText } from '../core/claude-settings/parse.js';
import { candidates, withFileText } from '../core/claude-settings/effective.js';
import { SETUP_MANAGED_PATHS } from '../core/claude-settings/keys.js';
import { resetIntent } from '../core/claude-settings/setup-plan.js';
import { isPrivateScope } from './setup.js';

interface Options { scope: Scope; dryRun: boolean }

export interface ResetResult extends ApplyResult {
  scope: Scope;
  file: string;
  /** Key paths removed. */
  removed: string[];
  /** Setup keys that another settings file (or the shell) still sets, so Claude Code keeps using them. */
  stillSet: { key: string; source: string; file?: string }[];
}

function presentPaths(text: string, file: string): string[] {
  const v = parseSettingsText(text, file).value;
  const env = v.env && typeof v.env === 'object' ? (v.env as Record<string, unknown>) : {};
  return SETUP_MANAGED_PATHS.filter((p) => (p.startsWith('env.') ? Object.prototype.hasOwnProperty.call(env, p.slice(4)) : Object.prototype.hasOwnProperty.call(v, p)));
}

export async function executeReset(deps: Deps, opts: Options): Promise<ResetResult> {
  const file = settingsFileForScope(deps, opts.scope);
  let before = '';
  let afterText: string | undefined;
  const applied = await applyChangeSet(deps, {
    command: `reset --scope ${opts.scope}`,
    files: [{ path: file, secret: isPrivateScope(opts.scope) }],
    dryRun: opts.dryRun,
    plan(current) {
      const cur = current.get(file)!;
      if (!cur.exists) return [];
      before = cur.text;
      afterText = planSettingsEdit(cur.text, resetIntent(), file);
      return [{ path: file, after: afterText }];
    },
  });
  const snap = loadSettingsSnapshot(deps, { withoutProfiles: true });
  const after = afterText === undefined ? snap : withFileText(snap, file, afterText);
  const stillSet: ResetResult['stillSet'] = [];
  for (const p of SETUP_MANAGED_PATHS) {
    const key = p.startsWith('env.') ? p.slice(4) : p;
    const top = candidates(after, key)[0];
    if (top) stillSet.push({ key, source: top.source, ...(top.file ? { file: top.file } : {}) });
  }
  return { ...applied, scope: opts.scope, file, removed: afterText === undefined ? [] : presentPaths(before, file), stillSet };
}

const command: CommandModule<Options, ResetResult> = {
  help: `Usage: claude-bedrock reset [--scope user|project|local|managed] [--dry-run] [--json]

Removes exactly the keys 'claude-bedrock setup' writes from one settings file (default: user):
env.CLAUDE_CODE_USE_BEDROCK, env.AWS_PROFILE, env.AWS_REGION, env.ANTHROPIC_MODEL,
env.ANTHROPIC_DEFAULT_{OPUS,SONNET,HAIKU}_MODEL, env.AWS_BEARER_TOKEN_BEDROCK (setup --auth api-key) and
awsAuthRefresh. Everything else stays byte for byte.
An "env" block left empty by this removal is removed too; one that was already empty is kept.
One change set: undo with 'claude-bedrock undo'.`,
  globals: ['scope', 'dry-run'],
  parse: ({ global }) => ({ scope: global.scope ?? 'user', dryRun: global.dryRun }),
  run: (opts, deps) => executeReset(deps, opts),
  toJson: (r) => ({ changes: r.changes, backup: r.backup, undoId: r.undoId, dryRun: r.dryRun, scope: r.scope, file: r.file, removed: r.removed, stillSet: r.stillSet }),
  render(r, out) {
    if (r.changes.length === 0) {
      out.print(`Nothing to reset: ${r.file} has none of the settings setup writes.`);
    } else if (r.dryRun) {
      for (const c of r.changes) out.print(c.diff.trimEnd());
      out.note('Dry run: nothing was written.');
    } else {
      out.print(`Removed from ${r.file} (${r.scope} settings): ${r.removed.join(', ')}`);
      out.print(`Backup: ${r.backup}`);
      out.print('Undo:   claude-bedrock undo');
    }
    for (const s of r.stillSet) {
      out.note(`note: ${s.key} is still set by ${s.source === 'shell' ? 'your shell environment' : `${s.source} settings ${s.file}`}.`);
    }
    if (r.stillSet.some((s) => s.key === 'CLAUDE_CODE_USE_BEDROCK')) out.note('  Claude Code still uses Bedrock; to stop, run reset with that --scope (or unset it in your shell).');
  },
};
export default command;
