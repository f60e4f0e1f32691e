"""The live server the browser tests run on answers requests that arrive together (a page and its htmx
fragments), on SQLite's shared in-memory connection as on PostgreSQL."""

from __future__ import annotations

import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection

from tests.conftest import SerialWSGIServer

pytestmark = pytest.mark.django_db(transaction=True)


def test_requests_at_once_all_get_their_page(live_server: Any) -> None:
    def fetch(number: int) -> tuple[int, bool]:
        url = f"{live_server.url}/help/search/?q=" + urllib.parse.quote(f"ตัวชี้วัด {number}")
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 — our own loopback server
            return response.status, "ศูนย์ช่วยเหลือ".encode() in response.read()

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(fetch, range(40)))
    assert answers == [(200, True)] * 40
    assert isinstance(live_server.thread.httpd, SerialWSGIServer) == (connection.vendor == "sqlite")
