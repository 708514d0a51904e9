// Typing at the wizard's prompts in a real terminal (tmux): a two-digit item number, a word that is not a y/n answer,
// and "yes⏎" typed by habit at a question that answers on its first key.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Terminal, tmuxMissing } from './tmux.js';
import { wizardWorld } from './world.js';

const skip = tmuxMissing();
if (skip) console.log(`# skipping the wizard key tests: ${skip}`);

describe('wizard prompts: typed keys in a terminal', { skip }, () => {
  it('11⏎ picks model 11 of 26; "maybe⏎" is not a yes; the rest of "yes⏎" does not answer the next question', async () => {
    const w = await wizardWorld();
    const t = new Terminal();
    try {
      await t.start(['setup', '--profile', 'dev', '--region', 'us-west-2'], { env: w.env(), cwd: w.home });
      const list = await t.waitFor(/\? Primary model/);
      assert.match(list, /❯\s+1\) global\.anthropic\.claude-opus-5-5 /);
      assert.match(list, /\n\s+11\) global\.anthropic\.claude-sonnet-4-6 /);
      await t.type('11');
      await t.waitFor(/\? Primary model \(ANTHROPIC_MODEL\) \(↑\/↓, Enter\) 11\n[^]*❯ 11\) global\.anthropic\.claude-sonnet-4-6 /);
      await t.keys('Enter');
      await t.waitFor(/✔ Primary model \(ANTHROPIC_MODEL\) · global\.anthropic\.claude-sonnet-4-6\n/);

      await t.waitFor(/\? 1M-token context window for Claude Sonnet 4\.6\?.*\(y\/N\)/);
      await t.type('maybe');
      await t.keys('Enter');
      await t.waitFor(/✖ answer y or n \("maybe" is neither\)/);
      assert.doesNotMatch(await t.screen(), /✔ 1M-token/, '"maybe" answered the question');
      await t.keys('n');
      await t.waitFor(/✔ 1M-token context window for Claude Sonnet 4\.6\? .* · no\n/);

      await t.answer(/\? Background model/, 'Enter');
      await t.waitFor(/\? Also pin the opus and sonnet aliases\?/);
      // "yes⏎": the y answers; "es⏎" must not take the default of the next question (Opus model, default item 1).
      await t.type('yes');
      await t.keys('Enter', 'Down', 'Enter');
      await t.waitFor(/✔ Opus model \(ANTHROPIC_DEFAULT_OPUS_MODEL\) · us\.anthropic\.claude-opus-5-5\n/);
      for (const q of [/\? 1M-token context window for Claude Opus 5\.5/, /\? Sonnet model/, /\? 1M-token context window for Claude Sonnet/, /\? Settings file to write/, /\? Credential refresh/]) {
        await t.answer(q, 'Enter');
      }
      await t.answer(/\? Write these settings/, 'Enter');
      assert.equal(await t.exitCode(), 0);
    } finally {
      t.kill();
      await w.stop();
    }
    const env = w.settings()!.env;
    assert.equal(env.ANTHROPIC_MODEL, 'global.anthropic.claude-sonnet-4-6');
    assert.equal(env.ANTHROPIC_DEFAULT_OPUS_MODEL, 'us.anthropic.claude-opus-5-5');
  });
});
