# botocore (the library under the AWS CLI) against the emulator: event-stream parsing (both CRCs checked by botocore),
# in-stream exceptions, Bearer API keys. Prints one JSON document.
# Usage: python3 botocore_checks.py <emulator url> <Bedrock API key>
import json
import os
import sys

import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError, EventStreamError

url = sys.argv[1]
session = botocore.session.get_session()
cfg = Config(retries={"max_attempts": 1})
rt = session.create_client("bedrock-runtime", region_name="us-west-2", endpoint_url=url, config=cfg)
out = {}

body = json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 50, "messages": [{"role": "user", "content": "say hi"}]})
r = rt.invoke_model_with_response_stream(modelId="us.anthropic.claude-sonnet-4-5-20250929-v1:0", body=body)
events = [json.loads(e["chunk"]["bytes"]) for e in r["body"]]
out["invokeStream"] = {
    "contentType": r["contentType"],
    "types": [e["type"] for e in events],
    "text": "".join(e["delta"]["text"] for e in events if e["type"] == "content_block_delta"),
    "metrics": events[-1].get("amazon-bedrock-invocationMetrics"),
}

r = rt.converse_stream(modelId="global.anthropic.claude-haiku-4-5-20251001-v1:0", messages=[{"role": "user", "content": [{"text": "hi"}]}], inferenceConfig={"maxTokens": 1})
kinds, text, stop = [], "", None
for e in r["stream"]:
    k = next(iter(e))
    kinds.append(k)
    if k == "contentBlockDelta":
        text += e[k]["delta"]["text"]
    if k == "messageStop":
        stop = e[k]["stopReason"]
out["converseStream"] = {"kinds": kinds, "text": text, "stopReason": stop}

try:
    r = rt.converse_stream(modelId="us.anthropic.claude-opus-4-5-20251101-v1:0", messages=[{"role": "user", "content": [{"text": "hi"}]}])
    for e in r["stream"]:
        pass
    out["inStreamError"] = None
except EventStreamError as e:
    out["inStreamError"] = {"code": e.response["Error"]["Code"], "message": str(e)}

try:
    rt.converse(modelId="eu.anthropic.claude-sonnet-4-6", messages=[{"role": "user", "content": [{"text": "hi"}]}])
except ClientError as e:
    out["wrongGeo"] = str(e)

# With AWS_BEARER_TOKEN_BEDROCK set, botocore sends `Authorization: Bearer` instead of SigV4 (for Bedrock clients).
os.environ["AWS_BEARER_TOKEN_BEDROCK"] = sys.argv[2]
bearer = botocore.session.get_session()
brt = bearer.create_client("bedrock-runtime", region_name="eu-west-1", endpoint_url=url + "/region/eu-west-1", config=cfg)
r = brt.converse(modelId="eu.anthropic.claude-sonnet-4-6", messages=[{"role": "user", "content": [{"text": "hi"}]}])
out["bearer"] = r["output"]["message"]["content"][0]["text"]

print(json.dumps(out))
