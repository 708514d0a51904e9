// Builds dist/: the CLI as CommonJS in a few layers, so each command (and the AWS SDK behind it) loads only when used,
// and the offline paths (--version, --help, profiles, status --offline, the session-start hook) read few, small files.
//
// Two stages:
//  1. esbuild: TypeScript → ESM, small pure-JS dependencies bundled, code split at every dynamic import (intermediate).
//  2. rollup: the same modules regrouped and written as CommonJS. Measured on Node 20: loading ESM costs ~5 ms more than
//     the same code as CommonJS, and each extra file ~0.3–0.5 ms; esbuild split status --offline over 18 files.
//     Layers: cli.js (registry, argument parsing, error rendering) → chunks/base.js (what every command needs: deps,
//     errors, output) → chunks/offline.js (what the offline hot paths need: the settings and AWS config engines) →
//     one chunk per command or lazy part. dist/package.json marks the directory CommonJS.
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const EXTERNAL = ['@aws-sdk/*', '@smithy/*', '@anthropic-ai/*'];
/** Commands whose whole static import graph goes into chunks/offline.js (the cold-start budgets cover them). */
const HOT_COMMANDS = /^(status|profiles|session-start)-[A-Z0-9]+\.js$/;
/** What those commands import lazily but still offline (the hook reads the settings layers only when it must). */
const HOT_LAZY = /^(claude-settings|effective)-[A-Z0-9]+\.js$/;

const stage = `dist.esm-${process.pid}`;
// Build beside dist/ and swap it in, so a stale chunk never survives and running tests see a whole build.
const outdir = `dist.tmp-${process.pid}`;
try {
  await build({
    entryPoints: { cli: 'src/bin.ts' },
    outdir: stage,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Small pure-JS dependencies are bundled (a CommonJS package load costs ~14 ms at start); the AWS SDK stays
    // external and lazy.
    external: EXTERNAL,
    // ESM entry points first: jsonc-parser's "main" is a UMD build whose require() calls cannot be bundled
    // ("Dynamic require of ./impl/format is not supported" at run time in every command that reads settings).
    mainFields: ['module', 'main'],
    sourcemap: false,
    minifySyntax: true,
    define: { __VERSION__: JSON.stringify(pkg.version) },
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });

  const entry = path.resolve(stage, 'cli.js');
  let layers;
  /** The layer of every module: the entry's static closure is base; the hot commands' closures (less base) offline. */
  function planLayers(getModuleInfo) {
    const closure = (roots) => {
      const seen = new Set();
      const todo = [...roots];
      while (todo.length) {
        const id = todo.pop();
        const info = getModuleInfo(id);
        if (seen.has(id) || !info || info.isExternal) continue;
        seen.add(id);
        todo.push(...info.importedIds);
      }
      return seen;
    };
    const base = closure([entry]);
    const hot = getModuleInfo(entry).dynamicallyImportedIds.filter((id) => HOT_COMMANDS.test(path.basename(id)));
    if (hot.length !== 3) throw new Error(`build: expected the status, profiles and session-start chunks, found ${hot.map((h) => path.basename(h)).join(', ') || 'none'}`);
    const lazy = hot.flatMap((id) => getModuleInfo(id).dynamicallyImportedIds.filter((d) => HOT_LAZY.test(path.basename(d))));
    const offline = new Set([...closure([...hot, ...lazy])].filter((id) => !base.has(id) && !hot.includes(id)));
    return { base, offline };
  }

  const bundle = await rollup({
    input: { cli: entry },
    // No facade chunks: a dynamic import of a module inside a layer reads the layer itself.
    preserveEntrySignatures: false,
    external: (id) => id.startsWith('node:') || /^(@aws-sdk|@smithy|@anthropic-ai)\//.test(id),
    onwarn(w) {
      if (w.code === 'CIRCULAR_DEPENDENCY') return;
      throw new Error(`build: ${w.message}`);
    },
  });
  await bundle.write({
    dir: outdir,
    format: 'cjs',
    generatedCode: 'es2015',
    interop: 'auto',
    entryFileNames: '[name].js',
    banner: (c) => (c.isEntry ? '#!/usr/bin/env node' : ''),
    // esbuild's names carry its own hash; keep the readable part.
    chunkFileNames: (c) => `chunks/${c.name.replace(/-[A-Z0-9]{8}$/, '')}-[hash].js`,
    manualChunks(id, { getModuleInfo }) {
      layers ??= planLayers(getModuleInfo);
      if (id === entry) return undefined;
      if (layers.base.has(id)) return 'base';
      if (layers.offline.has(id)) return 'offline';
      return undefined;
    },
  });
  await bundle.close();
  writeFileSync(`${outdir}/package.json`, '{ "type": "commonjs" }\n');
  chmodSync(`${outdir}/cli.js`, 0o755);
  const old = `dist.old-${process.pid}`;
  try { renameSync('dist', old); } catch { /* first build */ }
  renameSync(outdir, 'dist');
  rmSync(old, { recursive: true, force: true });
} finally {
  rmSync(stage, { recursive: true, force: true });
  rmSync(outdir, { recursive: true, force: true });
}
