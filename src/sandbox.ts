// --sandbox: run a command against the embedded AWS emulator in a throwaway HOME.
import type { Deps } from './deps.js';
import type { Output } from './io/output.js';
import { CliError } from './errors.js';

export async function enterSandbox(_deps: Deps, _out: Output): Promise<Deps> {
  throw new CliError({ what: '--sandbox is not available in this build yet.', why: 'The embedded AWS emulator ships with the AWS engine.', next: 'claude-bedrock --help', code: 'unsupported' });
}
