"""One HTTP attempt of a webhook message, signed per the Standard Webhooks specification.

The body is the JSON message; the headers `webhook-id`, `webhook-timestamp` and
`webhook-signature` let the receiver check it with `standardwebhooks.Webhook(secret).verify()`.
During a secret's rotation the message carries a signature by each secret. Redirects are not
followed (a 3xx is a failure: register the final address), and only http and https are sent.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from standardwebhooks import Webhook as Signer

EXCERPT_BYTES = 500
SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int | None  # the HTTP status, None when no answer came
    excerpt: str  # the start of the answer's body
    error: str  # why it failed, when no answer came


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the 3xx answer comes back as an HTTPError


_opener = urllib.request.build_opener(_NoRedirects)


def body_of(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def signed_headers(
    *, message_id: str, at: datetime, body: bytes, secrets: Sequence[str]
) -> dict[str, str]:
    signatures = " ".join(Signer(secret).sign(message_id, at, body) for secret in secrets)
    return {
        "Content-Type": "application/json",
        "User-Agent": "Plein-Webhooks",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signatures,
    }


def _excerpt(raw: bytes) -> str:
    return raw[:EXCERPT_BYTES].decode("utf-8", errors="replace")


def post(url: str, *, body: bytes, headers: dict[str, str]) -> Outcome:
    """POST the message; a 2xx answer is success. Never raises for what the network does."""
    if urlsplit(url).scheme not in SCHEMES:
        return Outcome(False, None, "", "Only http and https addresses are called.")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 (scheme checked above)
    timeout = settings.PLEIN_WEBHOOK_TIMEOUT
    try:
        with _opener.open(request, timeout=timeout) as response:
            status = response.status
            return Outcome(200 <= status < 300, status, _excerpt(response.read(EXCERPT_BYTES)), "")
    except urllib.error.HTTPError as answer:
        with answer:
            return Outcome(False, answer.code, _excerpt(answer.read(EXCERPT_BYTES)), "")
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        return Outcome(False, None, "", str(reason)[:300] or type(error).__name__)
