// `doctor --fix`: the safe repairs the checks offered, planned as one change set over the files they touch
// (AWS config, settings files, ~/.claude.json). Reuses the sso-migrate and settings-edit planners. Pure.
import { buildProfileModel } from '../../aws-config/index.js';
import { planMigration } from '../../sso/plan-migrate.js';
import { planSettingsEdit } from '../../claude-settings/edit.js';
import type { FixAction } from './context.js';

export interface FixFiles {
  awsConfig: string;
  awsCredentials: string;
  userSettings: string;
  claudeState: string;
  /** Where a new env value goes when the action names no file (--scope, else user settings). */
  defaultSettings: string;
}

export interface PlannedFix {
  /** New text per file (only files that change). */
  edits: Map<string, string>;
  /** What will be done, one line each, for the user. */
  done: string[];
  /** Offered fixes that cannot be applied safely, with why. */
  skipped: string[];
  /** SSO sessions the migration creates or reuses (their tokens are carried over afterwards). */
  migrated: { name: string; startUrl: string; region: string }[];
  logins: { profile: string; force: boolean }[];
}

/** Drop duplicates (two checks may offer the same fix); logins for one profile merge, forced if any asks for it. */
export function uniqueActions(actions: FixAction[]): FixAction[] {
  const seen = new Set<string>();
  const out: FixAction[] = [];
  for (const a of actions) {
    if (a.kind === 'login') {
      const prev = out.find((x): x is Extract<FixAction, { kind: 'login' }> => x.kind === 'login' && x.profile === a.profile);
      if (prev) { prev.force ||= a.force; continue; }
      out.push({ ...a });
      continue;
    }
    const k = JSON.stringify(a);
    if (!seen.has(k)) { seen.add(k); out.push(a); }
  }
  return out;
}

function settingsPath(key: string): string {
  return key === 'model' || key === 'awsAuthRefresh' || key === 'awsCredentialExport' ? key : `env.${key}`;
}

/** Plan every action against the files' current texts. Never throws for one bad action: it is skipped with a reason. */
export function planFixes(actions: FixAction[], current: ReadonlyMap<string, string>, files: FixFiles, env: Readonly<Record<string, string | undefined>>): PlannedFix {
  const texts = new Map(current);
  const sets = new Map<string, Record<string, unknown>>();
  const unsets = new Map<string, string[]>();
  const done: string[] = [];
  const skipped: string[] = [];
  const migrated: PlannedFix['migrated'] = [];
  const logins = new Map<string, boolean>();
  // What the settings-file edits are for: dropped again if they cannot be made.
  const settingsNotes = new Set<string>();
  const note = (text: string) => { settingsNotes.add(text); done.push(text); };
  const set = (file: string, path: string, value: unknown) => sets.set(file, { ...(sets.get(file) ?? {}), [path]: value });
  const unset = (file: string, path: string) => unsets.set(file, [...(unsets.get(file) ?? []), path]);

  for (const a of uniqueActions(actions)) {
    switch (a.kind) {
      case 'migrate-sso': {
        const text = texts.get(files.awsConfig) ?? '';
        try {
          const model = buildProfileModel({ configText: text, configPath: files.awsConfig, credentialsText: texts.get(files.awsCredentials) ?? '', credentialsPath: files.awsCredentials, env });
          const plan = planMigration(text, files.awsConfig, model, { profiles: [a.profile] });
          texts.set(files.awsConfig, plan.text);
          for (const s of plan.sessions) {
            migrated.push({ name: s.name, startUrl: s.startUrl, region: s.region });
            done.push(`migrate profile "${a.profile}" to [sso-session ${s.name}] (${s.action}) in ${files.awsConfig}`);
          }
        } catch (e) {
          skipped.push(`migrate profile "${a.profile}": ${(e as Error).message}`);
        }
        break;
      }
      case 'set-env': {
        const file = a.file ?? files.defaultSettings;
        set(file, `env.${a.key}`, a.value);
        note(`set env.${a.key} = "${a.value}" in ${file}`);
        break;
      }
      case 'replace-model':
        set(a.file, settingsPath(a.key), a.to);
        note(`replace ${a.key} "${a.from}" by "${a.to}" in ${a.file}`);
        break;
      case 'move-misplaced': {
        let state: Record<string, unknown>;
        let user: Record<string, unknown>;
        try {
          state = JSON.parse(texts.get(files.claudeState) ?? '{}') as Record<string, unknown>;
          const u = (texts.get(files.userSettings) ?? '').trim();
          user = u ? (JSON.parse(u) as Record<string, unknown>) : {};
        } catch (e) {
          skipped.push(`move "${a.key}" out of ${files.claudeState}: a file is not valid JSON (${(e as Error).message})`);
          break;
        }
        const value = state[a.key];
        if (a.drop) {
          unset(files.claudeState, a.key);
          note(`remove "${a.key}" from ${files.claudeState} (the profile needs no login command)`);
          break;
        }
        if (a.key === 'env') {
          const userEnv = (user.env && typeof user.env === 'object' ? user.env : {}) as Record<string, unknown>;
          const misplaced = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
          const conflicts = Object.keys(misplaced).filter((k) => k in userEnv && userEnv[k] !== misplaced[k]);
          if (conflicts.length) { skipped.push(`move "env" out of ${files.claudeState}: ${conflicts.join(', ')} already set differently in ${files.userSettings}; merge by hand`); break; }
          for (const [k, v] of Object.entries(misplaced)) if (!(k in userEnv)) set(files.userSettings, `env.${k}`, typeof v === 'string' ? v : String(v));
        } else {
          if (a.key in user && user[a.key] !== value) { skipped.push(`move "${a.key}" out of ${files.claudeState}: ${files.userSettings} already sets it to something else; keep one by hand`); break; }
          if (!(a.key in user)) set(files.userSettings, a.key, value);
        }
        unset(files.claudeState, a.key);
        note(`move "${a.key}" from ${files.claudeState} into ${files.userSettings}`);
        break;
      }
      case 'auth-refresh': {
        const file = a.file ?? files.defaultSettings;
        if (a.command === null) {
          unset(file, 'awsAuthRefresh');
          note(`remove awsAuthRefresh from ${file}`);
        } else {
          set(file, 'awsAuthRefresh', a.command);
          note(`set awsAuthRefresh = ${JSON.stringify(a.command)} in ${file}`);
        }
        break;
      }
      case 'login':
        logins.set(a.profile, (logins.get(a.profile) ?? false) || a.force);
        break;
    }
  }

  // The settings edits go together or not at all: moving a key must never remove it from one file only.
  const planned = new Map<string, string>();
  const failed: string[] = [];
  for (const file of new Set([...sets.keys(), ...unsets.keys()])) {
    try {
      planned.set(file, planSettingsEdit(texts.get(file) ?? '', { set: sets.get(file) ?? {}, unset: unsets.get(file) ?? [] }, file));
    } catch (e) {
      failed.push(`edit ${file}: ${(e as Error).message}`);
    }
  }
  if (failed.length) {
    skipped.push(...failed.map((f) => `${f} (so no settings file is changed)`), ...[...settingsNotes].map((d) => `not done: ${d}`));
    for (let i = done.length - 1; i >= 0; i--) if (settingsNotes.has(done[i]!)) done.splice(i, 1);
  } else {
    for (const [file, text] of planned) texts.set(file, text);
  }
  const edits = new Map([...texts].filter(([f, t]) => t !== (current.get(f) ?? '')));
  return { edits, done, skipped, migrated, logins: [...logins].map(([profile, force]) => ({ profile, force })) };
}
