// Reads ~/.aws/config and ~/.aws/credentials (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE honoured) into the profile model.
import type { Deps } from '../deps.js';
import { awsConfigFile, awsCredentialsFile } from '../core/paths.js';
import { buildProfileModel, type AwsConfigModel } from '../core/aws-config/index.js';
import { readUserFile, type UserFile } from './fs.js';

export interface AwsFiles {
  config: UserFile;
  credentials: UserFile;
  model: AwsConfigModel;
}

/** A BOM does not stop us reading: the model reports it as an error issue (botocore refuses such a file). */
export function loadAwsFiles(deps: Deps): AwsFiles {
  const home = deps.home();
  const config = readUserFile(awsConfigFile(deps.env, home), { allowBom: true });
  const credentials = readUserFile(awsCredentialsFile(deps.env, home), { allowBom: true });
  const model = buildProfileModel({
    configText: config.text,
    configPath: config.path,
    credentialsText: credentials.text,
    credentialsPath: credentials.path,
    env: deps.env,
  });
  return { config, credentials, model };
}
