// Every `next` the sso commands give is a whole command line the user can paste (`claude-bedrock sso add --start-url …
// --sso-region …`), or an action followed by `then: <command>` — never a bare flag fragment or a trailing `...`.
// Static: each `next:` property and UsageError second argument in src/commands/sso and src/core/sso, read with the
// TypeScript parser; the command builders it may call are checked for real below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ssoAddCommand } from './plan-add.js';
import { migrateCommand } from './plan-migrate.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIRS = ['commands/sso', 'core/sso'];
/** Functions whose result is a whole command line (tested below, or by their own tests). */
const BUILDERS = new Set(['ssoAddCommand', 'migrateCommand', 'loginCommand', 'addCmd', 'rerun', 'otherProfileCommand']);

/** `next` values that are not built here but are commands all the same, with why. */
const KNOWN_COMMANDS: Record<string, string> = {
  'core/sso/editable.ts <value>': "the BOM issue's fix from the AWS config model: a perl command (test/security/hostile-input runs it)",
};

/** The text an expression can evaluate to, one string per branch; `${builder(...)}` reads as a command. */
function texts(e: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return texts(e.expression);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isConditionalExpression(e)) return [...texts(e.whenTrue), ...texts(e.whenFalse)];
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && BUILDERS.has(e.expression.text)) return ['claude-bedrock <built>'];
  if (ts.isIdentifier(e) && BUILDERS.has(e.text)) return ['claude-bedrock <built>'];
  if (ts.isTemplateExpression(e)) {
    let out = [e.head.text];
    for (const span of e.templateSpans) {
      const inner = texts(span.expression);
      out = out.flatMap((o) => inner.map((i) => o + i + span.literal.text));
    }
    return out;
  }
  return ['<value>'];
}

/** What is wrong with a `next` text, or undefined: it must hold a command, whole. */
function problem(next: string): string | undefined {
  const m = /(?:^|then: )((?:claude-bedrock|aws) [^#]*)/.exec(next);
  if (!m) return 'no command (starts with claude-bedrock / aws, or follows "then: ")';
  const cmd = m[1]!.trim();
  if (/(^|\s)\.\.\.(\s|$)/.test(cmd)) return 'the command ends in "..." (not a whole command)';
  if (/^(claude-bedrock|aws) --/.test(cmd) && !/^claude-bedrock --help$/.test(cmd)) return 'the command is only flags';
  return undefined;
}

function sourceFiles(): string[] {
  return DIRS.flatMap((d) => fs.readdirSync(path.join(SRC, d)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => path.join(SRC, d, f)));
}

function nextsIn(file: string): { line: number; text: string }[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const add = (e: ts.Expression) => {
    const line = sf.getLineAndCharacterOfPosition(e.getStart()).line + 1;
    for (const text of texts(e)) found.push({ line, text });
  };
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'next') add(n.initializer);
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'UsageError' && n.arguments?.[1]) add(n.arguments[1]);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

test('every next in src/commands/sso and src/core/sso is a whole command line', () => {
  const files = sourceFiles();
  const all = files.flatMap((f) => nextsIn(f).map((n) => ({ ...n, file: path.relative(SRC, f).split(path.sep).join('/') })));
  assert.ok(all.length >= 25, `found only ${all.length} next values: the scan is broken`);
  const bad = all.map((n) => ({ ...n, why: KNOWN_COMMANDS[`${n.file} ${n.text}`] ? undefined : problem(n.text) })).filter((n) => n.why);
  assert.deepEqual(bad.map((b) => `${b.file}:${b.line}: ${b.why}: ${JSON.stringify(b.text)}`), []);
});

test('the scan catches the fragments it is for', () => {
  assert.match(problem('--sso-region us-east-1')!, /no command/);
  assert.match(problem('claude-bedrock sso add --profile x ...   # pick another')!, /\.\.\./);
  assert.match(problem('ask your AWS administrator for a permission set')!, /no command/);
  assert.equal(problem('ask your administrator; then: claude-bedrock sso add --profile p'), undefined);
  assert.equal(problem('claude-bedrock profiles   # lists them'), undefined);
});

test('the command builders give whole command lines: placeholders only for what is not known, values quoted', () => {
  assert.equal(ssoAddCommand({}), 'claude-bedrock sso add --start-url <start-url> --sso-region <sso-region> --profile <profile> --account <account-id> --role <role-name>');
  assert.equal(
    ssoAddCommand({ sessionName: 'corp', startUrl: 'https://d-1.awsapps.com/start', ssoRegion: 'us-east-1', profile: "it's", accountId: '111122223333', roleName: 'R', region: 'us-west-2' }),
    `claude-bedrock sso add --session-name corp --start-url https://d-1.awsapps.com/start --sso-region us-east-1 --profile 'it'\\''s' --account 111122223333 --role R --region us-west-2`,
  );
  assert.equal(ssoAddCommand({ profile: 'dev' }, { onlyGiven: true }), 'claude-bedrock sso add --profile dev');
  assert.equal(migrateCommand({}), 'claude-bedrock sso migrate');
  assert.equal(migrateCommand({ profiles: 'all', sessionName: 's' }), 'claude-bedrock sso migrate --all --session-name s');
  assert.equal(migrateCommand({ profiles: ['a b'] }), "claude-bedrock sso migrate --profile 'a b'");
});
