// Test preload (NODE_OPTIONS=--import): logs every package (bare specifier) a process imports to $IMPORT_LOG, so a
// test can prove an offline path loads neither the AWS SDK nor, on the hook's happy path, jsonc-parser.
import Module, { register } from 'node:module';
import { appendFileSync } from 'node:fs';

register('data:text/javascript,' + encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (process.env.IMPORT_LOG && !/^(node:|\\.|\\/|file:|data:)/.test(specifier)) appendFileSync(process.env.IMPORT_LOG, specifier + '\\n');
  return next(specifier, context);
}`));

// Packages loaded with require (the AWS SDK, through src/aws/sdk.ts) bypass the ESM hook above.
const load = Module._load;
Module._load = function (request, ...rest) {
  if (process.env.IMPORT_LOG && !Module.isBuiltin(request) && !/^(node:|\.|\/|[A-Za-z]:)/.test(request)) appendFileSync(process.env.IMPORT_LOG, request + '\n');
  return load.call(this, request, ...rest);
};
