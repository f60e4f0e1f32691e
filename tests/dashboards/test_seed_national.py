"""`seed_national`: the requested sizes exactly, data consistent with the rulebook and the services, states in
the documented proportions, refusal without --reset, and a reset that removes the generated rows and only them.

On PostgreSQL the same tests exercise the COPY path (and the dropped-then-restored foreign keys); on SQLite the
batched INSERTs. Fiscal year 2569 has ended, so the seeded moments do not depend on today's date.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from agreements.models import Agreement, AgreementSection, AgreementVersion, ReviewDecision
from agreements.services import _snapshot
from audit.models import AuditEntry
from committees.models import Committee, Evaluation, ScoreSheet, Seat
from committees.points import item_codes
from dashboards.national import seed, shares
from dashboards.national.directory import directory_of, read_directory
from dashboards.national.org import generated_areas, generated_provinces, generated_schools, geography, size_for
from org.models import Membership, Person, Position, Role, School, User
from org.services import scope_key_for
from rounds.models import FiscalYear
from rulebook import Candidate, load_edition, member_refusals, member_score, pa3_result
from tests.conftest import Cast

YEAR = 2569
TINY = ("--schools", "12", "--teachers", "150", "--seed", "1", "--year", str(YEAR))


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_national", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def tiny(db: Any) -> str:
    return run(*TINY)


def memberships(role: str) -> Any:
    return Membership.objects.filter(role=role, school__in=generated_schools())


# --- sizes ----------------------------------------------------------------------------------------------


def test_the_national_size_is_obecs() -> None:
    assert size_for() == shares.NATIONAL == shares.Size(77, 183, 62, 29_449, 2_380, 382_500)


def test_a_scaled_size_keeps_the_proportions_with_at_least_one_of_each() -> None:
    assert size_for(0.01) == shares.Size(1, 1, 1, 294, 24, 3_825)
    assert size_for(0.1) == shares.Size(8, 19, 6, 2_945, 238, 38_250)
    assert size_for(0.000001) == shares.Size(1, 1, 0, 1, 0, 1)


def test_explicit_numbers_win_over_the_scale_and_the_missing_one_follows_the_national_ratio() -> None:
    assert size_for(0.5, schools=12, teachers=150) == shares.Size(1, 1, 0, 12, 0, 150)
    assert size_for(schools=100).teachers == 1_299
    assert size_for(teachers=1_300).schools == 100


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--schools", "10", "--teachers", "5"), "ต้องมีครูอย่างน้อยโรงเรียนละ 1 คน"),
        (("--scale", "0"), "scale ต้องมากกว่า 0"),
        (("--schools", "0"), "ต้องมีโรงเรียนอย่างน้อย 1 แห่ง"),
    ],
)
def test_impossible_sizes_are_refused_with_a_thai_message(db: Any, args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not generated_schools().exists()


# --- a tiny run -----------------------------------------------------------------------------------------


def test_a_tiny_run_makes_exactly_the_requested_schools_and_teachers(tiny: str) -> None:
    assert generated_schools().count() == 12
    assert generated_areas().count() == 1
    assert generated_provinces().count() == 1
    assert memberships(Role.TEACHER).count() == 150
    assert memberships(Role.DIRECTOR).count() == 12
    assert memberships(Role.SCHOOL_ADMIN).count() == 12
    area = generated_areas().get()
    # 12 schools → 2 supervisors (the least an area has), and one education officer; one province inspector.
    assert Membership.objects.filter(role=Role.AREA_STAFF, area_office=area).count() == 3
    assert Membership.objects.filter(role=Role.PROVINCE_INSPECTOR, province__in=generated_provinces()).count() == 1
    assert Person.objects.count() == 150 + 12 + 3 + 1
    assert User.objects.count() == 150 + 12 + 3 + 1 + 12
    assert FiscalYear.objects.filter(year=YEAR).count() == 1
    assert re.search(r"^  org_school +12$", tiny, re.MULTILINE)
    assert re.search(r"^  org_person +166$", tiny, re.MULTILINE)


def test_the_summary_counts_are_the_rows_in_the_tables(db: Any) -> None:
    counts = seed(schools=12, teachers=150, random_seed=1, year=YEAR, out=io.StringIO())
    models = [Agreement, AgreementSection, AgreementVersion, ReviewDecision, Committee, Seat, ScoreSheet, Evaluation]
    assert {model._meta.db_table: counts[model._meta.db_table] for model in models} == {
        model._meta.db_table: model._default_manager.count() for model in models
    }
    assert counts["org_school"] == 12
    assert counts["org_person"] == Person.objects.count()
    assert counts["org_membership"] == Membership.objects.count()
    assert counts["rounds_fiscalyear"] == 1


def test_people_have_valid_logins_roles_and_national_ids(tiny: str) -> None:
    masked = re.compile(r"^\d-xxxx-xxxxx-xx-\d$")
    people = list(Person.objects.select_related("user"))
    assert all(masked.match(person.national_id_masked) for person in people)
    assert all(re.fullmatch(r"[0-9a-f]{64}", person.national_id_digest) for person in people)
    assert all(person.user is not None and person.user.username == person.national_id_digest for person in people)
    assert not any(user.has_usable_password() for user in User.objects.all())
    for membership in Membership.objects.select_related("school", "area_office", "province"):
        expected = scope_key_for(membership.role, membership.school, membership.area_office, membership.province)
        assert membership.scope_key == expected
    admins = memberships(Role.SCHOOL_ADMIN).select_related("user", "school")
    assert all(admin.user.username == admin.school.code for admin in admins)
    assert all(school.code.startswith("99") and len(school.code) == 10 for school in generated_schools())


def test_agreements_carry_what_the_services_write(tiny: str) -> None:
    agreements = list(Agreement.objects.select_related("teacher", "school__area_office"))
    assert agreements
    for agreement in agreements:
        submitted = agreement.state != Agreement.State.DRAFT
        assert agreement.snapshot == (_snapshot(agreement) if submitted else {})
        assert (agreement.workload_ok is None) == (not submitted)
        assert (agreement.submitted_at is not None) == submitted
        assert (agreement.approved_at is not None) == (agreement.state == Agreement.State.APPROVED)
        assert agreement.created_by_id == agreement.teacher.user_id
        assert agreement.teacher.standing not in ("", "assistant")
        assert Membership.objects.filter(
            user=agreement.teacher.user, role=Role.TEACHER, school=agreement.school
        ).exists()
        assert bool(agreement.workload_failures) == (agreement.workload_ok is False)
    sections = {section.agreement_id: section for section in AgreementSection.objects.all()}
    assert set(sections) == {agreement.pk for agreement in agreements}
    assert all(section.key == "challenge" and section.content["title"] for section in sections.values())
    versions = {version.agreement_id: version for version in AgreementVersion.objects.all()}
    assert set(versions) == {agreement.pk for agreement in agreements if agreement.state != Agreement.State.DRAFT}
    outcomes = dict(ReviewDecision.objects.values_list("version__agreement_id", "outcome"))
    decided = {
        agreement.pk: agreement.state
        for agreement in agreements
        if agreement.state in (Agreement.State.APPROVED, Agreement.State.RETURNED)
    }
    assert outcomes == decided


def test_every_scored_evaluation_agrees_with_the_rulebook(tiny: str) -> None:
    edition = FiscalYear.objects.get(year=YEAR).edition
    codes = set(item_codes(edition))
    part2 = {item.code for item in edition.scoring.part2_items}
    scored = 0
    for evaluation in Evaluation.objects.select_related("agreement", "committee"):
        seats = {seat.pk: seat for seat in evaluation.committee.seats.all()}
        sheets = list(evaluation.sheets.all())
        assert all(sheet.seat_id in seats for sheet in sheets)
        submitted = sorted(
            (sheet for sheet in sheets if sheet.is_submitted), key=lambda sheet: seats[sheet.seat_id].number
        )
        for sheet in sheets:
            if not sheet.is_submitted:
                assert (sheet.part1, sheet.total, sheet.submitted_at) == (None, None, None)
                assert set(sheet.levels) < codes
        if len(submitted) < 3:
            assert (evaluation.result_passed, evaluation.published_at) == (None, None)
            continue
        scored += 1
        for sheet in submitted:
            assert set(sheet.levels) == codes
            expected = member_score(
                {code: level for code, level in sheet.levels.items() if code not in part2},
                {code: level for code, level in sheet.levels.items() if code in part2},
                edition,
            )
            assert (sheet.part1, sheet.part2, sheet.total) == (expected.part1, expected.part2, expected.total)
        agreement = evaluation.agreement
        result = pa3_result(
            [Decimal(str(sheet.total)) for sheet in submitted], workload_ok=bool(agreement.workload_ok), edition=edition
        )
        assert evaluation.result_passed == result.passed
        assert evaluation.result_reasons == [*result.reasons, *agreement.workload_failures]
        assert evaluation.result_computed_at == max(sheet.submitted_at for sheet in submitted if sheet.submitted_at)
    assert scored > 0


def test_every_committee_is_the_director_and_two_qualified_members(tiny: str) -> None:
    edition = load_edition()
    school_of = dict(
        Membership.objects.filter(role__in=[Role.TEACHER, Role.DIRECTOR]).values_list("user__person", "school")
    )
    area_of_school = dict(School.objects.values_list("pk", "area_office"))
    area_of_staff = dict(Membership.objects.filter(role=Role.AREA_STAFF).values_list("user__person", "area_office"))
    directors = dict(Membership.objects.filter(role=Role.DIRECTOR).values_list("school", "user__person"))
    committees = Committee.objects.filter(school__in=generated_schools()).prefetch_related("seats__person")
    assert committees
    for committee in committees:
        seats = sorted(committee.seats.all(), key=lambda seat: seat.number)
        assert [(seat.number, seat.kind, seat.status) for seat in seats] == [
            (1, Seat.Kind.CHAIR, Seat.Status.ACCEPTED),
            (2, Seat.Kind.MEMBER, Seat.Status.ACCEPTED),
            (3, Seat.Kind.MEMBER, Seat.Status.ACCEPTED),
        ]
        assert seats[0].person_id == directors[committee.school_id]
        evaluatees = list(
            Evaluation.objects.filter(committee=committee).values_list("agreement__teacher_id", flat=True)
        )
        for seat in seats[1:]:
            person = seat.person
            area = area_of_school[committee.school_id]
            if seat.qualification == "supervisor":
                assert person.position == Position.SUPERVISOR
                assert area_of_staff[person.pk] == area
            else:
                assert seat.qualification == "other_school_teacher"
                assert school_of[person.pk] != committee.school_id
                assert area_of_school[school_of[person.pk]] == area
            candidate = Candidate(
                person_id=person.pk,
                qualification=seat.qualification,
                standing=person.standing or None,
                school_id=school_of.get(person.pk),
            )
            for teacher_id in evaluatees:
                assert (
                    member_refusals(
                        candidate,
                        evaluatee_person_id=teacher_id,
                        evaluatee_school_id=committee.school_id,
                        edition=edition,
                    )
                    == ()
                )
        assert not {seat.person_id for seat in seats} & set(evaluatees)


def test_the_same_seed_makes_the_same_data(db: Any) -> None:
    def fingerprint() -> tuple[Any, ...]:
        return (
            sorted(Person.objects.values_list("national_id_digest", "first_name", "standing")),
            sorted(Agreement.objects.values_list("teacher__national_id_digest", "state")),
            sorted(ScoreSheet.objects.values_list("state", "total")),
        )

    run(*TINY)
    first = fingerprint()
    run(*TINY, "--reset")
    assert fingerprint() == first
    run("--schools", "12", "--teachers", "150", "--seed", "2", "--year", str(YEAR), "--reset")
    assert fingerprint() != first


def test_the_directory_read_back_is_the_one_just_made(db: Any) -> None:
    import random

    from dashboards.national.org import people, write_geography, write_people

    edition = load_edition()
    rng = random.Random(5)
    geo = geography(size_for(schools=30, teachers=400), rng)
    write_geography(geo)
    everyone = people(geo, edition, rng)
    write_people(geo, everyone, phase=_no_phase)
    assert read_directory(edition) == directory_of(geo, everyone, edition)


class _NoPhase:
    def __enter__(self) -> list[str]:
        return []

    def __exit__(self, *_exc: object) -> None:
        return None


def _no_phase(_name: str) -> _NoPhase:
    return _NoPhase()


# --- proportions ----------------------------------------------------------------------------------------


@pytest.fixture
def medium(db: Any) -> str:
    return run("--schools", "60", "--teachers", "1500", "--seed", "2", "--year", str(YEAR))


def near(counts: Counter[Any], total: int, share: float, key: Any) -> bool:
    """Within 3.5 standard errors (and at least 1.5 points) of the documented share."""
    tolerance = max(0.015, 3.5 * math.sqrt(share * (1 - share) / total))
    return abs(counts[key] / total - share) <= tolerance


def test_standings_and_agreement_states_are_in_the_documented_proportions(medium: str) -> None:
    teachers = memberships(Role.TEACHER)
    standings = Counter(teachers.values_list("user__person__standing", flat=True))
    assert sum(standings.values()) == 1500
    assert all(near(standings, 1500, share, code) for code, share in shares.STANDING_SHARES.items()), standings
    makers = [
        person
        for person, standing in teachers.values_list("user__person", "user__person__standing")
        if standing != "assistant"
    ]
    state_of = dict(Agreement.objects.values_list("teacher", "state"))
    states = Counter(state_of.get(person, "") for person in makers)
    moment = shares.MIDYEAR
    assert all(near(states, len(makers), share, state) for state, share in moment.agreement_states.items()), states


def test_committees_sheets_and_results_are_in_the_documented_proportions(medium: str) -> None:
    approved = Agreement.objects.filter(state=Agreement.State.APPROVED).count()
    # Schools with committees (95 %) × approved agreements assigned (96 %); drawn by school, so looser.
    assert abs(Evaluation.objects.count() / approved - 0.95 * 0.96) <= 0.05
    submitted = Counter(
        ScoreSheet.objects.filter(state=ScoreSheet.State.SUBMITTED).values_list("evaluation", flat=True)
    )
    evaluations = Evaluation.objects.count()
    spread = Counter(submitted.get(pk, 0) for pk in Evaluation.objects.values_list("pk", flat=True))
    assert all(near(spread, evaluations, share, number) for number, share in shares.MIDYEAR.sheets_submitted.items()), (
        spread
    )
    results = Counter(Evaluation.objects.filter(result_passed__isnull=False).values_list("result_passed", flat=True))
    scored = sum(results.values())
    assert 0.91 <= results[True] / scored <= 0.98, results
    published = Evaluation.objects.filter(published_at__isnull=False).count()
    assert abs(published / scored - shares.MIDYEAR.published) <= 0.06
    checked = Counter(Agreement.objects.filter(workload_ok__isnull=False).values_list("workload_ok", flat=True))
    assert near(checked, sum(checked.values()), shares.WORKLOAD_OK, True), checked


def test_levels_are_mostly_3_with_weak_schools_and_a_few_disagreements(medium: str) -> None:
    sheets = ScoreSheet.objects.filter(state=ScoreSheet.State.SUBMITTED).select_related("evaluation__committee")
    levels: Counter[int] = Counter()
    by_school: dict[tuple[int, str], list[int]] = defaultdict(list)
    by_evaluation: dict[int, list[dict[str, int]]] = defaultdict(list)
    for sheet in sheets:
        levels.update(sheet.levels.values())
        for code, level in sheet.levels.items():
            by_school[sheet.evaluation.committee.school_id, code].append(level)
        by_evaluation[sheet.evaluation_id].append(sheet.levels)
    total = sum(levels.values())
    assert levels.most_common(1)[0][0] == 3
    assert levels[3] / total > 0.6
    assert 0.03 < levels[2] / total < 0.15
    assert 0.15 < levels[4] / total < 0.35
    assert levels[1] / total < 0.02
    mean = sum(level * count for level, count in levels.items()) / total
    # Some schools are systematically weaker on some indicators (what the heatmap shows).
    weak = [key for key, found in by_school.items() if len(found) >= 15 and sum(found) / len(found) <= mean - 0.3]
    assert weak
    disagreements = [
        evaluation
        for evaluation, sheets_of in by_evaluation.items()
        if len(sheets_of) == 3
        and any(
            max(sheet[code] for sheet in sheets_of) - min(sheet[code] for sheet in sheets_of) >= 2
            for code in sheets_of[0]
        )
    ]
    assert 0 < len(disagreements) / len(by_evaluation) < 0.12


# --- refusing, reusing and resetting --------------------------------------------------------------------


def test_seeding_a_year_again_is_refused_without_reset(tiny: str) -> None:
    before = (Person.objects.count(), Agreement.objects.count(), ScoreSheet.objects.count())
    with pytest.raises(CommandError) as refused:
        run(*TINY)
    assert str(refused.value) == (
        f"ปีงบประมาณ พ.ศ. {YEAR} มีข้อมูลระดับประเทศที่สร้างไว้แล้ว: ใช้ --reset เพื่อลบข้อมูลที่สร้างไว้ทั้งหมดแล้วสร้างใหม่"
    )
    assert (Person.objects.count(), Agreement.objects.count(), ScoreSheet.objects.count()) == before


def test_another_year_reuses_the_organisation(tiny: str) -> None:
    people = Person.objects.count()
    output = run("--seed", "3", "--year", str(YEAR + 1))
    assert "reusing the generated organisation: 12 schools" in output
    assert Person.objects.count() == people
    assert generated_schools().count() == 12
    assert set(Agreement.objects.values_list("fiscal_year__year", flat=True)) == {YEAR, YEAR + 1}
    assert Committee.objects.filter(fiscal_year__year=YEAR + 1).exists()


def test_reset_removes_every_generated_row_and_keeps_the_rest(cast: Cast) -> None:
    cast_people = set(Person.objects.values_list("pk", flat=True))
    cast_roles = set(Membership.objects.values_list("pk", flat=True))
    run(*TINY)
    run("--seed", "3", "--year", str(YEAR + 1))
    generated = memberships(Role.TEACHER).select_related("user").first()
    assert generated is not None
    group = Group.objects.create(name="ทดสอบ")
    generated.user.groups.add(group)  # a row that cascades
    AuditEntry.objects.create(actor=generated.user, action="test.done", target_type="x", target_id="1")  # set null
    output = run(*TINY, "--reset")
    assert "org_school 12 deleted" in output
    assert "agreements_agreement" in output
    people = set(Person.objects.values_list("pk", flat=True))
    assert cast_people <= people
    assert len(people) == len(cast_people) + 166
    roles = set(Membership.objects.values_list("pk", flat=True))
    assert cast_roles <= roles
    assert len(roles) == len(cast_roles) + 178
    assert set(Agreement.objects.values_list("fiscal_year__year", flat=True)) == {YEAR}
    assert generated_schools().count() == 12
    assert AuditEntry.objects.get(action="test.done").actor_id is None
    assert not group.user_set.exists()


def test_reset_is_refused_when_other_data_holds_on_to_generated_people(cast: Cast) -> None:
    run(*TINY)
    supervisor = Person.objects.filter(
        position=Position.SUPERVISOR, user__memberships__area_office__in=generated_areas()
    ).first()
    assert supervisor is not None
    committee = Committee.objects.create(
        school=cast.school, fiscal_year=FiscalYear.objects.get(year=YEAR), name="ชุดทดสอบ"
    )
    Seat.objects.create(
        committee=committee, number=2, person=supervisor, kind=Seat.Kind.MEMBER, qualification="supervisor"
    )
    with pytest.raises(CommandError, match=r"ยังอ้างถึงข้อมูลที่สร้างไว้ \(committees\.Seat → org\.Person\)"):
        run(*TINY, "--reset")
    assert generated_schools().count() == 12
