"""Who reads a teacher's evidence: by page and by direct file URL, for every role, with something to leak."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.http import FileResponse
from django.test import Client

from agreements.access import may
from agreements.models import Agreement
from evidence.models import EvidenceItem
from org.models import Person, Position, Role
from tests.conftest import CAST_USERS, Cast, make_national_id, make_person
from tests.evidence import files
from tests.evidence.conftest import add_file, attach

SECRET_TITLE = "บันทึกหลังสอน ห้อง ๓-๑ 📝.pdf"
ALLOWED = ["teacher", "director", "school_admin", "area_officer", "system_admin"]
REFUSED = ["outsider", "other_school_teacher", "other_area_officer", "supervisor", "lecturer", "other_director"]


@pytest.fixture
def other_director(cast: Cast) -> Person:
    """The director of another school in the same area."""
    return make_person(
        school=cast.other_school,
        role=Role.DIRECTOR,
        position=Position.DIRECTOR,
        standing="senior_professional",
        first_name="สมชาย",
        last_name="ผอ.อื่น",
        national_id_value=make_national_id(700_001),
    )


def login(client: Client, cast: Cast, name: str, other_director: Person) -> None:
    user = other_director.user if name == "other_director" else cast.user(name)
    assert user is not None
    client.force_login(user)


def main_of(response: Any) -> str:
    return str(response.content.decode()).split('<main id="main"', 1)[1].split("</main>", 1)[0]


def urls(item: EvidenceItem, agreement: Agreement) -> list[str]:
    return [f"/evidence/{item.pk}/", f"/evidence/{item.pk}/file/", f"/evidence/agreements/{agreement.pk}/"]


@pytest.fixture
def shared_item(cast: Cast, media: Path, agreement: Agreement) -> EvidenceItem:
    item = add_file(cast, files.PDF, name=SECRET_TITLE)
    attach(cast, agreement, item, "indicator:2.1")
    return item


@pytest.mark.parametrize("name", ALLOWED)
def test_the_school_and_its_area_read_shared_evidence(
    cast: Cast, client: Client, agreement: Agreement, shared_item: EvidenceItem, other_director: Person, name: str
) -> None:
    login(client, cast, name, other_director)
    detail, download, agreement_page = (client.get(url) for url in urls(shared_item, agreement))
    assert isinstance(download, FileResponse)
    assert (detail.status_code, download.status_code, agreement_page.status_code) == (200, 200, 200)
    assert SECRET_TITLE in detail.content.decode()
    assert SECRET_TITLE in agreement_page.content.decode()
    assert b"".join(download.streaming_content) == files.PDF


@pytest.mark.parametrize("name", REFUSED)
def test_others_get_the_same_404_by_page_and_by_file_url(
    cast: Cast, client: Client, agreement: Agreement, shared_item: EvidenceItem, other_director: Person, name: str
) -> None:
    login(client, cast, name, other_director)
    responses = [client.get(url) for url in urls(shared_item, agreement)]
    assert [response.status_code for response in responses] == [404, 404, 404]
    assert all(SECRET_TITLE not in response.content.decode() for response in responses)


@pytest.mark.parametrize("name", CAST_USERS)
def test_evidence_is_read_by_exactly_those_who_read_the_agreement(
    cast: Cast, client: Client, agreement: Agreement, shared_item: EvidenceItem, name: str
) -> None:
    client.force_login(cast.user(name))
    expected = 200 if may(cast.user(name), agreement, "view") else 404
    assert client.get(f"/evidence/{shared_item.pk}/file/").status_code == expected


@pytest.mark.parametrize(
    ("name", "status"),
    [("teacher", 200), ("school_admin", 200), ("director", 404), ("area_officer", 404), ("outsider", 404)],
)
def test_unshared_evidence_stays_with_the_teacher_and_who_acts_for_her(
    cast: Cast, client: Client, media: Path, agreement: Agreement, name: str, status: int
) -> None:
    item = add_file(cast, files.PDF, name=SECRET_TITLE)
    attach(cast, agreement, item, "challenge", shared=False)
    client.force_login(cast.user(name))
    assert client.get(f"/evidence/{item.pk}/file/").status_code == status
    page = client.get(f"/evidence/agreements/{agreement.pk}/")
    assert (SECRET_TITLE in page.content.decode()) is (status == 200)


@pytest.mark.parametrize("name", ["director", "school_admin", "area_officer", "outsider"])
def test_an_item_in_the_library_only_is_the_owners_alone(
    cast: Cast, client: Client, media: Path, agreement: Agreement, name: str
) -> None:
    item = add_file(cast)
    client.force_login(cast.user(name))
    assert client.get(f"/evidence/{item.pk}/file/").status_code == 404
    client.force_login(cast.user("teacher"))
    assert client.get(f"/evidence/{item.pk}/file/").status_code == 200


def test_a_guessed_id_answers_like_a_forbidden_one(cast: Cast, client: Client, shared_item: EvidenceItem) -> None:
    client.force_login(cast.user("outsider"))
    missing = client.get("/evidence/999999/file/")
    forbidden = client.get(f"/evidence/{shared_item.pk}/file/")
    assert (missing.status_code, forbidden.status_code) == (404, 404)
    assert main_of(missing) == main_of(forbidden)


def test_nobody_else_changes_a_teachers_evidence(
    cast: Cast, client: Client, media: Path, agreement: Agreement, shared_item: EvidenceItem
) -> None:
    [attachment] = shared_item.attachments.all()
    client.force_login(cast.user("outsider"))
    assert client.post(f"/evidence/attachments/{attachment.pk}/detach/").status_code == 404
    assert client.post(f"/evidence/{shared_item.pk}/delete/").status_code == 404
    attach_post = {"agreement": agreement.pk, "section": "challenge", "item": shared_item.pk}
    assert client.post("/evidence/attach/", attach_post).status_code == 404
    client.force_login(cast.user("director"))
    assert client.post(f"/evidence/attachments/{attachment.pk}/detach/").status_code == 403
    assert client.post("/evidence/attach/", attach_post).status_code == 403
    assert shared_item.attachments.count() == 1


def test_an_upload_in_progress_belongs_to_whoever_started_it(cast: Cast, client: Client, media: Path) -> None:
    client.force_login(cast.user("teacher"))
    started = client.post("/evidence/uploads/", {"name": "คลิป.mp4", "size": len(files.MP4)}).json()
    client.force_login(cast.user("outsider"))
    headers: dict[str, Any] = {"Content-Range": f"bytes 0-{len(files.MP4) - 1}/{len(files.MP4)}"}
    assert client.get(started["url"]).status_code == 404
    assert client.post(started["url"], files.MP4, "application/octet-stream", headers=headers).status_code == 404
    assert client.post(started["finish_url"]).status_code == 404


def test_an_unshared_attachment_is_not_there_for_the_director(
    cast: Cast, client: Client, media: Path, agreement: Agreement
) -> None:
    attachment = attach(cast, agreement, add_file(cast), "challenge", shared=False)
    client.force_login(cast.user("director"))
    assert client.post(f"/evidence/attachments/{attachment.pk}/detach/").status_code == 404
