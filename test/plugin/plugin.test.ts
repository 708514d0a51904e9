// The Claude Code plugin: manifest, marketplace entry, command frontmatter and hooks.json against Claude Code's plugin
// format, the hook command's behaviour with and without the CLI on PATH, and `claude plugin validate` when installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, scrubbedEnv, tempDir } from '../helpers.js';
import { fakeBin, testPath } from '../doctor/fixtures.js';
import { COMMANDS as CLI_COMMANDS } from '../../src/cli.js';

const COMMAND_NAMES = new Set(Object.keys(CLI_COMMANDS));

const PLUGIN = path.join(ROOT, 'plugin');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const pkg = JSON.parse(read('package.json')) as { version: string; files: string[] };

/** The frontmatter Claude Code reads from a command file: `key: value` lines between the leading `---` fences. */
function frontmatter(text: string): { fields: Record<string, string>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  assert.ok(m, 'frontmatter fenced by --- lines');
  const fields: Record<string, string> = {};
  for (const line of m[1]!.split('\n')) {
    const kv = /^([a-z-]+):\s*(.*)$/.exec(line);
    assert.ok(kv, `frontmatter line "${line}"`);
    let v = kv[2]!.trim();
    if (/^".*"$/.test(v)) v = JSON.parse(v) as string;
    fields[kv[1]!] = v;
  }
  return { fields, body: m[2]! };
}

test('plugin.json: name bedrock, version of the package, description, author', () => {
  const m = JSON.parse(read('plugin/.claude-plugin/plugin.json'));
  assert.equal(m.name, 'bedrock');
  assert.match(m.name, /^[a-z0-9-]+$/, 'kebab-case, no spaces');
  assert.equal(m.version, pkg.version);
  assert.equal(typeof m.description, 'string');
  assert.ok(m.description.length > 20);
  assert.equal(typeof m.author?.name, 'string');
  for (const k of Object.keys(m)) assert.ok(['name', 'version', 'description', 'author', 'homepage', 'repository', 'license', 'keywords'].includes(k), `unexpected manifest field ${k}`);
  assert.ok(pkg.files.includes('plugin'), 'the plugin ships in the npm package');
});

test('marketplace.json at the repository root points at ./plugin', () => {
  const mk = JSON.parse(read('.claude-plugin/marketplace.json'));
  assert.match(mk.name, /^[a-z0-9-]+$/);
  assert.equal(typeof mk.owner?.name, 'string');
  assert.equal(mk.plugins.length, 1);
  assert.equal(mk.plugins[0].name, 'bedrock');
  assert.equal(mk.plugins[0].source, './plugin');
  assert.ok(fs.existsSync(path.join(ROOT, mk.plugins[0].source, '.claude-plugin', 'plugin.json')));
});

const COMMANDS: Record<string, RegExp> = {
  setup: /claude-bedrock setup --json/,
  status: /claude-bedrock status --json/,
  doctor: /claude-bedrock doctor --json/,
  login: /claude-bedrock login --json/,
  models: /claude-bedrock models --json/,
  tune: /claude-bedrock tune (?:--show |--preset <name> )?--json/,
};

test('commands: one file per slash command, frontmatter restricted to the CLI, JSON output, every exit code handled', () => {
  const files = fs.readdirSync(path.join(PLUGIN, 'commands')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
  assert.deepEqual(files, Object.keys(COMMANDS).sort());
  for (const [name, run] of Object.entries(COMMANDS)) {
    const { fields, body } = frontmatter(fs.readFileSync(path.join(PLUGIN, 'commands', `${name}.md`), 'utf8'));
    assert.deepEqual(Object.keys(fields).sort(), ['allowed-tools', 'argument-hint', 'description'], name);
    assert.ok(fields.description!.length > 10 && fields.description!.length < 120, `${name}: description`);
    assert.equal(fields['allowed-tools'], 'Bash(claude-bedrock:*)', `${name}: only the CLI may run`);
    assert.ok(fields['argument-hint']!.length > 0);
    assert.match(body, run, `${name}: runs the CLI with --json`);
    assert.match(body, /Exit codes?:/, `${name}: says what to do on each exit code`);
    assert.match(body, /error\.next/, `${name}: shows the next command on errors`);
    for (const m of body.matchAll(/`claude-bedrock ([a-z-]+)(?: ([a-z-]+))?/g)) {
      assert.ok(COMMAND_NAMES.has(m[1]!) || COMMAND_NAMES.has(`${m[1]} ${m[2]}`), `${name}: no such command in ${m[0]}\``);
    }
  }
});

const HOOK_EVENTS = ['PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'Notification', 'UserPromptSubmit', 'Stop', 'SubagentStop', 'PreCompact', 'SessionStart', 'SessionEnd', 'PermissionRequest'];

test('hooks.json: known events, command hooks with a timeout, SessionStart runs the hook only when the CLI exists', () => {
  const h = JSON.parse(read('plugin/hooks/hooks.json'));
  assert.deepEqual(Object.keys(h).sort(), ['description', 'hooks']);
  for (const [event, groups] of Object.entries(h.hooks as Record<string, any[]>)) {
    assert.ok(HOOK_EVENTS.includes(event), `unknown hook event ${event}`);
    for (const g of groups) {
      if (g.matcher !== undefined) assert.equal(typeof g.matcher, 'string');
      for (const hook of g.hooks) {
        assert.equal(hook.type, 'command');
        assert.equal(typeof hook.command, 'string');
        assert.equal(typeof hook.timeout, 'number');
        assert.ok(hook.timeout > 0 && hook.timeout <= 10, 'a short timeout: never hold up a session');
      }
    }
  }
  const cmd = h.hooks.SessionStart[0].hooks[0].command as string;
  assert.match(cmd, /claude-bedrock hook session-start/);
});

function runHookCommand(pathEnv: string, home: string) {
  const cmd = JSON.parse(read('plugin/hooks/hooks.json')).hooks.SessionStart[0].hooks[0].command as string;
  // Claude Code gives the hook 5 s (hooks.json); spawnSync kills it at 10 s and the status check fails.
  return spawnSync('/bin/sh', ['-c', cmd], { input: JSON.stringify({ hook_event_name: 'SessionStart', source: 'startup', cwd: home }), env: scrubbedEnv(home, { PATH: pathEnv }), encoding: 'utf8', timeout: 10_000 });
}

test('the hook command: without claude-bedrock on PATH it does nothing, quickly; with it, it reports', { skip: process.platform === 'win32' }, () => {
  const home = tempDir();
  const none = runHookCommand('/usr/bin:/bin', home);
  assert.equal(none.status, 0);
  assert.equal(none.stdout, '');
  assert.equal(none.stderr, '');
  const withCli = runHookCommand(testPath(fakeBin(null)), home);
  assert.equal(withCli.status, 0, withCli.stderr);
  // An empty HOME has no Bedrock setup: the hook says so.
  assert.match(JSON.parse(withCli.stdout).systemMessage, /not set up to use Amazon Bedrock/);
});

const claudeBin = path.join(ROOT, 'node_modules', '.bin', 'claude');
const hasValidate = fs.existsSync(claudeBin) && spawnSync(claudeBin, ['plugin', 'validate', '--help'], { encoding: 'utf8', timeout: 20_000 }).status === 0;

test('claude plugin validate --strict accepts the plugin, its commands and the marketplace', { skip: hasValidate ? false : 'Claude Code with `plugin validate` is not installed' }, () => {
  const home = tempDir();
  for (const target of [PLUGIN, path.join(PLUGIN, 'commands'), ROOT]) {
    const r = spawnSync(claudeBin, ['plugin', 'validate', '--strict', '--json', target], { encoding: 'utf8', timeout: 30_000, env: scrubbedEnv(home) });
    assert.equal(r.status, 0, `${target}: ${r.stdout}${r.stderr}`);
    const j = JSON.parse(r.stdout);
    assert.equal(j.success, true, r.stdout);
    if (target === PLUGIN) assert.deepEqual(j.provides.commands, ['bedrock:doctor', 'bedrock:login', 'bedrock:models', 'bedrock:setup', 'bedrock:status', 'bedrock:tune']);
  }
});
