// Bedrock Runtime: InvokeModel (+ stream), Converse (+ stream), CountTokens, answering in the Anthropic Messages format.
import { randomBytes } from 'node:crypto';
import { authorize, type Principal } from '../auth.js';
import type { ClaudeModel } from '../catalog.js';
import { AwsError, malformedInput } from '../errors.js';
import { eventMessage, exceptionMessage } from '../eventstream.js';
import { parseJsonBody, sendJson, type Ctx } from '../http.js';
import type { ErrorSpec } from '../scenario.js';
import { checkModelAccess, resolveCountTokensModel, resolveInvokeModel, type ResolvedModel } from './models.js';

const ACTION: Record<string, string> = {
  InvokeModel: 'bedrock:InvokeModel',
  Converse: 'bedrock:InvokeModel',
  InvokeModelWithResponseStream: 'bedrock:InvokeModelWithResponseStream',
  ConverseStream: 'bedrock:InvokeModelWithResponseStream',
  CountTokens: 'bedrock:CountTokens',
};

const PADDING = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** The real service pads every stream event with a random-length `p` (AWS-WIRE §6.3); SDKs ignore it. */
function pad(): string {
  return PADDING.slice(0, 1 + (randomBytes(1)[0]! % PADDING.length));
}

/** `anthropic.claude-sonnet-4-5-20250929-v1:0` → `claude-sonnet-4-5-20250929`, the name Anthropic bodies carry. */
export function anthropicModelName(m: ClaudeModel): string {
  return m.id.replace(/^anthropic\./, '').replace(/-v\d+(:\d+)?$/, '');
}

/** The assistant's answer, split into the tokens it is streamed (and counted) in. */
export function replyTokens(ctx: Ctx, requested: string, region: string): string[] {
  const text = ctx.state.scenario.reply ?? `Hi! This is the claude-bedrock AWS emulator answering as ${requested} in ${region}.`;
  return text.split(/(?=\s)/);
}

export function estimateTokens(value: unknown): number {
  return Math.max(1, Math.ceil(JSON.stringify(value ?? '').length / 4));
}

interface Answer {
  tokens: string[];
  text: string;
  inputTokens: number;
  outputTokens: number;
  stopReason: 'end_turn' | 'max_tokens';
}

function answer(ctx: Ctx, r: ResolvedModel, region: string, maxTokens: number, input: unknown): Answer {
  const all = replyTokens(ctx, r.requested, region);
  const tokens = all.slice(0, maxTokens);
  return { tokens, text: tokens.join(''), inputTokens: estimateTokens(input), outputTokens: tokens.length, stopReason: tokens.length < all.length ? 'max_tokens' : 'end_turn' };
}

function anthropicBody(ctx: Ctx): { maxTokens: number; input: unknown } {
  const b = parseJsonBody(ctx.req);
  if (!b) throw malformedInput('#: expected type: JSONObject, found: String');
  for (const k of ['anthropic_version', 'max_tokens', 'messages']) if (!(k in b)) throw malformedInput(`#: required key [${k}] not found`);
  const max = b.max_tokens;
  if (typeof max !== 'number' || !Number.isInteger(max)) throw malformedInput(`#/max_tokens: expected type: Integer, found: ${typeof max}`);
  if (max < 1) throw malformedInput(`#/max_tokens: ${max} is not greater or equal to 1`);
  if (!Array.isArray(b.messages)) throw malformedInput('#/messages: expected type: JSONArray');
  return { maxTokens: max, input: { system: b.system, messages: b.messages, tools: b.tools } };
}

function converseBody(ctx: Ctx): { maxTokens: number; input: unknown } {
  const b = parseJsonBody(ctx.req);
  if (!b) throw new AwsError(400, 'ValidationException', 'Malformed request body');
  const messages = b.messages;
  if (!Array.isArray(messages) || messages.length === 0 || (messages[0] as { role?: string }).role !== 'user') {
    throw new AwsError(400, 'ValidationException', 'A conversation must start with a user message. Try again with a conversation that starts with a user message.');
  }
  const cfg = (b.inferenceConfig ?? {}) as { maxTokens?: unknown };
  const max = cfg.maxTokens === undefined ? 4096 : cfg.maxTokens;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
    throw new AwsError(400, 'ValidationException', `1 validation error detected: Value '${String(max)}' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  }
  return { maxTokens: max, input: { system: b.system, messages } };
}

function messageId(): string {
  return 'msg_bdrk_01' + randomBytes(16).toString('base64url').replace(/[-_]/g, 'x').slice(0, 22);
}

function startStream(ctx: Ctx, extra: Record<string, string> = {}): void {
  ctx.call.status = 200;
  ctx.res.writeHead(200, { 'Content-Type': 'application/vnd.amazon.eventstream', 'x-amzn-RequestId': ctx.requestId, ...extra });
}

function writeEvent(ctx: Ctx, buf: Buffer): boolean {
  if (ctx.aborted()) return false;
  ctx.res.write(buf);
  return true;
}

function streamException(ctx: Ctx, spec: ErrorSpec): void {
  const type = spec.code.charAt(0).toLowerCase() + spec.code.slice(1);
  ctx.call.errorCode = type;
  writeEvent(ctx, exceptionMessage(type, spec.message));
  ctx.res.end();
}

export interface RuntimeOptions {
  /** An error to raise inside the stream after it has started (a scenario fault with `inStream`). */
  streamFault?: ErrorSpec;
}

export function handleRuntime(ctx: Ctx, p: Principal, operation: string, requested: string, opts: RuntimeOptions = {}): void {
  const { scenario } = ctx.state;
  const region = p.region;
  ctx.call.modelId = requested;
  const started = Date.now();

  if (operation === 'CountTokens') {
    const r = resolveCountTokensModel(scenario, region, requested);
    authorize(ctx, p, ACTION.CountTokens!, r.resourceArn, [requested]);
    const b = parseJsonBody(ctx.req);
    const input = (b?.input ?? {}) as { invokeModel?: { body?: string }; converse?: unknown };
    let counted: unknown;
    if (input.invokeModel?.body !== undefined) {
      try {
        const inner = JSON.parse(Buffer.from(input.invokeModel.body, 'base64').toString('utf8')) as Record<string, unknown>;
        counted = { system: inner.system, messages: inner.messages, tools: inner.tools };
      } catch {
        throw malformedInput('#: expected type: JSONObject, found: String');
      }
    } else if (input.converse) counted = input.converse;
    else throw new AwsError(400, 'ValidationException', 'The input must contain either invokeModel or converse.');
    return sendJson(ctx, 200, { inputTokens: estimateTokens(counted) });
  }

  const r = resolveInvokeModel(scenario, region, p.account, requested);
  authorize(ctx, p, ACTION[operation]!, r.resourceArn, [requested]);
  checkModelAccess(scenario, r.model);
  const modelName = anthropicModelName(r.model);

  if (operation === 'InvokeModel' || operation === 'InvokeModelWithResponseStream') {
    const { maxTokens, input } = anthropicBody(ctx);
    const a = answer(ctx, r, region, maxTokens, input);
    const latency = String(Date.now() - started);
    if (operation === 'InvokeModel') {
      return sendJson(
        ctx,
        200,
        {
          id: messageId(), type: 'message', role: 'assistant', model: modelName,
          content: [{ type: 'text', text: a.text }],
          stop_reason: a.stopReason, stop_sequence: null,
          usage: { input_tokens: a.inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: a.outputTokens },
        },
        { 'X-Amzn-Bedrock-Input-Token-Count': String(a.inputTokens), 'X-Amzn-Bedrock-Output-Token-Count': String(a.outputTokens), 'X-Amzn-Bedrock-Invocation-Latency': latency },
      );
    }
    startStream(ctx, { 'X-Amzn-Bedrock-Content-Type': 'application/json' });
    const chunk = (ev: unknown) => writeEvent(ctx, eventMessage('chunk', { bytes: Buffer.from(JSON.stringify(ev)).toString('base64'), p: pad() }));
    chunk({
      type: 'message_start',
      message: {
        id: messageId(), type: 'message', role: 'assistant', model: modelName, content: [], stop_reason: null, stop_sequence: null,
        usage: { input_tokens: a.inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
      },
    });
    if (opts.streamFault) return streamException(ctx, opts.streamFault);
    chunk({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    for (const t of a.tokens) chunk({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: t } });
    chunk({ type: 'content_block_stop', index: 0 });
    chunk({ type: 'message_delta', delta: { stop_reason: a.stopReason, stop_sequence: null }, usage: { output_tokens: a.outputTokens } });
    const ms = Date.now() - started;
    chunk({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': { inputTokenCount: a.inputTokens, outputTokenCount: a.outputTokens, invocationLatency: ms, firstByteLatency: ms },
    });
    ctx.res.end();
    return;
  }

  const { maxTokens, input } = converseBody(ctx);
  const a = answer(ctx, r, region, maxTokens, input);
  const usage = { inputTokens: a.inputTokens, outputTokens: a.outputTokens, totalTokens: a.inputTokens + a.outputTokens };
  if (operation === 'Converse') {
    return sendJson(ctx, 200, {
      output: { message: { role: 'assistant', content: [{ text: a.text }] } },
      stopReason: a.stopReason,
      usage,
      metrics: { latencyMs: Date.now() - started },
    });
  }
  startStream(ctx);
  const ev = (type: string, body: Record<string, unknown>) => writeEvent(ctx, eventMessage(type, { ...body, p: pad() }));
  ev('messageStart', { role: 'assistant' });
  if (opts.streamFault) return streamException(ctx, opts.streamFault);
  for (const t of a.tokens) ev('contentBlockDelta', { contentBlockIndex: 0, delta: { text: t } });
  ev('contentBlockStop', { contentBlockIndex: 0 });
  ev('messageStop', { stopReason: a.stopReason });
  ev('metadata', { usage, metrics: { latencyMs: Date.now() - started } });
  ctx.res.end();
}
