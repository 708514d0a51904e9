// The sso commands edit ~/.aws/config only when botocore can read it: a file the AWS CLI refuses (duplicate sections
// or keys, a line without "=", a BOM...) is left exactly as it is, so the edit never hides or worsens the real problem.
import { isFileRefused, type AwsConfigModel } from '../aws-config/index.js';
import { CliError } from '../../errors.js';

/**
 * Throws (before anything is written) when the AWS CLI and boto3 refuse `configPath`: the error names the first
 * refused line, why nothing is edited, and the fix followed by `rerun`, the command to run again afterwards.
 */
export function assertEditable(model: AwsConfigModel, configPath: string, command: string, rerun: string): void {
  const refused = model.issues.filter((i) => isFileRefused(i) && i.file === configPath);
  const first = refused[0];
  if (!first) return;
  const more = refused.length - 1;
  throw new CliError({
    what: `${configPath}:${first.line}: ${first.message}`,
    why: `The AWS CLI and the AWS SDK for Python (boto3) cannot read this file at all, so ${command} does not edit it: an edit would hide the real problem and could make it worse. Nothing was written.${more ? ` The file has ${more} more such problem${more > 1 ? 's' : ''} (claude-bedrock profiles lists them all).` : ''}`,
    // A fix that is a command (the BOM's perl line) is the next step as it is, to paste and run; an instruction is
    // followed by the command to run again.
    next: first.code === 'bom' && first.fix
      ? first.fix
      : `${first.fix ?? `fix line ${first.line} of ${configPath}`}${more ? ' (and the other problems claude-bedrock profiles lists)' : ''}; then: ${rerun}`,
    code: 'aws-config-refused',
  });
}
