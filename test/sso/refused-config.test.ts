// sso add and sso migrate never edit a ~/.aws/config the AWS CLI refuses to read (duplicate sections or keys, a line
// without "=", a BOM...): they stop before any question or write, name the file and line, and give the fix and the
// command to run again. The file keeps every byte and no change set is journaled.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli, tempDir } from '../helpers.js';
import { REFUSED_CONFIGS, START_URL } from '../aws-fixtures.js';
import { createDeps } from '../../src/deps.js';
import { createOutput } from '../../src/io/output.js';
import { scriptedPrompter } from '../../src/io/prompt.js';
import { runSsoAdd } from '../../src/commands/sso/add.js';
import { CliError } from '../../src/errors.js';

function home(config: string): { home: string; cfg: string; before: Buffer; journal: () => string[] } {
  const h = tempDir('cb-refused-');
  const cfg = path.join(h, '.aws', 'config');
  fs.mkdirSync(path.dirname(cfg), { recursive: true });
  fs.writeFileSync(cfg, config);
  const journal = () => {
    try { return fs.readdirSync(path.join(h, '.claude-bedrock', 'journal')); } catch { return []; }
  };
  return { home: h, cfg, before: fs.readFileSync(cfg), journal };
}

const ADD = ['sso', 'add', '--profile', 'bedrock', '--start-url', START_URL, '--sso-region', 'us-east-1', '--account', '123456789012', '--role', 'BedrockUser', '--region', 'us-west-2'];

describe('a config file the AWS CLI refuses is never edited', { concurrency: true }, () => {
  for (const c of REFUSED_CONFIGS) {
    it(`${c.name}: sso add and sso migrate refuse, naming ${'line ' + c.line}; the file is unchanged`, async () => {
      const h = home(c.text);
      const runs: [string[], string][] = [
        [ADD, `claude-bedrock sso add --start-url ${START_URL} --sso-region us-east-1 --profile bedrock --account 123456789012 --role BedrockUser --region us-west-2`],
        [['sso', 'migrate', '--profile', 'old', '--yes'], 'claude-bedrock sso migrate --profile old'],
        [['sso', 'migrate', '--all', '--yes'], 'claude-bedrock sso migrate --all'],
      ];
      for (const [args, rerun] of runs) {
        const r = await runCli([...args, '--json'], { home: h.home });
        assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
        const e = r.json().error;
        assert.equal(e.code, 'aws-config-refused');
        assert.ok(e.message.startsWith(`${h.cfg}:${c.line}: `), e.message);
        assert.match(e.message, /the AWS CLI and boto3 refuse the whole file/);
        assert.match(e.why, new RegExp(`cannot read this file at all, so ${args[1] === 'add' ? 'sso add' : 'sso migrate'} does not edit it.*Nothing was written\\.`));
        assert.match(e.next, c.fix);
        // A fix that is a command is given alone, to paste and run (test/security runs it); an instruction is
        // followed by the command to run again.
        if (c.fix.source.startsWith('^perl')) assert.doesNotMatch(e.next, /then:/);
        else assert.ok(e.next.endsWith(`; then: ${rerun}`), e.next);
        assert.deepEqual(fs.readFileSync(h.cfg), h.before, `${args.join(' ')} left the bytes as they were`);
        assert.deepEqual(h.journal(), [], 'no change set was journaled');
      }
      const dry = await runCli([...ADD, '--dry-run'], { home: h.home });
      assert.equal(dry.code, 1, 'a dry run refuses the same way');
      assert.match(dry.stderr, new RegExp(`^error: ${h.cfg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${c.line}: `, 'm'));
      assert.match(dry.stderr, /^ {2}next: /m);
    });
  }

  it('more than one problem: the first is named, with a pointer to the rest', async () => {
    const h = home(`${REFUSED_CONFIGS[0]!.text}[profile x]\nregion = a\n[profile x]\n`);
    const r = await runCli(['sso', 'migrate', '--all', '--json'], { home: h.home });
    assert.equal(r.code, 1);
    const e = r.json().error;
    assert.ok(e.message.startsWith(`${h.cfg}:7: Key region appears twice`), e.message);
    assert.match(e.why, /1 more such problem \(claude-bedrock profiles lists them all\)/);
    assert.match(e.next, /\(and the other problems claude-bedrock profiles lists\); then: claude-bedrock sso migrate --all$/);
    assert.deepEqual(fs.readFileSync(h.cfg), h.before);
  });

  it('on a terminal, sso add refuses before asking anything or signing in', async () => {
    const h = home(REFUSED_CONFIGS[1]!.text);
    const stderr = new PassThrough();
    const deps = createDeps({ env: { HOME: h.home }, cwd: h.home, stdin: new PassThrough(), stdout: new PassThrough(), stderr, isTTY: { stdin: true, stdout: true, stderr: false } });
    const p = scriptedPrompter([]);
    await assert.rejects(
      runSsoAdd({ profile: 'bedrock', deviceCode: false, dryRun: false, yes: false }, deps, createOutput(deps, { json: false, noColor: true, debug: false }), p),
      (e: unknown) => e instanceof CliError && e.code === 'aws-config-refused' && e.next!.endsWith('; then: claude-bedrock sso add --profile bedrock'),
    );
    assert.deepEqual(p.asked, []);
    assert.deepEqual(fs.readFileSync(h.cfg), h.before);
  });

  it('a file botocore reads (warnings only) is still edited', async () => {
    const h = home('[profile keep]\nregion = eu-west-1\n[sso-session orphan]\nsso_region = us-east-1\n');
    const r = await runCli(ADD, { home: h.home });
    assert.equal(r.code, 0, r.stderr);
    assert.match(fs.readFileSync(h.cfg, 'utf8'), /\[profile bedrock\]/);
  });
});
