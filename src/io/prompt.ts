// A tiny prompter: questions on stderr (stdout stays data), used only when stdin and stdout are TTYs. Ctrl-C or
// Ctrl-D cancels with CancelledError, so nothing is written. Tests use scriptedPrompter, which fails on any surprise.
import readline from 'node:readline';
import type { Deps } from '../deps.js';
import { CancelledError } from '../errors.js';

export interface Choice<T> {
  label: string;
  value: T;
  hint?: string;
}

export interface Prompter {
  /** Free text; an empty answer takes the default; validate returns a problem to show (and ask again). */
  text(message: string, opts?: { default?: string; validate?(value: string): string | undefined }): Promise<string>;
  select<T>(message: string, choices: Choice<T>[], opts?: { default?: number }): Promise<T>;
  confirm(message: string, opts?: { default?: boolean }): Promise<boolean>;
}

export function canPrompt(deps: Pick<Deps, 'isTTY'>): boolean {
  return deps.isTTY.stdin && deps.isTTY.stdout;
}

export function createTtyPrompter(deps: Pick<Deps, 'stdin' | 'stderr'>): Prompter {
  const ask = (question: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const rl = readline.createInterface({ input: deps.stdin, output: deps.stderr, terminal: true });
      let answered = false;
      rl.on('SIGINT', () => rl.close());
      rl.on('close', () => {
        if (!answered) {
          deps.stderr.write('\n');
          reject(new CancelledError());
        }
      });
      rl.question(question, (a) => {
        answered = true;
        rl.close();
        resolve(a);
      });
    });
  const p: Prompter = {
    async text(message, opts = {}) {
      for (;;) {
        const a = (await ask(`${message}${opts.default ? ` [${opts.default}]` : ''}: `)).trim();
        const v = a === '' ? opts.default ?? '' : a;
        const problem = opts.validate?.(v) ?? (v === '' ? 'an answer is required' : undefined);
        if (!problem) return v;
        deps.stderr.write(`  ${problem}\n`);
      }
    },
    async select(message, choices, opts = {}) {
      if (choices.length === 0) throw new Error(`select "${message}" has no choices`);
      const def = opts.default ?? 0;
      deps.stderr.write(`${message}\n`);
      choices.forEach((c, i) => deps.stderr.write(`  ${String(i + 1).padStart(2)}) ${c.label}${c.hint ? `  (${c.hint})` : ''}\n`));
      for (;;) {
        const a = (await ask(`Choose 1-${choices.length} [${def + 1}]: `)).trim();
        const n = a === '' ? def + 1 : Number(a);
        if (Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1]!.value;
        const byLabel = choices.find((c) => c.label === a);
        if (byLabel) return byLabel.value;
        deps.stderr.write(`  answer with a number from 1 to ${choices.length}\n`);
      }
    },
    async confirm(message, opts = {}) {
      const def = opts.default ?? true;
      for (;;) {
        const a = (await ask(`${message} [${def ? 'Y/n' : 'y/N'}]: `)).trim().toLowerCase();
        if (a === '') return def;
        if (a === 'y' || a === 'yes') return true;
        if (a === 'n' || a === 'no') return false;
      }
    },
  };
  return p;
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
      if (problem) throw new Error(`scripted answer ${JSON.stringify(a)} to "${message}" is invalid: ${problem}`);
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
