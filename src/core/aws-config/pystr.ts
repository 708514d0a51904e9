// Python string semantics botocore relies on (str.isspace/strip/lower/splitlines, shlex.split), so we read INI files exactly as it does.

// str.isspace() and re's \s for str patterns are the same set; JS's trim() differs (it strips U+FEFF, keeps U+001C-U+001F and U+0085).
const PY_SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

export function pyIsSpace(code: number): boolean {
  return PY_SPACE.has(code);
}

/** Index of the first non-whitespace character (Python's `\S` search), or -1. */
export function pyFirstNonSpace(s: string, from = 0): number {
  for (let i = from; i < s.length; i++) if (!PY_SPACE.has(s.charCodeAt(i))) return i;
  return -1;
}

export function pyLstrip(s: string): string {
  let i = 0;
  while (i < s.length && PY_SPACE.has(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}

export function pyRstrip(s: string): string {
  let j = s.length;
  while (j > 0 && PY_SPACE.has(s.charCodeAt(j - 1))) j--;
  return j === s.length ? s : s.slice(0, j);
}

export function pyStrip(s: string): string {
  return pyLstrip(pyRstrip(s));
}

/** str.lower(): JS toLowerCase agrees for every code point in practice (both map U+0130 to "i\u0307"). */
export function pyLower(s: string): string {
  return s.toLowerCase();
}

// str.splitlines() boundaries (used by botocore's nested-section parser): more than the file reader's \r, \n, \r\n.
const SPLITLINES_RE = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/;

export function pySplitlines(s: string): string[] {
  if (s === '') return [];
  const parts = s.split(SPLITLINES_RE);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const SH_SPACE = ' \t\r\n';

/**
 * shlex.split(s) in POSIX mode without comments. Returns null where Python raises ValueError
 * (unclosed quote, trailing backslash).
 */
export function shlexSplit(s: string): string[] | null {
  const out: string[] = [];
  let state = ' ' as ' ' | 'a' | '"' | "'" | '\\';
  let escapedState: ' ' | 'a' | '"' | "'" = 'a';
  let token = '';
  let quoted = false;
  const emit = () => {
    if (token !== '' || quoted) out.push(token);
    token = '';
    quoted = false;
  };
  for (const ch of s) {
    switch (state) {
      case ' ':
        if (SH_SPACE.includes(ch)) continue;
        if (ch === '\\') { escapedState = 'a'; state = '\\'; }
        else if (ch === '"' || ch === "'") state = ch;
        else { token = ch; state = 'a'; }
        break;
      case 'a':
        if (SH_SPACE.includes(ch)) { state = ' '; emit(); }
        else if (ch === '"' || ch === "'") state = ch;
        else if (ch === '\\') { escapedState = 'a'; state = '\\'; }
        else token += ch;
        break;
      case '"':
      case "'":
        quoted = true;
        if (ch === state) state = 'a';
        else if (ch === '\\' && state === '"') { escapedState = state; state = '\\'; }
        else token += ch;
        break;
      case '\\':
        // Inside double quotes only the quote and the backslash itself are escapable.
        if (escapedState === '"' && ch !== '\\' && ch !== '"') token += '\\';
        token += ch;
        state = escapedState;
        break;
    }
  }
  if (state === '"' || state === "'" || state === '\\') return null;
  if (state === 'a') emit();
  return out;
}
