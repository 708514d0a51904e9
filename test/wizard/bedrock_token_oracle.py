# Oracle: a short-term Bedrock API key made exactly as AWS's aws-bedrock-token-generator (Python) makes it, with
# botocore's SigV4QueryAuth, at a fixed time. stdin: {"accessKeyId","secretAccessKey","sessionToken"?,"region","expires","time"}.
import base64
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

a = json.load(sys.stdin)
fixed = datetime.datetime.strptime(a["time"], "%Y%m%dT%H%M%SZ")
botocore.auth.get_current_datetime = lambda *args, **kw: fixed
request = AWSRequest(method="POST", url="https://bedrock.amazonaws.com/", headers={"host": "bedrock.amazonaws.com"}, params={"Action": "CallWithBearerToken"})
creds = Credentials(a["accessKeyId"], a["secretAccessKey"], a.get("sessionToken"))
botocore.auth.SigV4QueryAuth(creds, "bedrock", a["region"], expires=a["expires"]).add_auth(request)
url = request.url.replace("https://", "") + "&Version=1"
print("bedrock-api-key-" + base64.b64encode(url.encode("utf-8")).decode("utf-8"))
