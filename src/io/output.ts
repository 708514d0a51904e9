// stdout is data, stderr is everything else. Colors only on a TTY and never with NO_COLOR / --no-color.
import type { Deps } from '../deps.js';

export interface Output {
  readonly json: boolean;
  readonly color: boolean;
  /** Data for the user (stdout). */
  print(text?: string): void;
  /** Progress, hints and warnings (stderr). */
  note(text: string): void;
  /** Debug details (stderr, only with --debug). Never pass secrets. */
  debug(text: string): void;
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
}

export function createOutput(deps: Deps, opts: { json: boolean; noColor: boolean; debug: boolean }): Output {
  const color = !opts.json && !opts.noColor && !deps.env.NO_COLOR && deps.isTTY.stdout && deps.env.TERM !== 'dumb';
  const paint = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  return {
    json: opts.json,
    color,
    print: (text = '') => void deps.stdout.write(text + '\n'),
    note: (text) => void deps.stderr.write(text + '\n'),
    debug: (text) => { if (opts.debug) deps.stderr.write(`debug: ${text}\n`); },
    bold: paint('1'),
    dim: paint('2'),
    green: paint('32'),
    yellow: paint('33'),
    red: paint('31'),
  };
}

/** A simple left-aligned table for human output. */
export function table(rows: string[][], gap = 2): string {
  // eslint-disable-next-line no-control-regex
  const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, visible(c)); });
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - visible(c) + gap))).join('').trimEnd())
    .join('\n');
}
