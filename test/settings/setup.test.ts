// e2e: `setup` writes, merges byte-preservingly, previews, undoes, and refuses bad input without writing anything.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, runCli, tempDir, writeFile } from '../helpers.js';
import { shq } from '../../src/io/fs.js';
import { HAIKU, OPUS, homeWithProfiles, journalEntries, read, setupArgs, userSettings } from './fixtures.js';

/** What `--auth-refresh auto` writes for an SSO profile: this tool's own login, by absolute paths. */
const NATIVE_LOGIN = (profile: string) => `${shq(process.execPath)} ${shq(CLI)} login --profile ${profile}`;

describe('setup', { concurrency: true }, () => {
  test('writes the Bedrock settings into a new user settings file (0600) and reports the change set', async () => {
    const home = homeWithProfiles();
    const r = await runCli([...setupArgs('dev', ['--haiku-model', HAIKU]), '--json'], { home });
    assert.equal(r.code, 0, r.stderr);
    const out = r.json();
    assert.equal(out.changes.length, 1);
    assert.equal(out.changes[0].file, userSettings(home));
    assert.match(out.changes[0].diff, /^\+\s+"CLAUDE_CODE_USE_BEDROCK": "1",$/m);
    assert.ok(out.backup && out.undoId);
    assert.equal(out.awsAuthRefresh, NATIVE_LOGIN('dev'));
    assert.equal(
      read(userSettings(home)),
      `{\n  "env": {\n    "CLAUDE_CODE_USE_BEDROCK": "1",\n    "AWS_PROFILE": "dev",\n    "AWS_REGION": "us-west-2",\n    "ANTHROPIC_MODEL": "${OPUS}",\n    "ANTHROPIC_DEFAULT_HAIKU_MODEL": "${HAIKU}"\n  },\n  "awsAuthRefresh": ${JSON.stringify(NATIVE_LOGIN('dev'))}\n}\n`,
    );
    assert.equal(fs.statSync(userSettings(home)).mode & 0o777, 0o600);
    assert.equal(journalEntries(home).length, 1);
  });

  test('merges into an existing file: hooks, permissions, mcpServers and formatting stay byte-identical', async () => {
    const home = homeWithProfiles();
    const before = [
      '{',
      '    "permissions": { "allow": ["Bash(npm run *)", "Read(~/.zshrc)"], "deny": [] },',
      '    "hooks": {',
      '        "Stop": [{"hooks": [{"type": "command", "command": "say done"}]}]',
      '    },',
      '    "mcpServers": {"fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]}},',
      '    "env": {',
      '        "NODE_OPTIONS": "--max-old-space-size=8192",',
      '        "AWS_PROFILE": "old-value"',
      '    },',
      '    "unknownFutureKey": {"nested": [1, 2.50, null, true]}',
      '}',
      '',
    ].join('\r\n');
    writeFile(userSettings(home), before, 0o640);
    const r = await runCli(setupArgs(), { home });
    assert.equal(r.code, 0, r.stderr);
    const after = read(userSettings(home))!;
    assert.equal(
      after,
      [
        '{',
        '    "permissions": { "allow": ["Bash(npm run *)", "Read(~/.zshrc)"], "deny": [] },',
        '    "hooks": {',
        '        "Stop": [{"hooks": [{"type": "command", "command": "say done"}]}]',
        '    },',
        '    "mcpServers": {"fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]}},',
        '    "env": {',
        '        "NODE_OPTIONS": "--max-old-space-size=8192",',
        '        "AWS_PROFILE": "dev",',
        '        "CLAUDE_CODE_USE_BEDROCK": "1",',
        '        "AWS_REGION": "us-west-2",',
        `        "ANTHROPIC_MODEL": "${OPUS}"`,
        '    },',
        '    "unknownFutureKey": {"nested": [1, 2.50, null, true]},',
        `    "awsAuthRefresh": ${JSON.stringify(NATIVE_LOGIN('dev'))}`,
        '}',
        '',
      ].join('\r\n'),
    );
    assert.equal(fs.statSync(userSettings(home)).mode & 0o777, 0o640, 'the existing mode is kept');
    assert.match(r.stdout, /Updated .*settings\.json \(user settings\)/);
    assert.match(r.stdout, /Undo:\s+claude-bedrock undo/);
  });

  test('--dry-run prints the diff and writes nothing, not even the journal', async () => {
    const home = homeWithProfiles();
    writeFile(userSettings(home), '{"model": "opus"}\n');
    const r = await runCli([...setupArgs(), '--dry-run'], { home });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^-\{"model": "opus"\}$/m);
    assert.match(r.stdout, /^\+\{"model": "opus", "env": \{"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "dev"/m);
    assert.match(r.stderr, /Dry run: nothing was written/);
    assert.equal(read(userSettings(home)), '{"model": "opus"}\n');
    assert.equal(fs.existsSync(path.join(home, '.claude-bedrock')), false);
  });

  test('undo restores the file byte for byte; undo of a created file removes it', async () => {
    const home = homeWithProfiles();
    const before = '{\n\t"statusLine": {"type": "command", "command": "~/bin/status"}\n}';
    writeFile(userSettings(home), before);
    assert.equal((await runCli(setupArgs(), { home })).code, 0);
    assert.notEqual(read(userSettings(home)), before);
    const u = await runCli(['undo', '--json'], { home });
    assert.equal(u.code, 0, u.stderr);
    assert.deepEqual(u.json().restored, [{ file: userSettings(home), action: 'restored' }]);
    assert.equal(read(userSettings(home)), before);

    const fresh = homeWithProfiles();
    assert.equal((await runCli(setupArgs(), { home: fresh })).code, 0);
    assert.equal((await runCli(['undo'], { home: fresh })).code, 0);
    assert.equal(read(userSettings(fresh)), null);
  });

  test('running it again with the same values changes nothing and records nothing', async () => {
    const home = homeWithProfiles();
    assert.equal((await runCli(setupArgs(), { home })).code, 0);
    const bytes = read(userSettings(home));
    const r = await runCli([...setupArgs(), '--json'], { home });
    assert.equal(r.code, 0);
    assert.deepEqual(r.json().changes, []);
    assert.equal(r.json().undoId, null);
    assert.equal(read(userSettings(home)), bytes);
    assert.equal(journalEntries(home).length, 1);
  });

  test('--scope project and local write under the working directory; managed writes the managed file (0644)', async () => {
    const home = homeWithProfiles();
    const proj = tempDir('cb-proj-');
    for (const [scope, file, mode] of [
      ['project', path.join(proj, '.claude', 'settings.json'), 0o644],
      ['local', path.join(proj, '.claude', 'settings.local.json'), 0o600],
      ['managed', path.join(home, 'managed', 'managed-settings.json'), 0o644],
    ] as const) {
      const r = await runCli([...setupArgs(), '--scope', scope, '--json'], { home, cwd: proj });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.json().file, file);
      assert.equal(JSON.parse(read(file)!).env.AWS_PROFILE, 'dev');
      assert.equal(fs.statSync(file).mode & 0o777, mode, scope);
      // Others read project and managed settings: the directories setup creates for them let them in.
      if (scope === 'managed') assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o755, 'managed directory');
      // Files others read get no path of this machine: the portable login there; this machine's own tool elsewhere.
      const refresh = JSON.parse(read(file)!).awsAuthRefresh;
      if (scope === 'local') assert.equal(refresh, `${process.execPath} ${CLI} login --profile dev`);
      else assert.equal(refresh, 'aws sso login --profile dev', scope);
    }
    assert.equal(read(userSettings(home)), null, 'the user file was not touched');
  });

  test('CLAUDE_CONFIG_DIR moves the user settings file', async () => {
    const home = homeWithProfiles();
    const dir = path.join(home, 'cfg');
    const r = await runCli([...setupArgs(), '--json'], { home, env: { CLAUDE_CONFIG_DIR: dir } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json().file, path.join(dir, 'settings.json'));
    assert.ok(read(path.join(dir, 'settings.json')));
  });

  test('a symlinked settings file (dotfiles) is edited through the link', async () => {
    const home = homeWithProfiles();
    const real = path.join(home, 'dotfiles', 'claude-settings.json');
    writeFile(real, '{}\n');
    fs.mkdirSync(path.join(home, '.claude'));
    fs.symlinkSync(real, userSettings(home));
    assert.equal((await runCli(setupArgs(), { home })).code, 0);
    assert.ok(fs.lstatSync(userSettings(home)).isSymbolicLink());
    assert.equal(JSON.parse(read(real)!).env.CLAUDE_CODE_USE_BEDROCK, '1');
  });

  test('awsAuthRefresh follows the profile kind', async () => {
    const home = homeWithProfiles();
    const cases: [string, string[], string | null][] = [
      ['old', [], NATIVE_LOGIN('old')],
      ['console', [], 'aws login --profile console'],
      ['keys', [], null],
      ['proc', [], null],
      ['dev', ['--auth-refresh', 'none'], null],
      ['dev', ['--auth-refresh', 'my-refresh --profile dev'], 'my-refresh --profile dev'],
    ];
    for (const [profile, extra, expected] of cases) {
      const r = await runCli([...setupArgs(profile, extra), '--dry-run', '--json'], { home });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.json().awsAuthRefresh, expected, `${profile} ${extra.join(' ')}`);
    }
  });

  test('a profile that needs no refresh removes a stale awsAuthRefresh (shown in the dry run, undone by undo)', async () => {
    const home = homeWithProfiles();
    assert.equal((await runCli(setupArgs('dev'), { home })).code, 0);
    const sso = read(userSettings(home))!;
    assert.equal(JSON.parse(sso).awsAuthRefresh, NATIVE_LOGIN('dev'));

    const dry = await runCli([...setupArgs('keys'), '--dry-run'], { home });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^-\s+"awsAuthRefresh": /m);
    assert.match(dry.stderr, /Would remove awsAuthRefresh .*login --profile dev/);
    assert.equal(read(userSettings(home)), sso);

    const r = await runCli([...setupArgs('keys'), '--json'], { home });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json().removed, [{ key: 'awsAuthRefresh', value: NATIVE_LOGIN('dev') }]);
    assert.equal(r.json().awsAuthRefresh, null);
    const after = JSON.parse(read(userSettings(home))!);
    assert.equal('awsAuthRefresh' in after, false);
    assert.equal(after.env.AWS_PROFILE, 'keys');
    assert.equal((await runCli(['undo'], { home })).code, 0);
    assert.equal(read(userSettings(home)), sso, 'undo restores the awsAuthRefresh');

    // --auth-refresh none removes it for an SSO profile too; credential_process profiles need none either.
    const none = await runCli([...setupArgs('dev', ['--auth-refresh', 'none']), '--json'], { home });
    assert.equal(none.code, 0, none.stderr);
    assert.deepEqual(none.json().removed.map((x: { key: string }) => x.key), ['awsAuthRefresh']);
    assert.equal('awsAuthRefresh' in JSON.parse(read(userSettings(home))!), false);
    writeFile(userSettings(home), sso);
    const proc = await runCli([...setupArgs('proc'), '--json'], { home });
    assert.equal('awsAuthRefresh' in JSON.parse(read(userSettings(home))!), false, proc.stderr);

    // Nothing to remove: no `removed` entry, and the same profile's refresh is kept when the mode asks for it.
    const again = await runCli([...setupArgs('proc'), '--json'], { home });
    assert.deepEqual(again.json().removed, []);
    assert.deepEqual(again.json().changes, []);
    writeFile(userSettings(home), sso);
    const keep = await runCli([...setupArgs('dev'), '--json'], { home });
    assert.deepEqual(keep.json().changes, []);
    assert.equal(read(userSettings(home)), sso);
  });

  test('a value shadowed by a higher layer is reported', async () => {
    const home = homeWithProfiles();
    writeFile(path.join(home, 'p', '.claude', 'settings.local.json'), '{"env": {"AWS_PROFILE": "keys"}}');
    const r = await runCli([...setupArgs(), '--json'], { home, cwd: path.join(home, 'p') });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json().shadowed, [{ key: 'AWS_PROFILE', by: { source: 'local', file: path.join(home, 'p', '.claude', 'settings.local.json'), value: 'keys' } }]);
    const human = await runCli(setupArgs(), { home, cwd: path.join(home, 'p') });
    assert.match(human.stderr, /AWS_PROFILE is also set in local settings .* takes precedence/);
  });

  test('setup never loads the AWS SDK', async () => {
    const home = homeWithProfiles();
    const log = path.join(home, 'sdk.log');
    const r = await runCli(setupArgs(), { home, env: { NODE_OPTIONS: `--import=${path.resolve('test/settings/forbid-aws-sdk.mjs')}`, FORBID_AWS_SDK_LOG: log } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(read(log), null);
  });
});

describe('setup refuses bad input and writes nothing', { concurrency: true }, () => {
  const EXISTING = '{\n  "hooks": {}\n}\n';
  const cases: { name: string; args?: string[]; file?: string | Buffer; dir?: boolean; env?: Record<string, string | undefined>; code: number; err: RegExp; json?: boolean }[] = [
    { name: 'a newline in the profile name', args: setupArgs('dev\nevil'), code: 2, err: /--profile "dev\\nevil" is not a profile name/ },
    { name: 'a command substitution in the profile name', args: setupArgs('$(touch pwned)'), code: 2, err: /cannot be used by Claude Code[\s\S]*letters, digits/ },
    { name: 'a profile that does not exist', json: true, args: setupArgs('prod'), code: 1, err: /AWS profile "prod" does not exist[\s\S]*define: dev, old, console, proc, keys[\s\S]*next: claude-bedrock profiles/ },
    { name: 'a raw foundation-model ID', json: true, args: ['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', 'anthropic.claude-opus-4-5-20251101-v1:0'], code: 2, err: /on-demand throughput isn't supported[\s\S]*only AWS's list for us-west-2 tells[\s\S]*next: claude-bedrock models --profile dev --region us-west-2 --map anthropic\.claude-opus-4-5-20251101-v1:0 /m },
    { name: 'a geography prefix the region cannot call', args: ['setup', '--profile', 'dev', '--region', 'eu-west-1', '--model', 'us.anthropic.claude-opus-4-1-20250805-v1:0'], code: 2, err: /--model us\.anthropic\.claude-opus-4-1-20250805-v1:0 has the "us\." prefix, which cannot be called from eu-west-1[\s\S]*eu-west-1 takes global\., eu\.[\s\S]*next: claude-bedrock models --profile dev --region eu-west-1 --map anthropic\.claude-opus-4-1-20250805-v1:0 / },
    { name: 'a pin with a prefix the region cannot call', args: ['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', OPUS, '--haiku-model', 'eu.anthropic.claude-haiku-4-5-20251001-v1:0'], code: 2, err: /--haiku-model eu\.anthropic\.claude-haiku-4-5-20251001-v1:0 has the "eu\." prefix, which cannot be called from us-west-2/ },
    { name: 'a model ID with a query string', args: ['setup', '--profile', 'dev', '--region', 'us-west-2', '--model', `${OPUS}?x=1`], code: 2, err: /query string/ },
    { name: 'a bad region', args: ['setup', '--profile', 'dev', '--region', 'us-west', '--model', OPUS], code: 2, err: /--region "us-west" is not an AWS region name/ },
    { name: 'malformed JSON', json: true, file: '{\n  "hooks": {}\n  "env": {}\n}\n', code: 1, err: /not valid JSON at line 3, column 3/ },
    { name: 'settings env that is not an object', file: '{\n  "env": ["CLAUDE_CODE_USE_BEDROCK=1"]\n}\n', code: 1, err: /"env" .* \(line 2\) is an array, not an object/ },
    { name: 'JSON with comments', file: '{\n  // my hooks\n  "hooks": {}\n}\n', code: 1, err: /comment at line 2, column 3/ },
    { name: 'a trailing comma', file: '{\n  "hooks": {},\n}\n', code: 1, err: /trailing comma at line 2, column 14/ },
    { name: 'a byte-order mark', file: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EXISTING)]), code: 1, err: /byte-order mark/ },
    { name: 'a settings path that is a directory', dir: true, code: 1, err: /settings\.json is a directory, not a file/ },
    { name: 'a missing HOME', json: true, env: { HOME: undefined, USERPROFILE: undefined }, code: 1, err: /Cannot find your home directory: HOME is not set/ },
    { name: 'a missing --model without a terminal', args: ['setup', '--profile', 'dev', '--region', 'us-west-2'], code: 2, err: /Missing --model\. stdin\/stdout is not a terminal[\s\S]*next: claude-bedrock setup --profile dev --region us-west-2 --model <inference-profile-id>/ },
    { name: '--auth-refresh aws-cli for a keys profile', args: setupArgs('keys', ['--auth-refresh', 'aws-cli']), code: 2, err: /does not apply to profile "keys": it uses long-term access keys/ },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const home = homeWithProfiles();
      const file = userSettings(home);
      if (c.dir) fs.mkdirSync(file, { recursive: true });
      else writeFile(file, '');
      if (!c.dir) fs.writeFileSync(file, c.file ?? EXISTING);
      const before = c.dir ? null : fs.readFileSync(file);
      const r = await runCli(c.args ?? setupArgs(), { home, env: c.env });
      assert.equal(r.code, c.code, `exit code; stderr: ${r.stderr}`);
      assert.match(r.stderr, c.err);
      assert.match(r.stderr, /^error: .*\n(  why: .*\n)?  next: \S/m, 'what, why and the next command');
      if (before) assert.deepEqual(fs.readFileSync(file), before, 'the file is untouched');
      else assert.ok(fs.statSync(file).isDirectory());
      assert.deepEqual(journalEntries(home), [], 'no change set was recorded');
      assert.equal(fs.existsSync(path.join(home, 'pwned')), false);
      if (c.json) {
        const j = await runCli([...(c.args ?? setupArgs()), '--json'], { home, env: c.env });
        assert.equal(j.json().error.exitCode, c.code, 'the --json error document');
        assert.ok(j.json().error.message && j.json().error.next, 'what and next are in the JSON too');
      }
    });
  }
});
