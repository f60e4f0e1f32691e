"""upload.js in headless Chromium: a video in chunks, one of them lost on the way, resumed and attached.

The browser runs in a thread of its own: the session-wide Playwright of tests/browser may already hold
this thread's event loop, and a second sync Playwright cannot share it.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import FilePayload, Page, Route, expect, sync_playwright

from agreements.models import Agreement
from evidence.models import EvidenceAttachment, UploadSession
from tests.browser import conftest as browser_fixtures
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Logins, login
from tests.evidence import files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

logins = browser_fixtures.logins  # the cast with national IDs this test can type


def in_own_browser(steps: Callable[[Page], None]) -> None:
    """Run `steps` on a fresh page of headless Chromium in another thread; its failure is this test's."""
    executable = shutil.which(CHROMIUM) or CHROMIUM
    failures: list[BaseException] = []

    def run() -> None:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
            context.set_default_timeout(10_000)
            try:
                steps(context.new_page())
            except BaseException as failure:  # handed to the test's thread and raised there
                failures.append(failure)
            finally:
                browser.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


MB = 1024 * 1024
VIDEO_NAME = "สอนจริง ห้อง ๓-๑ 👩🏽‍🏫.mp4"


def test_a_chunked_upload_survives_a_dropped_chunk(
    live_server: Any, logins: Logins, agreement: Agreement, media: Path, settings: Any
) -> None:
    settings.EVIDENCE_CHUNK_MB = 1
    video = files.padded(files.MP4, 2 * MB + 4321)
    chunk_posts: list[str] = []

    def drop_the_second_chunk_once(route: Route) -> None:
        request = route.request
        if request.method == "POST" and request.headers.get("content-range"):
            chunk_posts.append(request.headers["content-range"])
            if len(chunk_posts) == 2:
                route.abort("connectionreset")
                return
        route.continue_()

    def upload(page: Page) -> None:
        login(page, live_server, logins.national_id("teacher"), logins.password)
        page.route("**/evidence/uploads/*/", drop_the_second_chunk_once)
        page.goto(f"{live_server.url}/evidence/agreements/{agreement.pk}/")
        panel = page.locator("#evidence-indicator-1-1")
        panel.get_by_text("เพิ่มหลักฐาน").click()
        video_file: FilePayload = {"name": VIDEO_NAME, "mimeType": "video/mp4", "buffer": video}
        panel.get_by_label("อัปโหลดไฟล์ใหม่").set_input_files(files=[video_file])
        panel.get_by_role("button", name="อัปโหลด", exact=True).click()
        expect(page.locator("#evidence-indicator-1-1 .evidence-list")).to_contain_text(VIDEO_NAME, timeout=20_000)

    in_own_browser(upload)
    assert chunk_posts == [
        f"bytes 0-{MB - 1}/{len(video)}",
        f"bytes {MB}-{2 * MB - 1}/{len(video)}",
        f"bytes {MB}-{2 * MB - 1}/{len(video)}",
        f"bytes {2 * MB}-{len(video) - 1}/{len(video)}",
    ]
    attachment = EvidenceAttachment.objects.select_related("item").get()
    assert (attachment.section, attachment.item.title, attachment.item.size) == (
        "indicator:1.1",
        VIDEO_NAME,
        len(video),
    )
    assert (media / str(attachment.item.file.name)).read_bytes() == video
    assert UploadSession.objects.count() == 0
