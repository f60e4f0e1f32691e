"""LINE pushes as the Messaging API expects them, against a local server that answers like LINE."""

from __future__ import annotations

import uuid
from typing import Any

from notifications import line
from notifications.models import Delivery, Kind, LineAccount, Notification
from notifications.services import line_code_issue, line_link, notify
from org.models import User
from tests.conftest import Cast
from tests.notifications.line_server import TOKEN, LineServer

LINE_USER = "U4af4980629a0b1c2d3e4f5a6b7c8d9e0"


def link(user: User, line_user_id: str = LINE_USER) -> LineAccount:
    account = line_link(code=line_code_issue(actor=user), line_user_id=line_user_id)
    assert account is not None
    return account


def tell(user: User, key: str = "agreement:1:v1:returned") -> Notification:
    (made,) = notify(
        [user],
        kind=Kind.AGREEMENT_RETURNED,
        key=key,
        title="ข้อตกลงถูกส่งกลับให้แก้ไข",
        body="กรุณาแก้ไขแล้วส่งอีกครั้ง",
        url="/agreements/1/step/1/",
    )
    return made


def test_a_push_has_the_path_headers_and_body_of_the_messaging_api(
    cast: Cast, line_server: LineServer, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://pa.example.go.th"
    teacher = cast.user("teacher")
    link(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        made = tell(teacher)
    (push,) = line_server.pushes()
    assert push.headers["authorization"] == f"Bearer {TOKEN}"
    assert push.headers["content-type"] == "application/json; charset=utf-8"
    assert push.headers["x-line-retry-key"] == str(made.token)
    assert uuid.UUID(push.headers["x-line-retry-key"]).version == 4
    assert push.body == {
        "to": LINE_USER,
        "messages": [
            {
                "type": "text",
                "text": "ข้อตกลงถูกส่งกลับให้แก้ไข\n\nกรุณาแก้ไขแล้วส่งอีกครั้ง\n\nhttps://pa.example.go.th/agreements/1/step/1/",
            }
        ],
    }
    made.refresh_from_db()
    assert (made.line_status, made.line_attempts) == (Delivery.SENT, 1)


def test_a_rate_limit_or_server_error_is_retried_later_with_the_same_retry_key(
    cast: Cast, line_server: LineServer, django_capture_on_commit_callbacks: Any
) -> None:
    teacher = cast.user("teacher")
    link(teacher)
    line_server.answers = [(429, {"message": "The API rate limit has been exceeded."}), (500, {"message": "error"})]
    with django_capture_on_commit_callbacks(execute=True):
        made = tell(teacher)
    keys = [push.headers["x-line-retry-key"] for push in line_server.pushes()]
    assert keys == [str(made.token)] * 3
    made.refresh_from_db()
    assert (made.line_status, made.line_attempts) == (Delivery.SENT, 3)


def test_lines_answer_that_the_retry_key_was_accepted_before_counts_as_sent(
    cast: Cast, line_server: LineServer, django_capture_on_commit_callbacks: Any
) -> None:
    teacher = cast.user("teacher")
    link(teacher)
    line_server.answers = [(409, {"message": "The retry key is already accepted"})]
    with django_capture_on_commit_callbacks(execute=True):
        made = tell(teacher)
    made.refresh_from_db()
    assert (len(line_server.pushes()), made.line_status) == (1, Delivery.SENT)


def test_retries_stop_after_the_last_attempt(
    cast: Cast, line_server: LineServer, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.LINE_MAX_ATTEMPTS = 3
    teacher = cast.user("teacher")
    link(teacher)
    line_server.answers = [(500, {})] * 5
    with django_capture_on_commit_callbacks(execute=True):
        made = tell(teacher)
    made.refresh_from_db()
    assert (len(line_server.pushes()), made.line_status, made.line_attempts) == (3, Delivery.FAILED, 3)


def test_a_refused_push_is_not_retried(
    cast: Cast, line_server: LineServer, django_capture_on_commit_callbacks: Any
) -> None:
    teacher = cast.user("teacher")
    link(teacher)
    line_server.answers = [(400, {"message": "The property, 'to', in the request body is invalid"})]
    with django_capture_on_commit_callbacks(execute=True):
        made = tell(teacher)
    made.refresh_from_db()
    assert (len(line_server.pushes()), made.line_status) == (1, Delivery.FAILED)


def test_an_unreachable_line_is_a_retry(settings: Any) -> None:
    settings.LINE_CHANNEL_ACCESS_TOKEN, settings.LINE_CHANNEL_SECRET = "token", "secret"
    settings.LINE_API_BASE, settings.LINE_TIMEOUT_SECONDS = "http://127.0.0.1:9", 2  # the discard port: refused
    outcome = line.push(LINE_USER, "ทดสอบ", retry_key=str(uuid.uuid4()))
    assert (outcome.status, outcome.retry, outcome.delivered) == (None, True, False)


def test_only_linked_people_who_still_follow_the_account_get_line_messages(
    cast: Cast, line_server: LineServer, django_capture_on_commit_callbacks: Any
) -> None:
    teacher, director = cast.user("teacher"), cast.user("director")
    link(teacher)
    link(director, "U0000000000000000000000000000dead")
    LineAccount.objects.filter(user=director).update(following=False)
    line_code_issue(actor=cast.user("supervisor"))  # asked for a code, never sent it
    with django_capture_on_commit_callbacks(execute=True):
        made = notify(
            [teacher, director, cast.user("supervisor")], kind=Kind.SHEET_REOPENED, key="sheet:1:reopened:2", title="x"
        )
    assert [
        (n.user_id, n.line_status) for n in Notification.objects.filter(pk__in=[n.pk for n in made]).order_by("pk")
    ] == [
        (teacher.pk, Delivery.SENT),
        (director.pk, Delivery.NONE),
        (cast.user("supervisor").pk, Delivery.NONE),
    ]
    assert [push.body["to"] for push in line_server.pushes()] == [LINE_USER]


def test_a_push_queued_before_the_person_unlinked_is_not_sent(
    cast: Cast, line_server: LineServer, django_capture_on_commit_callbacks: Any
) -> None:
    teacher = cast.user("teacher")
    link(teacher)
    made = tell(teacher)  # queued, not yet delivered
    LineAccount.objects.filter(user=teacher).update(line_user_id="")
    from notifications.tasks import deliver_line

    assert deliver_line.call(notification_id=made.pk) == "skipped"
    assert line_server.pushes() == []


def test_without_credentials_line_is_off(cast: Cast, django_capture_on_commit_callbacks: Any, settings: Any) -> None:
    settings.LINE_CHANNEL_ACCESS_TOKEN = ""
    LineAccount.objects.create(user=cast.user("teacher"), line_user_id=LINE_USER, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        made = tell(cast.user("teacher"))
    assert (line.enabled(), made.line_status) == (False, Delivery.NONE)


def test_a_long_message_is_cut_to_lines_limit() -> None:
    assert line._text("ก" * 6000) == {"type": "text", "text": "ก" * 4999 + "…"}
