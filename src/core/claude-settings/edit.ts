// Minimal text edits to a Claude Code settings file: set and remove keys, leave every other byte alone. Pure.
//
// jsonc-parser's modify() re-formats the lines around an edit (a compact `{"a":1}` comes back re-indented), so the
// edits are computed here from parseTree offsets, in the file's own indentation, separators and line endings.
import { applyEdits, getNodeValue, parseTree, type Edit, type Node } from 'jsonc-parser';
import { FileError } from '../../errors.js';
import { lastProperty, parseSettingsText } from './parse.js';

export interface SettingsEditIntent {
  /** Key paths ('env.AWS_PROFILE', 'awsAuthRefresh') → JSON values. Added at the end of their object, in this order. */
  set?: Record<string, unknown>;
  /** Key paths to remove (every occurrence, if the key is duplicated). Missing keys are ignored. */
  unset?: string[];
  /** Also remove an object (never the root) that this edit emptied, e.g. an `env` left with no keys. */
  pruneEmptied?: boolean;
}

interface Style {
  eol: string;
  unit: string;
  colon: string;
  /** The whole file is on one line: keep additions on that line too. */
  inline: boolean;
  itemSep: string;
}

/** Apply the intent to the settings text and return the new text. Throws FileError if Claude Code would reject the file. */
export function planSettingsEdit(text: string, intent: SettingsEditIntent, file = 'settings.json'): string {
  const parsed = parseSettingsText(text, file);
  const fatal = parsed.issues.find((i) => i.severity === 'error' || i.code === 'bom');
  if (fatal) {
    throw new FileError(file, {
      what: fatal.message,
      why: 'This tool only edits settings files Claude Code can read; nothing was written.',
      next: fatal.fix,
      code: `settings-${fatal.code}`,
    });
  }
  const sets = Object.entries(intent.set ?? {}).filter(([, v]) => v !== undefined);
  const unsets = intent.unset ?? [];
  let t = text;
  if (parsed.empty) {
    if (sets.length === 0) return text;
    t = '{}' + (text.includes('\r\n') ? '\r\n' : '\n');
  }
  const style = detectStyle(t);
  for (const [path, value] of sets) t = setPath(t, splitPath(path), value, style, file);
  for (const path of unsets) t = unsetPath(t, splitPath(path), !!intent.pruneEmptied);
  return t;
}

function splitPath(path: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => p === '')) throw new Error(`internal: bad settings key path ${JSON.stringify(path)}`);
  return parts;
}

function tree(text: string): Node {
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  if (!root || root.type !== 'object') throw new Error('internal: settings text is not an object');
  return root;
}

const end = (n: Node) => n.offset + n.length;

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentAt(text: string, offset: number): string {
  const s = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(s, offset))![0];
}

function sameLine(text: string, a: number, b: number): boolean {
  return !text.slice(Math.min(a, b), Math.max(a, b)).includes('\n');
}

function detectStyle(text: string): Style {
  const root = tree(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // One-line files with content stay one line; an empty `{}` grows into the usual multi-line form.
  const inline = !text.trim().includes('\n') && (root.children?.length ?? 0) > 0;
  let unit = '  ';
  const first = root.children?.[0];
  if (first && !sameLine(text, root.offset, first.offset)) {
    const ind = indentAt(text, first.offset);
    if (ind && ind === text.slice(lineStart(text, first.offset), first.offset)) unit = ind;
  } else {
    const m = /\n([ \t]+)"/.exec(text);
    if (m) unit = m[1]!.startsWith('\t') ? '\t' : m[1]!;
  }
  let colon = ': ';
  const keyNode = first?.children?.[0];
  const valNode = first?.children?.[1];
  if (keyNode && valNode) {
    const between = text.slice(end(keyNode), valNode.offset);
    if (/^[ \t]*:[ \t]*$/.test(between)) colon = between;
  }
  let itemSep = colon.endsWith(' ') ? ', ' : ',';
  const second = root.children?.[1];
  if (first && second && inline) {
    const between = text.slice(end(first), second.offset);
    if (/^[ \t]*,[ \t]*$/.test(between)) itemSep = between;
  }
  return { eol, unit, colon, inline, itemSep };
}

/** Render a JSON value; objects and arrays over several lines (indented from `indent`) unless inline. */
function render(value: unknown, indent: string, style: Style, inline: boolean): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries: [string | null, unknown][] = Array.isArray(value) ? value.map((v) => [null, v]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return open + close;
  const item = (k: string | null, v: unknown, ind: string) => (k === null ? '' : JSON.stringify(k) + style.colon) + render(v, ind, style, inline);
  if (inline) return open + entries.map(([k, v]) => item(k, v, indent)).join(style.itemSep) + close;
  const inner = indent + style.unit;
  return open + entries.map(([k, v]) => style.eol + inner + item(k, v, inner)).join(',') + style.eol + indent + close;
}

function nest(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((acc, k) => ({ [k]: acc }), value);
}

function insertProperty(text: string, obj: Node, key: string, value: unknown, style: Style): Edit {
  const props = obj.children ?? [];
  const last = props[props.length - 1];
  if (last) {
    if (!sameLine(text, obj.offset, last.offset)) {
      const ind = indentAt(text, last.offset);
      return { offset: end(last), length: 0, content: ',' + style.eol + ind + JSON.stringify(key) + style.colon + render(value, ind, style, false) };
    }
    let sep = style.itemSep;
    const prev = props[props.length - 2];
    if (prev) {
      const between = text.slice(end(prev), last.offset);
      if (/^[ \t]*,[ \t]*$/.test(between)) sep = between;
    }
    return { offset: end(last), length: 0, content: sep + JSON.stringify(key) + style.colon + render(value, '', style, true) };
  }
  if (style.inline) {
    return { offset: obj.offset + 1, length: obj.length - 2, content: JSON.stringify(key) + style.colon + render(value, '', style, true) };
  }
  const base = indentAt(text, obj.offset);
  const ind = base + style.unit;
  return {
    offset: obj.offset + 1,
    length: obj.length - 2,
    content: style.eol + ind + JSON.stringify(key) + style.colon + render(value, ind, style, false) + style.eol + base,
  };
}

function setPath(text: string, path: string[], value: unknown, style: Style, file: string): string {
  let obj = tree(text);
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const prop = lastProperty(obj, key);
    if (!prop) return applyEdits(text, [insertProperty(text, obj, key, nest(path.slice(i + 1), value), style)]);
    const valNode = prop.children?.[1];
    if (!valNode) throw new Error('internal: property without a value');
    if (i === path.length - 1) {
      if (JSON.stringify(getNodeValue(valNode)) === JSON.stringify(value)) return text;
      const ind = indentAt(text, prop.offset);
      const inline = style.inline || (valNode.type === 'object' || valNode.type === 'array' ? sameLine(text, valNode.offset, end(valNode)) : false);
      return applyEdits(text, [{ offset: valNode.offset, length: valNode.length, content: render(value, ind, style, inline) }]);
    }
    if (valNode.type !== 'object') {
      throw new FileError(file, {
        what: `"${path.slice(0, i + 1).join('.')}" in ${file} is not an object, so "${path.join('.')}" cannot be set.`,
        why: 'Changing its type would destroy what is there; nothing was written.',
        next: `make "${path.slice(0, i + 1).join('.')}" in ${file} an object`,
        code: 'settings-not-object',
      });
    }
    obj = valNode;
  }
  return text;
}

function findObject(root: Node, path: string[]): Node | undefined {
  let obj: Node | undefined = root;
  for (const key of path) {
    const v: Node | undefined = obj ? lastProperty(obj, key)?.children?.[1] : undefined;
    if (!v || v.type !== 'object') return undefined;
    obj = v;
  }
  return obj;
}

function unsetPath(text: string, path: string[], prune: boolean): string {
  let t = text;
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1]!;
  for (;;) {
    const parent = findObject(tree(t), parentPath);
    if (!parent) return t;
    const props = parent.children ?? [];
    const idx = props.findIndex((p) => p.children?.[0]?.value === key);
    if (idx < 0) return t;
    const prop = props[idx]!;
    if (props.length === 1) {
      t = applyEdits(t, [{ offset: parent.offset + 1, length: parent.length - 2, content: '' }]);
      if (prune && parentPath.length > 0) return unsetPath(t, parentPath, prune);
      return t;
    }
    const edit: Edit = idx > 0
      ? { offset: end(props[idx - 1]!), length: end(prop) - end(props[idx - 1]!), content: '' }
      : { offset: prop.offset, length: props[1]!.offset - prop.offset, content: '' };
    t = applyEdits(t, [edit]);
  }
}
