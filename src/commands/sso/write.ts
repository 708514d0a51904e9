// The write step the sso commands share: on a terminal, show the diff and ask before writing ~/.aws/config.
import { CancelledError } from '../../errors.js';
import type { ApplyResult } from '../../io/changeset.js';
import type { Output } from '../../io/output.js';
import type { Prompter } from '../../io/prompt.js';

export async function confirmThenApply(
  apply: (dryRun: boolean) => Promise<ApplyResult>,
  opts: { prompter?: Prompter; dryRun: boolean; yes: boolean; out: Output; file: string },
): Promise<ApplyResult> {
  if (opts.prompter && !opts.dryRun && !opts.yes) {
    const preview = await apply(true);
    if (preview.changes.length) {
      for (const c of preview.changes) opts.out.note(c.diff.trimEnd());
      if (!(await opts.prompter.confirm(`Write these changes to ${opts.file}?`, { default: true }))) throw new CancelledError();
    }
  }
  return apply(opts.dryRun);
}
