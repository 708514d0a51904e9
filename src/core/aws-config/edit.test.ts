// Text planners on inline before/after strings: exact bytes out for each case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addSection, hasSection, removeSection, renameSection, setKey, unsetKey } from './index.js';
import { CliError } from '../../errors.js';

const setCases: [string, string, string, string, string, string][] = [
  // [title, before, section, key, value, after]
  ['replaces in place, keeping "k = v" spacing', '[default]\nregion = us-east-1\noutput = json\n', 'default', 'region', 'eu-west-1', '[default]\nregion = eu-west-1\noutput = json\n'],
  ['replaces in place, keeping "k=v" spacing', '[default]\nregion=us-east-1\n', 'default', 'region', 'eu-west-1', '[default]\nregion=eu-west-1\n'],
  ['keeps tabs, alignment and trailing spaces', '[profile a]\n\tregion\t=   us-east-1  \n', 'profile a', 'region', 'x', '[profile a]\n\tregion\t=   x  \n'],
  ['keeps a ":" delimiter when replacing', '[default]\nregion: us-east-1\n', 'default', 'region', 'x', '[default]\nregion: x\n'],
  ['matches keys case-insensitively, keeping the spelling', '[default]\nRegion = a\n', 'default', 'region', 'b', '[default]\nRegion = b\n'],
  ['fills an empty value with the file\'s spacing', '[default]\nregion =\n', 'default', 'region', 'x', '[default]\nregion = x\n'],
  ['fills an empty "k=" value without adding spaces', '[default]\nregion=\n', 'default', 'region', 'x', '[default]\nregion=x\n'],
  ['drops the old value\'s continuation lines', '[default]\ns3 =\n  addressing_style = path\n\n  x = 1\noutput = json\n', 'default', 's3', 'v', '[default]\ns3 = v\n\noutput = json\n'],
  ['appends after the last key, before trailing comments and blanks', '[profile a]\nregion = x\n# about b\n\n[profile b]\n', 'profile a', 'output', 'json', '[profile a]\nregion = x\noutput = json\n# about b\n\n[profile b]\n'],
  ['appends in the style of the section\'s keys', '[profile a]\n  region=x\n', 'profile a', 'output', 'json', '[profile a]\n  region=x\n  output=json\n'],
  ['appends after the header of an empty section', '[profile a]\n\n[profile b]\nregion = x\n', 'profile a', 'region', 'y', '[profile a]\nregion = y\n\n[profile b]\nregion = x\n'],
  ['uses CRLF in a CRLF file', '[default]\r\nregion = x\r\n', 'default', 'output', 'json', '[default]\r\nregion = x\r\noutput = json\r\n'],
  ['keeps a missing final newline missing', '[default]\nregion = x', 'default', 'output', 'json', '[default]\nregion = x\noutput = json'],
  ['creates the section at the end, after a blank line', '[default]\nregion = x\n', 'profile dev', 'region', 'y', '[default]\nregion = x\n\n[profile dev]\nregion = y\n'],
  ['creates the first section of an empty file', '', 'sso-session corp', 'sso_region', 'us-east-1', '[sso-session corp]\nsso_region = us-east-1\n'],
  ['finds [profile "dev"] for profile dev', '[profile "dev"]\nregion = x\n', 'profile dev', 'region', 'y', '[profile "dev"]\nregion = y\n'],
  ['finds [profile  dev] (two spaces) for profile dev', '[profile  dev]\nregion = x\n', 'profile dev', 'output', 'j', '[profile  dev]\nregion = x\noutput = j\n'],
  ['does not take [profile default] for default', '[profile default]\nregion = x\n', 'default', 'region', 'y', '[profile default]\nregion = x\n\n[default]\nregion = y\n'],
  ['sets a duplicated key everywhere so all readers agree', '[default]\nregion = a\nregion = b\n', 'default', 'region', 'c', '[default]\nregion = c\nregion = c\n'],
  ['does not make the key a continuation of an indented key', '[default]\n  region = x\ngarbage\n', 'default', 'output', 'j', '[default]\n  region = x\ngarbage\noutput = j\n'],
  ['indents to keep the next indented header a header', '[a]\n  [b]\n', 'a', 'k', 'v', '[a]\n  k = v\n  [b]\n'],
  ['leaves an unchanged value byte-identical', '[default]\nregion = x \n', 'default', 'region', 'x', '[default]\nregion = x \n'],
];

for (const [title, before, section, key, value, after] of setCases) {
  test(`setKey ${title}`, () => {
    assert.equal(setKey(before, section, key, value), after);
  });
}

test('unsetKey removes the key with its continuation lines, in every duplicate section', () => {
  assert.equal(unsetKey('[default]\nregion = a\ns3 =\n  x = 1\noutput = j\n', 'default', 's3'), '[default]\nregion = a\noutput = j\n');
  assert.equal(unsetKey('[a]\nk = 1\n[a]\nk = 2\nz = 3\n', 'a', 'K'), '[a]\n[a]\nz = 3\n');
  assert.equal(unsetKey('[default]\nregion = a', 'default', 'region'), '[default]');
  assert.equal(unsetKey('[default]\nregion = a\n', 'profile x', 'region'), '[default]\nregion = a\n');
});

test('addSection appends a block and refuses an existing section', () => {
  assert.equal(addSection('[default]\nregion = x\n', 'sso-session corp', [['sso_start_url', 'https://c.awsapps.com/start'], ['sso_region', 'us-east-1']]),
    '[default]\nregion = x\n\n[sso-session corp]\nsso_start_url = https://c.awsapps.com/start\nsso_region = us-east-1\n');
  assert.equal(addSection('[default]\r\nregion=x\r\n\r\n', 'profile p', [['region', 'y']]), '[default]\r\nregion=x\r\n\r\n[profile p]\r\nregion=y\r\n');
  assert.throws(() => addSection('[profile "p"]\n', 'profile p', []), (e: unknown) => e instanceof CliError && e.code === 'aws-config-section-exists');
});

test('removeSection removes the block, its following blanks, and keeps comments for the next section', () => {
  const text = '[default]\nregion = x\n\n[profile a]\nregion = y\n\n# about b\n[profile b]\nregion = z\n';
  assert.equal(removeSection(text, 'profile a'), '[default]\nregion = x\n\n# about b\n[profile b]\nregion = z\n');
  assert.equal(removeSection(text, 'profile b'), '[default]\nregion = x\n\n[profile a]\nregion = y\n\n# about b\n');
  assert.equal(removeSection('[a]\nk = 1\n\n[b]\nk = 2', 'b'), '[a]\nk = 1');
  assert.equal(removeSection(text, 'profile missing'), text);
});

test('renameSection rewrites only the name inside the brackets', () => {
  assert.equal(renameSection('  [profile old] # prod\nregion = x\n', 'profile old', 'profile new'), '  [profile new] # prod\nregion = x\n');
  assert.throws(() => renameSection('[a]\n[b]\n', 'a', 'b'), /already exists/);
  assert.throws(() => renameSection('[a]\n', 'c', 'd'), /does not exist/);
});

test('hasSection follows botocore names', () => {
  assert.equal(hasSection('[profile "my dev"]\n', 'profile my dev'), true);
  assert.equal(hasSection('[profile dev]\n', 'default'), false);
  assert.equal(hasSection('[ default ]\n', 'default'), false);
});

test('planners refuse text that would corrupt the file, naming the problem', () => {
  const refused = (f: () => unknown, re: RegExp) => assert.throws(f, (e: unknown) => e instanceof CliError && e.code === 'invalid-aws-config-text' && re.test(e.message) && !!e.next);
  refused(() => setKey('', 'profile a]b', 'k', 'v'), /section name/);
  refused(() => setKey('', 'profile [a', 'k', 'v'), /section name/);
  refused(() => setKey('', 'profile a\nb', 'k', 'v'), /section name/);
  refused(() => setKey('', ' default', 'k', 'v'), /section name/);
  refused(() => setKey('', 'default', 'a=b', 'v'), /key/);
  refused(() => setKey('', 'default', 'a:b', 'v'), /key/);
  refused(() => setKey('', 'default', '#k', 'v'), /key/);
  refused(() => setKey('', 'default', 'k', 'line1\nline2'), /value of k/);
  refused(() => setKey('', 'default', 'k', 'cr\r'), /value of k/);
  refused(() => addSection('', 'default', [['aws_secret_access_key', 'SECRET\n']]), /value of aws_secret_access_key/);
  // The message names the key, never the value (it may be a secret).
  assert.throws(() => setKey('', 'default', 'aws_secret_access_key', ' wJalrXUtnFEMI '), (e: unknown) => !String((e as Error).message).includes('wJalr'));
});

test('profile names with spaces: found when quoted in the file, never created unreadable', () => {
  assert.equal(setKey('[profile "my dev"]\nregion = x\n', 'profile my dev', 'region', 'y'), '[profile "my dev"]\nregion = y\n');
  assert.throws(() => setKey('', 'profile my dev', 'region', 'y'), /spaces, quotes or backslashes/);
  assert.throws(() => renameSection('[profile a]\n', 'profile a', 'profile "b"'), /spaces, quotes or backslashes/);
});
