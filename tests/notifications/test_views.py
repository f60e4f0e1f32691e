"""The bell, the list, opening and marking read, and the preferences page, through the test client."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from notifications.models import Kind, LineAccount, Notification
from notifications.services import notify
from org.models import User
from tests.conftest import Cast, logged_in
from tests.notifications.line_server import LineServer

HTMX = {"HX-Request": "true"}


def tell(user: User, key: str, title: str = "ข้อตกลงถูกส่งกลับ", url: str = "/teacher/") -> Notification:
    (made,) = notify([user], kind=Kind.AGREEMENT_RETURNED, key=key, title=title, body="รายละเอียด", url=url)
    return made


def test_the_list_shows_only_the_users_own_notifications(cast: Cast) -> None:
    tell(cast.user("teacher"), "a", "ของครูสมศรี")
    tell(cast.user("outsider"), "b", "ของคนนอก")
    page = logged_in(cast.user("teacher")).get("/notifications/").content.decode()
    assert "ของครูสมศรี" in page
    assert "ของคนนอก" not in page
    assert "ยังไม่ได้อ่าน 1" in page


def test_someone_elses_notification_is_a_404_and_stays_unread(cast: Cast) -> None:
    theirs = tell(cast.user("teacher"), "a")
    for name in ("outsider", "director", "system_admin"):
        assert logged_in(cast.user(name)).get(f"/notifications/{theirs.pk}/").status_code == 404
    assert logged_in(cast.user("outsider")).get("/notifications/999999/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(cast: Cast) -> None:
    mine = tell(cast.user("teacher"), "a", url="/agreements/7/step/1/")
    response = logged_in(cast.user("teacher")).get(f"/notifications/{mine.pk}/")
    assert (response.status_code, response["Location"]) == (302, "/agreements/7/step/1/")
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_a_notification_never_sends_its_reader_off_the_site(cast: Cast) -> None:
    mine = tell(cast.user("teacher"), "a", url="//evil.example/phish")
    assert logged_in(cast.user("teacher")).get(f"/notifications/{mine.pk}/")["Location"] == "/notifications/"


def test_the_bell_counts_unread_and_an_ended_session_leaves_it_alone(cast: Cast) -> None:
    tell(cast.user("teacher"), "a")
    tell(cast.user("teacher"), "b")
    bell = logged_in(cast.user("teacher")).get("/notifications/bell/").content.decode()
    assert re.search(r'<span class="bell-count">2</span>', bell)
    assert 'hx-trigger="notifications-changed from:body"' in bell
    assert Client().get("/notifications/bell/").status_code == 204


def test_every_signed_in_page_asks_for_the_bell_after_loading(cast: Cast) -> None:
    page = logged_in(cast.user("teacher")).get("/me/").content.decode()
    assert 'hx-get="/notifications/bell/" hx-trigger="load, notifications-changed from:body"' in page
    assert "/notifications/bell/" not in Client().get("/accounts/login/").content.decode()


def test_mark_all_read_with_htmx_answers_the_list_and_tells_the_bell(cast: Cast) -> None:
    tell(cast.user("teacher"), "a")
    tell(cast.user("director"), "b")
    response = logged_in(cast.user("teacher")).post("/notifications/read-all/", headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifications-changed"
    fragment = response.content.decode()
    assert fragment.startswith('<section class="card" id="notification-list"')
    assert "ใหม่</span>" not in fragment
    assert Notification.objects.filter(read_at__isnull=True).count() == 1  # the director's stays unread


def test_mark_all_read_without_javascript_goes_back_to_the_list(cast: Cast) -> None:
    tell(cast.user("teacher"), "a")
    response = logged_in(cast.user("teacher")).post("/notifications/read-all/")
    assert (response.status_code, response["Location"]) == (302, "/notifications/")
    assert logged_in(cast.user("teacher")).get("/notifications/read-all/").status_code == 405


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_costs_the_same_queries_for_one_or_three(
    cast: Cast, django_assert_num_queries: Any, count: int
) -> None:
    for index in range(count):
        tell(cast.user("teacher"), f"key-{index}", f"เรื่องที่ {index}")
    client = logged_in(cast.user("teacher"))
    # session, user, memberships, the page's count, the page's rows, the unread count
    with django_assert_num_queries(6):
        page = client.get("/notifications/").content.decode()
    assert page.count('class="notification-item unread"') == count


def test_the_preferences_page_turns_email_off_for_one_kind(cast: Cast) -> None:
    client = logged_in(cast.user("teacher"))
    page = client.get("/notifications/preferences/").content.decode()
    assert "อีเมลจะส่งไปที่ somsri@example.com" in page
    assert page.count("<fieldset") == len(Kind.values)
    assert 'id="line"' not in page  # LINE is off here: no link is offered
    data = {f"{kind}__{channel}": "on" for kind in Kind.values for channel in ("in_app", "email")}
    del data[f"{Kind.DEADLINE_APPROACHING}__email"]
    response = client.post("/notifications/preferences/", data)
    assert (response.status_code, response["Location"]) == (302, "/notifications/preferences/")
    (made,) = notify([cast.user("teacher")], kind=Kind.DEADLINE_APPROACHING, key="d", title="ใกล้ถึงกำหนด")
    assert made.email_status == ""


def test_with_line_configured_a_person_asks_for_a_code_and_sees_it_once(cast: Cast, line_server: LineServer) -> None:
    client = logged_in(cast.user("teacher"))
    assert "ขอรหัสเชื่อมต่อ LINE" in client.get("/notifications/preferences/").content.decode()
    page = client.post("/notifications/line/code/").content.decode()
    code = re.search(r'<code class="password" id="line-code">([A-Z0-9]{4}-[A-Z0-9]{4})</code>', page)
    assert code is not None
    assert code.group(1) not in client.get("/notifications/preferences/").content.decode()
    assert LineAccount.objects.get(user=cast.user("teacher")).code_digest not in (code.group(1), "")


def test_a_linked_person_chooses_line_per_kind_and_may_unlink(cast: Cast, line_server: LineServer) -> None:
    LineAccount.objects.create(user=cast.user("teacher"), line_user_id="U1", following=True)
    client = logged_in(cast.user("teacher"))
    page = client.get("/notifications/preferences/").content.decode()
    assert f'name="{Kind.DEADLINE_PASSED}__line"' in page
    assert "ยกเลิกการเชื่อมต่อ LINE" in page
    assert client.post("/notifications/line/unlink/").status_code == 302
    assert LineAccount.objects.get().line_user_id == ""


def test_the_line_pages_do_not_exist_without_credentials(cast: Cast) -> None:
    client = logged_in(cast.user("teacher"))
    assert client.post("/notifications/line/code/").status_code == 404
    assert client.post("/notifications/line/unlink/").status_code == 404


def test_the_pages_need_a_login(db: Any) -> None:
    for url in ("/notifications/", "/notifications/preferences/", "/notifications/1/"):
        assert Client().get(url)["Location"].startswith("/accounts/login/")
