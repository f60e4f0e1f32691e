"""`notify`: one row per person per key, deliveries after commit, each person's preferences, Thai email."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from audit.models import AuditEntry
from notifications.delivery import email_deliver
from notifications.models import Delivery, Kind, Notification, Preference
from notifications.queries import preferences_of
from notifications.services import deliveries_resume, notifications_read_all, notify, preferences_save
from org.models import User
from tests.conftest import Cast


def tell(users: list[Any], key: str = "test:1", **more: Any) -> list[Notification]:
    fields = {"kind": Kind.AGREEMENT_RETURNED, "title": "ข้อตกลงถูกส่งกลับ", "body": "กรุณาแก้ไข", "url": "/teacher/"}
    return notify(users, key=key, **{**fields, **more})


def test_the_same_key_is_stored_and_emailed_once(cast: Cast, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = tell([cast.user("teacher")])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = tell([cast.user("teacher").pk, cast.user("teacher")])
    assert ([n.user_id for n in first], again, callbacks) == ([cast.user("teacher").pk], [], [])
    assert Notification.objects.count() == 1
    assert [message.to for message in mail.outbox] == [["somsri@example.com"]]
    assert Notification.objects.get().email_status == Delivery.SENT


def test_a_second_recipient_of_the_same_event_still_hears_of_it(cast: Cast) -> None:
    tell([cast.user("teacher")])
    added = tell([cast.user("teacher"), cast.user("director"), None])
    assert [n.user_id for n in added] == [cast.user("director").pk]


def test_nothing_is_sent_before_the_event_commits_nor_when_it_rolls_back(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():  # noqa: PT012
        tell([cast.user("teacher")])
        raise RuntimeError("the event failed")
    assert (Notification.objects.count(), mail.outbox) == (0, [])


def test_the_email_is_in_thai_with_the_link_and_the_preferences_page(
    cast: Cast, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://pa.example.go.th/"
    with django_capture_on_commit_callbacks(execute=True):
        tell([cast.user("teacher")], title="ข้อตกลงในการพัฒนางานถูกส่งกลับให้แก้ไข", body="ผู้อำนวยการส่งข้อตกลงกลับ")
    (message,) = mail.outbox
    assert message.subject == "ข้อตกลงในการพัฒนางานถูกส่งกลับให้แก้ไข"
    assert message.body == (
        "เรียน นางสาวสมศรี ใจดี\n\n"
        "ผู้อำนวยการส่งข้อตกลงกลับ\n\n"
        "ดูรายละเอียด: https://pa.example.go.th/teacher/\n\n"
        "--\n"
        "teacherpa — ระบบข้อตกลงในการพัฒนางาน (PA)\n"
        "อีเมลนี้ส่งโดยอัตโนมัติ เลือกรับหรือไม่รับการแจ้งเตือนแต่ละประเภทได้ที่ "
        "https://pa.example.go.th/notifications/preferences/\n"
    )


def test_an_email_text_replaces_the_body_and_link(cast: Cast, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        tell([cast.user("teacher")], email_text="คำตอบทั้งหมด พร้อมลิงก์ของมันเอง")
    (message,) = mail.outbox
    assert message.body.split("\n\n")[:2] == ["เรียน นางสาวสมศรี ใจดี", "คำตอบทั้งหมด พร้อมลิงก์ของมันเอง"]
    assert "ดูรายละเอียด" not in message.body


def test_a_user_who_turned_email_off_gets_none_but_still_sees_it_in_the_app(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    teacher = cast.user("teacher")
    preferences_save(actor=teacher, choices={Kind.AGREEMENT_RETURNED: {"in_app": True, "email": False}})
    with django_capture_on_commit_callbacks(execute=True):
        tell([teacher])
        tell([teacher], key="test:approved", kind=Kind.AGREEMENT_APPROVED)  # another kind keeps its default
    assert [(n.kind, n.in_app, n.email_status) for n in Notification.objects.order_by("pk")] == [
        (Kind.AGREEMENT_RETURNED, True, Delivery.NONE),
        (Kind.AGREEMENT_APPROVED, True, Delivery.SENT),
    ]
    assert len(mail.outbox) == 1


def test_a_kind_turned_off_in_the_app_is_kept_but_never_shown(cast: Cast) -> None:
    teacher = cast.user("teacher")
    preferences_save(actor=teacher, choices={Kind.AGREEMENT_RETURNED: {"in_app": False, "email": False}})
    (stored,) = tell([teacher])
    assert (stored.in_app, list(Notification.objects.visible_to(teacher))) == (False, [])
    assert tell([teacher]) == []  # the key is taken all the same: turning it back on resends nothing


def test_people_without_an_address_or_an_active_account_get_no_email(cast: Cast) -> None:
    User.objects.filter(pk=cast.user("outsider").pk).update(is_active=False)
    made = tell([cast.user("director"), cast.user("outsider")])
    assert [(n.user_id, n.email_status) for n in made] == [(cast.user("director").pk, Delivery.NONE)]


def test_an_unknown_kind_is_a_programming_error(cast: Cast) -> None:
    with pytest.raises(ValueError, match="unknown notification kind"):
        notify([cast.user("teacher")], kind="gossip", key="x", title="x")


def test_preferences_default_to_in_app_and_email_and_are_audited(cast: Cast) -> None:
    teacher = cast.user("teacher")
    assert preferences_of(teacher)[Kind.DEADLINE_APPROACHING] == {"in_app": True, "email": True, "line": True}
    preferences_save(actor=teacher, choices={Kind.DEADLINE_APPROACHING: {"in_app": True, "email": False}})
    preferences_save(actor=teacher, choices={Kind.DEADLINE_APPROACHING: {"line": False}})  # email stays off
    assert preferences_of(teacher)[Kind.DEADLINE_APPROACHING] == {"in_app": True, "email": False, "line": False}
    assert Preference.objects.filter(user=teacher).count() == 1
    assert AuditEntry.objects.filter(action="notification_preferences.changed", actor=teacher).count() == 2
    with pytest.raises(ValidationError):
        preferences_save(actor=teacher, choices={"gossip": {"email": False}})


def test_reading_all_marks_only_the_actors_own(cast: Cast) -> None:
    tell([cast.user("teacher"), cast.user("director")])
    assert notifications_read_all(actor=cast.user("teacher")) == 1
    read = {n.user_id: n.read_at is not None for n in Notification.objects.all()}
    assert read == {cast.user("teacher").pk: True, cast.user("director").pk: False}


def test_a_lost_delivery_is_queued_again_and_an_email_never_goes_out_twice(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    (made,) = tell([cast.user("teacher")])  # stored, but its task never ran (the callbacks are not executed)
    assert deliveries_resume() == 0  # not yet overdue: its task may still be on its way
    Notification.objects.filter(pk=made.pk).update(created_at=made.created_at.replace(year=2020))
    assert deliveries_resume() == 1
    assert (len(mail.outbox), deliveries_resume()) == (1, 0)
    assert email_deliver(made.pk).value == "skipped"  # a duplicate task finds it sent
    assert len(mail.outbox) == 1


def test_an_smtp_failure_leaves_the_email_pending_for_the_next_try(cast: Cast, settings: Any) -> None:
    settings.MAILERS = {"default": {"BACKEND": "tests.notifications.test_services.BrokenBackend"}}
    (made,) = tell([cast.user("teacher")])
    with pytest.raises(ConnectionRefusedError):
        email_deliver(made.pk)
    made.refresh_from_db()
    assert made.email_status == Delivery.PENDING


class BrokenBackend:
    def __init__(self, **options: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise ConnectionRefusedError("smtp down")
