// Line classification: how configparser sees each line, shown on small documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyValue, parseIni, printIni, dominantEol } from './ini.js';

function shape(text: string): string[] {
  return parseIni(text).lines.map((l) => (l.kind === 'section' ? `section:${l.name}` : l.kind === 'key' ? `key:${l.key}=${l.value}` : l.kind === 'invalid' ? `invalid:${l.reason}` : l.kind));
}

test('lines are classified as configparser reads them', () => {
  assert.deepEqual(shape('# c\n[profile a] # note\nRegion : us-east-1\n  more\n\n  ; c\n  [not a header]\njunk\n= v\n[]\n'), [
    'comment', 'section:profile a', 'key:region=us-east-1', 'continuation', 'blank', 'comment', 'continuation', 'invalid:no-delimiter', 'invalid:empty-key', 'invalid:no-delimiter',
  ]);
  assert.deepEqual(shape('k = v\n[a]'), ['invalid:before-section', 'section:a']);
  assert.deepEqual(shape('[a]]\n[b'), ['section:a]', 'invalid:no-delimiter']);
  assert.deepEqual(shape('[a]\nx = 1\r  y\rz=2'), ['section:a', 'key:x=1', 'continuation', 'key:z=2'], 'a lone CR ends a line, as in Python');
});

test('values join continuation lines with the blank lines between them, then right-strip', () => {
  const doc = parseIni('[a]\nk = first\n  second\n\n  third\n\n# c\nz = 1\n');
  assert.equal(keyValue(doc, 1), 'first\nsecond\n\nthird');
  assert.equal(keyValue(doc, 7), '1');
});

test('a BOM is kept in the bytes and flagged, and the first header is still read', () => {
  const text = '\ufeff[default]\nregion = x\n';
  const doc = parseIni(text);
  assert.equal(doc.bom, true);
  assert.deepEqual(shape(text), ['section:default', 'key:region=x']);
  assert.equal(printIni(doc), text);
});

test('dominant line ending', () => {
  assert.equal(dominantEol(parseIni('a\r\nb\r\nc\n')), '\r\n');
  assert.equal(dominantEol(parseIni('a\r\nb\n')), '\n');
  assert.equal(dominantEol(parseIni('a')), '\n');
});
