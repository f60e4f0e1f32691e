"""The LINE webhook: only correctly signed bodies count; a link code links, follow and unfollow switch LINE."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from audit.models import AuditEntry
from notifications.models import LineAccount
from notifications.services import line_code_issue
from tests.conftest import Cast
from tests.notifications.line_server import SECRET, LineServer

LINE_USER = "U4af4980629a0b1c2d3e4f5a6b7c8d9e0"


def signed(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def event(kind: str, **fields: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "mode": "active",
        "timestamp": 1_700_000_000_000,
        "source": {"type": "user", "userId": LINE_USER},
        "webhookEventId": "01HTEST",
        "deliveryContext": {"isRedelivery": False},
        **fields,
    }


def text_message(text: str) -> dict[str, Any]:
    return event("message", replyToken="reply-token-1", message={"id": "1", "type": "text", "text": text})


def post(events: list[dict[str, Any]], *, secret: str = SECRET, signature: str | None = None) -> Any:
    body = json.dumps({"destination": "Uchannel", "events": events}, ensure_ascii=False).encode()
    return Client().post(
        "/line/webhook",
        data=body,
        content_type="application/json",
        headers={"X-Line-Signature": signature if signature is not None else signed(body, secret)},
    )


def test_a_correctly_signed_link_code_links_the_account_and_lines_answer_confirms(
    cast: Cast, line_server: LineServer, django_capture_on_commit_callbacks: Any
) -> None:
    code = line_code_issue(actor=cast.user("teacher"))
    with django_capture_on_commit_callbacks(execute=True):
        response = post([text_message(f"  {code.lower()} ")])  # typed by hand: case and spaces do not matter
    assert response.status_code == 200
    account = LineAccount.objects.get(user=cast.user("teacher"))
    assert (account.line_user_id, account.following, account.code_digest) == (LINE_USER, True, "")
    (reply,) = line_server.requests
    assert reply.path == "/v2/bot/message/reply"
    assert reply.body == {
        "replyToken": "reply-token-1",
        "messages": [{"type": "text", "text": "เชื่อมบัญชี LINE กับ นางสาวสมศรี ใจดี แล้ว ระบบจะส่งการแจ้งเตือนถึงคุณทางนี้"}],
    }
    assert "x-line-retry-key" not in reply.headers
    assert AuditEntry.objects.filter(action="line.linked", actor=cast.user("teacher")).count() == 1


def test_a_wrongly_signed_body_is_refused_and_changes_nothing(cast: Cast, line_server: LineServer) -> None:
    code = line_code_issue(actor=cast.user("teacher"))
    assert post([text_message(code)], secret="not-the-channel-secret").status_code == 403
    assert post([text_message(code)], signature="").status_code == 403
    assert LineAccount.objects.get(user=cast.user("teacher")).line_user_id == ""
    assert line_server.requests == []


def test_a_code_works_once_and_not_after_it_expires(
    cast: Cast, line_server: LineServer, django_capture_on_commit_callbacks: Any
) -> None:
    code = line_code_issue(actor=cast.user("teacher"))
    LineAccount.objects.update(code_expires_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        post([text_message(code)])
    assert LineAccount.objects.get().line_user_id == ""
    assert line_server.requests[0].body["messages"][0]["text"].startswith("ไม่พบรหัสเชื่อมต่อนี้")


def test_follow_and_unfollow_switch_delivery_for_a_linked_account(
    cast: Cast, line_server: LineServer, django_capture_on_commit_callbacks: Any
) -> None:
    LineAccount.objects.create(user=cast.user("teacher"), line_user_id=LINE_USER, following=True)
    assert post([event("unfollow")]).status_code == 200
    assert LineAccount.objects.get().following is False
    with django_capture_on_commit_callbacks(execute=True):
        post([event("follow", replyToken="reply-token-2")])
    assert LineAccount.objects.get().following is True
    assert line_server.requests[0].body["messages"][0]["text"].startswith("ยินดีต้อนรับกลับ")


def test_a_stranger_who_follows_is_told_how_to_link(
    cast: Cast, line_server: LineServer, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        post([event("follow", replyToken="reply-token-3")])
    assert LineAccount.objects.count() == 0
    assert line_server.requests[0].body["messages"][0]["text"].startswith("ขอบคุณที่เพิ่มเพื่อน")


def test_lines_verify_request_and_group_events_are_accepted_and_ignored(cast: Cast, line_server: LineServer) -> None:
    group = event("message", source={"type": "group", "groupId": "C1"}, message={"type": "text", "text": "x"})
    assert (post([]).status_code, post([group]).status_code) == (200, 200)
    assert line_server.requests == []


def test_a_signed_body_that_is_not_json_is_a_bad_request(line_server: LineServer, db: Any) -> None:
    body = b"not json"
    response = Client().post(
        "/line/webhook", data=body, content_type="application/json", headers={"X-Line-Signature": signed(body)}
    )
    assert response.status_code == 400


def test_without_credentials_the_webhook_does_not_exist(db: Any, settings: Any) -> None:
    settings.LINE_CHANNEL_SECRET = ""
    assert post([]).status_code == 404
