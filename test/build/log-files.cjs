// Test preload (NODE_OPTIONS=--require): at exit, write every file of dist/ the process loaded (and node:crypto, if it
// was) to $FILES_LOG.
const fs = require('node:fs');
process.on('exit', () => {
  if (!process.env.FILES_LOG) return;
  const files = Object.keys(require.cache).filter((f) => f.includes(`${require('node:path').sep}dist${require('node:path').sep}`));
  // Costly built-ins, by name (they are not files): node:crypto costs a few ms to load.
  const builtins = process.moduleLoadList.includes('NativeModule crypto') ? ['node:crypto'] : [];
  fs.writeFileSync(process.env.FILES_LOG, [...files, ...builtins].join('\n'));
});
