"""mitmproxy addon for `npm run bench`: the same six field rules as bench/policy.json, done the usual way
(parse the JSON body, edit the objects, serialise it again). The gateway's sixth is a category rule
(location -> redact, which its classifier applies to the fix's accuracy); here it is that path.

    mitmdump -s bench/mitm_redact.py ...

redact -> "[redacted]" (0 / false for numbers / booleans), hash -> keyed HMAC-SHA256 pseudonym "pg_<22>",
drop -> the member is removed. Rules are the paths in RULES; only JSON request bodies are touched.
"""

import base64
import hashlib
import hmac
import json
import os

from mitmproxy import http

RULES = (
    (("owner", "email"), "redact"),
    (("device", "serial"), "hash"),
    (("device", "mac"), "hash"),
    (("coords", "latitude"), "drop"),
    (("coords", "longitude"), "drop"),
    (("coords", "accuracy"), "redact"),
)
KEY = os.environ.get("PG_BENCH_HASH_KEY", "bench-key-0123456789abcdef").encode()


def _pseudonym(value):
    digest = hmac.new(KEY, f"v1:{value}".encode(), hashlib.sha256).digest()
    return "pg_" + base64.urlsafe_b64encode(digest).decode().rstrip("=")[:22]


def _redacted(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return 0
    return None if value is None else "[redacted]"


def _apply(doc, path, action):
    parent = doc
    for key in path[:-1]:
        if not isinstance(parent, dict) or key not in parent:
            return
        parent = parent[key]
    last = path[-1]
    if not isinstance(parent, dict) or last not in parent:
        return
    if action == "drop":
        del parent[last]
    elif action == "hash":
        parent[last] = _pseudonym(parent[last])
    else:
        parent[last] = _redacted(parent[last])


class Redact:
    def request(self, flow: http.HTTPFlow) -> None:
        content_type = flow.request.headers.get("content-type", "")
        if "json" not in content_type or not flow.request.content:
            return
        try:
            doc = json.loads(flow.request.content)
        except ValueError:
            flow.response = http.Response.make(400, b'{"error":"malformed JSON"}', {"content-type": "application/json"})
            return
        for path, action in RULES:
            _apply(doc, path, action)
        flow.request.content = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()


addons = [Redact()]
