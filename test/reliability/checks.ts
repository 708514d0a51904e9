// What "nothing was lost" means, as assertions shared by the planner-level and CLI-level lost-data tests.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScanner, parseTree, type Node } from 'jsonc-parser';
import { parseIni, type IniLine } from '../../src/core/aws-config/ini.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

// ---------- AWS config files: line level ----------

export interface IniTouch {
  /** Raw section names (`profile dev`, `sso-session corp`, `default`) whose listed keys may change. */
  keys: Map<string, Set<string>>;
  /** Raw section names that may be added (header and every line in them). */
  newSections: Set<string>;
}

export function touch(entries: [section: string, keys: string[]][] = [], newSections: string[] = []): IniTouch {
  const keys = new Map<string, Set<string>>();
  for (const [s, ks] of entries) keys.set(s, new Set([...(keys.get(s) ?? []), ...ks]));
  return { keys, newSections: new Set(newSections) };
}

interface L { line: IniLine; section: string | null; key: string | null }

function annotate(text: string): L[] {
  const doc = parseIni(text);
  return doc.lines.map((line) => {
    const section = line.section >= 0 ? doc.sections[line.section]!.name : null;
    let key: string | null = null;
    if (line.kind === 'key') key = line.key;
    else if (line.kind === 'continuation') {
      const owner = doc.lines[line.owner];
      key = owner && owner.kind === 'key' ? owner.key : null;
    }
    return { line, section, key };
  });
}

function mayChange(l: L, t: IniTouch): boolean {
  if (l.section !== null && t.newSections.has(l.section)) return true;
  if (l.line.kind === 'blank') return true;
  return l.section !== null && l.key !== null && !!t.keys.get(l.section)?.has(l.key);
}

/**
 * Every line of `before` is in `after`, in order and byte for byte, except lines of keys the edit may touch; every
 * line in `after` that was not in `before` is such a key, a line of a new section, or a blank line. The last line
 * may gain a line ending, and an empty LF line after a lone CR may become CRLF (see render in edit.ts).
 */
export function assertIniMinimal(before: string, after: string, t: IniTouch, where: string): void {
  if (before === after) return;
  const a = annotate(before);
  const b = annotate(after);
  const eq = (x: IniLine, y: IniLine, lastOld: boolean) =>
    x.raw === y.raw && (x.eol === y.eol || (lastOld && x.eol === '') || (x.raw === '' && x.eol === '\n' && y.eol === '\r\n'));
  // LCS over lines (files here are small).
  const n = a.length;
  const m = b.length;
  const dp: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i]![j] = eq(a[i]!.line, b[j]!.line, i === n - 1) ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  const lost: string[] = [];
  const added: string[] = [];
  while (i < n || j < m) {
    if (i < n && j < m && eq(a[i]!.line, b[j]!.line, i === n - 1)) { i++; j++; continue; }
    if (j >= m || (i < n && dp[i + 1]![j]! >= dp[i]![j + 1]!)) {
      if (!mayChange(a[i]!, t)) lost.push(`line ${i + 1} ${JSON.stringify(a[i]!.line.raw + a[i]!.line.eol)} [${a[i]!.section}]`);
      i++;
    } else {
      if (!mayChange(b[j]!, t)) added.push(`line ${j + 1} ${JSON.stringify(b[j]!.line.raw + b[j]!.line.eol)} [${b[j]!.section}]`);
      j++;
    }
  }
  assert.ok(!lost.length && !added.length, `${where}: untouched lines changed.\nlost: ${lost.join('\n      ')}\nadded: ${added.join('\n       ')}\nbefore: ${JSON.stringify(before)}\nafter:  ${JSON.stringify(after)}`);
}

// ---------- AWS config files: what botocore reads ----------

type Values = Record<string, string | Record<string, string>>;
export type BotoRead = { profiles: Record<string, Values>; order: string[]; ssoSessions: Record<string, Values>; services: Record<string, unknown> } | { error: string };

/** One python process reads every (config, credentials) pair with botocore's Session. Runs while the caller continues. */
export function botocoreRead(pairs: { config: string | null; credentials: string | null }[]): Promise<BotoRead[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [path.join(HERE, 'botocore_values.py')], {
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`botocore oracle failed (${code}): ${err}`));
      resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as BotoRead[]);
    });
    child.stdin.end(JSON.stringify(pairs));
  });
}

export interface BotoChange {
  /** profile name → keys that may change (or appear, or go). */
  profiles: Map<string, Set<string>>;
  /** sso-session name → keys that may change. */
  sessions: Map<string, Set<string>>;
}

export function botoChange(profiles: [string, string[]][] = [], sessions: [string, string[]][] = []): BotoChange {
  return { profiles: new Map(profiles.map(([p, k]) => [p, new Set(k)])), sessions: new Map(sessions.map(([s, k]) => [s, new Set(k)])) };
}

function compareMaps(kind: string, before: Record<string, Values>, after: Record<string, Values>, allowed: Map<string, Set<string>>, where: string): void {
  for (const [name, vals] of Object.entries(before)) {
    const ok = allowed.get(name);
    const got = after[name];
    assert.ok(got, `${where}: botocore no longer reads ${kind} ${JSON.stringify(name)}`);
    for (const [k, v] of Object.entries(vals)) {
      if (ok?.has(k)) continue;
      assert.deepEqual(got[k], v, `${where}: botocore reads ${kind} ${JSON.stringify(name)} ${k} differently`);
    }
    for (const k of Object.keys(got)) {
      if (!(k in vals)) assert.ok(ok?.has(k), `${where}: ${kind} ${JSON.stringify(name)} gained ${k}, which the edit does not write`);
    }
  }
  for (const name of Object.keys(after)) {
    if (!(name in before)) assert.ok(allowed.has(name), `${where}: botocore reads a new ${kind} ${JSON.stringify(name)} the edit does not write`);
  }
}

/** botocore reads every profile, sso-session and services value as before, except those the edit is meant to change. */
export function assertBotoSame(before: BotoRead, after: BotoRead, change: BotoChange, where: string): void {
  if ('error' in before) return;
  assert.ok(!('error' in after), `${where}: botocore read the file before the edit but refuses it after: ${'error' in after ? after.error : ''}`);
  if ('error' in after) return;
  compareMaps('profile', before.profiles, after.profiles, change.profiles, where);
  compareMaps('sso-session', before.ssoSessions, after.ssoSessions, change.sessions, where);
  assert.deepEqual(after.services, before.services, `${where}: services sections changed`);
}

// ---------- Claude Code settings files ----------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObj(v: unknown): v is Record<string, Json> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

const under = (p: string, allowed: string[]) => allowed.some((a) => p === a || p.startsWith(a + '.'));

/**
 * JSON semantics: every value of `before` outside the allowed key paths is in `after`, unchanged, and keys keep their
 * relative order; nothing appears outside the allowed paths. (Key paths join with '.'; settings keys have no dots
 * that matter here.)
 */
export function assertJsonKept(before: string, after: string, allowed: string[], where: string): void {
  const a = JSON.parse(before) as Json;
  const b = JSON.parse(after) as Json;
  const walk = (x: Json, y: Json | undefined, p: string): void => {
    if (p && under(p, allowed)) return;
    if (isObj(x)) {
      assert.ok(isObj(y), `${where}: ${p || '(root)'} is no longer an object`);
      const keysX = Object.keys(x).filter((k) => !under(p ? `${p}.${k}` : k, allowed));
      // A container created to hold an allowed path (an `env` added by the edit) is allowed too.
      const keysY = Object.keys(y).filter((k) => {
        const kp = p ? `${p}.${k}` : k;
        return !under(kp, allowed) && (k in x || !allowed.some((a) => a.startsWith(kp + '.')));
      });
      assert.deepEqual(keysY, keysX, `${where}: keys of ${p || '(root)'} lost, added or reordered`);
      for (const k of keysX) walk(x[k]!, y[k], p ? `${p}.${k}` : k);
      return;
    }
    assert.deepEqual(y, x, `${where}: value of ${p} changed`);
  };
  walk(a, b, '');
}

/** The value at a dotted key path (undefined when absent). */
export function jsonAt(text: string, keyPath: string): unknown {
  let v: unknown = JSON.parse(text);
  for (const k of keyPath.split('.')) {
    if (!isObj(v) || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = v[k];
  }
  return v;
}

/**
 * Text level: every line of a multi-line `before` that names none of `keys` survives in `after`, in order, except
 * that a trailing comma may come or go (a property was added after it or removed after it). Line endings are kept.
 */
export function assertJsonLinesKept(before: string, after: string, keys: string[], where: string): void {
  const split = (s: string) => s.split(/(?<=\n)/);
  const A = split(before);
  if (A.length < 3) return; // one-line files: the JSON check covers them
  const B = split(after);
  const norm = (l: string) => l.replace(/,?(\r?\n)?$/, '').trimEnd() + (l.endsWith('\r\n') ? '\r\n' : l.endsWith('\n') ? '\n' : '');
  // Lines of nothing but brackets and commas are ambiguous (`},` closes many things): the token check covers them.
  const named = (l: string) => /^[\s{}[\],]*$/.test(l) || keys.some((k) => l.includes(JSON.stringify(k)));
  let j = 0;
  for (const l of A) {
    if (named(l)) continue;
    const want = norm(l);
    while (j < B.length && norm(B[j]!) !== want && norm(B[j]!) !== want.replace(/\r?\n$/, '')) j++;
    assert.ok(j < B.length, `${where}: line ${JSON.stringify(l)} of the settings file was lost or reformatted\nbefore: ${JSON.stringify(before)}\nafter:  ${JSON.stringify(after)}`);
    j++;
  }
  if (!before.includes('\n') || /(^|[^\r])\n/.test(before)) return;
  assert.ok(!/(^|[^\r])\n/.test(after), `${where}: a CRLF file gained bare LF line endings`);
}

function propertySpans(text: string, paths: string[]): [number, number][] {
  const root = parseTree(text);
  const spans: [number, number][] = [];
  const visit = (obj: Node | undefined, prefix: string) => {
    for (const prop of obj?.type === 'object' ? obj.children ?? [] : []) {
      const k = String(prop.children?.[0]?.value);
      const p = prefix ? `${prefix}.${k}` : k;
      if (paths.includes(p)) spans.push([prop.offset, prop.offset + prop.length]);
      else if (paths.some((x) => x.startsWith(p + '.'))) visit(prop.children?.[1], p);
    }
  };
  visit(root, '');
  return spans;
}

/** Tokens (no whitespace, no commas) outside the given property spans, with their exact text. */
// jsonc-parser's SyntaxKind is a const enum (not importable under isolatedModules).
const COMMA_TOKEN = 5;
const EOF_TOKEN = 17;

function tokensOutside(text: string, spans: [number, number][]): string[] {
  const sc = createScanner(text, true);
  const out: string[] = [];
  for (let k: number = sc.scan(); k !== EOF_TOKEN; k = sc.scan()) {
    if (k === COMMA_TOKEN) continue;
    const at = sc.getTokenOffset();
    if (spans.some(([a, b]) => at >= a && at < b)) continue;
    out.push(text.slice(at, at + sc.getTokenLength()));
  }
  return out;
}

/**
 * Token level: outside the edited properties (and a container the edit created or removed), every key, value and
 * bracket is in `after` exactly as written in `before` (same escapes, same number spelling, same order).
 */
export function assertJsonTokensKept(before: string, after: string, paths: string[], where: string): void {
  const b0 = before.trim() ? before : '{}';
  const ancestors = new Set(paths.flatMap((p) => p.split('.').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('.'))));
  const has = (t: string, p: string) => jsonAt(t, p) !== undefined;
  const extra = [...ancestors].filter((a) => has(b0, a) !== has(after, a));
  const all = [...paths, ...extra];
  assert.deepEqual(tokensOutside(after, propertySpans(after, all)), tokensOutside(b0, propertySpans(b0, all)), `${where}: text outside the edited keys changed\nbefore: ${JSON.stringify(before)}\nafter:  ${JSON.stringify(after)}`);
}
