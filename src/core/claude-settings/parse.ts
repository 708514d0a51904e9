// Reads a Claude Code settings file the way Claude Code does: strict JSON, or the whole file is skipped. Pure.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { shq } from '../../io/fs.js';

export type SettingsIssueCode =
  | 'unreadable'
  | 'bom'
  | 'invalid-json'
  | 'comments'
  | 'trailing-comma'
  | 'not-object'
  | 'env-not-object'
  | 'duplicate-key'
  | 'env-value-not-string'
  | 'setting-not-string';

export interface SettingsIssue {
  code: SettingsIssueCode;
  /** error: Claude Code skips the whole file, and this tool will not edit it. warning: it works, but not as meant. */
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  column?: number;
  /** The key path the issue is about, when it is about one (e.g. 'env.AWS_PROFILE'). */
  key?: string;
  message: string;
  fix: string;
}

export interface ParsedSettings {
  file: string;
  /** False when Claude Code would reject the file (and skip every setting in it). */
  ok: boolean;
  /** The settings object ({} when not ok). Duplicate keys resolve to the last one, as JSON.parse does. */
  value: Record<string, unknown>;
  /** The file held only whitespace. */
  empty: boolean;
  issues: SettingsIssue[];
  /** Key paths (e.g. ['env', 'AWS_PROFILE']) that occur more than once. */
  duplicatePaths: string[][];
}

/** 1-based line and column of an offset. */
export function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) { line++; last = i; }
  }
  return { line, column: offset - last };
}

const PARSE_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ',' or the end of the object/array",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected text after the end of the JSON document',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape sequence',
  InvalidCharacter: 'control character inside a string (escape it, e.g. \\t or \\n)',
};

const SKIPPED = 'Claude Code reads settings files as strict JSON and skips the whole file ("Invalid or malformed JSON"), so none of its settings apply';

function describeJsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function syntaxIssue(text: string, file: string, err: ParseError): SettingsIssue {
  const code = printParseErrorCode(err.error);
  const at = lineCol(text, err.offset);
  const where = `line ${at.line}, column ${at.column}`;
  if (code === 'InvalidCommentToken') {
    return {
      code: 'comments', severity: 'error', file, ...at,
      message: `${file} has a comment at ${where}. ${SKIPPED}.`,
      fix: `remove the comment at ${where} of ${file}`,
    };
  }
  const ch = text[err.offset];
  if ((ch === '}' || ch === ']') && /,\s*$/.test(text.slice(0, err.offset))) {
    const comma = lineCol(text, text.slice(0, err.offset).lastIndexOf(','));
    return {
      code: 'trailing-comma', severity: 'error', file, ...comma,
      message: `${file} has a trailing comma at line ${comma.line}, column ${comma.column}. ${SKIPPED}.`,
      fix: `remove the comma at line ${comma.line}, column ${comma.column} of ${file}`,
    };
  }
  return {
    code: 'invalid-json', severity: 'error', file, ...at,
    message: `${file} is not valid JSON at ${where}: ${PARSE_MESSAGES[code] ?? code}. ${SKIPPED}.`,
    fix: `fix ${file} at ${where}`,
  };
}

/** Parse a settings file's text. Never throws; problems come back as issues. */
export function parseSettingsText(text: string, file: string): ParsedSettings {
  if (text.charCodeAt(0) === 0xfeff) {
    // Claude Code strips a byte-order mark and reads the file; this tool only refuses to edit it.
    const p = parseSettingsText(text.slice(1), file);
    const bom: SettingsIssue = {
      code: 'bom', severity: 'warning', file, line: 1, column: 1,
      message: `${file} starts with a byte-order mark (BOM). Claude Code reads it, but claude-bedrock will not edit it and most JSON tools (jq, python -m json.tool) reject it.`,
      fix: `perl -i -pe 's/^\\xEF\\xBB\\xBF// if $. == 1' ${shq(file)}`,
    };
    return { ...p, issues: [bom, ...p.issues] };
  }
  const base: ParsedSettings = { file, ok: false, value: {}, empty: false, issues: [], duplicatePaths: [] };
  if (text.trim() === '') return { ...base, ok: true, empty: true };

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) return { ...base, issues: [syntaxIssue(text, file, errors[0]!)] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // jsonc-parser accepted something JSON.parse does not: JSON.parse is what Claude Code runs.
    const m = /position (\d+)/.exec((e as Error).message);
    const at = lineCol(text, m ? Number(m[1]) : 0);
    return { ...base, issues: [{ code: 'invalid-json', severity: 'error', file, ...at, message: `${file} is not valid JSON at line ${at.line}, column ${at.column}. ${SKIPPED}.`, fix: `fix ${file} at line ${at.line}, column ${at.column}` }] };
  }
  if (!root || root.type !== 'object' || typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ...base, issues: [{ code: 'not-object', severity: 'error', file, line: 1, column: 1, message: `${file} holds ${describeJsonType(value)}, not a JSON object. Claude Code skips it.`, fix: `make ${file} a JSON object: {"env": {}}` }] };
  }

  const issues: SettingsIssue[] = [];
  const duplicatePaths: string[][] = [];
  collectDuplicates(text, file, root, [], issues, duplicatePaths);

  const settings = value as Record<string, unknown>;
  const envNode = lastProperty(root, 'env');
  if ('env' in settings) {
    const env = settings.env;
    const at = lineCol(text, envNode?.offset ?? 0);
    if (typeof env !== 'object' || env === null || Array.isArray(env)) {
      issues.push({
        code: 'env-not-object', severity: 'error', file, ...at, key: 'env',
        message: `"env" in ${file} (line ${at.line}) is ${describeJsonType(env)}, not an object. Claude Code rejects the file and skips its settings.`,
        fix: `change "env" at line ${at.line} of ${file} to an object, e.g. "env": {"CLAUDE_CODE_USE_BEDROCK": "1"}`,
      });
    } else {
      const envValueNode = envNode?.children?.[1];
      for (const [k, v] of Object.entries(env)) {
        if (typeof v === 'string') continue;
        const node = envValueNode ? lastProperty(envValueNode, k) : undefined;
        const kat = lineCol(text, node?.offset ?? envNode?.offset ?? 0);
        issues.push({
          code: 'env-value-not-string', severity: 'warning', file, ...kat, key: `env.${k}`,
          message: `env.${k} in ${file} (line ${kat.line}) is ${describeJsonType(v)}, not a string. Claude Code 2.1.332 converts it with String() (1 → "1", null → "null"), but v2.1.94 crashed on such values ("toLowerCase is not a function").`,
          fix: `write it as a string at line ${kat.line} of ${file}: "${k}": ${JSON.stringify(v === null || typeof v === 'object' ? '' : String(v))}`,
        });
      }
    }
  }
  for (const k of ['awsAuthRefresh', 'awsCredentialExport', 'model']) {
    if (k in settings && typeof settings[k] !== 'string') {
      const at = lineCol(text, lastProperty(root, k)?.offset ?? 0);
      issues.push({
        code: 'setting-not-string', severity: 'warning', file, ...at, key: k,
        message: `"${k}" in ${file} (line ${at.line}) is ${describeJsonType(settings[k])}; Claude Code expects a string.`,
        fix: `make "${k}" at line ${at.line} of ${file} a string`,
      });
    }
  }
  const ok = !issues.some((i) => i.severity === 'error');
  return { file, ok, value: ok ? settings : {}, empty: false, issues, duplicatePaths };
}

/** The last property node named `key` of an object node (the one JSON.parse keeps). */
export function lastProperty(obj: Node, key: string): Node | undefined {
  let found: Node | undefined;
  for (const p of obj.children ?? []) if (p.children?.[0]?.value === key) found = p;
  return found;
}

function collectDuplicates(text: string, file: string, node: Node, path: string[], issues: SettingsIssue[], out: string[][]): void {
  if (node.type === 'object') {
    const seen = new Map<string, Node>();
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0]?.value as string;
      const first = seen.get(key);
      if (first) {
        const a = lineCol(text, first.offset);
        const b = lineCol(text, prop.offset);
        const name = [...path, key].join('.');
        out.push([...path, key]);
        issues.push({
          code: 'duplicate-key', severity: 'warning', file, ...b, key: name,
          message: `"${name}" appears twice in ${file} (lines ${a.line} and ${b.line}); Claude Code uses the last one.`,
          fix: `remove one of the two "${key}" entries (line ${a.line} or ${b.line}) from ${file}`,
        });
      } else seen.set(key, prop);
      const child = prop.children?.[1];
      if (child) collectDuplicates(text, file, child, [...path, key], issues, out);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((c, i) => collectDuplicates(text, file, c, [...path, String(i)], issues, out));
  }
}
