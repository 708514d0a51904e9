// Test preload (NODE_OPTIONS=--import): logs every package (bare specifier) a process imports to $IMPORT_LOG, so a
// test can prove an offline path loads neither the AWS SDK nor, on the hook's happy path, jsonc-parser.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (process.env.IMPORT_LOG && !/^(node:|\\.|\\/|file:|data:)/.test(specifier)) appendFileSync(process.env.IMPORT_LOG, specifier + '\\n');
  return next(specifier, context);
}`));
