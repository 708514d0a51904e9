// Test preload (NODE_OPTIONS=--require): at exit, write every file of dist/ the process loaded to $FILES_LOG.
const fs = require('node:fs');
process.on('exit', () => {
  if (!process.env.FILES_LOG) return;
  const files = Object.keys(require.cache).filter((f) => f.includes(`${require('node:path').sep}dist${require('node:path').sep}`));
  fs.writeFileSync(process.env.FILES_LOG, files.join('\n'));
});
