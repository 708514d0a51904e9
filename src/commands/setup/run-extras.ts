// Dispatch for setup's extra modes, loaded only when one is used: --print, --auth api-key, or the wizard.
import type { Deps } from '../../deps.js';
import type { Output } from '../../io/output.js';
import type { SetupOptions } from '../setup.js';
import type { ExtrasResult } from './extras.js';

export async function runExtras(opts: SetupOptions, deps: Deps, out: Output): Promise<ExtrasResult> {
  if (opts.extras.print) return (await import('./print.js')).runPrint(deps, opts);
  if (opts.extras.auth === 'api-key') return (await import('./api-key-setup.js')).runApiKeySetup(opts, opts.extras, deps, out);
  return (await import('./wizard.js')).runWizard(opts, opts.extras, deps, out);
}
