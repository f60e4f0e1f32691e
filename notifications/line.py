"""The LINE Messaging API, through the standard library: push and reply text messages, check webhook signatures.

LINE Notify closed in 2025; a school's people now reach us through the office's LINE official account. Without
LINE_CHANNEL_ACCESS_TOKEN and LINE_CHANNEL_SECRET LINE is off: no link is offered and nothing is sent.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

TEXT_MAX = 5000  # characters in one LINE text message


@dataclass(frozen=True)
class Outcome:
    """What LINE answered: an HTTP status, or None when it could not be reached."""

    status: int | None

    @property
    def delivered(self) -> bool:
        # 409: a request with this retry key was accepted before, so the message went out once already.
        return self.status in (200, 409)

    @property
    def retry(self) -> bool:
        """Worth trying again later with the same retry key: rate limited, LINE's error, or no answer."""
        return self.status is None or self.status == 429 or self.status >= 500


def enabled() -> bool:
    return bool(settings.LINE_CHANNEL_ACCESS_TOKEN and settings.LINE_CHANNEL_SECRET)


def signature_valid(body: bytes, signature: str) -> bool:
    """X-Line-Signature is base64(HMAC-SHA256(channel secret, raw request body))."""
    if not settings.LINE_CHANNEL_SECRET or not signature:
        return False
    digest = hmac.new(settings.LINE_CHANNEL_SECRET.encode(), body, hashlib.sha256).digest()
    return hmac.compare_digest(base64.b64encode(digest).decode(), signature)


def push(to: str, text: str, *, retry_key: str) -> Outcome:
    """Send one text message to a LINE userId; the same retry key makes a repeated push arrive once."""
    return _post("/v2/bot/message/push", {"to": to, "messages": [_text(text)]}, retry_key=retry_key)


def reply(reply_token: str, text: str) -> Outcome:
    """Answer a webhook event (free of the push quota; the token is valid for a short while only)."""
    return _post("/v2/bot/message/reply", {"replyToken": reply_token, "messages": [_text(text)]})


def _text(text: str) -> dict[str, str]:
    if len(text) > TEXT_MAX:
        text = text[: TEXT_MAX - 1] + "…"
    return {"type": "text", "text": text}


def _post(path: str, payload: dict[str, Any], *, retry_key: str = "") -> Outcome:
    base = settings.LINE_API_BASE.rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise ImproperlyConfigured("LINE_API_BASE must be an http(s) URL")
    headers = {
        "Authorization": f"Bearer {settings.LINE_CHANNEL_ACCESS_TOKEN}",
        "Content-Type": "application/json; charset=utf-8",
    }
    if retry_key:
        headers["X-Line-Retry-Key"] = retry_key
    data = json.dumps(payload, ensure_ascii=False).encode()
    # The scheme was checked above: only http(s) to the configured API base is ever opened.
    request = urllib.request.Request(base + path, data=data, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.LINE_TIMEOUT_SECONDS) as response:  # noqa: S310
            return Outcome(response.status)
    except urllib.error.HTTPError as error:
        logger.warning("LINE %s answered %s: %s", path, error.code, error.read()[:500].decode(errors="replace"))
        return Outcome(error.code)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        logger.warning("LINE %s unreachable: %s", path, error)
        return Outcome(None)
