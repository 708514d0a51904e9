// Prompts and progress on stderr (stdout stays data), used only when stdin and stdout are TTYs: arrow-key selects,
// confirms and validated text read in raw mode from deps.stdin. Ctrl-C, Ctrl-D or Esc cancels with CancelledError, so
// nothing is written. Tests use scriptedPrompter, which fails on any surprise.
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Deps } from '../deps.js';
import { CancelledError } from '../errors.js';
import { interruptible } from './interrupt.js';

export interface Choice<T> {
  label: string;
  value: T;
  hint?: string;
}

export interface TextOptions {
  /** Taken when the answer is empty (Tab copies it into the field for editing). */
  default?: string;
  /** Returns a problem to show (and the question stays open), or undefined when the value is fine. */
  validate?(value: string): string | undefined;
  /** Never echoed: only the number of characters typed is shown. */
  secret?: boolean;
}

export interface Prompter {
  /** Free text; an empty answer takes the default; validate returns a problem to show (and ask again). */
  text(message: string, opts?: TextOptions): Promise<string>;
  select<T>(message: string, choices: Choice<T>[], opts?: { default?: number }): Promise<T>;
  confirm(message: string, opts?: { default?: boolean }): Promise<boolean>;
}

export function canPrompt(deps: Pick<Deps, 'isTTY'>): boolean {
  return deps.isTTY.stdin && deps.isTTY.stdout;
}

type TtyIn = Readable & { isTTY?: boolean; setRawMode?(mode: boolean): unknown; isRaw?: boolean };
type TtyOut = Writable & { columns?: number; rows?: number };

export interface Key {
  name?: string;
  sequence?: string;
  ctrl?: boolean;
  meta?: boolean;
}

const ESC = '\x1b[';
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const visibleLength = (s: string) => s.replace(ANSI, '').length;

export interface PrompterStyle {
  color: boolean;
}

export function promptColor(deps: Pick<Deps, 'env' | 'isTTY'>, noColor = false): boolean {
  return !noColor && deps.isTTY.stderr && !deps.env.NO_COLOR && deps.env.TERM !== 'dumb';
}

function painter(color: boolean) {
  const p = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { bold: p('1'), dim: p('2'), cyan: p('36'), green: p('32'), red: p('31'), yellow: p('33') };
}

/** Truncate to the terminal width so a line never wraps (wrapping would break the redraw arithmetic). */
function fit(line: string, columns: number): string {
  if (visibleLength(line) <= columns - 1) return line;
  let out = '';
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\x1b') {
      const m = /^\x1b\[[0-9;?]*[A-Za-z]/.exec(line.slice(i));
      if (m) { out += m[0]; i += m[0].length - 1; continue; }
    }
    if (n >= columns - 2) { out += '…'; break; }
    out += line[i];
    n++;
  }
  return out + (/\x1b\[/.test(out) ? '\x1b[0m' : '');
}

/**
 * One interactive question at a time on a raw-mode TTY: `render` draws the question's lines; keys update state until
 * `finish` resolves or `cancel` rejects. The drawn block is replaced by a one-line summary when answered.
 */
function ask<T>(
  input: TtyIn,
  output: TtyOut,
  draw: () => string[],
  onKey: (key: Key, done: (value: T, summary: string) => void, redraw: () => void) => void,
  opts: {
    hideCursor: boolean;
    onInterrupt?: Deps['onInterrupt'];
    /** Sees every key first, including the rest of the chunk that held the answering key; true swallows the key. */
    skip?(key: Key): boolean;
  },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let drawnRows = 0;
    let settled = false;
    const wasRaw = !!input.isRaw;
    const columns = () => output.columns || 80;
    const render = () => {
      const lines = draw().map((l) => fit(l, columns()));
      let s = '';
      if (drawnRows > 0) s += `\r${drawnRows > 1 ? `${ESC}${drawnRows - 1}A` : ''}${ESC}J`;
      s += lines.join('\n');
      output.write(s);
      drawnRows = lines.length;
    };
    let off: (() => void) | undefined;
    const cleanup = () => {
      off?.();
      // The keys after the answering one in the same chunk (a burst like `yes⏎`) still reach opts.skip: the keypress
      // events of one chunk are emitted synchronously, and the listener goes only once they are all out.
      queueMicrotask(() => input.removeListener('keypress', keypress));
      input.removeListener('end', ended);
      if (typeof input.setRawMode === 'function') input.setRawMode(wasRaw);
      input.pause();
      if (opts.hideCursor) output.write(`${ESC}?25h`);
    };
    const clearBlock = () => {
      if (drawnRows > 0) output.write(`\r${drawnRows > 1 ? `${ESC}${drawnRows - 1}A` : ''}${ESC}J`);
      drawnRows = 0;
    };
    const done = (value: T, summary: string) => {
      if (settled) return;
      settled = true;
      clearBlock();
      output.write(summary + '\n');
      cleanup();
      resolve(value);
    };
    const cancel = () => {
      if (settled) return;
      settled = true;
      output.write('\n');
      cleanup();
      reject(new CancelledError());
    };
    const keypress = (_s: string | undefined, key: Key | undefined) => {
      if (!key) return;
      if (settled) return void opts.skip?.(key);
      if (opts.skip?.(key)) return;
      if ((key.ctrl && (key.name === 'c' || key.name === 'd')) || key.name === 'escape') return cancel();
      try {
        onKey(key, done, render);
      } catch (e) {
        settled = true;
        cleanup();
        reject(e);
      }
    };
    const ended = () => cancel();
    readline.emitKeypressEvents(input);
    if (typeof input.setRawMode === 'function') input.setRawMode(true);
    input.on('keypress', keypress);
    input.once('end', ended);
    off = opts.onInterrupt?.(() => cancel());
    input.resume();
    if (opts.hideCursor) output.write(`${ESC}?25l`);
    render();
  });
}

/** What has been typed of the word that a y or n without Enter started ("y", "ye", ...). */
export interface TypeAhead {
  typed: string;
}

const YES_NO_WORDS = ['yes', 'yeah', 'yep', 'yup', 'no', 'nope', 'nah'];

/**
 * A y/n question answers on its first key, but a person may go on typing "yes⏎" or "no⏎" (or yeah, yep, yup, nope,
 * nah) by habit. The rest of that word, and the Enter after it, belong to the answer given: they are skipped (whether
 * they come in the same burst or at the next question) instead of being typed into the next question, where the Enter
 * would silently take its default. A lone Enter after y/n is not skipped (it may be a deliberate answer to the next
 * question); any key that does not continue the word ends the skipping.
 */
export function typeAheadKey(t: TypeAhead | undefined, key: Key): { typeAhead: TypeAhead | undefined; skip: boolean } {
  if (!t) return { typeAhead: undefined, skip: false };
  const more = isPrintable(key) ? t.typed + key.sequence!.toLowerCase() : undefined;
  if (more && YES_NO_WORDS.some((w) => w.startsWith(more))) return { typeAhead: { typed: more }, skip: true };
  if ((key.name === 'return' || key.name === 'enter') && t.typed.length > 1) return { typeAhead: undefined, skip: true };
  return { typeAhead: undefined, skip: false };
}

const isPrintable = (key: Key) => !key.ctrl && !key.meta && !!key.sequence && !/[\x00-\x1f\x7f]/.test(key.sequence) && !key.sequence.startsWith('\x1b');

/**
 * A digit typed at a numbered select: the item number typed so far becomes `typed` (''  when none). Digits accumulate
 * while the number stays a valid item (1 then 1 is item 11 of 12); a digit that would make it too large (or a leading
 * 0) starts a new number with that digit alone, so in a list of up to 9 items every digit jumps straight to its item.
 * Backspace removes the last digit. Returns undefined for any other key (the caller then forgets the typed number).
 */
export function selectNumberKey(typed: string, key: Key, count: number): { typed: string } | undefined {
  if (key.name === 'backspace') return typed ? { typed: typed.slice(0, -1) } : undefined;
  const d = !key.ctrl && !key.meta && key.sequence && /^[0-9]$/.test(key.sequence) ? key.sequence : undefined;
  if (d === undefined) return undefined;
  const valid = (s: string) => /^[1-9][0-9]*$/.test(s) && Number(s) <= count;
  if (valid(typed + d)) return { typed: typed + d };
  if (valid(d)) return { typed: d };
  return { typed };
}

export interface ConfirmState {
  /** A word being typed (only when its first key was not y or n). */
  typed: string;
  /** Why the last Enter was not taken as an answer. */
  problem?: string;
}

/**
 * One key at a y/n question. A lone y or n as the first key answers at once (no Enter needed); anything else is typed
 * as a word and answered with Enter: y, yes, n, no (any case), or nothing for the default. Any other word is not an
 * answer: the question stays open with a hint, so "maybe" or "okay" is never taken as a yes.
 */
export function confirmKey(state: ConfirmState, key: Key, def: boolean): { state: ConfirmState; answer?: boolean; fast?: true } {
  if (key.name === 'return' || key.name === 'enter') {
    const w = state.typed.trim().toLowerCase();
    if (w === '') return { state, answer: def };
    if (w === 'y' || w === 'yes') return { state, answer: true };
    if (w === 'n' || w === 'no') return { state, answer: false };
    return { state: { typed: '', problem: `answer y or n ("${state.typed.trim()}" is neither)` } };
  }
  if (key.name === 'backspace') return { state: { typed: state.typed.slice(0, -1), problem: state.problem } };
  if (key.ctrl && key.name === 'u') return { state: { typed: '', problem: state.problem } };
  if (!isPrintable(key)) return { state };
  if (state.typed === '' && key.sequence!.length === 1 && /^[yn]$/i.test(key.sequence!)) return { state, answer: /^y$/i.test(key.sequence!), fast: true };
  return { state: { typed: state.typed + key.sequence } };
}

export function createTtyPrompter(deps: Pick<Deps, 'stdin' | 'stderr'> & Partial<Pick<Deps, 'env' | 'isTTY' | 'onInterrupt'>>, style?: PrompterStyle): Prompter {
  const input = deps.stdin as TtyIn;
  const output = deps.stderr as TtyOut;
  const color = style?.color ?? (deps.env && deps.isTTY ? promptColor({ env: deps.env, isTTY: deps.isTTY }) : false);
  const c = painter(color);
  const q = (message: string) => `${c.cyan('?')} ${c.bold(message)}`;
  const answered = (message: string, answer: string) => `${c.green('✔')} ${message} ${c.dim('·')} ${answer}`;
  let typeAhead: TypeAhead | undefined;
  const skip = (key: Key) => {
    const r = typeAheadKey(typeAhead, key);
    typeAhead = r.typeAhead;
    return r.skip;
  };

  return {
    text(message, opts = {}) {
      // A hidden value would lose its first characters unseen: no type-ahead skipping there.
      if (opts.secret) typeAhead = undefined;
      let value = '';
      let problem: string | undefined;
      return ask<string>(
        input,
        output,
        () => {
          const shown = opts.secret ? (value ? c.dim(`[hidden: ${value.length} characters]`) : '') : value;
          const def = opts.default !== undefined && opts.default !== '' && !value ? c.dim(opts.secret ? '(press Enter to keep the current one)' : `(${opts.default})`) : '';
          const lines = [`${q(message)} ${def}${def && shown ? ' ' : ''}${shown}`];
          if (problem) lines.push(`  ${c.red('✖')} ${problem}`);
          return lines;
        },
        (key, done, redraw) => {
          if (key.name === 'return' || key.name === 'enter') {
            const v = value.trim() === '' ? opts.default ?? '' : opts.secret ? value : value.trim();
            problem = opts.validate?.(v) ?? (v === '' ? 'an answer is required' : undefined);
            if (!problem) return done(v, answered(message, opts.secret ? c.dim('[hidden]') : v));
          } else if (key.name === 'backspace') {
            value = value.slice(0, -1);
            problem = undefined;
          } else if (key.ctrl && key.name === 'u') {
            value = '';
          } else if (key.name === 'tab') {
            if (!value && opts.default && !opts.secret) value = opts.default;
          } else if (isPrintable(key)) {
            value += key.sequence;
            problem = undefined;
          }
          redraw();
        },
        { hideCursor: false, onInterrupt: deps.onInterrupt, skip: opts.secret ? undefined : skip },
      );
    },

    select<T>(message: string, choices: Choice<T>[], opts: { default?: number } = {}) {
      if (choices.length === 0) return Promise.reject(new Error(`select "${message}" has no choices`));
      let cursor = Math.min(Math.max(opts.default ?? 0, 0), choices.length - 1);
      let typed = ''; // the item number being typed (digits accumulate: 1 then 1 is item 11)
      const window = () => Math.max(3, Math.min(12, (output.rows || 24) - 4));
      let top = 0;
      return ask<T>(
        input,
        output,
        () => {
          const size = window();
          if (cursor < top) top = cursor;
          if (cursor >= top + size) top = cursor - size + 1;
          const lines = [`${q(message)} ${c.dim('(↑/↓, Enter)')}${typed ? ` ${typed}` : ''}`];
          if (top > 0) lines.push(c.dim(`    ↑ ${top} more`));
          choices.slice(top, top + size).forEach((ch, i) => {
            const at = top + i === cursor;
            const hint = ch.hint ? c.dim(`  ${ch.hint}`) : '';
            lines.push(`${at ? c.cyan('❯') : ' '} ${String(top + i + 1).padStart(2)}) ${at ? c.cyan(ch.label) : ch.label}${hint}`);
          });
          const below = choices.length - (top + size);
          if (below > 0) lines.push(c.dim(`    ↓ ${below} more`));
          return lines;
        },
        (key, done, redraw) => {
          const n = choices.length;
          if (key.name === 'return' || key.name === 'enter') return done(choices[cursor]!.value, answered(message, choices[cursor]!.label));
          const number = selectNumberKey(typed, key, n);
          if (number) {
            typed = number.typed;
            if (typed) cursor = Number(typed) - 1;
            return redraw();
          }
          typed = '';
          if (key.name === 'up' || (key.ctrl && key.name === 'p')) cursor = (cursor - 1 + n) % n;
          else if (key.name === 'down' || (key.ctrl && key.name === 'n') || key.name === 'tab') cursor = (cursor + 1) % n;
          else if (key.name === 'home') cursor = 0;
          else if (key.name === 'end') cursor = n - 1;
          else if (key.name === 'pageup') cursor = Math.max(0, cursor - window());
          else if (key.name === 'pagedown') cursor = Math.min(n - 1, cursor + window());
          redraw();
        },
        { hideCursor: true, onInterrupt: deps.onInterrupt, skip },
      );
    },

    confirm(message, opts = {}) {
      const def = opts.default ?? true;
      let state: ConfirmState = { typed: '' };
      return ask<boolean>(
        input,
        output,
        () => {
          const lines = [`${q(message)} ${c.dim(def ? '(Y/n)' : '(y/N)')} ${state.typed}`];
          if (state.problem) lines.push(`  ${c.red('✖')} ${state.problem}`);
          return lines;
        },
        (key, done, redraw) => {
          const r = confirmKey(state, key, def);
          if (r.answer !== undefined) {
            if (r.fast) typeAhead = { typed: r.answer ? 'y' : 'n' };
            return done(r.answer, answered(message, r.answer ? 'yes' : 'no'));
          }
          state = r.state;
          redraw();
        },
        { hideCursor: false, onInterrupt: deps.onInterrupt, skip },
      );
    },
  };
}

export { interruptible } from './interrupt.js';

export interface Progress {
  /** Change the text while waiting. */
  update(text: string): void;
  /** Stop with a final line (✔). */
  succeed(text?: string): void;
  /** Stop with a failure line (✖). */
  fail(text?: string): void;
  /** Stop and erase the spinner line (on a TTY). */
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A spinner on stderr when it is a TTY; otherwise one progress line at the start and one at the end. */
export function startProgress(deps: Pick<Deps, 'stderr' | 'isTTY' | 'env'>, text: string, style?: PrompterStyle): Progress {
  const out = deps.stderr;
  const c = painter(style?.color ?? promptColor(deps));
  const tty = deps.isTTY.stderr;
  let current = text;
  let frame = 0;
  let stopped = false;
  const columns = () => (out as TtyOut).columns || 80;
  const draw = () => out.write(`\r${ESC}2K${fit(`${c.cyan(FRAMES[frame++ % FRAMES.length]!)} ${current}`, columns())}`);
  let timer: NodeJS.Timeout | undefined;
  if (tty) {
    draw();
    timer = setInterval(draw, 80);
    timer.unref();
  } else {
    out.write(`${text}…\n`);
  }
  const end = (line?: string) => {
    if (stopped) return;
    stopped = true;
    if (timer) clearInterval(timer);
    if (tty) out.write(`\r${ESC}2K`);
    if (line !== undefined) out.write(line + '\n');
  };
  return {
    update(t) {
      current = t;
      if (!tty && !stopped) out.write(`${t}…\n`);
    },
    succeed: (t) => end(`${c.green('✔')} ${t ?? current}`),
    fail: (t) => end(`${c.red('✖')} ${t ?? current}`),
    stop: () => end(),
  };
}

/** Run one network step: a spinner while it waits, Ctrl-C cancels, and a ✔ / ✖ line when it ends. */
export async function step<T>(
  deps: Pick<Deps, 'stdin' | 'stderr' | 'isTTY' | 'env'> & Partial<Pick<Deps, 'onInterrupt'>>,
  text: string,
  work: (p: Progress) => Promise<T>,
  opts: { done?(value: T): string | undefined; style?: PrompterStyle } = {},
): Promise<T> {
  const p = startProgress(deps, text, opts.style);
  try {
    // work starts on the next microtask, once interruptible has the terminal in raw mode and its SIGINT listener set:
    // its synchronous start can be long (the first call requires the AWS SDK, ~100 ms), and a Ctrl-C pressed as soon as
    // the spinner shows must be a cancel, not the default SIGINT kill.
    const v = await interruptible(deps, Promise.resolve().then(() => work(p)));
    const line = opts.done?.(v);
    if (line === undefined) p.stop();
    else p.succeed(line);
    return v;
  } catch (e) {
    if (e instanceof CancelledError) p.fail(`${text}: cancelled`);
    else p.stop();
    throw e;
  }
}

/**
 * For tests: answers in order. A select answer matches a choice's label or String(value); a text answer is
 * validated like a typed one; an unexpected prompt or a leftover answer is a test failure.
 */
export function scriptedPrompter(answers: (string | boolean | typeof CANCEL)[]): Prompter & { asked: string[]; assertDone(): void } {
  const queue = [...answers];
  const asked: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (!queue.length) throw new Error(`unexpected prompt: ${message}`);
    const a = queue.shift()!;
    if (a === CANCEL) throw new CancelledError();
    return a;
  };
  return {
    asked,
    async text(message, opts = {}) {
      const a = next(message);
      if (typeof a !== 'string') throw new Error(`prompt "${message}" wants text, script gave ${String(a)}`);
      const v = a === '' ? opts.default ?? '' : a;
      const problem = opts.validate?.(v);
      if (problem) throw new Error(`scripted answer ${JSON.stringify(opts.secret ? '[hidden]' : a)} to "${message}" is invalid: ${problem}`);
      return v;
    },
    async select(message, choices) {
      const a = next(message);
      const c = choices.find((x) => x.label === a || String(x.value) === a);
      if (!c) throw new Error(`scripted answer ${JSON.stringify(a)} matches no choice of "${message}": ${choices.map((x) => x.label).join(' | ')}`);
      return c.value;
    },
    async confirm(message) {
      const a = next(message);
      if (typeof a !== 'boolean') throw new Error(`prompt "${message}" wants yes/no, script gave ${JSON.stringify(a)}`);
      return a;
    },
    assertDone() {
      if (queue.length) throw new Error(`${queue.length} scripted answer(s) were never asked for`);
    },
  };
}

/** A scripted answer that behaves like Ctrl-C. */
export const CANCEL: unique symbol = Symbol('cancel');
