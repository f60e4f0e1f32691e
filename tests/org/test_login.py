"""Login through `/accounts/login/`: identifiers, Thai errors, lockout, forced password change, reset,
sessions, the production hasher and the Django admin."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from audit.models import AuditEntry
from org.models import Person, Position, Role, User
from tests.conftest import PASSWORD, Cast, make_person

LOGIN_URL = "/accounts/login/"
CHANGE_URL = "/accounts/password/change/"
WRONG_LOGIN = "เลขประจำตัวประชาชน/อีเมล/รหัสโรงเรียน หรือรหัสผ่านไม่ถูกต้อง หากกรอกผิดหลายครั้ง บัญชีจะถูกระงับชั่วคราว"
LOCKED_TITLE = "บัญชีถูกระงับชั่วคราว"
ROOT = Path(__file__).resolve().parents[2]

# A valid ID worked out by hand: weights 13…2 give 352, 352 mod 11 = 0, (11 − 0) mod 10 = 1.
NATIONAL_ID = "1234567890121"
NATIONAL_ID_DASHED = "1-2345-67890-12-1"


@pytest.fixture
def kanda(cast: Cast) -> Person:
    """A teacher at the cast's school whose national ID the tests know, beside the named cast."""
    return make_person(
        school=cast.school,
        first_name="กานดา",
        last_name="รักเรียน",
        email="kanda@example.com",
        national_id_value=NATIONAL_ID,
    )


def log_in(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post(LOGIN_URL, {"username": username, "password": password})


def signed_in_user_id(client: Client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value is not None else None


def text(response: Any) -> str:
    return str(response.content.decode())


# --- identifiers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "identifier",
    [NATIONAL_ID, NATIONAL_ID_DASHED, "1 2345 67890 12 1", f"  {NATIONAL_ID}  "],
    ids=["plain", "dashed", "spaced", "padded"],
)
def test_a_teacher_logs_in_with_the_national_id(client: Client, kanda: Person, identifier: str) -> None:
    response = log_in(client, identifier)
    assert (response.status_code, response["Location"]) == (302, "/home/")
    assert signed_in_user_id(client) == kanda.user_id


@pytest.mark.parametrize("email", ["kanda@example.com", "KANDA@EXAMPLE.COM", "Kanda@Example.com"])
def test_a_teacher_logs_in_with_the_email_in_any_case(client: Client, kanda: Person, email: str) -> None:
    response = log_in(client, email)
    assert (response.status_code, response["Location"]) == (302, "/home/")
    assert signed_in_user_id(client) == kanda.user_id


def test_a_school_admin_account_logs_in_with_the_school_code(client: Client, cast: Cast) -> None:
    response = log_in(client, "1065010001")
    assert (response.status_code, response["Location"]) == (302, "/home/")
    assert signed_in_user_id(client) == cast.school_admin.pk


def test_the_system_admin_logs_in_as_admin(client: Client, cast: Cast) -> None:
    response = log_in(client, "admin")
    assert (response.status_code, response["Location"]) == (302, "/home/")
    assert signed_in_user_id(client) == cast.system_admin.pk


def test_the_login_page_is_in_thai(client: Client, db: Any) -> None:
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    assert "เลขประจำตัวประชาชน อีเมล หรือรหัสโรงเรียน" in text(response)
    assert '<html lang="th">' in text(response)


@pytest.mark.parametrize(
    "identifier",
    [NATIONAL_ID, "kanda@example.com", "1065010001", "admin"],
    ids=["national-id", "email", "school-code", "admin"],
)
def test_a_wrong_password_gives_the_thai_error(client: Client, kanda: Person, identifier: str) -> None:
    response = log_in(client, identifier, "not-the-password")
    assert response.status_code == 200
    assert WRONG_LOGIN in text(response)
    assert "รหัสผ่านไม่ถูกต้อง" in text(response)
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize(
    "identifier",
    ["1234567890122", "nobody@example.com", "1065019999", "", "1-2345"],
    ids=["unknown-id", "unknown-email", "unknown-school", "empty", "partial-id"],
)
def test_an_unknown_identifier_gives_the_same_error(client: Client, kanda: Person, identifier: str) -> None:
    response = log_in(client, identifier)
    assert response.status_code == 200
    assert signed_in_user_id(client) is None
    if identifier:
        assert WRONG_LOGIN in text(response)


def test_part_of_a_national_id_is_not_a_way_in(client: Client, kanda: Person) -> None:
    assert kanda.user is not None
    assert NATIONAL_ID not in kanda.user.username
    for partial in (NATIONAL_ID[:6], NATIONAL_ID[:12], NATIONAL_ID[1:]):
        response = log_in(client, partial)
        assert response.status_code == 200
        assert WRONG_LOGIN in text(response)
    assert signed_in_user_id(client) is None


def test_an_inactive_user_cannot_log_in(client: Client, kanda: Person) -> None:
    User.objects.filter(person=kanda).update(is_active=False)
    response = log_in(client, NATIONAL_ID)
    assert response.status_code == 200
    assert WRONG_LOGIN in text(response)
    assert signed_in_user_id(client) is None


def test_a_user_logged_in_then_deactivated_is_logged_out(client: Client, kanda: Person) -> None:
    log_in(client, NATIONAL_ID)
    User.objects.filter(person=kanda).update(is_active=False)
    response = client.get("/home/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/home/")


# --- lockout -------------------------------------------------------------------------------------


def fail(client: Client, identifier: str, times: int) -> list[int]:
    return [log_in(client, identifier, f"wrong-{attempt}").status_code for attempt in range(times)]


def test_the_account_locks_after_the_failure_limit_even_with_the_right_password(client: Client, kanda: Person) -> None:
    limit = django_settings.AXES_FAILURE_LIMIT
    assert limit == 3
    assert fail(client, NATIONAL_ID, limit - 1) == [200] * (limit - 1)
    assert fail(client, NATIONAL_ID, 1) == [429]
    response = log_in(client, NATIONAL_ID)
    assert response.status_code == 429
    assert LOCKED_TITLE in text(response)
    assert "ระบบระงับการเข้าสู่ระบบของบัญชีนี้ไว้ 30 นาที" in text(response)
    assert signed_in_user_id(client) is None


def test_the_lockout_page_shows_the_configured_cooloff(client: Client, kanda: Person, settings: Any) -> None:
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    fail(client, NATIONAL_ID, settings.AXES_FAILURE_LIMIT)
    response = log_in(client, NATIONAL_ID)
    assert response.status_code == 429
    assert "ระบบระงับการเข้าสู่ระบบของบัญชีนี้ไว้ 15 นาที" in text(response)


def test_a_lock_without_cooloff_says_an_administrator_must_unlock(client: Client, kanda: Person, settings: Any) -> None:
    settings.AXES_COOLOFF_TIME = None
    fail(client, NATIONAL_ID, settings.AXES_FAILURE_LIMIT)
    response = log_in(client, NATIONAL_ID)
    assert response.status_code == 429
    assert "ระบบระงับการเข้าสู่ระบบของบัญชีนี้ไว้จนกว่าผู้ดูแลระบบจะปลดล็อก" in text(response)
    assert " นาที" not in text(response)


def test_the_lock_counts_every_spelling_of_one_id_as_one_identifier(client: Client, kanda: Person) -> None:
    assert fail(client, NATIONAL_ID_DASHED, 1) == [200]
    assert fail(client, "1 2345 67890 12 1", 1) == [200]
    assert fail(client, NATIONAL_ID, 1) == [429]
    for spelling in (NATIONAL_ID, NATIONAL_ID_DASHED, "12345-67890-121"):
        assert log_in(client, spelling).status_code == 429
    assert signed_in_user_id(client) is None


def test_the_lock_covers_the_account_whatever_identifier_is_used(client: Client, kanda: Person) -> None:
    # Guessing by national ID, then by email, must not give an attacker twice the attempts.
    assert fail(client, NATIONAL_ID, 2) == [200, 200]
    assert fail(client, "KANDA@example.com", 1) == [429]
    assert log_in(client, "kanda@example.com").status_code == 429
    assert log_in(client, NATIONAL_ID_DASHED).status_code == 429


def test_email_spellings_share_one_counter(client: Client, kanda: Person) -> None:
    assert fail(client, "kanda@example.com", 2) == [200, 200]
    assert fail(client, "KANDA@EXAMPLE.COM", 1) == [429]


def test_another_account_is_not_locked_by_it(client: Client, kanda: Person, cast: Cast) -> None:
    fail(client, NATIONAL_ID, django_settings.AXES_FAILURE_LIMIT)
    assert log_in(client, NATIONAL_ID).status_code == 429
    other = Client()
    response = log_in(other, "somsri@example.com")
    assert (response.status_code, response["Location"]) == (302, "/home/")
    assert signed_in_user_id(other) == cast.teacher.user_id
    assert log_in(Client(), "1065010001").status_code == 302


def test_failures_below_the_limit_are_forgotten_after_a_success(client: Client, kanda: Person) -> None:
    fail(client, NATIONAL_ID, django_settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, NATIONAL_ID).status_code == 302
    client.post("/accounts/logout/")
    assert fail(client, NATIONAL_ID, django_settings.AXES_FAILURE_LIMIT - 1) == [200, 200]
    assert log_in(client, NATIONAL_ID).status_code == 302


def test_unknown_identifiers_lock_too_so_a_lock_tells_nothing(client: Client, db: Any) -> None:
    limit = django_settings.AXES_FAILURE_LIMIT
    assert fail(client, "9999999999994", limit) == [200] * (limit - 1) + [429]


# --- forced password change ----------------------------------------------------------------------


@pytest.fixture
def forced(kanda: Person) -> User:
    user = User.objects.get(person=kanda)
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    return user


@pytest.mark.parametrize(
    "path",
    ["/", "/home/", "/me/", "/teacher/", "/system/", "/admin/", "/people/1/", "/no-such-page/", "/healthz"],
)
def test_a_forced_change_user_is_sent_to_the_change_page_from_every_page(
    client: Client, forced: User, path: str
) -> None:
    assert log_in(client, NATIONAL_ID).status_code == 302
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, CHANGE_URL)


def test_a_forced_change_user_can_open_the_change_page_and_log_out(client: Client, forced: User) -> None:
    log_in(client, NATIONAL_ID)
    response = client.get(CHANGE_URL)
    assert response.status_code == 200
    assert "กรุณาตั้งรหัสผ่านของคุณเองก่อนใช้งาน" in text(response)
    response = client.post("/accounts/logout/")
    assert (response.status_code, response["Location"]) == (302, LOGIN_URL)
    assert signed_in_user_id(client) is None


def test_changing_the_password_ends_the_forced_change(client: Client, forced: User) -> None:
    log_in(client, NATIONAL_ID)
    response = client.post(
        CHANGE_URL,
        {"old_password": PASSWORD, "new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )
    assert (response.status_code, response["Location"]) == (302, "/home/")
    user = User.objects.get(pk=forced.pk)
    assert user.must_change_password is False
    assert user.check_password("a-new-long-passphrase") is True
    assert list(AuditEntry.objects.filter(action="user.password_changed").values_list("actor_id", "target_id")) == [
        (forced.pk, str(forced.pk))
    ]
    # Still signed in, and free to go anywhere.
    assert signed_in_user_id(client) == forced.pk
    response = client.get("/home/")
    assert (response.status_code, response["Location"]) == (302, "/teacher/")
    assert client.get("/teacher/").status_code == 200


def test_a_refused_change_keeps_the_forced_change(client: Client, forced: User) -> None:
    log_in(client, NATIONAL_ID)
    response = client.post(CHANGE_URL, {"old_password": "wrong", "new_password1": "x", "new_password2": "y"})
    assert response.status_code == 200
    assert User.objects.get(pk=forced.pk).must_change_password is True
    assert AuditEntry.objects.filter(action="user.password_changed").count() == 0
    assert client.get("/home/")["Location"] == CHANGE_URL


# --- password reset ------------------------------------------------------------------------------


def reset_link(message: Any) -> str:
    links = re.findall(r"http://testserver(/accounts/password/reset/[^/\s]+/[^/\s]+/)", message.body)
    assert len(links) == 1
    return str(links[0])


def test_password_reset_sends_one_email_with_a_working_link(client: Client, kanda: Person) -> None:
    response = client.post("/accounts/password/reset/", {"email": "Kanda@Example.com"})
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/reset/sent/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kanda@example.com"]
    assert message.subject == "ตั้งรหัสผ่านใหม่ teacherpa"
    assert "กดลิงก์ต่อไปนี้เพื่อตั้งรหัสผ่านใหม่:" in message.body
    response = client.get(reset_link(message), follow=True)
    assert response.status_code == 200
    assert "<h1>ตั้งรหัสผ่านใหม่</h1>" in text(response)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "reset-by-email-2569", "new_password2": "reset-by-email-2569"})
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/reset/done/")
    assert log_in(client, NATIONAL_ID, PASSWORD).status_code == 200
    response = log_in(client, NATIONAL_ID, "reset-by-email-2569")
    assert (response.status_code, response["Location"]) == (302, "/home/")
    assert signed_in_user_id(client) == kanda.user_id


def test_a_used_reset_link_does_not_work_twice(client: Client, kanda: Person) -> None:
    client.post("/accounts/password/reset/", {"email": "kanda@example.com"})
    link = reset_link(mail.outbox[0])
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "reset-by-email-2569", "new_password2": "reset-by-email-2569"})
    response = client.get(link, follow=True)
    assert "ลิงก์ใช้ไม่ได้" in text(response)


def test_password_reset_for_an_unknown_email_sends_nothing_and_looks_the_same(client: Client, kanda: Person) -> None:
    response = client.post("/accounts/password/reset/", {"email": "stranger@example.com"})
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/reset/sent/")
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accounts/password/reset/", "<h1>ลืมรหัสผ่าน</h1>"),
        ("/accounts/password/reset/sent/", "<h1>ส่งลิงก์แล้ว</h1>"),
        ("/accounts/password/reset/done/", "<h1>ตั้งรหัสผ่านใหม่เรียบร้อย</h1>"),
        ("/accounts/password/reset/MQ/bad-token/", "<h1>ลิงก์ใช้ไม่ได้</h1>"),
    ],
)
def test_the_password_pages_use_our_thai_templates_not_the_admin_ones(
    client: Client, db: Any, path: str, heading: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert heading in text(response)
    assert "teacherpa — ระบบข้อตกลงในการพัฒนางานของข้าราชการครู" in text(response)
    assert "Django" not in text(response)


# --- sessions ------------------------------------------------------------------------------------


def test_session_cookie_age_is_eight_hours_and_the_session_closes_with_the_browser() -> None:
    assert django_settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert django_settings.SESSION_COOKIE_HTTPONLY is True


def test_the_session_expires_after_its_age(client: Client, kanda: Person, settings: Any) -> None:
    settings.SESSION_COOKIE_AGE = 60
    log_in(client, NATIONAL_ID)
    assert client.session.get_expiry_age() == 60
    session = Session.objects.get(session_key=client.session.session_key)
    assert timedelta(seconds=55) < session.expire_date - timezone.now() <= timedelta(seconds=60)
    assert client.get("/teacher/").status_code == 200

    later = timezone.now() + timedelta(seconds=61)
    # The cached copy of a session expires with the same age in the cache itself (real time, which the
    # mock cannot move), so drop it as the cache would; the database copy then decides, by its expiry date.
    cache.clear()
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get("/teacher/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/teacher/")


def test_the_cookie_carries_the_age_when_sessions_outlive_the_browser(
    client: Client, kanda: Person, settings: Any
) -> None:
    settings.SESSION_COOKIE_AGE = 120
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = False
    response = log_in(client, NATIONAL_ID)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 120


def test_by_default_the_session_cookie_dies_with_the_browser(client: Client, kanda: Person) -> None:
    response = log_in(client, NATIONAL_ID)
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert (cookie["max-age"], cookie["expires"], cookie["httponly"]) == ("", "", True)


# --- the production password hasher ----------------------------------------------------------------


def production_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DEBUG="false",
        SECRET_KEY="production-like-secret-key-" + "x" * 40,
        DJANGO_SETTINGS_MODULE="teacherpa.settings",
        **extra,
    )
    return env


def test_production_settings_hash_passwords_with_argon2(tmp_path: Path) -> None:
    script = (
        "import django; django.setup(); "
        "from django.conf import settings; from django.contrib.auth.hashers import make_password; "
        "print(settings.PASSWORD_HASHERS[0]); print(make_password('pa-2569').split('$')[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(VAR_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.contrib.auth.hashers.Argon2PasswordHasher", "argon2"]


# --- the Django admin ----------------------------------------------------------------------------


def test_the_system_admin_reaches_the_admin_index(client: Client, cast: Cast) -> None:
    client.force_login(cast.system_admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "teacherpa — ผู้ดูแลระบบ" in text(response)


@pytest.mark.parametrize(
    "member",
    [
        "teacher",
        "director",
        "school_admin",
        "supervisor",
        "lecturer",
        "other_school_teacher",
        "area_officer",
        "inspector",
        "outsider",
    ],
)
def test_every_other_role_is_kept_out_of_the_admin(client: Client, cast: Cast, member: str) -> None:
    client.force_login(cast.user(member))
    for path in ("/admin/", "/admin/org/person/", "/admin/org/user/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, f"/admin/login/?next={path}")


def test_staff_flag_without_the_system_admin_role_is_not_enough(client: Client, cast: Cast) -> None:
    user = cast.user("director")
    User.objects.filter(pk=user.pk).update(is_staff=True)
    client.force_login(user)
    response = client.get("/admin/")
    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/")


def test_a_revoked_system_admin_is_kept_out(client: Client, cast: Cast) -> None:
    cast.system_admin.memberships.filter(role=Role.SYSTEM_ADMIN).update(is_active=False)
    client.force_login(cast.system_admin)
    response = client.get("/admin/")
    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/")


def test_the_admin_login_form_does_not_let_a_teacher_in(client: Client, kanda: Person) -> None:
    client.post("/admin/login/?next=/admin/", {"username": NATIONAL_ID, "password": PASSWORD})
    response = client.get("/admin/")
    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/")


def test_the_cast_director_is_not_staff(cast: Cast) -> None:
    director = cast.user("director")
    assert (director.is_staff, director.is_superuser) == (False, False)
    assert Person.objects.get(pk=cast.director.pk).position == Position.DIRECTOR


def test_a_password_set_from_the_reset_link_ends_the_forced_change(client: Client, kanda: Person) -> None:
    assert kanda.user_id is not None
    User.objects.filter(pk=kanda.user_id).update(must_change_password=True)
    client.post("/accounts/password/reset/", {"email": "kanda@example.com"})
    form_url = client.get(reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "reset-by-email-2569", "new_password2": "reset-by-email-2569"})
    assert User.objects.get(pk=kanda.user_id).must_change_password is False
    response = log_in(client, NATIONAL_ID, "reset-by-email-2569")
    assert (response.status_code, response["Location"]) == (302, "/home/")
    assert client.get("/home/")["Location"] != "/accounts/password/change/"


def test_the_reset_email_is_sent_by_a_background_task_with_plain_arguments(client: Client, kanda: Person) -> None:
    from django.tasks.signals import task_enqueued

    enqueued: list[Any] = []

    def record(sender: object, task_result: Any, **kwargs: object) -> None:
        enqueued.append(task_result)

    task_enqueued.connect(record)
    try:
        client.post("/accounts/password/reset/", {"email": "kanda@example.com"})
    finally:
        task_enqueued.disconnect(record)
    assert [result.task.name for result in enqueued] == ["send_account_email"]
    arguments = enqueued[0].kwargs
    # Task arguments must survive a JSON round trip, as they do on the database or Redis queue.
    assert json.loads(json.dumps(arguments)) == arguments
    assert arguments["to"] == ["kanda@example.com"]
    assert len(mail.outbox) == 1
