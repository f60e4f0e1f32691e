"""A 10,000-row file imports through the same batched path as 400,000 would, on whichever database the suite runs."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from org.models import Membership, Person, Role
from rosters.models import PasswordSheet
from tests.conftest import Cast, make_school
from tests.rosters.files import PEOPLE_HEADER, csv_bytes, person_row

ROWS = 10_000


def test_ten_thousand_teachers_of_ten_schools_import_in_batches(cast: Cast, run_import: Any, settings: Any) -> None:
    settings.ROSTERS_BATCH_ROWS = 2_000  # several batches, as a large file has
    schools = [make_school(cast.area, f"10650{index:05d}", f"โรงเรียนที่ {index}") for index in range(100, 110)]
    rows = [
        person_row(schools[index % 10].code, first_name=f"ครู{index}", last_name="ทดสอบ", standing="ชำนาญการพิเศษ")
        for index in range(ROWS)
    ]
    data = csv_bytes(PEOPLE_HEADER, rows)
    people_before = Person.objects.count()
    job = run_import(cast.user("area_officer"), f"/rosters/areas/{cast.area.pk}/", data)
    assert (job.state, job.rows, job.to_create, job.created, job.updated, job.problem_count) == (
        "done",
        ROWS,
        ROWS,
        ROWS,
        0,
        0,
    )
    assert Person.objects.count() - people_before == ROWS
    counts = dict(
        Membership.objects.filter(school__in=schools, role=Role.TEACHER, is_active=True)
        .values_list("school__code")
        .annotate(n=Count("pk"))
    )
    assert counts == {school.code: ROWS // 10 for school in schools}
    assert sorted(PasswordSheet.objects.filter(job=job).values_list("count", flat=True)) == [ROWS // 10] * 10
    assert sum(len(sheet.entries) for sheet in PasswordSheet.objects.filter(job=job)) == ROWS
