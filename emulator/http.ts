// Request parsing and the three response encodings: rest-json, awsQuery XML, and event streams.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { AwsError } from './errors.js';
import type { CallRecord, EmulatorState } from './state.js';

export interface Req {
  method: string;
  /** Path as sent (percent-encoded), without query and without a `/region/<r>` prefix. */
  path: string;
  /** Path exactly as sent, for SigV4. */
  rawPath: string;
  rawQuery: string;
  query: URLSearchParams;
  rawHeaders: string[];
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** Region named by a `/region/<r>` path prefix (for Bearer-authenticated clients). */
  regionHint?: string;
}

/** What the handlers use of a response; both node:http and the node:http2 compatibility API provide it. */
export interface Res {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: Buffer): boolean;
  end(chunk: Buffer): unknown;
  end(): unknown;
  readonly headersSent: boolean;
  on(event: 'close', listener: () => void): unknown;
  destroy(error?: Error): unknown;
}

export interface Ctx {
  state: EmulatorState;
  req: Req;
  res: Res;
  call: CallRecord;
  requestId: string;
  /** True once the client went away (or the response was closed). */
  aborted: () => boolean;
}

/** Path segments split on `/` before decoding, so `%2F` inside an ARN stays inside its segment. */
export function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

export function decodeLabel(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function header(req: Req, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(',') : v;
}

export function parseJsonBody(req: Req): Record<string, unknown> | undefined {
  if (req.body.length === 0) return {};
  try {
    const v = JSON.parse(req.body.toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function sendRaw(ctx: Ctx, status: number, body: string | Buffer, headers: Record<string, string>): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  ctx.call.status = status;
  if (ctx.res.headersSent || ctx.aborted()) return;
  ctx.res.writeHead(status, { 'x-amzn-RequestId': ctx.requestId, 'Content-Length': String(buf.length), ...headers });
  ctx.res.end(buf);
}

export function sendJson(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendRaw(ctx, status, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });
}

const NAMESPACE: Record<string, string> = {
  sso: 'http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/',
  'sso-oidc': 'http://internal.amazon.com/coral/com.amazonaws.sso.oidc/',
  bedrock: 'http://internal.amazon.com/coral/com.amazon.bedrock/',
  'bedrock-runtime': 'http://internal.amazon.com/coral/com.amazon.bedrock/',
};

export function sendRestJsonError(ctx: Ctx, err: AwsError): void {
  ctx.call.errorCode = err.code;
  const ns = NAMESPACE[ctx.call.service] ?? 'http://internal.amazon.com/coral/com.amazon.coral.service/';
  sendJson(ctx, err.status, err.body ?? { message: err.message }, { 'x-amzn-ErrorType': `${err.code}:${ns}` });
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function sendQueryError(ctx: Ctx, err: AwsError): void {
  ctx.call.errorCode = err.code;
  const type = err.status >= 500 ? 'Receiver' : 'Sender';
  const body =
    `<ErrorResponse xmlns="${STS_NS}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(err.code)}</Code>\n` +
    `    <Message>${xmlEscape(err.message)}</Message>\n  </Error>\n  <RequestId>${ctx.requestId}</RequestId>\n</ErrorResponse>\n`;
  sendRaw(ctx, err.status, body, { 'Content-Type': 'text/xml' });
}

/** `<Name>value</Name>` lines for an XML result, nested objects indented; undefined values dropped. */
export function xmlFields(obj: Record<string, unknown>, indent: string): string {
  let out = '';
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (v && typeof v === 'object') out += `${indent}<${k}>\n${xmlFields(v as Record<string, unknown>, indent + '  ')}${indent}</${k}>\n`;
    else out += `${indent}<${k}>${xmlEscape(String(v))}</${k}>\n`;
  }
  return out;
}

export function sendQueryResult(ctx: Ctx, action: string, result: Record<string, unknown>): void {
  const body =
    `<${action}Response xmlns="${STS_NS}">\n  <${action}Result>\n${xmlFields(result, '    ')}  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${ctx.requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
  sendRaw(ctx, 200, body, { 'Content-Type': 'text/xml' });
}

export function sendHtml(ctx: Ctx, status: number, title: string, bodyHtml: string): void {
  sendRaw(ctx, status, `<!doctype html>\n<html><head><meta charset="utf-8"><title>${xmlEscape(title)}</title></head><body>\n<h1>${xmlEscape(title)}</h1>\n${bodyHtml}\n</body></html>\n`, { 'Content-Type': 'text/html; charset=utf-8' });
}

export function redirect(ctx: Ctx, location: string): void {
  sendRaw(ctx, 302, '', { Location: location });
}

export function readBody(req: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer | string) => {
      if (typeof c === 'string') c = Buffer.from(c);
      size += c.length;
      if (size > limit) {
        reject(new AwsError(413, 'ValidationException', `Request body exceeds ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
