// Opaque nextToken pagination shared by the list operations.
import { AwsError } from '../errors.js';

export function page<T>(items: T[], maxResults: number, nextToken: string | null | undefined, scope: string): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken) {
    try {
      const t = JSON.parse(Buffer.from(nextToken, 'base64url').toString('utf8')) as { o: number; s: string };
      if (t.s !== scope || !Number.isInteger(t.o) || t.o < 0) throw new Error('scope');
      start = t.o;
    } catch {
      throw new AwsError(400, 'ValidationException', 'Invalid pagination token');
    }
  }
  const slice = items.slice(start, start + maxResults);
  const end = start + slice.length;
  return { items: slice, nextToken: end < items.length ? Buffer.from(JSON.stringify({ o: end, s: scope })).toString('base64url') : undefined };
}

/** An integer query parameter within [min, max], with AWS's validation message when it is not. */
export function intParam(raw: string | null, name: string, min: number, max: number, dflt: number): number {
  if (raw === null || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new AwsError(400, 'ValidationException', `1 validation error detected: Value '${raw}' at '${name}' failed to satisfy constraint: Member must be an integer`);
  if (n < min) throw new AwsError(400, 'ValidationException', `1 validation error detected: Value '${n}' at '${name}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  if (n > max) throw new AwsError(400, 'ValidationException', `1 validation error detected: Value '${n}' at '${name}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  return n;
}
