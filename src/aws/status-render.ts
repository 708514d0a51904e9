// Human rendering of the online part of `status` (identity and clocks). No SDK: `status --offline` may load it.
import type { Output } from '../io/output.js';
import { table } from '../io/output.js';
import { localTime, printFailure } from './command-support.js';
import type { Clock } from './clocks.js';
import type { Failure } from './failure.js';

export interface OnlineView {
  checkedAt: string;
  checked: string | null;
  identity: { account: string; arn: string } | null;
  identityError: Failure | null;
  credentialKind: string | null;
  clocks: Clock[];
  network: string[];
}

export function renderOnlineStatus(r: OnlineView, out: Output): void {
  const now = new Date(r.checkedAt);
  for (const l of r.network) out.print(`Network: ${l}`);
  out.print('');
  if (r.identity) {
    out.print(`Identity: ${out.green(r.identity.account)}  ${r.identity.arn}  ${out.dim(`(${r.checked}${r.credentialKind ? `, ${r.credentialKind}` : ''})`)}`);
  } else if (r.identityError) {
    out.print(`Identity: ${out.red('not available')}${r.checked ? ` (${r.checked})` : ''}`);
    printFailure(out, r.identityError);
  } else if (r.checked) {
    out.print(`Identity: ${out.dim(`${r.checked}: no STS identity (a Bedrock API key authenticates Bedrock calls only)`)}`);
  }
  if (!r.clocks.length) return;
  out.print('');
  out.print('Expiry clocks:');
  out.print(
    table(
      r.clocks.map((c) => [
        `  ${c.label}`,
        c.expiresAt ? (c.expired ? out.red(`expired ${localTime(new Date(c.expiresAt), now)}`) : localTime(new Date(c.expiresAt), now)) : out.dim('not recorded'),
      ]),
    ),
  );
  for (const c of r.clocks) out.print(`  ${out.dim(`then (${c.id}):`)} ${c.onExpiry === 'refresh-silently' ? out.green(c.then) : c.onExpiry === 'fail' ? out.yellow(c.then) : c.then}`);
}
