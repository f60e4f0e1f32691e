"""The area office's poster: its name, a large QR code of its help centre's address, and how to use it."""

from __future__ import annotations

from typing import Any

from django.test import Client

from helpcentre.queries import area_help_url
from questions.poster import QR_MM, area_poster_pdf, poster_document, poster_qr
from tests.conftest import Cast
from tests.documents.reading import pdftotext, pypdf_pages


def poster_url(data: bytes) -> str:
    """The address the poster prints under its QR code, read back from the PDF's text layer."""
    lines = [line.strip() for line in pdftotext(data).splitlines()]
    return next(line for line in lines if line.startswith("http"))


def test_the_poster_names_the_area_and_prints_the_address_its_qr_code_encodes(cast: Cast, settings: Any) -> None:
    settings.SITE_URL = "https://pa.example.go.th"
    data = area_poster_pdf(cast.area)
    (page,) = pypdf_pages(data)
    assert "สำนักงานเขตพื้นที่การศึกษา 6501" in page  # ำ copies back as one character
    assert "ศูนย์ช่วยเหลือ\nข้อตกลงในการพัฒนางาน (PA)" in page
    assert poster_url(data) == "https://pa.example.go.th/help/area/6501/" == area_help_url(cast.area)


def test_the_qr_code_is_large_and_encodes_the_help_centre_address(cast: Cast) -> None:
    url = area_help_url(cast.area)
    document, room = poster_document(cast.area, url)
    assert room in document.blocks
    assert room.height == QR_MM == 105.0
    qr = poster_qr(url)
    assert qr.error == "Q"
    assert qr.designator.endswith("-Q")


def test_the_poster_opens_the_help_centre_without_a_login(client: Client, cast: Cast, settings: Any) -> None:
    settings.SITE_URL = "http://testserver"
    url = poster_url(area_poster_pdf(cast.area))
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert cast.area.name in response.content.decode()


def test_area_staff_and_the_province_print_the_poster_others_do_not(cast: Cast) -> None:
    for who, status in (
        ("area_officer", 200),
        ("inspector", 200),
        ("system_admin", 200),
        ("other_area_officer", 404),
        ("teacher", 404),
    ):
        client = Client()
        client.force_login(cast.user(who))
        response = client.get(f"/areas/{cast.area.pk}/help-poster.pdf")
        assert response.status_code == status, who
        if status == 200:
            assert (response["Content-Type"], response.content[:5]) == ("application/pdf", b"%PDF-")
