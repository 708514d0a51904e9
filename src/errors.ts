// Typed errors and the documented exit codes. Every user-facing error says what failed, why, and the next command.

export const EXIT = { ok: 0, error: 1, usage: 2, cancelled: 2, checkFailed: 3, authNeeded: 4 } as const;

export interface ErrorParts {
  /** What failed: names the file, profile, model or key. */
  what: string;
  /** Why it failed. */
  why?: string;
  /** The exact next command (or action) that fixes or explains it. */
  next?: string;
  /** A stable machine-readable code for --json output. */
  code?: string;
}

export class CliError extends Error {
  readonly exitCode: number = EXIT.error;
  readonly why?: string;
  readonly next?: string;
  readonly code: string;
  constructor(parts: ErrorParts) {
    super(parts.what);
    this.name = new.target.name;
    this.why = parts.why;
    this.next = parts.next;
    this.code = parts.code ?? 'error';
  }

  /** The same error (class, code, exit status, message) with another next step. */
  withNext(next: string): this {
    return Object.assign(Object.create(Object.getPrototypeOf(this) as object) as this, this, { message: this.message, stack: this.stack, next });
  }
}

/** Bad flags or arguments; also used when a required choice has no TTY to ask on. */
export class UsageError extends CliError {
  override readonly exitCode = EXIT.usage;
  constructor(what: string, next?: string) {
    super({ what, next: next ?? 'claude-bedrock --help', code: 'usage' });
  }
}

/** The user cancelled (Ctrl-C, answered no). Nothing was written. */
export class CancelledError extends CliError {
  override readonly exitCode = EXIT.cancelled;
  constructor(what = 'Cancelled: nothing was written.', next?: string) {
    super({ what, ...(next ? { next } : {}), code: 'cancelled' });
  }
}

/** Credentials are missing or expired and a login is needed. */
export class AuthError extends CliError {
  override readonly exitCode = EXIT.authNeeded;
  constructor(parts: ErrorParts) {
    super({ code: 'auth-needed', ...parts });
  }
}

/** A file we must read or write is unusable (malformed, unreadable, too large...). */
export class FileError extends CliError {
  readonly file: string;
  constructor(file: string, parts: ErrorParts) {
    super({ code: 'file', ...parts });
    this.file = file;
  }
}

/** Changes to files could not be applied or undone without risking the user's data. */
export class ConflictError extends CliError {
  constructor(parts: ErrorParts) {
    super({ code: 'conflict', ...parts });
  }
}

export function errorToJson(err: CliError): Record<string, unknown> {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.why ? { why: err.why } : {}),
      ...(err.next ? { next: err.next } : {}),
      ...(err instanceof FileError ? { file: err.file } : {}),
      exitCode: err.exitCode,
    },
  };
}

export function formatError(err: CliError): string {
  const lines = [`error: ${err.message}`];
  if (err.why) lines.push(`  why:  ${err.why}`);
  if (err.next) lines.push(`  next: ${err.next}`);
  return lines.join('\n');
}
