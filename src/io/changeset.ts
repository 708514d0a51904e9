// Applies one change set across several files, with locks, backups and a journal, and undoes the last one.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Deps } from '../deps.js';
import { stateDir } from '../core/paths.js';
import { unifiedDiff } from '../core/changeset/diff.js';
import { scrubDiff } from '../core/redact.js';
import { ConflictError, CliError } from '../errors.js';
import { acquireLock, assertWritable, atomicWrite, cleanStaleTemps, cleanStaleTempsIn, readUserFile, removeFile, resolveTarget, sha256, shq, type Lock, type UserFile } from './fs.js';

export interface FileSpec {
  path: string;
  /** Holds secrets: a new file is created 0600. */
  secret?: boolean;
}

export interface PlannedEdit {
  path: string;
  /** New content, or null to delete the file. */
  after: string | null;
}

export interface FileChangeReport {
  file: string;
  diff: string;
  created: boolean;
  deleted: boolean;
}

export interface ApplyResult {
  changes: FileChangeReport[];
  /** Directory holding the backups of this change set (null on a dry run or when nothing changed). */
  backup: string | null;
  undoId: string | null;
  dryRun: boolean;
}

interface JournalFile {
  path: string;
  realPath: string;
  existed: boolean;
  beforeHash: string | null;
  afterHash: string | null;
  backup: string | null;
  mode?: number;
}

export interface JournalEntry {
  id: string;
  command: string;
  createdAt: string;
  status: 'pending' | 'applied' | 'undone';
  files: JournalFile[];
}

function journalDir(deps: Deps): string {
  return path.join(stateDir(deps.env, deps.home()), 'journal');
}

function lockPathFor(deps: Deps, realPath: string): string {
  return path.join(stateDir(deps.env, deps.home()), 'locks', `${sha256(realPath).slice(0, 24)}.lock`);
}

async function lockFiles(deps: Deps, realPaths: string[]): Promise<Lock[]> {
  const locks: Lock[] = [];
  try {
    for (const rp of [...new Set(realPaths)].sort()) locks.push(await acquireLock(lockPathFor(deps, rp), { what: `the lock on ${rp}` }));
  } catch (e) {
    for (const l of locks) l.release();
    throw e;
  }
  return locks;
}

function mkPrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * `undo` takes the last change set in name order, so a new ID sorts after every existing one: millisecond stamps,
 * one past the newest entry's when the clock has not moved on (several change sets within one second or a frozen
 * clock used to sort by their random suffix, and undo reverted the wrong one).
 */
function newId(deps: Deps): string {
  let t = deps.now().getTime();
  let names: string[] = [];
  try { names = fs.readdirSync(journalDir(deps)).filter((n) => n.endsWith('.json')).sort(); } catch { /* no journal yet */ }
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\.\d{3})?Z-/.exec(names[names.length - 1] ?? '');
  if (m) {
    const newest = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}Z`);
    // An older second-only stamp sorts after every millisecond stamp of its second: go past that second.
    t = Math.max(t, newest + (m[7] ? 1 : 1000));
  }
  return `${new Date(t).toISOString().replace(/[-:]/g, '')}-${crypto.randomBytes(3).toString('hex')}`;
}

/**
 * Read the files under lock, let the planner compute their new contents from what is on disk *now*, then write
 * them all as one change set. On a dry run only the diffs are returned.
 */
export async function applyChangeSet(
  deps: Deps,
  opts: { command: string; files: FileSpec[]; dryRun: boolean; plan(current: Map<string, UserFile>): PlannedEdit[] },
): Promise<ApplyResult> {
  const realPaths = opts.files.map((f) => resolveTarget(f.path));
  const locks = opts.dryRun ? [] : await lockFiles(deps, realPaths);
  try {
    const current = new Map<string, UserFile>();
    for (const f of opts.files) {
      if (!opts.dryRun) cleanStaleTemps(f.path);
      current.set(f.path, readUserFile(f.path));
    }
    const edits = opts.plan(current).filter((e) => {
      const cur = current.get(e.path);
      if (!cur) throw new CliError({ what: `internal: planner edited ${e.path}, which was not declared` });
      return (cur.exists ? cur.text : null) !== e.after;
    });
    const changes: FileChangeReport[] = edits.map((e) => {
      const cur = current.get(e.path)!;
      return {
        file: e.path,
        diff: scrubDiff(unifiedDiff(e.path, cur.exists ? cur.text : null, e.after)),
        created: !cur.exists,
        deleted: e.after === null,
      };
    });
    if (opts.dryRun || edits.length === 0) return { changes, backup: null, undoId: null, dryRun: opts.dryRun };
    // Refuse a read-only file before anything (backup, journal, another file) is written.
    for (const e of edits) assertWritable(e.path);

    const id = newId(deps);
    const backupDir = path.join(stateDir(deps.env, deps.home()), 'backups', id);
    mkPrivateDir(backupDir);
    mkPrivateDir(journalDir(deps));
    cleanStaleTempsIn(journalDir(deps));
    const entry: JournalEntry = { id, command: opts.command, createdAt: deps.now().toISOString(), status: 'pending', files: [] };
    edits.forEach((e, i) => {
      const cur = current.get(e.path)!;
      let backup: string | null = null;
      if (cur.exists) {
        backup = path.join(backupDir, `${i}-${path.basename(cur.realPath)}`);
        // Durable before the journal points at it and the original is replaced (a plain write may not survive a crash).
        atomicWrite(backup, cur.text, { newFileMode: 0o600 });
      }
      entry.files.push({
        path: path.resolve(e.path),
        realPath: cur.realPath,
        existed: cur.exists,
        beforeHash: cur.exists ? sha256(cur.text) : null,
        afterHash: e.after === null ? null : sha256(e.after),
        backup,
        mode: cur.mode,
      });
    });
    writeJournal(deps, entry);
    for (const e of edits) {
      const spec = opts.files.find((f) => f.path === e.path)!;
      if (e.after === null) removeFile(e.path);
      else atomicWrite(e.path, e.after, { newFileMode: spec.secret ? 0o600 : 0o644 });
    }
    entry.status = 'applied';
    writeJournal(deps, entry);
    return { changes, backup: backupDir, undoId: id, dryRun: false };
  } finally {
    for (const l of locks) l.release();
  }
}

function writeJournal(deps: Deps, entry: JournalEntry): void {
  atomicWrite(path.join(journalDir(deps), `${entry.id}.json`), JSON.stringify(entry, null, 2) + '\n', { newFileMode: 0o600 });
}

export function readJournal(deps: Deps): JournalEntry[] {
  const dir = journalDir(deps);
  let names: string[];
  try { names = fs.readdirSync(dir); } catch { return []; }
  const out: JournalEntry[] = [];
  for (const n of names.filter((x) => x.endsWith('.json')).sort()) {
    try { out.push(JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as JournalEntry); } catch { /* a torn journal file is ignored */ }
  }
  return out;
}

export interface UndoResult {
  undoId: string;
  command: string;
  restored: { file: string; action: 'restored' | 'removed' }[];
}

function currentHash(p: string): string | null {
  try { return sha256(fs.readFileSync(p)); } catch { return null; }
}

/** How to get one file that changed since `entry` back to its state before it, by hand: names this file and its backup. */
function restoreByHand(entry: JournalEntry, f: JournalFile, existsNow: boolean): string {
  const before = `before "${entry.command}" (${entry.id})`;
  if (!f.existed) return `rm ${shq(f.path)}  # ${f.path} did not exist ${before}: this restores that state, or keep your edits`;
  if (f.backup && fs.existsSync(f.backup)) {
    return existsNow
      ? `diff ${shq(f.backup)} ${shq(f.path)}  # the backup from ${before}, then restore by hand what you need`
      : `cp ${shq(f.backup)} ${shq(f.path)}  # ${f.path} was deleted since: this restores it as it was ${before}`;
  }
  return `ls -l ${shq(f.path)}  # the backup of ${f.path} from ${before}${f.backup ? ` (${f.backup})` : ''} is missing: restore it by hand`;
}

/** Revert the newest change set that is applied (or was interrupted), byte for byte. */
export async function undoLast(deps: Deps, opts: { dryRun?: boolean } = {}): Promise<UndoResult> {
  const lock = await acquireLock(path.join(stateDir(deps.env, deps.home()), 'locks', 'journal.lock'), { what: 'the undo journal' });
  try {
    const entry = readJournal(deps).reverse().find((e) => e.status === 'applied' || e.status === 'pending');
    if (!entry) {
      throw new CliError({ what: 'Nothing to undo.', why: 'No change set made by claude-bedrock is waiting to be undone.', next: 'claude-bedrock status', code: 'nothing-to-undo' });
    }
    const locks = await lockFiles(deps, entry.files.map((f) => f.realPath));
    try {
      // An undo killed while restoring leaves temp files beside them; nothing else may ever write these files again.
      for (const f of entry.files) cleanStaleTemps(f.realPath);
      const changed: { file: JournalFile; now: string | null }[] = [];
      for (const f of entry.files) {
        const h = currentHash(f.realPath);
        // A file may already be at its before state: a change set interrupted before writing it, or an undo
        // interrupted after restoring it. Restoring it (again) writes the same bytes.
        if (h !== f.afterHash && h !== f.beforeHash) changed.push({ file: f, now: h });
      }
      if (changed.length) {
        throw new ConflictError({
          what: `Cannot undo "${entry.command}" (${entry.id}): ${changed.map((c) => c.file.path).join(', ')} changed since.`,
          why: 'Undoing now would throw away edits made after it; nothing was restored.',
          // One line per changed file (several are joined under the "next:" label of the error).
          next: changed.map((c) => restoreByHand(entry, c.file, c.now !== null)).join('\n        '),
        });
      }
      if (!opts.dryRun) for (const f of entry.files) assertWritable(f.realPath);
      const restored: UndoResult['restored'] = [];
      for (const f of entry.files) {
        if (opts.dryRun) { restored.push({ file: f.path, action: f.existed ? 'restored' : 'removed' }); continue; }
        if (f.existed && f.backup) {
          const text = fs.readFileSync(f.backup, 'utf8');
          if (sha256(text) !== f.beforeHash) throw new ConflictError({ what: `The backup ${f.backup} does not match the journal.`, why: 'It was changed or damaged; nothing more was restored.', next: `inspect ${f.backup}` });
          atomicWrite(f.realPath, text, { newFileMode: f.mode ?? 0o600 });
          if (f.mode !== undefined) fs.chmodSync(f.realPath, f.mode);
          restored.push({ file: f.path, action: 'restored' });
        } else {
          removeFile(f.realPath);
          restored.push({ file: f.path, action: 'removed' });
        }
      }
      if (!opts.dryRun) {
        entry.status = 'undone';
        writeJournal(deps, entry);
      }
      return { undoId: entry.id, command: entry.command, restored };
    } finally {
      for (const l of locks) l.release();
    }
  } finally {
    lock.release();
  }
}
