// Bundles the CLI into dist/ with code splitting, so each command (and the AWS SDK behind it) loads only when used.
import { build } from 'esbuild';
import { chmodSync, readFileSync, renameSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Build beside dist/ and swap it in, so a stale chunk never survives and running tests see a whole build.
const outdir = `dist.tmp-${process.pid}`;
await build({
  entryPoints: { cli: 'src/bin.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Small pure-JS dependencies are bundled (a CommonJS load costs ~14 ms at start); the AWS SDK stays external and lazy.
  external: ['@aws-sdk/*', '@smithy/*', '@anthropic-ai/*'],
  // ESM entry points first: jsonc-parser's "main" is a UMD build whose require() calls cannot be bundled into ESM
  // ("Dynamic require of ./impl/format is not supported" at run time in every command that reads settings).
  mainFields: ['module', 'main'],
  sourcemap: false,
  minifySyntax: true,
  define: { __VERSION__: JSON.stringify(pkg.version) },
  banner: { js: '#!/usr/bin/env node' },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
chmodSync(`${outdir}/cli.js`, 0o755);
const old = `dist.old-${process.pid}`;
try { renameSync('dist', old); } catch { /* first build */ }
renameSync(outdir, 'dist');
rmSync(old, { recursive: true, force: true });
