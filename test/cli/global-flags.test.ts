// Global flags that only some commands use (--profile, --region, --scope, --dry-run) are refused by the others, with
// why and what to run instead: a flag the user gave is never silently ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS } from '../../src/cli.js';
import { runCli, tempDir } from '../helpers.js';

const SCOPED = ['profile', 'region', 'scope', 'dry-run'] as const;

test('each command declares exactly the scoped global flags its help documents', async () => {
  for (const [name, entry] of Object.entries(COMMANDS)) {
    const mod = await entry.load();
    for (const flag of SCOPED) {
      const documented = new RegExp(`--${flag}\\b`).test(mod.help);
      const accepted = !!mod.globals?.includes(flag) || !!mod.options?.[flag];
      assert.equal(accepted, documented, `${name}: --${flag} is ${documented ? 'documented' : 'not documented'} in its help but ${accepted ? 'accepted' : 'refused'}`);
    }
  }
});

test('an unused global flag is a usage error naming the flag, the command, why, and the command to run instead', async () => {
  const home = tempDir('cb-globals-');
  // status uses --profile / --region for its online checks only: with --offline they would change nothing.
  const status = await runCli(['status', '--offline', '--profile', 'dev'], { home });
  assert.equal(status.code, 2);
  assert.match(status.stderr, /--profile chooses what the online checks use, and --offline makes none/);
  assert.match(status.stderr, /next: claude-bedrock status --profile dev/);
  const json = await runCli(['explain', '--scope', 'user', 'ThrottlingException', '--json'], { home });
  assert.equal(json.code, 2);
  assert.match(json.json().error.message, /--scope does not apply to claude-bedrock explain\./);
  assert.equal(json.json().error.next, 'claude-bedrock explain --help');
  const hook = await runCli(['hook', 'session-start', '--dry-run'], { home, input: '{}' });
  assert.equal(hook.code, 2);
  assert.match(hook.stderr, /--dry-run does not apply to claude-bedrock hook session-start\./);
  assert.match(hook.stderr, /next: claude-bedrock hook session-start --help/);
  const scope = await runCli(['doctor', '--offline', '--scope', 'project'], { home });
  assert.equal(scope.code, 2);
  assert.match(scope.stderr, /--scope only applies with --fix/);
  assert.match(scope.stderr, /next: claude-bedrock doctor --fix --scope project/);
  // Accepted where they mean something; --yes and the output flags everywhere.
  assert.equal((await runCli(['profiles', '--profile', 'nope', '--yes', '--no-color'], { home })).code !== 2, true);
  assert.equal((await runCli(['reset', '--dry-run', '--scope', 'user'], { home })).code, 0);
});
