// Lossless INI document for ~/.aws/config and ~/.aws/credentials: every line kept byte for byte, classified the way
// botocore's configparser (Python 3 RawConfigParser, strict, `=`/`:` delimiters, full-line `#`/`;` comments) reads it.
import { pyFirstNonSpace, pyLower, pyRstrip, pyStrip, pyLstrip } from './pystr.js';

export type Eol = '' | '\n' | '\r\n' | '\r';

interface LineBase {
  /** The line's text without its line ending. */
  raw: string;
  /** Its line ending ('' only on a last line without one). */
  eol: Eol;
  /** Index into IniDocument.sections of the section this line sits in, or -1 before the first header. */
  section: number;
}

export interface BlankLine extends LineBase { kind: 'blank' }
export interface CommentLine extends LineBase { kind: 'comment' }
export interface SectionLine extends LineBase {
  kind: 'section';
  /** The header as configparser sees it: text between `[` and the last `]` (e.g. `profile dev`). */
  name: string;
}
export interface KeyLine extends LineBase {
  kind: 'key';
  /** The key as written (right-stripped). */
  rawKey: string;
  /** The key as botocore sees it (lower-cased). */
  key: string;
  delimiter: '=' | ':';
  /** Offset in raw of the delimiter. */
  delimAt: number;
  /** The value on this line, stripped; continuation lines add to it. */
  value: string;
  /** Offsets in raw of the value on this line (valueStart === valueEnd when it is empty). */
  valueStart: number;
  valueEnd: number;
  /** Column of the first non-space character. */
  indent: number;
  /** Indexes of the continuation lines that belong to this key. */
  continuations: number[];
}
export interface ContinuationLine extends LineBase {
  kind: 'continuation';
  /** Index of the key line this continues. */
  owner: number;
  /** The stripped text added to the owner's value. */
  text: string;
}
export type InvalidReason = 'before-section' | 'no-delimiter' | 'empty-key';
export interface InvalidLine extends LineBase {
  kind: 'invalid';
  /** Why configparser rejects this line (which makes botocore refuse the whole file). */
  reason: InvalidReason;
}

export type IniLine = BlankLine | CommentLine | SectionLine | KeyLine | ContinuationLine | InvalidLine;

export interface IniSection {
  name: string;
  /** Index of the header line. */
  header: number;
  /** One past the last line of the section (the next header, or the end). */
  end: number;
}

export interface IniDocument {
  lines: IniLine[];
  sections: IniSection[];
  /** The file starts with a UTF-8 byte-order mark (kept in lines[0].raw; botocore refuses such a file). */
  bom: boolean;
}

const LINE_RE = /\r\n|\r|\n/g;

/** Split into lines the way Python's universal-newline reader does (`\r\n`, `\r` and `\n` all end a line). */
function splitLines(text: string): { raw: string; eol: Eol }[] {
  const out: { raw: string; eol: Eol }[] = [];
  let last = 0;
  LINE_RE.lastIndex = 0;
  for (let m = LINE_RE.exec(text); m; m = LINE_RE.exec(text)) {
    out.push({ raw: text.slice(last, m.index), eol: m[0] as Eol });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ raw: text.slice(last), eol: '' });
  return out;
}

/** Parse any text; never throws. print(parse(x)) === x. */
export function parseIni(text: string): IniDocument {
  const bom = text.charCodeAt(0) === 0xfeff;
  const lines: IniLine[] = [];
  const sections: IniSection[] = [];
  let cur = -1;
  // configparser state: the option that indented lines continue, and the indent of the last key/header line.
  let option = -1;
  let indentLevel = 0;
  const split = splitLines(text);
  for (let i = 0; i < split.length; i++) {
    const { raw, eol } = split[i]!;
    // A BOM is not whitespace to Python: botocore fails on it. We note it and read past it (as the JS SDK does).
    const skip = i === 0 && bom ? 1 : 0;
    const body = skip ? raw.slice(1) : raw;
    const stripped = pyStrip(body);
    if (stripped === '') {
      // Blank lines join a running value (empty_lines_in_values=True) but do not end it.
      lines.push({ kind: 'blank', raw, eol, section: cur });
      continue;
    }
    if (stripped[0] === '#' || stripped[0] === ';') {
      lines.push({ kind: 'comment', raw, eol, section: cur });
      continue;
    }
    const indent = pyFirstNonSpace(body);
    if (cur >= 0 && option >= 0 && indent > indentLevel) {
      const owner = lines[option] as KeyLine;
      owner.continuations.push(i);
      lines.push({ kind: 'continuation', raw, eol, section: cur, owner: option, text: stripped });
      continue;
    }
    indentLevel = indent;
    const close = stripped.lastIndexOf(']');
    if (stripped[0] === '[' && close >= 2) {
      if (cur >= 0) sections[cur]!.end = i;
      cur = sections.length;
      sections.push({ name: stripped.slice(1, close), header: i, end: split.length });
      lines.push({ kind: 'section', raw, eol, section: cur, name: stripped.slice(1, close) });
      option = -1;
      continue;
    }
    if (cur < 0) {
      lines.push({ kind: 'invalid', raw, eol, section: cur, reason: 'before-section' });
      continue;
    }
    const d = firstDelimiter(stripped);
    if (d < 0) {
      lines.push({ kind: 'invalid', raw, eol, section: cur, reason: 'no-delimiter' });
      continue;
    }
    const rawKey = pyRstrip(stripped.slice(0, d));
    if (rawKey === '') {
      lines.push({ kind: 'invalid', raw, eol, section: cur, reason: 'empty-key' });
      // configparser still records the empty option name, which is falsy: nothing continues it.
      option = -1;
      continue;
    }
    // Locate the value inside raw so an edit can replace exactly those characters.
    const keyAt = skip + indent;
    const delimAt = keyAt + d;
    const afterDelim = raw.slice(delimAt + 1);
    const valueStart = delimAt + 1 + (afterDelim.length - pyLstrip(afterDelim).length);
    const valueEnd = Math.max(valueStart, skip + pyRstrip(body).length);
    option = i;
    lines.push({
      kind: 'key', raw, eol, section: cur,
      rawKey, key: pyLower(rawKey), delimiter: stripped[d] as '=' | ':', delimAt,
      value: raw.slice(valueStart, valueEnd), valueStart, valueEnd, indent, continuations: [],
    });
  }
  return { lines, sections, bom };
}

function firstDelimiter(s: string): number {
  const e = s.indexOf('=');
  const c = s.indexOf(':');
  if (e < 0) return c;
  if (c < 0) return e;
  return Math.min(e, c);
}

export function printIni(doc: IniDocument): string {
  let out = '';
  for (const l of doc.lines) out += l.raw + l.eol;
  return out;
}

/** The line ending most lines use ('\n' when there is none or a tie with it). */
export function dominantEol(doc: IniDocument): '\n' | '\r\n' | '\r' {
  let lf = 0, crlf = 0, cr = 0;
  for (const l of doc.lines) {
    if (l.eol === '\n') lf++;
    else if (l.eol === '\r\n') crlf++;
    else if (l.eol === '\r') cr++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

/**
 * The full value of a key line as configparser builds it: the first line plus continuation lines, blank lines in
 * between kept as empty lines, then right-stripped.
 */
export function keyValue(doc: IniDocument, keyIndex: number): string {
  const k = doc.lines[keyIndex] as KeyLine;
  if (k.continuations.length === 0) return k.value;
  const parts = [k.value];
  const last = k.continuations[k.continuations.length - 1]!;
  for (let i = keyIndex + 1; i <= last; i++) {
    const l = doc.lines[i]!;
    if (l.kind === 'continuation') parts.push(l.text);
    else if (l.kind === 'blank') parts.push('');
  }
  return pyRstrip(parts.join('\n'));
}
