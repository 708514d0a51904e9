// Property tests: lossless round trip, reversible and minimal edits, and random documents read exactly as botocore reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { tempDir } from '../helpers.js';
import { parseIni, printIni, setKey, unsetKey, removeSection, renameSection, addSection, type IniDocument, type KeyLine } from '../../src/core/aws-config/index.js';
import { isFileRefused, rawParse, type ConfigIssue } from '../../src/core/aws-config/model.js';
import { iniDocument, plausibleDocument } from './fixtures.js';
import { assertAgrees, haveBotocore, runBotocore, type Case } from './oracle.js';

const anyText = fc.oneof(iniDocument, plausibleDocument, fc.string(), fc.fullUnicodeString(), fc.stringOf(fc.constantFrom('[', ']', '=', ':', ' ', '\t', '\r', '\n', '#', ';', 'a', '\ufeff')));
const RUNS = { numRuns: 1500, seed: 20251125 };

/** Section names the planners accept that occur verbatim in the document (DEFAULT excluded: it is inherited). */
function editableSections(doc: IniDocument): string[] {
  return [...new Set(doc.sections.map((s) => s.name))].filter((n) => n !== 'DEFAULT' && n !== '' && !/[[\]\r\n]/.test(n) && n.trim() === n);
}

function parsed(text: string): { sections: Map<string, Map<string, string>>; refused: boolean } {
  const issues: ConfigIssue[] = [];
  const secs = rawParse(parseIni(text), 'f', issues);
  return { sections: new Map(secs.map((s) => [s.name, s.values])), refused: issues.some(isFileRefused) };
}

/**
 * Assert the edit changed only old lines inside [lo, hi] (or nothing, for a pure insertion: lo > hi): everything before
 * and after is byte-identical, except that a last line without a line ending may gain one when a line is added after it.
 */
function assertOnlyTouched(before: string, after: string, lo: number, hi: number): void {
  const a = parseIni(before).lines;
  const b = parseIni(after).lines;
  // Allowed: a last line gains an ending; an empty LF line after a lone-CR line is written CRLF (see render in edit.ts).
  const same = (x: (typeof a)[0], y: (typeof b)[0], isLastOld: boolean) =>
    x.raw === y.raw && (x.eol === y.eol || (isLastOld && x.eol === '') || (x.raw === '' && x.eol === '\n' && y.eol === '\r\n'));
  let p = 0;
  while (p < a.length && p < b.length && same(a[p]!, b[p]!, p === a.length - 1)) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && same(a[a.length - 1 - s]!, b[b.length - 1 - s]!, s === 0)) s++;
  const firstChanged = p;
  const lastChanged = a.length - 1 - s;
  if (firstChanged > lastChanged) return; // pure insertion or no change
  assert.ok(firstChanged >= lo && lastChanged <= hi, `changed old lines ${firstChanged}..${lastChanged}, allowed ${lo}..${hi}\n${JSON.stringify(before)}\n${JSON.stringify(after)}`);
}

test('print(parse(x)) === x for any text', () => {
  fc.assert(fc.property(anyText, (x) => printIni(parseIni(x)) === x), RUNS);
});

test('setKey of a new key then unsetKey gives back the same bytes', () => {
  fc.assert(
    fc.property(fc.oneof(iniDocument, plausibleDocument), fc.nat(), fc.constantFrom('zz_new', 'new-key', 'Z9'), (text, pick, key) => {
      const names = editableSections(parseIni(text));
      fc.pre(names.length > 0);
      const section = names[pick % names.length]!;
      const added = setKey(text, section, key, 'v1');
      assert.notEqual(added, text);
      assert.equal(unsetKey(added, section, key), text);
      assertOnlyTouched(text, added, 1, 0);
    }),
    RUNS,
  );
});

test('setKey changes exactly one value as botocore reads it, and no other line', () => {
  fc.assert(
    fc.property(plausibleDocument, fc.nat(), fc.constantFrom('region', 'output', 'sso_session', 's3', 'brand_new'), fc.constantFrom('us-west-2', 'x = y', 'a:b', '', 'ü'), (text, pick, key, value) => {
      const doc = parseIni(text);
      const before = parsed(text);
      fc.pre(!before.refused);
      const names = editableSections(doc);
      fc.pre(names.length > 0);
      const section = names[pick % names.length]!;
      const out = setKey(text, section, key, value);
      const after = parsed(out);
      assert.ok(!after.refused, JSON.stringify(out));
      const expected = new Map([...before.sections].map(([n, m]) => [n, new Map(m)]));
      expected.get(section)!.set(key, value);
      assert.deepEqual(after.sections, expected, `${JSON.stringify(text)} -> ${JSON.stringify(out)}`);
      const hit = doc.lines.findIndex((l, i) => l.kind === 'key' && l.key === key && doc.sections[l.section]!.name === section && i >= 0);
      if (hit >= 0) {
        const k = doc.lines[hit] as KeyLine;
        assertOnlyTouched(text, out, hit, k.continuations.at(-1) ?? hit);
      } else {
        assertOnlyTouched(text, out, 1, 0);
      }
    }),
    RUNS,
  );
});

test('unsetKey removes exactly that key as botocore reads it', () => {
  fc.assert(
    fc.property(plausibleDocument, fc.nat(), fc.constantFrom('region', 'output', 'sso_session', 's3', 'k'), (text, pick, key) => {
      const doc = parseIni(text);
      const before = parsed(text);
      fc.pre(!before.refused);
      const names = editableSections(doc);
      fc.pre(names.length > 0);
      const section = names[pick % names.length]!;
      const out = unsetKey(text, section, key);
      const expected = new Map([...before.sections].map(([n, m]) => [n, new Map(m)]));
      expected.get(section)!.delete(key);
      assert.deepEqual(parsed(out).sections, expected);
      const hit = doc.lines.findIndex((l) => l.kind === 'key' && l.key === key && doc.sections[l.section]!.name === section);
      if (hit < 0) assert.equal(out, text);
      else assertOnlyTouched(text, out, hit, (doc.lines[hit] as KeyLine).continuations.at(-1) ?? hit);
    }),
    RUNS,
  );
});

test('section edits keep every other section as botocore reads it', () => {
  fc.assert(
    fc.property(plausibleDocument, fc.nat(), (text, pick) => {
      const doc = parseIni(text);
      const before = parsed(text);
      fc.pre(!before.refused);
      const names = editableSections(doc);
      fc.pre(names.length > 0);
      const section = names[pick % names.length]!;
      const sec = doc.sections.find((s) => s.name === section)!;

      const removed = parsed(removeSection(text, section));
      const expected = new Map(before.sections);
      expected.delete(section);
      assert.deepEqual(removed.sections, expected);

      const renamedText = renameSection(text, section, 'profile renamed-x');
      assertOnlyTouched(text, renamedText, sec.header, sec.header);
      const renamed = parsed(renamedText);
      assert.deepEqual(renamed.sections.get('profile renamed-x'), before.sections.get(section));

      const addedText = addSection(text, 'profile added-y', [['region', 'us-east-1'], ['output', 'json']]);
      assertOnlyTouched(text, addedText, 1, 0);
      const added = parsed(addedText);
      assert.deepEqual(added.sections.get('profile added-y'), new Map([['region', 'us-east-1'], ['output', 'json']]));
      for (const [n, m] of before.sections) assert.deepEqual(added.sections.get(n), m);
    }),
    RUNS,
  );
});

test('botocore reads random documents exactly as we do (differential fuzz)', { skip: !haveBotocore() && 'python3 with botocore is not installed' }, () => {
  const dir = tempDir();
  const configs = [...fc.sample(iniDocument, { numRuns: 400, seed: 7 }), ...fc.sample(plausibleDocument, { numRuns: 400, seed: 8 })];
  const creds = fc.sample(fc.oneof(plausibleDocument, iniDocument), { numRuns: configs.length, seed: 9 });
  const cases: Case[] = configs.map((configText, i) => {
    const config = path.join(dir, `${i}.config`);
    const credentials = path.join(dir, `${i}.credentials`);
    fs.writeFileSync(config, configText);
    // Every third case has no credentials file at all.
    const credentialsText = i % 3 === 0 ? '' : creds[i]!;
    if (i % 3 !== 0) fs.writeFileSync(credentials, credentialsText);
    return { name: `fuzz-${i}: ${JSON.stringify(configText)} / ${JSON.stringify(credentialsText)}`, config, credentials, configText, credentialsText };
  });
  const results = runBotocore(cases);
  let accepted = 0;
  cases.forEach((c, i) => {
    assertAgrees(c, results[i]!);
    if (!('error' in results[i]!.full)) accepted++;
  });
  // Keep the generator honest: a good share of cases must get past botocore's parser to compare values.
  assert.ok(accepted > cases.length / 3, `only ${accepted} of ${cases.length} fuzz cases were accepted by botocore`);
});
