// `claude-bedrock undo`: revert the last change set across all the files it touched.
import type { CommandModule } from '../command.js';
import { undoLast, type UndoResult } from '../io/changeset.js';

interface Options { dryRun: boolean }

const command: CommandModule<Options, UndoResult & { dryRun: boolean }> = {
  help: `Usage: claude-bedrock undo [--dry-run] [--json]

Reverts the last change set written by claude-bedrock (setup, reset, sso add, sso migrate, doctor --fix, ...),
restoring every file it touched byte for byte. Refuses, and changes nothing, if any of those files changed since.`,
  globals: ['dry-run'],
  parse: ({ global }) => ({ dryRun: global.dryRun }),
  async run(opts, deps) {
    return { ...(await undoLast(deps, { dryRun: opts.dryRun })), dryRun: opts.dryRun };
  },
  toJson: (r) => ({ undoId: r.undoId, command: r.command, dryRun: r.dryRun, restored: r.restored }),
  render(r, out) {
    const verb = r.dryRun ? 'Would undo' : 'Undid';
    out.print(`${verb} "${r.command}" (${r.undoId}):`);
    for (const f of r.restored) out.print(`  ${f.action === 'restored' ? 'restored' : 'removed '} ${f.file}`);
  },
};
export default command;
