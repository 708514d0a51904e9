// File primitives that keep the user's files safe: strict reads, atomic writes through symlinks, cross-process locks.
import fs from 'node:fs';
import path from 'node:path';
import { FileError, ConflictError } from '../errors.js';
import { randomHex, sha256Hex } from '../core/hash.js';
import { sleep } from './interrupt.js';

export const MAX_USER_FILE_BYTES = 5 * 1024 * 1024;

export interface UserFile {
  /** The path as given. */
  path: string;
  /** Where the bytes really live (symlinks resolved); equals path when the file does not exist yet. */
  realPath: string;
  exists: boolean;
  text: string;
  /** Permission bits of the existing file, or undefined for a new file. */
  mode?: number;
}

export function sha256(text: string | Buffer): string {
  return sha256Hex(text);
}

/** Resolve symlinks even when the final target does not exist yet (a dangling link is written through). */
export function resolveTarget(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ELOOP') {
      throw new FileError(abs, { what: `${abs} is a symbolic link loop.`, why: 'The link points (directly or not) back at itself, so there is no file to read or write.', next: `ls -l ${abs}  # then point the link at a real file or remove it` });
    }
    // Dangling link: follow it by hand (one level at a time) to where the file will be created.
    let cur = abs;
    for (let i = 0; i < 40; i++) {
      let st: fs.Stats;
      try { st = fs.lstatSync(cur); } catch { return cur; }
      if (!st.isSymbolicLink()) return cur;
      cur = path.resolve(path.dirname(cur), fs.readlinkSync(cur));
    }
    throw new FileError(abs, { what: `${abs} is a symbolic link loop.`, next: `ls -l ${abs}` });
  }
}

/** Read a user's text file strictly: no directories, no huge files, UTF-8 only. A missing file reads as empty. */
export function readUserFile(p: string, opts: { allowBom?: boolean; maxBytes?: number } = {}): UserFile {
  const realPath = resolveTarget(p);
  let st: fs.Stats;
  try {
    st = fs.statSync(realPath);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return { path: p, realPath, exists: false, text: '' };
    throw fileAccessError(p, err);
  }
  if (st.isDirectory()) {
    throw new FileError(p, { what: `${p} is a directory, not a file.`, why: 'A file is expected at this path.', next: `mv ${shq(p)} ${shq(p + '.dir')}  # move it aside, then run the command again` });
  }
  if (!st.isFile()) {
    // AWS_CONFIG_FILE=/dev/null is how people switch a file off: it reads as absent (and is never written).
    if (realPath === '/dev/null') return { path: p, realPath, exists: false, text: '' };
    throw notRegular(p, st);
  }
  const max = opts.maxBytes ?? MAX_USER_FILE_BYTES;
  if (st.size > max) {
    throw new FileError(p, { what: `${p} is ${Math.round(st.size / 1024 / 1024)} MB, larger than the ${Math.round(max / 1024 / 1024)} MB this tool reads.`, why: 'A file this large is almost certainly not a hand-written configuration file; nothing was read or written.', next: `ls -l ${shq(p)}  # check what wrote it` });
  }
  let buf: Buffer;
  try {
    buf = fs.readFileSync(realPath);
  } catch (e) {
    throw fileAccessError(p, e as NodeJS.ErrnoException);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    const { line, column } = firstInvalidUtf8(buf);
    throw new FileError(p, { what: `${p} is not valid UTF-8 (line ${line}, column ${column}).`, why: 'AWS tools and Claude Code read these files as UTF-8; this tool will not rewrite bytes it cannot read faithfully.', next: `iconv -f latin1 -t utf-8 ${shq(p)} > ${shq(p + '.utf8')}  # inspect, then replace the file` });
  }
  if (!opts.allowBom && text.charCodeAt(0) === 0xfeff) {
    throw new FileError(p, { what: `${p} starts with a byte-order mark (BOM).`, why: 'botocore (the AWS CLI) and JSON parsers reject a BOM at the start of the file.', next: `perl -i -pe 's/^\\xEF\\xBB\\xBF// if $. == 1' ${shq(p)}` });
  }
  return { path: p, realPath, exists: true, text, mode: st.mode & 0o7777 };
}

/** A named pipe blocks a reader forever and a device like /dev/zero never ends: neither is a configuration file. */
function notRegular(p: string, st: fs.Stats): FileError {
  const kind = st.isFIFO() ? 'a named pipe' : st.isSocket() ? 'a socket' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : 'not a regular file';
  return new FileError(p, { what: `${p} is ${kind}, not a regular file.`, why: 'Reading it could block or never end, and writing would replace it; nothing was read or written.', next: `ls -l ${shq(p)}   # point the setting at a regular file` });
}

function firstInvalidUtf8(buf: Buffer): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    let n = b < 0x80 ? 1 : b >> 5 === 0x6 ? 2 : b >> 4 === 0xe ? 3 : b >> 3 === 0x1e ? 4 : 0;
    if (n === 0 || i + n > buf.length) return { line, column: col };
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(i, i + n));
    } catch {
      return { line, column: col };
    }
    if (b === 0x0a) { line++; col = 1; } else col++;
    i += n;
  }
  return { line, column: col };
}

function fileAccessError(p: string, err: NodeJS.ErrnoException): FileError {
  if (err.code === 'EACCES' || err.code === 'EPERM') {
    return new FileError(p, { what: `Permission denied reading ${p}.`, why: err.code, next: `ls -l ${shq(p)}  # check the owner and mode` });
  }
  return new FileError(p, { what: `Cannot read ${p}: ${err.code ?? err.message}.`, next: `ls -l ${shq(p)}` });
}

/** Quote a value for a POSIX shell. */
export function shq(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface WriteOptions {
  /** Mode for a new file (existing files keep theirs). */
  newFileMode?: number;
}

/**
 * Refuse, before anything is written, a file (or the directory it goes in) that must not be changed: a directory in
 * its place, or no write permission. The mode bits count even for root, and a rename would otherwise replace a
 * read-only file whenever its directory is writable.
 */
export function assertWritable(p: string): void {
  const target = resolveTarget(p);
  const readOnly = (what: string, where: string) =>
    new FileError(p, { what: `${what} is read-only.`, why: 'It has no write permission, which says it must not be changed; nothing was written.', next: `chmod u+w ${shq(where)}   # if it may change, then run the command again` });
  let st: fs.Stats | undefined;
  try { st = fs.statSync(target); } catch { /* a new file: its directory decides */ }
  if (st) {
    if (st.isDirectory()) throw new FileError(p, { what: `${p} is a directory, not a file.`, next: `mv ${shq(p)} ${shq(p + '.dir')}` });
    if (!st.isFile()) throw notRegular(p, st);
    if ((st.mode & 0o222) === 0 || !canWrite(target)) throw readOnly(p, p);
  }
  // The nearest directory that exists: the file (and any missing directories) are created in it.
  let dir = path.dirname(target);
  for (;;) {
    let d: fs.Stats | undefined;
    try { d = fs.statSync(dir); } catch { /* missing: look further up */ }
    if (d) {
      if (d.isDirectory() && ((d.mode & 0o222) === 0 || !canWrite(dir))) throw readOnly(`The directory ${dir}`, dir);
      return;
    }
    const up = path.dirname(dir);
    if (up === dir) return;
    dir = up;
  }
}

function canWrite(p: string): boolean {
  try { fs.accessSync(p, fs.constants.W_OK); return true; } catch { return false; }
}

/**
 * Write text atomically: temp file in the target's directory, fsync, keep the mode, rename over, fsync the directory.
 * Writes through symlinks to their target. New directories are 0700 for a private file (no access for others), else
 * 0755: a managed or project settings file others must read sits in a directory they can enter.
 */
export function atomicWrite(p: string, text: string, opts: WriteOptions = {}): void {
  const target = resolveTarget(p);
  const dir = path.dirname(target);
  let mode = opts.newFileMode ?? 0o644;
  assertWritable(p);
  try {
    const st = fs.statSync(target);
    mode = st.mode & 0o7777;
  } catch (e) {
    if (e instanceof FileError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(p, e as NodeJS.ErrnoException);
  }
  try {
    fs.mkdirSync(dir, { recursive: true, mode: mode & 0o077 ? 0o755 : 0o700 });
  } catch (e) {
    throw writeError(p, e as NodeJS.ErrnoException);
  }
  const tmp = path.join(dir, `.${path.basename(target)}.cb-${process.pid}-${randomHex(4)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
    fs.writeFileSync(fd, text);
    fs.fchmodSync(fd, mode);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) try { fs.closeSync(fd); } catch { /* already failing */ }
    try { fs.unlinkSync(tmp); } catch { /* nothing to clean */ }
    throw writeError(p, e as NodeJS.ErrnoException);
  }
  fsyncDir(dir);
}

export function removeFile(p: string): void {
  const target = resolveTarget(p);
  try {
    fs.unlinkSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(p, e as NodeJS.ErrnoException);
  }
  fsyncDir(path.dirname(target));
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
  } catch {
    // Not supported everywhere (Windows); the rename is still atomic.
  }
}

function writeError(p: string, err: NodeJS.ErrnoException): FileError {
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS') {
    return new FileError(p, { what: `Cannot write ${p}: ${err.code === 'EROFS' ? 'read-only file system' : 'permission denied'}.`, why: 'Nothing was changed.', next: `ls -ld ${shq(path.dirname(p))} ${shq(p)}  # check owner and mode` });
  }
  return new FileError(p, { what: `Cannot write ${p}: ${err.code ?? err.message}.`, why: 'Nothing was changed.', next: `ls -ld ${shq(path.dirname(p))}` });
}

/** Remove temp files a killed process of ours left beside a file. */
export function cleanStaleTemps(p: string): void {
  const target = resolveTarget(p);
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.cb-`;
  let names: string[];
  try { names = fs.readdirSync(dir); } catch { return; }
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.endsWith('.tmp')) continue;
    const pid = Number(n.slice(prefix.length).split('-')[0]);
    if (pid && pid !== process.pid && isAlive(pid)) continue;
    try { fs.unlinkSync(path.join(dir, n)); } catch { /* gone already */ }
  }
}

/** Remove the temp files killed processes of ours left in a directory only we write (the undo journal). */
export function cleanStaleTempsIn(dir: string): void {
  let names: string[];
  try { names = fs.readdirSync(dir); } catch { return; }
  for (const n of names) {
    const m = /^\..+\.cb-(\d+)-[0-9a-f]+\.tmp$/.exec(n);
    if (!m || isAlive(Number(m[1]))) continue;
    try { fs.unlinkSync(path.join(dir, n)); } catch { /* gone already */ }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Lock { release(): void }

/**
 * A cross-process lock: an O_EXCL file holding our pid. A lock whose holder is dead, or that is older than
 * staleMs, is taken over. Waits up to timeoutMs.
 */
export async function acquireLock(lockPath: string, opts: { timeoutMs?: number; staleMs?: number; what?: string; signal?: AbortSignal } = {}): Promise<Lock> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const staleMs = opts.staleMs ?? 5 * 60_000;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true, mode: 0o700 });
  const deadline = Date.now() + timeoutMs;
  const token = `${process.pid} ${randomHex(6)}`;
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    opts.signal?.throwIfAborted();
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o600);
      fs.writeSync(fd, `${token} ${Date.now()}\n`);
      fs.closeSync(fd);
      return {
        release() {
          try {
            if (fs.readFileSync(lockPath, 'utf8').startsWith(token)) fs.unlinkSync(lockPath);
          } catch { /* already gone */ }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    // Broken (or found live again): try at once. A guard held by another contender: wait like for a live lock.
    if (isStaleLock(lockPath, staleMs) && breakStaleLock(lockPath, staleMs)) continue;
    if (Date.now() > deadline) {
      throw new ConflictError({ what: `Timed out waiting for ${opts.what ?? 'a lock'} (${lockPath}).`, why: 'Another claude-bedrock process is still working on the same files.', next: `wait for it to finish, or remove ${lockPath} if no claude-bedrock process is running` });
    }
    await sleep(delay, opts.signal);
  }
}

/**
 * Remove a stale lock, one contender at a time. Two contenders that both judged it stale must not both remove
 * "it": the second would remove the fresh lock the first has taken meanwhile, and both would hold the lock. So the
 * removal happens under a guard file, and staleness is judged again under it. False when another contender holds
 * the guard.
 */
function breakStaleLock(lockPath: string, staleMs: number): boolean {
  const guard = `${lockPath}.break`;
  try {
    fs.closeSync(fs.openSync(guard, 'wx', 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Another contender is breaking it (a few microseconds), or died doing so: an old guard is removed.
    try { if (Date.now() - fs.statSync(guard).mtimeMs > 10_000) fs.unlinkSync(guard); } catch { /* gone */ }
    return false;
  }
  try {
    if (isStaleLock(lockPath, staleMs)) fs.unlinkSync(lockPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  } finally {
    try { fs.unlinkSync(guard); } catch { /* gone */ }
  }
  return true;
}

function isStaleLock(lockPath: string, staleMs: number): boolean {
  try {
    const [pidStr, , tsStr] = fs.readFileSync(lockPath, 'utf8').trim().split(' ');
    const pid = Number(pidStr);
    const ts = Number(tsStr);
    // Empty or half-written: its writer was killed between creating and writing it (the catch below decides).
    if (!(pid > 0) || !(ts > 0)) throw new Error('half-written lock');
    if (!isAlive(pid)) return true;
    if (Date.now() - ts > staleMs) return true;
    return false;
  } catch {
    // Unreadable or half-written: treat as stale only if old enough by mtime.
    try { return Date.now() - fs.statSync(lockPath).mtimeMs > 2_000; } catch { return false; }
  }
}
