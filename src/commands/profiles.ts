// Placeholder: being implemented.
import type { CommandModule } from '../command.js';
import { CliError } from '../errors.js';

const command: CommandModule<unknown, unknown> = {
  help: 'Usage: claude-bedrock profiles',
  parse: () => ({}),
  async run() {
    throw new CliError({ what: 'profiles is not implemented yet.' });
  },
  render() {},
};
export default command;
