"""The daily reminder run: who hears what and when, and never the same reminder twice.

A "worker restart" is the run started again: twice in a row, or after the first run died half-way.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import reminders.sending
from agreements.services import agreement_start, agreement_submit, section_save
from notifications.models import Delivery, Kind, Notification
from notifications.services import line_code_issue, line_link, preferences_save
from org.models import Person, User
from reminders.models import ReminderTick, Step
from reminders.scheduling import schedule_next
from reminders.sending import reminders_send
from reminders.tasks import daily_reminders, send_due_reminders
from rounds.models import FiscalYear
from tests.agreements.factories import complete_sections
from tests.committees.factories import fiscal_year, round_for, score
from tests.conftest import Cast
from tests.notifications.line_server import LineServer
from tests.reminders.conftest import TODAY, days, set_area_dates

SUBMISSION = Step.AGREEMENT_SUBMISSION
TEACHERS = ("teacher", "other_school_teacher", "outsider")  # the area's teachers who make a PA


def with_emails(cast: Cast) -> None:
    for name in TEACHERS[1:]:
        User.objects.filter(pk=cast.user(name).pk).update(email=f"{name}@example.com")


def sent(cast: Cast) -> list[tuple[str, str]]:
    """(cast name, key) of every stored notification, in order."""
    names = {cast.user(name).pk: name for name in ("teacher", "director", *TEACHERS[1:], "supervisor")}
    return [(names[n.user_id], n.key) for n in Notification.objects.order_by("pk")]


def key(cast: Cast, marker: str, due_on: date, school: Any = None, step: str = SUBMISSION) -> str:
    return f"deadline:{step}:2570:{marker}:school-{(school or cast.school).pk}:{due_on.isoformat()}"


def submit(teacher: Person, year: FiscalYear) -> None:
    assert teacher.user is not None
    agreement = agreement_start(actor=teacher.user, teacher=teacher, fiscal_year=year)
    for section, body in complete_sections(year.edition).items():
        section_save(actor=teacher.user, agreement=agreement, key=section, body=body, base_revision=0)
    agreement_submit(actor=teacher.user, agreement=agreement, requested_at=timezone.now())


def test_a_teacher_without_an_agreement_hears_seven_three_and_one_day_before_and_once_after(
    cast: Cast, year: FiscalYear
) -> None:
    due_on = days(7)
    set_area_dates(cast, year, {SUBMISSION: due_on})
    submit(cast.outsider, year)  # sent already: never reminded
    markers = {day: reminders_send(days(day)) for day in (0, 1, 4, 6, 7, 8, 9, 30)}
    assert markers == {0: 2, 1: 0, 4: 2, 6: 2, 7: 0, 8: 2, 9: 0, 30: 0}
    mine = [n.key for n in Notification.objects.filter(user=cast.user("teacher")).order_by("pk")]
    assert mine == [key(cast, marker, due_on) for marker in ("7", "3", "1", "passed")]
    kinds = list(Notification.objects.filter(user=cast.user("teacher")).order_by("pk").values_list("kind", flat=True))
    assert kinds == [Kind.DEADLINE_APPROACHING] * 3 + [Kind.DEADLINE_PASSED]


def test_a_day_the_run_missed_is_caught_up_once_the_next(cast: Cast, year: FiscalYear) -> None:
    set_area_dates(cast, year, {SUBMISSION: days(7)})
    assert reminders_send(days(2)) == 3  # five days left: the seven-day reminder, late
    assert reminders_send(days(3)) == 0
    assert reminders_send(days(5)) == 3  # two days left: the three-day one
    notification = Notification.objects.filter(user=cast.user("teacher")).order_by("pk").last()
    assert notification is not None
    assert notification.body.endswith("ภายใน 27 ตุลาคม 2569 (อีก 2 วัน)")


def test_the_reminder_is_in_thai_in_the_bell_and_the_email(
    cast: Cast, year: FiscalYear, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://pa.example.go.th"
    set_area_dates(cast, year, {SUBMISSION: days(3)})
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(TODAY)
    notification = Notification.objects.get(user=cast.user("teacher"))
    assert notification.title == "ใกล้ถึงกำหนด: ครูส่งข้อตกลงในการพัฒนางาน (PA 1)"
    assert notification.body == (
        "ท่านยังไม่ได้ส่งข้อตกลงในการพัฒนางาน (PA 1) ปีงบประมาณ พ.ศ. 2570 ให้ผู้อำนวยการพิจารณา ภายใน 23 ตุลาคม 2569 (อีก 3 วัน)"
    )
    (message,) = mail.outbox
    assert (message.to, message.subject) == (["somsri@example.com"], notification.title)
    assert message.body.startswith(f"เรียน นางสาวสมศรี ใจดี\n\n{notification.body}\n\n")
    assert "ดูรายละเอียด: https://pa.example.go.th/teacher/" in message.body


def test_a_teacher_who_turned_reminder_emails_off_gets_only_the_bell(
    cast: Cast, year: FiscalYear, django_capture_on_commit_callbacks: Any
) -> None:
    with_emails(cast)
    preferences_save(actor=cast.user("teacher"), choices={Kind.DEADLINE_APPROACHING: {"in_app": True, "email": False}})
    set_area_dates(cast, year, {SUBMISSION: days(1)})
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(TODAY)
    assert Notification.objects.filter(user=cast.user("teacher"), email_status=Delivery.NONE).count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "other_school_teacher@example.com",
        "outsider@example.com",
    ]


def test_a_second_run_the_same_day_sends_nothing(
    cast: Cast, year: FiscalYear, django_capture_on_commit_callbacks: Any
) -> None:
    with_emails(cast)
    set_area_dates(cast, year, {SUBMISSION: days(7)})
    with django_capture_on_commit_callbacks(execute=True):
        first = send_due_reminders.enqueue(TODAY.isoformat())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = send_due_reminders.enqueue(TODAY.isoformat())
    assert (first.return_value, second.return_value, callbacks) == (3, 0, [])
    assert len(mail.outbox) == 3


@pytest.mark.django_db(transaction=True)
def test_no_reminder_is_repeated_after_a_worker_restart(cast: Cast, line_server: LineServer) -> None:
    """Committed for real (no test transaction): each reminder's email and LINE push go out as it commits."""
    with_emails(cast)
    year = fiscal_year()
    line_link(code=line_code_issue(actor=cast.user("teacher")), line_user_id="U4af4980629a0b1c2d3e4f5a6b7c8d9e0")
    set_area_dates(cast, year, {SUBMISSION: days(3)})
    assert send_due_reminders.enqueue(TODAY.isoformat()).return_value == 3
    assert send_due_reminders.enqueue(TODAY.isoformat()).return_value == 0  # the worker started again
    assert sorted(message.to[0] for message in mail.outbox) == [
        "other_school_teacher@example.com",
        "outsider@example.com",
        "somsri@example.com",
    ]
    (push,) = line_server.pushes()
    reminder = Notification.objects.get(user=cast.user("teacher"))
    assert push.headers["x-line-retry-key"] == str(reminder.token)
    assert push.body["to"] == "U4af4980629a0b1c2d3e4f5a6b7c8d9e0"
    assert push.body["messages"] == [
        {"type": "text", "text": f"{reminder.title}\n\n{reminder.body}\n\nhttp://127.0.0.1:8000/teacher/"}
    ]


class WorkerKilledError(Exception):
    """Stands for the worker process dying between two reminders."""


@pytest.mark.django_db(transaction=True)
def test_a_run_that_died_half_way_resumes_without_repeating(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    with_emails(cast)
    year = fiscal_year()
    set_area_dates(cast, year, {SUBMISSION: days(3), Step.DIRECTOR_APPROVAL: days(3)})
    submit(make_second_teacher(cast), year)  # the director has one agreement to review: a third reminder
    real_notify = reminders.sending.notify_each  # type: ignore[attr-defined]
    calls: list[int] = []

    def dies_after_the_first(*args: Any, **kwargs: Any) -> Any:
        if calls:
            raise WorkerKilledError
        calls.append(1)
        return real_notify(*args, **kwargs)

    monkeypatch.setattr(reminders.sending, "BATCH", 1)  # one school per batch: it dies between two schools
    monkeypatch.setattr(reminders.sending, "notify_each", dies_after_the_first)
    with pytest.raises(WorkerKilledError):
        reminders_send(TODAY)
    done_before = Notification.objects.count()
    monkeypatch.setattr(reminders.sending, "notify_each", real_notify)
    assert done_before == 2  # the first school's teacher and director
    assert reminders_send(TODAY) == 4 - done_before
    keys = sorted(sent(cast))
    assert keys == sorted(
        [
            ("teacher", key(cast, "3", days(3))),
            ("director", key(cast, "3", days(3), step=Step.DIRECTOR_APPROVAL)),
            ("other_school_teacher", key(cast, "3", days(3), cast.other_school)),
            ("outsider", key(cast, "3", days(3), cast.other_school)),
        ]
    )
    recipients = [message.to[0] for message in mail.outbox]
    assert sorted(recipients) == sorted(set(recipients))  # nobody emailed twice
    assert len(recipients) == 3  # the director has no address


def make_second_teacher(cast: Cast) -> Person:
    from tests.conftest import make_person

    return make_person(school=cast.school, first_name="มานี", last_name="มีนา")


def test_directors_hear_of_agreements_waiting_and_members_of_sheets_to_submit(cast: Cast, year: FiscalYear) -> None:
    round_ = round_for(cast)
    set_area_dates(cast, year, {Step.SCORING: days(1), Step.PUBLISHING: days(3)})
    reminders_send(TODAY)
    by_person = {name: stored for name, stored in sent(cast) if "scoring" in stored}
    assert by_person == {
        name: key(cast, "1", days(1), step=Step.SCORING) for name in ("director", "supervisor", "other_school_teacher")
    }
    supervisor = Notification.objects.get(user=cast.user("supervisor"), key__contains="scoring")
    assert supervisor.body == "ท่านยังไม่ได้ส่งแบบประเมิน (PA 2) ของครู 1 คน (โรงเรียนอนุบาลทดสอบ) ภายใน 21 ตุลาคม 2569 (อีก 1 วัน)"
    assert supervisor.url == "/evaluator/"
    publishing = Notification.objects.get(user=cast.user("director"), key__contains="publishing")
    assert publishing.body == "ยังไม่ได้ประกาศผลการประเมินของครู 1 คน (โรงเรียนอนุบาลทดสอบ) ภายใน 23 ตุลาคม 2569 (อีก 3 วัน)"
    for number in (1, 2, 3):
        score(cast, round_, number)
    set_area_dates(cast, year, {Step.SCORING: days(2)})  # moved: a new date earns its own reminders
    assert reminders_send(TODAY) == 0  # but every sheet is in now


def test_dpa_entry_is_announced_to_directors_and_never_called_late(cast: Cast, year: FiscalYear) -> None:
    submit(cast.teacher, year)
    set_area_dates(cast, year, {Step.DPA_ENTRY: days(7)})
    reminders_send(TODAY)
    (announced,) = Notification.objects.filter(key__contains="dpa_entry")
    assert (announced.user_id, announced.body) == (
        cast.user("director").pk,
        "บันทึกผลการประเมินและไฟล์ PA 3 ของโรงเรียนอนุบาลทดสอบ เข้าระบบ DPA ภายใน 27 ตุลาคม 2569 (อีก 7 วัน)",
    )
    assert reminders_send(days(8)) == 0


def test_a_date_moved_later_earns_new_reminders_for_it(cast: Cast, year: FiscalYear) -> None:
    set_area_dates(cast, year, {SUBMISSION: days(3)})
    assert reminders_send(TODAY) == 3
    set_area_dates(cast, year, {SUBMISSION: days(6)})
    assert reminders_send(TODAY) == 3
    assert reminders_send(TODAY) == 0


def test_nothing_is_sent_outside_an_open_fiscal_year(cast: Cast) -> None:
    assert reminders_send(TODAY) == 0


def test_the_command_sends_for_cron(cast: Cast, year: FiscalYear) -> None:
    set_area_dates(cast, year, {SUBMISSION: days(1)})
    out = io.StringIO()
    call_command("send_reminders", "--date", TODAY.isoformat(), stdout=out)
    assert out.getvalue() == "reminders 2026-10-20: 3 new notifications, 0 deliveries queued again\n"
    call_command("send_reminders", "--date", TODAY.isoformat(), stdout=out)
    assert out.getvalue().endswith("reminders 2026-10-20: 0 new notifications, 0 deliveries queued again\n")


def test_the_daily_run_is_queued_once_per_day_on_a_queue_that_can_wait(
    cast: Cast, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule_next(TODAY) is True
        assert schedule_next(TODAY) is False  # a second chain never starts
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "reminders.tasks.daily_reminders"
    assert queued.args_kwargs == {"args": [], "kwargs": {"run_on_iso": "2026-10-21"}}
    assert queued.run_after == datetime(2026, 10, 21, 7, tzinfo=ZoneInfo("Asia/Bangkok"))
    assert list(ReminderTick.objects.values_list("run_on", flat=True)) == [date(2026, 10, 21)]


def test_the_daily_run_sends_todays_reminders_where_the_queue_cannot_wait(
    cast: Cast, year: FiscalYear, today: date
) -> None:
    set_area_dates(cast, year, {SUBMISSION: days(3)})
    assert daily_reminders.enqueue(TODAY.isoformat()).return_value == 3
    assert ReminderTick.objects.count() == 0  # the inline backend cannot defer: cron is the scheduler
