"""Thai first, English switchable: the login page in each language and the switch between them."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_login_page_is_thai_by_default() -> None:
    page = Client().get("/accounts/login/").content.decode()
    assert '<html lang="th">' in page
    assert "<h1>เข้าสู่ระบบ</h1>" in page
    assert "เลขประจำตัวประชาชน อีเมล หรือรหัสโรงเรียน" in page


@pytest.mark.django_db
def test_switching_to_english_translates_the_page_and_switching_back_restores_thai() -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/")
    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in page
    assert "<h1>Log in</h1>" in page
    assert "เข้าสู่ระบบ</h1>" not in page
    client.post("/i18n/setlang/", {"language": "th", "next": "/accounts/login/"})
    assert "<h1>เข้าสู่ระบบ</h1>" in client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
def test_a_wrong_password_is_explained_in_english_when_english_is_chosen() -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.post("/accounts/login/", {"username": "nobody@example.com", "password": "x"}).content.decode()
    assert "รหัสผ่านไม่ถูกต้อง" not in page
    assert "password" in page.lower()
