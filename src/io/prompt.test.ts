// The raw-mode prompter driven through fake TTY streams (keystrokes in, screen out), the progress line, and the scripted fake.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { CancelledError } from '../errors.js';
import { CANCEL, confirmKey, createTtyPrompter, interruptible, scriptedPrompter, selectNumberKey, startProgress, step, typeAheadKey, type ConfirmState, type Key, type TypeAhead } from './prompt.js';

const UP = '\x1b[A';
const DOWN = '\x1b[B';
const ENTER = '\r';
const CTRL_C = '\x03';

function fakeTty() {
  const stdin = new PassThrough() as PassThrough & { isTTY: boolean; isRaw: boolean; setRawMode(m: boolean): void; rawCalls: boolean[] };
  stdin.isTTY = true;
  stdin.isRaw = false;
  stdin.rawCalls = [];
  stdin.setRawMode = (m: boolean) => {
    stdin.isRaw = m;
    stdin.rawCalls.push(m);
  };
  const stderr = new PassThrough() as PassThrough & { columns: number; rows: number };
  stderr.columns = 100;
  stderr.rows = 30;
  let screen = '';
  stderr.on('data', (d) => (screen += d));
  const deps = { stdin, stderr, env: {}, isTTY: { stdin: true, stdout: true, stderr: true } };
  return {
    deps,
    stdin,
    screen: () => screen,
    /** Type keys one chunk at a time, after the prompt has drawn. */
    async type(...keys: string[]) {
      for (const k of keys) {
        await new Promise((r) => setImmediate(r));
        stdin.write(k);
      }
    },
  };
}

describe('tty prompter', () => {
  it('select moves with the arrows and returns the value under the cursor; the block collapses to one answer line', async () => {
    const t = fakeTty();
    const p = createTtyPrompter(t.deps, { color: false });
    const answer = p.select('Region', [
      { label: 'us-east-1', value: 'use1', hint: '12 ms' },
      { label: 'eu-west-1', value: 'euw1' },
      { label: 'ap-south-1', value: 'aps1' },
    ], { default: 1 });
    await t.type(DOWN, DOWN, UP, ENTER);
    // default eu-west-1 → down ap-south-1 → down wraps to us-east-1 → up ap-south-1
    assert.equal(await answer, 'aps1');
    assert.match(t.screen(), /❯  2\) eu-west-1/);
    assert.match(t.screen(), /✔ Region · /);
    // Raw mode was switched on for the question and restored after it.
    assert.deepEqual(t.stdin.rawCalls, [true, false]);
    assert.equal(t.stdin.isPaused(), true);
  });

  it('select: default, down twice wraps around, digits jump', async () => {
    const t = fakeTty();
    const p = createTtyPrompter(t.deps, { color: false });
    const choices = ['a', 'b', 'c'].map((x) => ({ label: x, value: x }));
    let a = p.select('Pick', choices, { default: 2 });
    await t.type(DOWN, ENTER);
    assert.equal(await a, 'a');
    a = p.select('Pick', choices);
    await t.type('3', ENTER);
    assert.equal(await a, 'c');
    a = p.select('Pick', choices, { default: 1 });
    await t.type(ENTER);
    assert.equal(await a, 'b');
  });

  it('select: a number of two digits picks that item (11 then Enter is item 11, not item 1); Backspace edits it', async () => {
    const t = fakeTty();
    const p = createTtyPrompter(t.deps, { color: false });
    const choices = Array.from({ length: 12 }, (_, i) => ({ label: `model-${i + 1}`, value: i + 1 }));
    let a = p.select('Model', choices);
    await t.type('1', '1', ENTER);
    assert.equal(await a, 11);
    assert.match(t.screen(), /\? Model \(↑\/↓, Enter\) 11\n/, 'the typed number is shown after the hint');
    assert.match(t.screen(), /❯ 11\) model-11/);
    a = p.select('Model', choices);
    await t.type('1', '2', '\x7f', ENTER); // 12, Backspace → 1
    assert.equal(await a, 1);
    a = p.select('Model', choices);
    await t.type('1', '5', ENTER); // 15 is past the end: the 5 starts a new number
    assert.equal(await a, 5);
    a = p.select('Model', choices);
    await t.type('1', '1', '3', DOWN, '2', ENTER); // 11 → 113 too big → 3 → Down (forgets the number) → 2
    assert.equal(await a, 2);
    a = p.select('Model', choices);
    await t.type('1', '1', '1', ENTER); // 11 → 111 too big → a new 1
    assert.equal(await a, 1);
  });

  it('a long select scrolls in a window and shows how many are hidden', async () => {
    const t = fakeTty();
    t.deps.stderr.rows = 8; // window of 4
    const p = createTtyPrompter(t.deps, { color: false });
    const choices = Array.from({ length: 10 }, (_, i) => ({ label: `model-${i}`, value: i }));
    const a = p.select('Model', choices);
    await t.type(...Array(6).fill(DOWN), ENTER);
    assert.equal(await a, 6);
    assert.match(t.screen(), /↓ 6 more/);
    assert.match(t.screen(), /↑ \d more/);
  });

  it('Ctrl-C cancels with CancelledError and restores the terminal', async () => {
    const t = fakeTty();
    const p = createTtyPrompter(t.deps, { color: false });
    const a = p.select('Pick', [{ label: 'a', value: 1 }]);
    await t.type(CTRL_C);
    await assert.rejects(a, CancelledError);
    assert.deepEqual(t.stdin.rawCalls, [true, false]);
    const b = p.confirm('Sure?');
    await t.type('\x04');
    await assert.rejects(b, CancelledError);
    const c = p.text('Name');
    t.stdin.end();
    await assert.rejects(c, CancelledError);
  });

  it('text: typing, backspace, default on empty, validation keeps the question open', async () => {
    const t = fakeTty();
    const p = createTtyPrompter(t.deps, { color: false });
    let a = p.text('Profile name', { default: 'bedrock' });
    await t.type(ENTER);
    assert.equal(await a, 'bedrock');
    a = p.text('Region', { validate: (v) => (/^[a-z]{2}-[a-z]+-\d$/.test(v) ? undefined : 'an AWS region like us-west-2') });
    await t.type('u', 's', 'x', '\x7f', '-', 'w', ENTER);
    await new Promise((r) => setImmediate(r));
    assert.match(t.screen(), /✖ an AWS region like us-west-2/);
    await t.type('e', 's', 't', '-', '2', ENTER);
    assert.equal(await a, 'us-west-2');
  });

  it('secret text is never echoed, not even in the answer line', async () => {
    const t = fakeTty();
    const p = createTtyPrompter(t.deps, { color: false });
    const a = p.text('Bedrock API key', { secret: true });
    await t.type('ABSK', 'secretvalue123', ENTER);
    assert.equal(await a, 'ABSKsecretvalue123');
    assert.doesNotMatch(t.screen(), /secretvalue/);
    assert.match(t.screen(), /hidden: 18 characters/);
    assert.match(t.screen(), /✔ Bedrock API key · \[hidden\]/);
  });

  it('confirm: y / n / Enter takes the default', async () => {
    const t = fakeTty();
    const p = createTtyPrompter(t.deps, { color: false });
    let a = p.confirm('Write?', { default: false });
    await t.type(ENTER);
    assert.equal(await a, false);
    a = p.confirm('Write?', { default: false });
    await t.type('y');
    assert.equal(await a, true);
    a = p.confirm('Write?');
    await t.type('n');
    assert.equal(await a, false);
  });

  it('confirm: a word is answered with Enter; "maybe" is not a yes: the question stays open and says why', async () => {
    const t = fakeTty();
    const p = createTtyPrompter(t.deps, { color: false });
    let a = p.confirm('Write?', { default: false });
    await t.type('m', 'a', 'y', 'b', 'e', ENTER);
    await new Promise((r) => setImmediate(r));
    assert.match(t.screen(), /✖ answer y or n \("maybe" is neither\)/);
    let settled = false;
    void a.then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(settled, false, '"maybe" did not answer the question');
    await t.type('N');
    assert.equal(await a, false);
    // Typed as one burst (a paste, or tmux send-keys): same result.
    a = p.confirm('Write?', { default: true });
    await t.type('maybe\r');
    await new Promise((r) => setImmediate(r));
    assert.match(t.screen(), /"maybe" is neither/);
    await t.type('Y');
    assert.equal(await a, true);
  });

  it('confirm: "yes⏎" / "no⏎" typed by habit after the y/n that answered does not answer the next question', async () => {
    const t = fakeTty();
    const p = createTtyPrompter(t.deps, { color: false });
    const choices = ['a', 'b', 'c'].map((x) => ({ label: x, value: x }));
    // One burst (a paste, or keys typed faster than the prompt redraws).
    const a = p.confirm('Pin?', { default: false });
    await t.type('yes\r');
    assert.equal(await a, true);
    let b = p.select('Pick', choices);
    await t.type(DOWN, ENTER);
    assert.equal(await b, 'b', 'the Enter of "yes⏎" did not take the default a');
    // Key by key, the rest arriving at the next question.
    const c = p.confirm('Pin?');
    await t.type('n');
    assert.equal(await c, false);
    b = p.select('Pick', choices);
    await t.type('o', ENTER, DOWN, DOWN, ENTER);
    assert.equal(await b, 'c');
    // A lone Enter after y is an answer to the next question.
    const d = p.confirm('Pin?');
    await t.type('y');
    assert.equal(await d, true);
    b = p.select('Pick', choices, { default: 1 });
    await t.type(ENTER);
    assert.equal(await b, 'b');
  });
});

describe('key handling (pure)', () => {
  const k = (sequence: string, name?: string): Key => ({ sequence, name: name ?? sequence.toLowerCase() });
  const BS = { name: 'backspace', sequence: '\x7f' };
  const digits = (count: number, ...keys: Key[]) => keys.reduce((typed, key) => selectNumberKey(typed, key, count)?.typed ?? 'none', '');

  it('select numbers: digits accumulate while they name an item, else start over; 0 alone is nothing', () => {
    assert.equal(digits(12, k('1'), k('1')), '11');
    assert.equal(digits(12, k('1'), k('2')), '12');
    assert.equal(digits(12, k('1'), k('3')), '3');
    assert.equal(digits(12, k('1'), k('0')), '10');
    assert.equal(digits(12, k('0')), '');
    assert.equal(digits(12, k('2'), k('0')), '2', '20 is past 12 and 0 alone is no item: 2 stays');
    assert.equal(digits(120, k('1'), k('2'), k('0')), '120');
    assert.equal(digits(9, k('3'), k('7')), '7', 'short lists: every digit jumps to its item, as before');
    assert.equal(digits(3, k('7')), '', 'a digit past the end is ignored');
    assert.equal(digits(12, k('1'), k('1'), BS), '1');
    assert.equal(selectNumberKey('', BS, 12), undefined, 'Backspace with nothing typed is not a number key');
    assert.equal(selectNumberKey('1', { name: 'down', sequence: '\x1b[B' }, 12), undefined);
    assert.equal(selectNumberKey('1', { name: 'a', sequence: 'a' }, 12), undefined);
  });

  it('confirm: a first y/n answers at once; words need Enter and only y/yes/n/no (any case) or empty are answers', () => {
    const ENTER_KEY: Key = { name: 'return', sequence: '\r' };
    const run = (keys: string, def = false) => {
      let state: ConfirmState = { typed: '' };
      for (const ch of keys) {
        const r = confirmKey(state, ch === '\r' ? ENTER_KEY : ch === '\b' ? BS : k(ch), def);
        if (r.answer !== undefined) return r.answer;
        state = r.state;
      }
      return state.problem ?? `open: ${state.typed}`;
    };
    assert.equal(run('y'), true);
    assert.equal(run('Y'), true);
    assert.equal(run('n', true), false);
    assert.equal(run('N', true), false);
    assert.equal(run('\r', true), true);
    assert.equal(run('\r', false), false);
    assert.equal(run('maybe'), 'open: maybe', 'the y inside a word does not answer');
    assert.equal(run('maybe\r'), 'answer y or n ("maybe" is neither)');
    assert.equal(run('okay\r'), 'answer y or n ("okay" is neither)');
    assert.equal(run(' yes\r'), true);
    assert.equal(run(' NO\r', true), false);
    assert.equal(run('x\by'), true, 'after Backspace empties the word, y answers at once again');
    assert.equal(run('maybe\ry'), true, 'after the hint the question is open again');
    assert.equal(run('nope'), false, 'a word starting with n is a no, never a yes');
  });

  it('type-ahead after a y/n without Enter: the rest of yes/no (yeah, nope, ...) and its Enter are skipped; anything else ends it', () => {
    const ENTER_KEY: Key = { name: 'return', sequence: '\r' };
    const run = (start: TypeAhead, keys: string) => {
      let t: TypeAhead | undefined = start;
      const out: string[] = [];
      for (const ch of keys) {
        const r = typeAheadKey(t, ch === '\r' ? ENTER_KEY : k(ch));
        t = r.typeAhead;
        out.push(r.skip ? '-' : ch === '\r' ? '⏎' : ch);
      }
      return out.join('');
    };
    const y = { typed: 'y' };
    const n = { typed: 'n' };
    assert.equal(run(y, 'es\r'), '---');
    assert.equal(run(y, 'ES\r'), '---');
    assert.equal(run(y, 'e\r'), '--');
    assert.equal(run(y, '\r'), '⏎', 'a lone Enter is kept');
    assert.equal(run(y, 'es\r\r'), '---⏎', 'only one Enter is skipped');
    assert.equal(run(y, 'ex\r'), '-x⏎');
    assert.equal(run(y, 'esx'), '--x');
    assert.equal(run(n, 'o\r'), '--');
    assert.equal(run(n, 'ope\r'), '----');
    assert.equal(run(y, 'eah\r'), '----');
    assert.equal(run(n, 'ah\r'), '---');
    assert.equal(run(n, 'ever\r'), 'ever⏎', 'not a yes/no word: typed into the next question');
    assert.equal(typeAheadKey(undefined, k('e')).skip, false);
  });
});

describe('progress and interruptible', () => {
  it('Ctrl-C during a network wait rejects with CancelledError', async () => {
    const t = fakeTty();
    const never = new Promise<void>(() => {});
    const p = interruptible(t.deps, never);
    await t.type(CTRL_C);
    await assert.rejects(p, CancelledError);
    assert.deepEqual(t.stdin.rawCalls, [true, false]);
  });

  it('SIGINT (no raw-mode key) cancels too: the work is aborted and has stopped before the CancelledError', async () => {
    let interrupt: (() => void) | undefined;
    const deps = { stdin: new PassThrough(), isTTY: { stdin: false, stdout: false, stderr: false }, onInterrupt: (fn: () => void) => { interrupt = fn; return () => { interrupt = undefined; }; } };
    const events: string[] = [];
    const p = interruptible(deps, (signal) => new Promise<void>((_, reject) => {
      signal.addEventListener('abort', () => setTimeout(() => { events.push('stopped'); reject(new Error('aborted')); }, 20), { once: true });
    }));
    await new Promise((r) => setImmediate(r));
    assert.ok(interrupt, 'a SIGINT listener is installed while the wait runs');
    interrupt!();
    await assert.rejects(p.finally(() => events.push('rejected')), CancelledError);
    assert.deepEqual(events, ['stopped', 'rejected']);
    assert.equal(interrupt, undefined, 'the listener is removed afterwards');
  });

  it('a SIGINT at a question cancels it like Ctrl-C', async () => {
    const t = fakeTty();
    let interrupt: (() => void) | undefined;
    const p = createTtyPrompter({ ...t.deps, onInterrupt: (fn) => { interrupt = fn; return () => { interrupt = undefined; }; } }, { color: false }).confirm('Go on?');
    await new Promise((r) => setImmediate(r));
    interrupt!();
    await assert.rejects(p, CancelledError);
    assert.equal(interrupt, undefined);
    assert.equal(t.stdin.isRaw, false);
  });

  it('step shows a spinner line and a final ✔ line', async () => {
    const t = fakeTty();
    const v = await step(t.deps, 'Discovering regions', async (p) => {
      p.update('Discovering regions (3/4)');
      await new Promise((r) => setTimeout(r, 100));
      return 42;
    }, { done: (n) => `Found ${n}`, style: { color: false } });
    assert.equal(v, 42);
    assert.match(t.screen(), /⠋ Discovering regions/);
    assert.match(t.screen(), /✔ Found 42\n$/);
  });

  it('without a TTY the progress is one plain line per state', () => {
    const err = new PassThrough();
    let s = '';
    err.on('data', (d) => (s += d));
    const p = startProgress({ stderr: err, isTTY: { stdin: false, stdout: false, stderr: false }, env: {} }, 'Checking');
    p.succeed('Checked');
    assert.equal(s, 'Checking…\n✔ Checked\n');
  });
});

describe('scripted prompter', () => {
  it('answers in order, fails on a surprise or a leftover, CANCEL behaves like Ctrl-C', async () => {
    const p = scriptedPrompter(['b', true, 'x', CANCEL]);
    assert.equal(await p.select('Pick', [{ label: 'a', value: 1 }, { label: 'b', value: 2 }]), 2);
    assert.equal(await p.confirm('Ok?'), true);
    assert.equal(await p.text('Name'), 'x');
    await assert.rejects(p.confirm('Again?'), CancelledError);
    await assert.rejects(p.confirm('More?'), /unexpected prompt: More\?/);
    const q = scriptedPrompter(['a', 'b']);
    await q.text('One');
    assert.throws(() => q.assertDone(), /1 scripted answer/);
  });
});
