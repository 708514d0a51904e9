// Thinking and output token budgets for Claude Code (MAX_THINKING_TOKENS, CLAUDE_CODE_MAX_OUTPUT_TOKENS): presets and
// the rules a pair must follow. Pure.
import { CliError, EXIT, type ErrorParts } from '../errors.js';

export const THINKING_KEY = 'MAX_THINKING_TOKENS';
export const OUTPUT_KEY = 'CLAUDE_CODE_MAX_OUTPUT_TOKENS';

export interface TokenBudget {
  thinking: number;
  output: number;
}

/**
 * Thinking is always below output: Bedrock counts thinking inside max_tokens and refuses "max_tokens must be greater
 * than thinking.budget_tokens". Bedrock also reserves max_tokens against the tokens-per-minute quota, so smaller
 * outputs throttle less (CLAUDE-CODE-BEDROCK.md §2c).
 */
export const PRESETS: Record<'focused' | 'balanced' | 'thorough', TokenBudget & { summary: string }> = {
  focused: { thinking: 4096, output: 8192, summary: 'short answers and light thinking: fastest, least quota' },
  balanced: { thinking: 8192, output: 16384, summary: 'room for most edits and plans' },
  thorough: { thinking: 16384, output: 32000, summary: 'long reasoning and large edits: most quota per request' },
};

export type PresetName = keyof typeof PRESETS;

/** Anthropic's smallest thinking budget; 0 turns thinking off (Claude Code then omits the parameter on Bedrock). */
export const MIN_THINKING = 1024;
const MAX_TOKENS = 1_000_000;

/** A value that can never work: exit 2 like a usage error, with what / why / next. */
export class TuneInputError extends CliError {
  override readonly exitCode = EXIT.usage;
  constructor(parts: ErrorParts) {
    super({ code: 'invalid-input', ...parts });
  }
}

export function parseTokenCount(flag: string, raw: unknown): number {
  const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n > MAX_TOKENS) {
    throw new TuneInputError({ what: `${flag} ${JSON.stringify(raw)} is not a whole number of tokens (0 to ${MAX_TOKENS}).`, next: 'claude-bedrock tune --thinking 8192 --output 16384' });
  }
  return n;
}

/** Refuses a pair Bedrock would reject. */
export function checkBudget(b: TokenBudget): void {
  if (b.output < 1) throw new TuneInputError({ what: `--output ${b.output} leaves no room for an answer.`, next: 'claude-bedrock tune --preset balanced' });
  if (b.thinking !== 0 && b.thinking < MIN_THINKING) {
    throw new TuneInputError({ what: `--thinking ${b.thinking} is below ${MIN_THINKING}, the smallest thinking budget Claude accepts.`, why: '0 turns extended thinking off.', next: `claude-bedrock tune --thinking ${MIN_THINKING} --output ${Math.max(b.output, 2 * MIN_THINKING)}` });
  }
  if (b.thinking >= b.output) {
    throw new TuneInputError({
      what: `--thinking ${b.thinking} is not below --output ${b.output}.`,
      why: 'Thinking tokens count toward the output limit: Bedrock refuses the request ("max_tokens must be greater than thinking.budget_tokens").',
      next: `claude-bedrock tune --thinking ${b.thinking} --output ${Math.max(b.thinking * 2, b.thinking + 1024)}   (or --preset balanced)`,
    });
  }
}

/** The preset a pair equals, if any. */
export function presetOf(b: Partial<TokenBudget>): PresetName | null {
  for (const [name, p] of Object.entries(PRESETS)) if (p.thinking === b.thinking && p.output === b.output) return name as PresetName;
  return null;
}
