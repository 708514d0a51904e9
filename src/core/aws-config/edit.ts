// Pure text planners for AWS config/credentials files: minimal line edits, every untouched line kept byte for byte.
import { CliError } from '../../errors.js';
import { dominantEol, parseIni, printIni, type Eol, type IniDocument, type IniLine, type KeyLine } from './ini.js';
import { pyFirstNonSpace, pyLower, pyRstrip, shlexSplit } from './pystr.js';

function refuse(what: string, why: string): never {
  throw new CliError({ what, why, next: 'use a name made of letters, digits and - _ . @ / (and a value on one line), then run the command again', code: 'invalid-aws-config-text' });
}

function checkSection(section: string): void {
  if (section === '' || /[\r\n[\]]/.test(section) || section.trim() !== section) {
    refuse(`Cannot write the section name ${JSON.stringify(section)} to an AWS config file.`, 'Section names must be non-empty, on one line, without [ or ] and without leading or trailing spaces.');
  }
}

function checkKey(key: string): void {
  if (key === '' || /[\r\n=:]/.test(key) || key.trim() !== key || /^[#;[]/.test(key)) {
    refuse(`Cannot write the key ${JSON.stringify(key)} to an AWS config file.`, 'Keys must be non-empty, on one line, without = or : (both are delimiters to the AWS CLI) and must not start with #, ; or [.');
  }
}

function checkValue(key: string, value: string): void {
  if (/[\r\n]/.test(value) || value.trim() !== value) {
    // The value itself may be a secret: name the key only.
    refuse(`Cannot write the value of ${key} to an AWS config file.`, 'Values must be on one line, without leading or trailing spaces (the AWS CLI strips them).');
  }
}

/** What botocore resolves a section header to: a profile, sso-session or services name, or a raw section. */
function identity(name: string): string | null {
  for (const prefix of ['profile', 'sso-session', 'services']) {
    if (name.startsWith(prefix)) {
      const parts = shlexSplit(name);
      return parts && parts.length === 2 ? `${prefix}\0${parts[1]}` : null;
    }
  }
  return `raw\0${name}`;
}

const PREFIXED = /^(profile|sso-session|services) (.+)$/s;

/**
 * The sections a name refers to: exact header matches; failing those, headers botocore reads as the same
 * profile/sso-session/services (`[profile "dev"]`, `[profile  dev]` for `profile dev`; `[profile "my dev"]` for
 * `profile my dev`: what follows the prefix is the name). All duplicates are returned.
 */
function findSections(doc: IniDocument, section: string): number[] {
  const exact = doc.sections.flatMap((s, i) => (s.name === section ? [i] : []));
  const m = PREFIXED.exec(section);
  if (exact.length || !m) return exact;
  const want = `${m[1]}\0${m[2]}`;
  return doc.sections.flatMap((s, i) => (identity(s.name) === want ? [i] : []));
}

/** A header we write must name what the caller meant: botocore drops `[profile a b]` and JS drops quoted names. */
function checkNewSection(section: string): void {
  const m = PREFIXED.exec(section);
  if (m && /[\s"'\\]/.test(m[2]!)) {
    refuse(`Cannot create [${section}]: the name ${JSON.stringify(m[2])} has spaces, quotes or backslashes.`, 'The AWS CLI ignores such a section unless the name is quoted, and Claude Code (AWS SDK for JavaScript) cannot read it at all.');
  }
}

function keyLinesIn(doc: IniDocument, sectionIdx: number, key: string): number[] {
  const { header, end } = doc.sections[sectionIdx]!;
  const k = pyLower(key);
  const out: number[] = [];
  for (let i = header + 1; i < end; i++) {
    const l = doc.lines[i]!;
    if (l.kind === 'key' && l.key === k) out.push(i);
  }
  return out;
}

/** Remove lines; a removed last line without a line ending leaves the new last line without one. */
function removeLines(lines: IniLine[], remove: Set<number>): IniLine[] {
  if (remove.size === 0) return lines;
  const lastHadNoEol = lines.length > 0 && lines[lines.length - 1]!.eol === '';
  const kept = lines.filter((_, i) => !remove.has(i));
  if (lastHadNoEol && remove.has(lines.length - 1) && kept.length > 0) {
    kept[kept.length - 1] = { ...kept[kept.length - 1]!, eol: '' };
  }
  return kept;
}

/** Insert raw lines after index `after` (-1: at the start). A file without a final newline stays without one. */
function insertLines(lines: IniLine[], after: number, raws: string[], eol: Eol): IniLine[] {
  const out = lines.slice();
  const atEndWithoutEol = after >= 0 && out[after]!.eol === '';
  if (atEndWithoutEol) out[after] = { ...out[after]!, eol };
  const next = out[after + 1];
  const fresh: IniLine[] = [];
  raws.forEach((raw, i) => {
    let e: Eol = atEndWithoutEol && i === raws.length - 1 ? '' : eol;
    // A lone CR followed by an empty LF line reads back as one CRLF: never write that pair (see render).
    const prevEol = i === 0 ? out[after]?.eol : fresh[i - 1]!.eol;
    if (raw === '' && prevEol === '\r' && e === '\n') e = '\r';
    if (i === raws.length - 1 && e === '\r' && next && next.raw === '' && next.eol === '\n') e = '\n';
    fresh.push({ kind: 'comment', raw, eol: e, section: -1 });
  });
  out.splice(after + 1, 0, ...fresh);
  return out;
}

/**
 * Lines back to text. After an edit a lone-CR line ending can land right before an empty LF line; written as is the
 * two would read back as one CRLF and the empty line would vanish, so that empty line's ending is written as CRLF.
 */
function render(lines: IniLine[]): string {
  let s = '';
  let prevEol: Eol = '';
  for (const l of lines) {
    const eol: Eol = prevEol === '\r' && l.raw === '' && l.eol === '\n' ? '\r\n' : l.eol;
    s += l.raw + eol;
    prevEol = eol;
  }
  return s;
}

/** Spacing around `=` as the file writes it (`key = value` unless its keys are written `key=value`). */
function keyStyle(doc: IniDocument, sectionIdx: number): { before: string; after: string } {
  const pick = (k: KeyLine) => {
    const head = k.raw.slice(0, k.delimAt);
    const before = head.slice(pyRstrip(head).length);
    const after = k.raw.slice(k.delimAt + 1, k.valueStart);
    const plain = (s: string) => (/^[ \t]*$/.test(s) ? s : ' ');
    return { before: plain(before), after: plain(after) };
  };
  const candidates: KeyLine[] = [];
  if (sectionIdx >= 0) {
    const { header, end } = doc.sections[sectionIdx]!;
    for (let i = header + 1; i < end; i++) if (doc.lines[i]!.kind === 'key') candidates.push(doc.lines[i] as KeyLine);
  }
  if (!candidates.length) for (const l of doc.lines) if (l.kind === 'key') candidates.push(l);
  const ref = candidates.filter((k) => k.delimiter === '=' && k.valueStart < k.valueEnd).pop();
  return ref ? pick(ref) : { before: ' ', after: ' ' };
}

function keyLine(indent: string, key: string, value: string, style: { before: string; after: string }): string {
  return value === '' ? `${indent}${key}${style.before}=` : `${indent}${key}${style.before}=${style.after}${value}`;
}

const indentOf = (l: IniLine) => l.raw.slice(0, Math.max(0, pyFirstNonSpace(l.raw)));

/**
 * Indent for a key inserted after line `after` of a section, chosen so configparser reads it as a key (not a
 * continuation of the key before it) and the next header does not become its continuation: the section's key
 * indent, capped at the current indent level while a key is open, raised to the next content line's indent.
 */
function insertIndent(doc: IniDocument, sectionIdx: number, after: number): string {
  const { header } = doc.sections[sectionIdx]!;
  let indent = '';
  let open = false;
  let level = '';
  for (let i = header; i <= after; i++) {
    const l = doc.lines[i]!;
    if (l.kind === 'key') { indent = indentOf(l); open = true; }
    else if (l.kind === 'section' || (l.kind === 'invalid' && l.reason === 'empty-key')) open = false;
    if (l.kind === 'key' || l.kind === 'section' || l.kind === 'invalid') level = indentOf(l);
  }
  if (open && indent.length > level.length) indent = level;
  for (let i = after + 1; i < doc.lines.length; i++) {
    const l = doc.lines[i]!;
    if (l.kind === 'blank' || l.kind === 'comment') continue;
    const next = indentOf(l);
    if (next.length > indent.length) indent = next;
    break;
  }
  return indent;
}

/** Last header/key/continuation/invalid line of a section: new keys go after it, before trailing blanks and comments. */
function lastContentLine(doc: IniDocument, sectionIdx: number): number {
  const { header, end } = doc.sections[sectionIdx]!;
  for (let i = end - 1; i > header; i--) {
    const k = doc.lines[i]!.kind;
    if (k !== 'blank' && k !== 'comment') return i;
  }
  return header;
}

function sectionBlock(doc: IniDocument, section: string, entries: [string, string][]): string[] {
  const style = keyStyle(doc, -1);
  return [`[${section}]`, ...entries.map(([k, v]) => keyLine('', k, v, style))];
}

/**
 * Set `key = value` in `section` (raw header name: `profile dev`, `default`, `sso-session corp`). Replaces the value
 * in place, keeping the line's spacing; otherwise appends the key after the section's last key; otherwise creates the
 * section at the end. A key that appears more than once (which botocore rejects) is set everywhere, so every reader
 * agrees.
 */
export function setKey(text: string, section: string, key: string, value: string): string {
  checkSection(section);
  checkKey(key);
  checkValue(key, value);
  const doc = parseIni(text);
  const matches = findSections(doc, section);
  if (matches.length === 0) return addSection(text, section, [[key, value]]);
  const hits = matches.flatMap((s) => keyLinesIn(doc, s, key));
  if (hits.length) {
    let lines = doc.lines.slice();
    const drop = new Set<number>();
    for (const i of hits) {
      const k = lines[i] as KeyLine;
      let before = k.raw.slice(0, k.valueStart);
      // `key =` with nothing after the delimiter: add the space the file's style wants.
      if (k.valueStart === k.valueEnd && k.valueStart === k.delimAt + 1 && value !== '' && /\s$/.test(k.raw.slice(0, k.delimAt))) before += ' ';
      lines[i] = { ...k, raw: before + value + k.raw.slice(k.valueEnd) };
      // The old value's continuation lines would otherwise be appended to the new value.
      for (const c of k.continuations) drop.add(c);
    }
    lines = removeLines(lines, drop);
    return render(lines);
  }
  const target = matches[matches.length - 1]!;
  const after = lastContentLine(doc, target);
  const indent = insertIndent(doc, target, after);
  const line = keyLine(indent, key, value, keyStyle(doc, target));
  return render(insertLines(doc.lines, after, [line], dominantEol(doc)));
}

/** Remove `key` (and its continuation lines) from every section matching `section`. Unchanged text if absent. */
export function unsetKey(text: string, section: string, key: string): string {
  checkSection(section);
  checkKey(key);
  const doc = parseIni(text);
  const drop = new Set<number>();
  for (const s of findSections(doc, section)) {
    for (const i of keyLinesIn(doc, s, key)) {
      drop.add(i);
      for (const c of (doc.lines[i] as KeyLine).continuations) drop.add(c);
    }
  }
  return drop.size ? render(removeLines(doc.lines, drop)) : text;
}

/** Append a new section with its entries at the end of the file (a blank line before it). Throws if it exists. */
export function addSection(text: string, section: string, entries: [string, string][]): string {
  checkSection(section);
  checkNewSection(section);
  for (const [k, v] of entries) {
    checkKey(k);
    checkValue(k, v);
  }
  const doc = parseIni(text);
  if (findSections(doc, section).length) {
    throw new CliError({ what: `The section [${section}] already exists.`, why: 'Adding it again would make the file unreadable to the AWS CLI (duplicate section).', next: 'edit the existing section instead', code: 'aws-config-section-exists' });
  }
  const block = sectionBlock(doc, section, entries);
  const last = doc.lines[doc.lines.length - 1];
  if (last && last.kind !== 'blank') block.unshift('');
  return render(insertLines(doc.lines, doc.lines.length - 1, block, dominantEol(doc)));
}

/**
 * Remove every section matching `section`: its header through its last key, plus the blank lines after it (or,
 * at the end of the file, the blank lines before it). Comments after its last key are left for the next section.
 */
export function removeSection(text: string, section: string): string {
  checkSection(section);
  const doc = parseIni(text);
  const drop = new Set<number>();
  for (const s of findSections(doc, section)) {
    const { header } = doc.sections[s]!;
    const last = lastContentLine(doc, s);
    for (let i = header; i <= last; i++) drop.add(i);
    let j = last + 1;
    while (j < doc.lines.length && doc.lines[j]!.kind === 'blank') drop.add(j++);
    if (j === doc.lines.length) {
      for (let i = header - 1; i >= 0 && doc.lines[i]!.kind === 'blank' && !drop.has(i); i--) drop.add(i);
    }
  }
  return drop.size ? render(removeLines(doc.lines, drop)) : text;
}

/** Rename every header matching `from` to `to`, keeping everything else on the line. Throws if `to` exists or `from` does not. */
export function renameSection(text: string, from: string, to: string): string {
  checkSection(from);
  checkSection(to);
  checkNewSection(to);
  const doc = parseIni(text);
  const matches = findSections(doc, from);
  if (!matches.length) {
    throw new CliError({ what: `The section [${from}] does not exist.`, next: 'claude-bedrock profiles', code: 'aws-config-section-missing' });
  }
  if (from !== to && findSections(doc, to).length) {
    throw new CliError({ what: `Cannot rename [${from}] to [${to}]: [${to}] already exists.`, why: 'Two sections with the same name make the file unreadable to the AWS CLI.', next: 'remove or rename the existing section first', code: 'aws-config-section-exists' });
  }
  const lines = doc.lines.slice();
  for (const s of matches) {
    const i = doc.sections[s]!.header;
    const l = lines[i]!;
    const open = l.raw.indexOf('[');
    const close = l.raw.lastIndexOf(']');
    lines[i] = { ...l, raw: l.raw.slice(0, open + 1) + to + l.raw.slice(close) };
  }
  return render(lines);
}

export function hasSection(text: string, section: string): boolean {
  checkSection(section);
  return findSections(parseIni(text), section).length > 0;
}

export { parseIni, printIni };
