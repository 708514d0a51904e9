// Every doctor check, in the order they are shown, and which check answers each row of the reference sheet's
// troubleshooting table.
import type { Check } from '../doctor.js';
import type { DoctorContext, DoctorOutcome } from './context.js';
import { PREREQ_CHECKS } from './prereq.js';
import { CONFIG_CHECKS } from './config.js';
import { ONLINE_CHECKS } from './online.js';

export const ALL_CHECKS: Check<DoctorContext, DoctorOutcome>[] = [...PREREQ_CHECKS, ...CONFIG_CHECKS, ...ONLINE_CHECKS];

/** reference/aws-bedrock-reference.md "Troubleshooting": error → the check that detects it. */
export const TROUBLESHOOTING_ROWS: Record<string, string> = {
  'Token expired': 'sso-token',
  'Profile not found': 'profile',
  'Access denied': 'iam-permissions',
  'Model not available': 'models-exist',
  'Network timeout': 'bedrock-reachable',
  '"on-demand throughput isn\'t supported"': 'model-ids',
  'Region not supported': 'bedrock-reachable',
};

export type { DoctorContext } from './context.js';
