// The commercial AWS regions where Amazon Bedrock runs: the one list `discover` and `regions` probe.
//
// Source: botocore 1.43.11 data/endpoints.json, partition "aws", service "bedrock" (the bedrock-*/fips pseudo
// regions dropped). Checked 2026-09. GovCloud, China and ISO partitions are separate and not probed.
// To refresh: python3 -c "import botocore,os,json;d=json.load(open(os.path.join(os.path.dirname(botocore.__file__),'data','endpoints.json')));print(sorted(r for r in d['partitions'][0]['services']['bedrock']['endpoints'] if not r.startswith('bedrock-')))"
export const BEDROCK_REGIONS_CHECKED = '2026-09';

export const BEDROCK_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'ca-central-1', 'ca-west-1', 'mx-central-1', 'sa-east-1',
  'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1', 'me-central-1', 'me-south-1', 'af-south-1',
  'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
];

/** The regions to probe: the list (or an explicit one), plus the profile's own region first when it is not in it. */
export function regionsToProbe(explicit: readonly string[] | undefined, ownRegion: string | undefined): string[] {
  const base = explicit && explicit.length ? [...explicit] : [...BEDROCK_REGIONS];
  if (ownRegion && !base.includes(ownRegion) && !(explicit && explicit.length)) base.unshift(ownRegion);
  return [...new Set(base)];
}
