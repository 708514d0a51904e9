// Public API of the AWS config engine: lossless INI document, pure text planners, and the botocore-faithful profile model.
export { parseIni, printIni, dominantEol, keyValue } from './ini.js';
export type { IniDocument, IniLine, IniSection, KeyLine, SectionLine, Eol } from './ini.js';
export { setKey, unsetKey, addSection, removeSection, renameSection, hasSection } from './edit.js';
export { buildProfileModel, classifySection, isFileRefused, FILE_REFUSED_CODES } from './model.js';
export type { AwsConfigModel, AwsProfile, SsoSession, ConfigIssue, ProfileKind, ProfileSource, IssueCode, ProfileModelInput } from './model.js';
