// A small unified-diff printer for previews (--dry-run) and JSON `changes[].diff`. Pure.

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

type Op = { t: ' ' | '-' | '+'; line: string };

/** Line diff: strip the common head and tail (edits are local), then LCS on the middle. */
function diffLines(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const ma = a.slice(start, endA);
  const mb = b.slice(start, endB);
  const mid: Op[] = [];
  if (ma.length * mb.length > 4_000_000) {
    for (const l of ma) mid.push({ t: '-', line: l });
    for (const l of mb) mid.push({ t: '+', line: l });
  } else {
    const n = ma.length;
    const m = mb.length;
    const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        dp[i]![j] = ma[i] === mb[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && ma[i] === mb[j]) { mid.push({ t: ' ', line: ma[i]! }); i++; j++; }
      else if (i < n && (j >= m || dp[i + 1]![j]! >= dp[i]![j + 1]!)) { mid.push({ t: '-', line: ma[i]! }); i++; }
      else { mid.push({ t: '+', line: mb[j]! }); j++; }
    }
  }
  return [
    ...a.slice(0, start).map((line) => ({ t: ' ' as const, line })),
    ...mid,
    ...a.slice(endA).map((line) => ({ t: ' ' as const, line })),
  ];
}

/** Unified diff with 3 lines of context. Empty string when nothing changed. */
export function unifiedDiff(fileLabel: string, before: string | null, after: string | null, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before ?? ''), splitLines(after ?? ''));
  const label = (side: 'a' | 'b') => (fileLabel.startsWith('/') || /^[A-Za-z]:/.test(fileLabel) ? fileLabel : `${side}/${fileLabel}`);
  const header = [`--- ${before === null ? '/dev/null' : label('a')}`, `+++ ${after === null ? '/dev/null' : label('b')}`];
  const hunks: string[] = [];
  let i = 0;
  // Track positions in a and b.
  const posA: number[] = [];
  const posB: number[] = [];
  let ca = 0;
  let cb = 0;
  for (const op of ops) {
    posA.push(ca);
    posB.push(cb);
    if (op.t !== '+') ca++;
    if (op.t !== '-') cb++;
  }
  while (i < ops.length) {
    if (ops[i]!.t === ' ') { i++; continue; }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while changes are within 2*context of each other.
    let last = i;
    while (end < ops.length) {
      if (ops[end]!.t !== ' ') last = end;
      if (end - last > 2 * context) break;
      end++;
    }
    end = Math.min(ops.length, last + context + 1);
    const slice = ops.slice(start, end);
    const aCount = slice.filter((o) => o.t !== '+').length;
    const bCount = slice.filter((o) => o.t !== '-').length;
    const aStart = aCount === 0 ? posA[start]! : posA[start]! + 1;
    const bStart = bCount === 0 ? posB[start]! : posB[start]! + 1;
    hunks.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const o of slice) hunks.push(`${o.t}${o.line.replace(/\r$/, '')}`);
    i = end;
  }
  return [...header, ...hunks].join('\n') + '\n';
}
