// The one way to load the AWS SDK: lazily, through require. The SDK's packages are CommonJS with no ESM export map,
// so an ESM import makes Node run its CommonJS lexer over every file (measured ~50–80 ms per command); require
// skips that. Offline commands never call this.
import { createRequire } from 'node:module';

const requireSdk = createRequire(import.meta.url);

type SdkModules = {
  '@aws-sdk/client-sts': typeof import('@aws-sdk/client-sts');
  '@aws-sdk/client-bedrock': typeof import('@aws-sdk/client-bedrock');
  '@aws-sdk/client-bedrock-runtime': typeof import('@aws-sdk/client-bedrock-runtime');
  '@aws-sdk/client-sso': typeof import('@aws-sdk/client-sso');
  '@aws-sdk/client-sso-oidc': typeof import('@aws-sdk/client-sso-oidc');
  '@aws-sdk/credential-providers': typeof import('@aws-sdk/credential-providers');
  '@aws-sdk/core/client': typeof import('@aws-sdk/core/client');
  '@smithy/core/config': typeof import('@smithy/core/config');
  '@smithy/node-http-handler': typeof import('@smithy/node-http-handler');
  '@smithy/signature-v4': typeof import('@smithy/signature-v4');
};

export async function loadSdk<K extends keyof SdkModules>(name: K): Promise<SdkModules[K]> {
  return requireSdk(name) as SdkModules[K];
}
