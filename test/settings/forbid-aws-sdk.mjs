// Test preload (NODE_OPTIONS=--import): any import of the AWS SDK fails and is logged to $FORBID_AWS_SDK_LOG,
// which proves an offline command never loads it.
import Module, { register } from 'node:module';
import { appendFileSync } from 'node:fs';

const hook = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (/^@(aws-sdk|smithy)\\//.test(specifier)) {
    if (process.env.FORBID_AWS_SDK_LOG) appendFileSync(process.env.FORBID_AWS_SDK_LOG, specifier + '\\n');
    throw new Error('offline command loaded the AWS SDK: ' + specifier);
  }
  return next(specifier, context);
}`;
register('data:text/javascript,' + encodeURIComponent(hook));

// The AWS SDK is loaded with require (src/aws/sdk.ts), which the ESM hook above does not see.
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/^@(aws-sdk|smithy)\//.test(request)) {
    if (process.env.FORBID_AWS_SDK_LOG) appendFileSync(process.env.FORBID_AWS_SDK_LOG, request + '\n');
    throw new Error('offline command loaded the AWS SDK: ' + request);
  }
  return load.call(this, request, ...rest);
};
