// `setup --auth api-key`: Claude Code on a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) instead of a profile. The key is
// generated (short-term, signed with the current credentials), piped on stdin, or taken from the environment — never
// a flag value — and written only to a user or local settings file, kept 0600, after confirmation. It is never shown.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Deps } from '../../deps.js';
import { CancelledError, CliError, UsageError } from '../../errors.js';
import type { Output } from '../../io/output.js';
import { applyChangeSet } from '../../io/changeset.js';
import { resolveTarget } from '../../io/fs.js';
import { loadSettingsSnapshot, settingsFileForScope } from '../../io/claude-settings.js';
import { planSettingsEdit } from '../../core/claude-settings/edit.js';
import { configWarnings, withFileText } from '../../core/claude-settings/effective.js';
import { checkSetupInput, InvalidInputError, PIN_FLAGS } from '../../core/claude-settings/setup-plan.js';
import type { AuthSource } from '../../aws/credentials.js';
import type { AwsApi } from '../../aws/api.js';
import type { ApiKeySource, ExtraFlags, ExtrasResult, SetupLike, WizardReport } from './extras.js';
import { cancellable, checkSettingsFile, chooseModels, chooseRegion, defaultApi, signedInProfile, stopped, testWritten, wizardContext, type WizardSeams } from './wizard.js';
import type { SetupOptions } from '../setup.js';

const PIN_KEYS = { opus: 'ANTHROPIC_DEFAULT_OPUS_MODEL', sonnet: 'ANTHROPIC_DEFAULT_SONNET_MODEL', haiku: 'ANTHROPIC_DEFAULT_HAIKU_MODEL' } as const;

async function readAll(stream: Readable, max = 64 * 1024): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.length > max) throw new CliError({ what: 'stdin holds more than 64 KB: that is not a Bedrock API key.', next: 'printf %s "$KEY" | claude-bedrock setup --auth api-key --api-key stdin', code: 'usage' });
  }
  return text.replace(/\r?\n$/, '');
}

export async function runApiKeySetup(opts: SetupOptions, flags: ExtraFlags, deps: Deps, out: Output, seams: WizardSeams = {}): Promise<ExtrasResult> {
  const c = wizardContext(opts, flags, deps, out, seams);
  const { generateShortTermKey, describeApiKey, apiKeyProblem } = await import('../../aws/api-key.js');

  let scope = flags.given.scope ? opts.scope : c.current.layer === 'local' ? 'local' : 'user';
  if (scope !== 'user' && scope !== 'local') {
    throw new InvalidInputError('--scope', {
      what: `A Bedrock API key is a secret: setup writes it only to user or local settings, not to ${scope} settings.`,
      why: `${scope === 'project' ? 'Project settings are usually committed and shared' : 'Managed settings are readable by every user of the machine'}; user and local files are kept private (0600).`,
      next: 'claude-bedrock setup --auth api-key --scope user',
    });
  }
  checkSettingsFile(deps, scope);
  if (!flags.given.scope && c.p) {
    scope = await c.p.select('Settings file for the API key', (['user', 'local'] as const).map((s) => ({ label: s, value: s, hint: `${settingsFileForScope(deps, s)} · kept 0600` })), { default: scope === 'local' ? 1 : 0 });
    checkSettingsFile(deps, scope);
  }

  let mode: ApiKeySource | 'paste' = flags.apiKey ?? 'generate';
  if (!flags.apiKey && c.p) {
    const choices: { label: string; value: ApiKeySource | 'paste'; hint: string }[] = [
      { label: 'Generate a short-term key', value: 'generate', hint: 'signed with your current AWS credentials; lasts up to 12 hours' },
      { label: 'Paste a long-term key', value: 'paste', hint: 'created in the Bedrock console; not echoed' },
    ];
    if (deps.env.AWS_BEARER_TOKEN_BEDROCK) choices.push({ label: 'Use AWS_BEARER_TOKEN_BEDROCK from the environment', value: 'env', hint: 'already set in this shell' });
    mode = await c.p.select('Bedrock API key', choices, { default: 0 });
  }

  let key: string;
  let source: ApiKeySource;
  let signing: { api: AwsApi; source: AuthSource } | undefined;
  let expiresAt: Date | null = null;
  let limited = false;
  let region: string | undefined = opts.region;
  const closers: AwsApi[] = [];
  try {
    if (mode === 'generate') {
      source = 'generate';
      const picked = await signedInProfile(c, seams);
      closers.push(picked.api);
      signing = { api: picked.api, source: picked.source };
      region ??= (await chooseRegion(c, picked.api, picked.source, picked.profile.region)).name;
      const creds = await picked.api.credentials(picked.source);
      const k = await generateShortTermKey(creds, region, { now: deps.now(), ...(flags.expiresSeconds ? { expiresInSeconds: flags.expiresSeconds } : {}) });
      key = k.token;
      expiresAt = k.expiresAt;
      limited = k.limitedByCredentials;
      out.note(`Generated a short-term Bedrock API key for ${region}, valid until ${k.expiresAt.toISOString()}${limited ? ' (when the credentials that signed it expire)' : ''}. It is not shown.`);
    } else {
      if (mode === 'paste') {
        source = 'stdin';
        key = await c.p!.text('Bedrock API key (not echoed)', { secret: true, validate: (v) => apiKeyProblem(v.trim()) });
      } else if (mode === 'stdin') {
        source = 'stdin';
        if (deps.isTTY.stdin) throw new UsageError('--api-key stdin reads the key from a pipe, and stdin is a terminal.', 'printf %s "$KEY" | claude-bedrock setup --auth api-key --api-key stdin');
        key = await readAll(deps.stdin);
      } else {
        source = 'env';
        key = deps.env.AWS_BEARER_TOKEN_BEDROCK ?? '';
        if (!key) throw new UsageError('--api-key env: AWS_BEARER_TOKEN_BEDROCK is not set.', 'export AWS_BEARER_TOKEN_BEDROCK=...   # or: --api-key stdin / generate');
      }
      key = key.trim();
      const problem = apiKeyProblem(key);
      if (problem) throw new CliError({ what: `That is not a Bedrock API key: ${problem}.`, why: 'Nothing was written.', next: 'create one in the Bedrock console (API keys), or: claude-bedrock setup --auth api-key --api-key generate', code: 'invalid-api-key' });
      const info = describeApiKey(key);
      if (info.kind === 'short-term') {
        if (region !== undefined && info.region && region !== info.region) {
          throw new InvalidInputError('--region', { what: `This short-term key was signed for ${info.region}, not ${region}.`, why: 'A short-term Bedrock API key works only in the region it was generated for.', next: `claude-bedrock setup --auth api-key --region ${info.region} ...` });
        }
        region = info.region;
        expiresAt = info.expiresAt ?? null;
        if (expiresAt && expiresAt.getTime() <= deps.now().getTime()) {
          throw new CliError({ what: `This short-term Bedrock API key expired at ${expiresAt.toISOString()}.`, next: 'claude-bedrock setup --auth api-key --api-key generate', code: 'api-key-expired' });
        }
      }
    }

    const bearerDeps: Deps = { ...deps, env: { ...deps.env, AWS_BEARER_TOKEN_BEDROCK: key } };
    const bearerApi = cancellable(await (seams.api ?? defaultApi)(bearerDeps), c.abort.signal);
    closers.push(bearerApi);
    const bearer: AuthSource = { kind: 'bearer' };
    const bc = { ...c, deps: bearerDeps };
    region ??= (await chooseRegion(bc, bearerApi, bearer, undefined)).name;
    // A generated key lists models with the credentials that signed it (the same identity); others list with the key.
    const models = signing ? await chooseModels(c, signing.api, signing.source, region) : await chooseModels(bc, bearerApi, bearer, region);

    // The same offline checks as every setup (the profile plays no part with an API key).
    const notes = checkSetupInput({ profile: 'default', region, model: models.primary, pins: {}, authRefresh: 'none' });
    for (const [k, id] of Object.entries({ opus: models.opus, sonnet: models.sonnet, haiku: models.haiku })) {
      if (id) notes.push(...checkSetupInput({ profile: 'default', region, model: id, pins: {}, authRefresh: 'none' }).map((w) => w.replace('--model', PIN_FLAGS[k as keyof typeof PIN_FLAGS])));
    }
    const set: Record<string, string> = { 'env.CLAUDE_CODE_USE_BEDROCK': '1', 'env.AWS_REGION': region, 'env.ANTHROPIC_MODEL': models.primary };
    for (const k of ['opus', 'sonnet', 'haiku'] as const) if (models[k]) set[`env.${PIN_KEYS[k]}`] = models[k]!;
    set['env.AWS_BEARER_TOKEN_BEDROCK'] = key;

    const file = settingsFileForScope(deps, scope);
    let afterText = '';
    const apply = (dryRun: boolean) =>
      applyChangeSet(deps, {
        command: `setup --auth api-key --scope ${scope}`,
        files: [{ path: file, secret: true }],
        dryRun,
        plan(current) {
          const cur = current.get(file)!;
          // A refresh command left by an earlier setup would run a login the key does not use: removed, like setup
          // does for any profile that needs none (in the diff; undo restores it).
          afterText = planSettingsEdit(cur.exists ? cur.text : '', { set, unset: ['awsAuthRefresh'] }, file);
          return [{ path: file, after: afterText }];
        },
      });
    let applied = await apply(true);
    if (applied.changes.length && !opts.dryRun) {
      out.note(`Changes to ${file} (the key is shown as [redacted]):`);
      for (const ch of applied.changes) out.note(ch.diff.trimEnd());
      if (c.p) {
        if (!(await c.p.confirm(`Write the API key and these settings to ${file}?`, { default: true }))) throw new CancelledError();
      } else if (!flags.yes) {
        throw new UsageError('Writing a Bedrock API key needs a confirmation: there is no terminal to ask on, so add --yes (or --dry-run to see the diff).', 'claude-bedrock setup --auth api-key --yes ...');
      }
      applied = await apply(false);
      if (applied.changes.length) {
        c.settingsWritten = true;
        c.wrote.push(`the API key and settings were written to ${file} (claude-bedrock undo reverts them)`);
      }
    }
    const notesOut = [...notes.map((n) => `warning: ${n}`)];
    if (!opts.dryRun && deps.platform !== 'win32') {
      const real = resolveTarget(file);
      try {
        const mode0 = fs.statSync(real).mode & 0o777;
        if (mode0 & 0o077) {
          fs.chmodSync(real, 0o600);
          notesOut.push(`${file} was readable by others (mode ${mode0.toString(8)}); it now holds a secret, so it is 0600.`);
        }
      } catch {
        // Nothing was written (no change and no file): nothing to protect.
      }
    }
    const { shadowedAfter } = await import('../setup.js');
    const after = withFileText(loadSettingsSnapshot(deps), file, afterText);
    const settings = Object.fromEntries(Object.entries(set).map(([k, v]) => [k, k === 'env.AWS_BEARER_TOKEN_BEDROCK' ? '[hidden]' : v]));
    const setup: SetupLike = {
      ...applied,
      scope,
      file,
      settings,
      authRefresh: { command: null, reason: 'no awsAuthRefresh: a Bedrock API key does not use AWS credentials (generate a new key when it expires)' },
      shadowed: shadowedAfter(after, file, Object.keys(set)),
      warnings: configWarnings(after),
      notes: notesOut,
    };
    const report: WizardReport = {
      mode: c.p ? 'interactive' : 'automatic',
      prerequisites: null,
      profile: null,
      region: { name: region, rttMs: null, regionsWithClaude: 0 },
      models,
      apiKey: { kind: describeApiKey(key).kind, source, region: describeApiKey(key).region ?? null, expiresAt: expiresAt ? expiresAt.toISOString() : null, limitedByCredentials: limited },
      test: null,
      testSkipped: null,
    };
    if (opts.dryRun) report.testSkipped = 'dry run';
    else if (flags.skipTest) report.testSkipped = '--skip-test';
    else report.test = await testWritten(bc, bearerApi, bearer, region, models);
    return { extras: 'api-key', setup, report };
  } catch (e) {
    throw stopped(c, e);
  } finally {
    for (const a of closers) a.close();
  }
}
