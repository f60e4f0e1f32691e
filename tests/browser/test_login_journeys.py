"""Login journeys in a real browser: every role lands on its own home, wrong passwords and lockout,
pages of other schools and people stay hidden, and the pages work on a small phone screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Locator, Page, Response, expect

from tests.browser.conftest import (
    LOGIN_BUTTON,
    LOGIN_IDENTIFIER_LABEL,
    LOGIN_PASSWORD_LABEL,
    LOGIN_PATH,
    Logins,
    login,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

NOT_FOUND_TEXT = "ไม่พบข้อมูลที่ขอ หรือคุณไม่มีสิทธิ์เข้าถึง"
WRONG_PASSWORD_TEXT = "รหัสผ่านไม่ถูกต้อง"
LOCKED_OUT_HEADING = "บัญชีถูกระงับชั่วคราว"


def path_of(page: Page) -> str:
    return urlparse(page.url).path


def status(response: Response | None) -> int:
    assert response is not None, "the browser got no response"
    return response.status


def heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


# Each case: how the person signs in, where they must land, and the h1 they must see there.
Case = Callable[[Logins], tuple[str, str, str]]
HOME_CASES: dict[str, Case] = {
    "teacher-national-id": lambda c: (
        c.national_id("teacher"),
        reverse("teacher_home"),
        f"สวัสดี {c.cast.teacher.full_name}",
    ),
    "teacher-email": lambda c: ("somsri@example.com", reverse("teacher_home"), f"สวัสดี {c.cast.teacher.full_name}"),
    "director": lambda c: (
        c.national_id("director"),
        reverse("school_detail", args=[c.cast.school.pk]),
        c.cast.school.name,
    ),
    "school-admin": lambda c: (
        c.cast.school.code,
        reverse("school_detail", args=[c.cast.school.pk]),
        c.cast.school.name,
    ),
    "area-officer": lambda c: (
        c.national_id("area_officer"),
        reverse("area_office_detail", args=[c.cast.area.pk]),
        c.cast.area.name,
    ),
    "province-inspector": lambda c: (
        c.national_id("inspector"),
        reverse("province_detail", args=[c.cast.province.pk]),
        f"จังหวัด{c.cast.province.name}",
    ),
    "external-evaluator": lambda c: (
        c.national_id("supervisor"),
        reverse("evaluator_home"),
        f"สวัสดี {c.cast.supervisor.full_name}",
    ),
    "system-admin": lambda c: ("admin", reverse("system_home"), "ผู้ดูแลระบบ"),
    # A teacher of School T who also evaluates: two roles, so she chooses where to go.
    "several-roles": lambda c: (c.national_id("other_school_teacher"), reverse("home"), "คุณมีหลายบทบาท"),
}


@pytest.mark.parametrize("role", list(HOME_CASES))
def test_each_role_lands_on_its_own_home(
    page: Page, live_server, logins: Logins, screenshots_dir: Path, role: str
) -> None:
    identifier, expected_path, expected_heading = HOME_CASES[role](logins)

    response = login(page, live_server, identifier, logins.password)

    assert status(response) == 200
    assert path_of(page) == expected_path
    expect(heading(page)).to_have_text(expected_heading)
    page.screenshot(path=str(screenshots_dir / f"home-{role}.png"), full_page=True)


def test_wrong_password_shows_thai_error_and_stays_on_login(page: Page, live_server, logins: Logins) -> None:
    response = login(page, live_server, logins.national_id("teacher"), "not-the-password")

    assert status(response) == 200
    assert path_of(page) == LOGIN_PATH
    expect(page.get_by_role("alert")).to_contain_text(WRONG_PASSWORD_TEXT)
    expect(heading(page)).to_have_text("เข้าสู่ระบบ")
    # The identifier stays filled in for the next try; the password does not.
    expect(page.get_by_label(LOGIN_PASSWORD_LABEL)).to_have_value("")


def test_account_locks_after_the_failure_limit_even_for_the_right_password(
    page: Page, live_server, logins: Logins
) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    identifier = logins.national_id("teacher")

    for attempt in range(1, limit):
        response = login(page, live_server, identifier, f"wrong-{attempt}")
        assert status(response) == 200, f"attempt {attempt}"
        assert path_of(page) == LOGIN_PATH
        expect(page.get_by_role("alert")).to_contain_text(WRONG_PASSWORD_TEXT)

    # The failure that reaches the limit locks the account.
    response = login(page, live_server, identifier, f"wrong-{limit}")
    assert status(response) == 429
    expect(heading(page)).to_have_text(LOCKED_OUT_HEADING)

    # Now the right password is refused too, and no session is opened.
    response = login(page, live_server, identifier, logins.password)
    assert status(response) == 429
    expect(heading(page)).to_have_text(LOCKED_OUT_HEADING)
    page.goto(f"{live_server.url}{reverse('home')}")
    assert path_of(page) == LOGIN_PATH


def test_teacher_cannot_open_another_schools_page(page: Page, live_server, logins: Logins) -> None:
    login(page, live_server, logins.national_id("teacher"), logins.password)
    assert path_of(page) == reverse("teacher_home")
    other_school = logins.cast.other_school

    response = page.goto(f"{live_server.url}{reverse('school_detail', args=[other_school.pk])}")

    assert status(response) == 404
    expect(page.locator("main")).to_contain_text(NOT_FOUND_TEXT)
    assert other_school.name not in page.content()
    assert other_school.code not in page.content()


def test_teacher_cannot_open_another_persons_page(page: Page, live_server, logins: Logins) -> None:
    login(page, live_server, logins.national_id("teacher"), logins.password)
    assert path_of(page) == reverse("teacher_home")
    outsider = logins.cast.outsider

    response = page.goto(f"{live_server.url}{reverse('person_detail', args=[outsider.pk])}")

    assert status(response) == 404
    expect(page.locator("main")).to_contain_text(NOT_FOUND_TEXT)
    content = page.content()
    assert outsider.full_name not in content
    assert outsider.first_name not in content
    assert outsider.national_id_masked not in content


def test_small_phone_login_labels_and_teacher_home_without_horizontal_scroll(
    page: Page, live_server, logins: Logins, screenshots_dir: Path
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}{LOGIN_PATH}")

    # Every input of the login form is reachable by its visible label.
    for label in (LOGIN_IDENTIFIER_LABEL, LOGIN_PASSWORD_LABEL):
        field = page.get_by_label(label)
        expect(field).to_be_visible()
        expect(field).to_be_editable()
        expect(page.locator(f"label[for='{field.get_attribute('id')}']")).to_be_visible()
    expect(page.get_by_role("button", name=LOGIN_BUTTON, exact=True)).to_be_visible()

    login(page, live_server, logins.national_id("teacher"), logins.password)
    assert path_of(page) == reverse("teacher_home")
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    page.screenshot(path=str(screenshots_dir / "home-teacher-360.png"), full_page=True)
    assert scroll_width <= 360, f"teacher home scrolls sideways at 360 px: scrollWidth={scroll_width}"
