"""Browser tests: the real site in Debian's headless Chromium, driven through Playwright's sync API.

Chromium comes from the Debian package (`bash scripts/system-deps`), never from `playwright install`.
A missing browser fails the run loudly: a skip would hide a CI image that forgot to install it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Playwright's sync API keeps an asyncio loop in this thread; the ORM calls the tests make between
# page steps (building the cast, reading ids) are still plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest  # noqa: E402
from playwright.sync_api import Browser, Page, Playwright, Response, sync_playwright  # noqa: E402

from org import national_id  # noqa: E402
from org.models import Person  # noqa: E402
from org.services import national_id_digest  # noqa: E402
from tests.conftest import CAST_PEOPLE, PASSWORD, make_national_id  # noqa: E402

CHROMIUM = os.environ.get("TEACHERPA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

LOGIN_PATH = "/accounts/login/"
LOGIN_IDENTIFIER_LABEL = "เลขประจำตัวประชาชน อีเมล หรือรหัสโรงเรียน"
LOGIN_PASSWORD_LABEL = "รหัสผ่าน"
LOGIN_BUTTON = "เข้าสู่ระบบ"

# Seeds far above the cast's own counter, so a re-keyed national ID never meets one already in use.
_NATIONAL_ID_SEED = 9_000_000


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which(CHROMIUM) or (CHROMIUM if os.access(CHROMIUM, os.X_OK) else None)
    if executable is None:
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: browser tests need the Debian package. "
            "Run `bash scripts/system-deps` as root (apt-get install chromium fonts-thai-tlwg); "
            "never `playwright install`.",
            pytrace=False,
        )
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the test, so the page fixture can tell a failed test apart."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser: Browser, screenshots_dir: Path, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        name = request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
        page.screenshot(path=str(screenshots_dir / f"failed-{name}.png"), full_page=True)
    context.close()


def login(page: Page, live_server: Any, identifier: str, password: str) -> Response | None:
    """Sign in through the login form, as a person would; returns the final response of the submit."""
    page.goto(f"{live_server.url}{LOGIN_PATH}")
    page.get_by_label(LOGIN_IDENTIFIER_LABEL).fill(identifier)
    page.get_by_label(LOGIN_PASSWORD_LABEL).fill(password)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=LOGIN_BUTTON, exact=True).click()
    return navigation.value


@dataclass
class Logins:
    """The cast, plus the 13-digit national ID each cast person signs in with."""

    cast: Any
    national_ids: dict[str, str]
    password: str = PASSWORD

    def national_id(self, name: str) -> str:
        return self.national_ids[name]


@pytest.fixture
def logins(cast: Any) -> Logins:
    """Give every Person in the cast a national ID this test knows.

    Person keeps only a keyed digest of the number, so the cast's generated numbers cannot be read
    back; each person's digest and masked form are set again from a number chosen here, with the
    application's own digest function.
    """
    numbers: dict[str, str] = {}
    for index, name in enumerate(CAST_PEOPLE):
        person: Person = getattr(cast, name)
        number = make_national_id(_NATIONAL_ID_SEED + index)
        Person.objects.filter(pk=person.pk).update(
            national_id_digest=national_id_digest(number), national_id_masked=national_id.masked(number)
        )
        numbers[name] = number
    return Logins(cast=cast, national_ids=numbers)
