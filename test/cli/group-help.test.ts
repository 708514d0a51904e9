// A noun with subcommands (`sso`, `hook`) typed alone lists its subcommands, one line each: --help exits 0, bare is a
// usage error (exit 2) pointing at the first subcommand's help.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempDir } from '../helpers.js';

test('claude-bedrock sso --help lists add and migrate (exit 0), not the general help', async () => {
  const home = tempDir('cb-group-');
  for (const flag of ['--help', '-h']) {
    const r = await runCli(['sso', flag], { home });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage: claude-bedrock sso <command>/);
    assert.match(r.stdout, /^ {2}sso add +Create a refreshable \[sso-session\]/m);
    assert.match(r.stdout, /^ {2}sso migrate +Convert legacy inline SSO profiles/m);
    assert.doesNotMatch(r.stdout, /^ {2}(setup|doctor|hook session-start) /m, 'only the group');
  }
});

test('a bare group is a usage error that lists its subcommands and names the next command', async () => {
  const home = tempDir('cb-group-');
  const sso = await runCli(['sso'], { home });
  assert.equal(sso.code, 2);
  assert.doesNotMatch(sso.stderr, /Unknown command: sso\./);
  assert.match(sso.stderr, /^ {2}sso add +Create/m);
  assert.match(sso.stderr, /^ {2}sso migrate +Convert/m);
  assert.match(sso.stderr, /^error: claude-bedrock sso needs a command: add or migrate\.$/m);
  assert.match(sso.stderr, /^ {2}next: claude-bedrock sso add --help$/m);
  const hook = await runCli(['hook', '--json'], { home });
  assert.equal(hook.code, 2);
  assert.match(hook.stderr, /^ {2}hook session-start +Claude Code SessionStart hook/m);
  assert.equal(hook.json().error.next, 'claude-bedrock hook session-start --help');
  const typo = await runCli(['sso', 'ad'], { home });
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /^error: Unknown command: sso ad \(claude-bedrock sso has add, migrate\)\.$/m);
  // The next command works.
  const next = await runCli(['sso', 'add', '--help'], { home });
  assert.equal(next.code, 0);
  assert.match(next.stdout, /^Usage: claude-bedrock sso add/);
});
