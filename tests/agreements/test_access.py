"""Who may view, edit and review an agreement: the cast × need × state, through every door.

For each user of the cast and each agreement state, the test computes what `agreement_for` answers
(the agreement, 403 or 404) for every agreement and every need, what `visible_to` lists and what `may`
allows, and compares all three with one table, so the list rule and the fetch rule cannot drift apart.
Besides the teacher's agreement there are agreements that could leak: the outsider's at School T (same
area), one in area A2 and one in another province.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from agreements.access import Need, agreement_for, may
from agreements.models import Agreement
from agreements.services import agreement_start
from org.models import Membership, Person, Role, User
from org.scope import forget_scope
from rounds.services import fiscal_year_open
from tests.conftest import CAST_USERS, Cast, make_national_id, make_person, make_school

# pytest loads conftest.py under another module name, so this import has its own ID counter: start far away.
_national_ids = itertools.count(830_001)

USERS = [*CAST_USERS, "anonymous"]
STATES = [state.value for state in Agreement.State]
NEEDS: list[Need] = ["view", "edit", "review"]
ALL_AGREEMENTS = {"own", "outsider", "area2", "far"}

SEES: dict[str, set[str]] = {
    "teacher": {"own"},
    "director": {"own"},
    "school_admin": {"own"},
    "area_officer": {"own", "outsider"},
    "other_area_officer": {"area2"},
    "outsider": {"outsider"},
    "system_admin": ALL_AGREEMENTS,
}
EDITS: dict[str, set[str]] = {"teacher": {"own"}, "school_admin": {"own"}, "outsider": {"outsider"}}
REVIEWS: dict[str, set[str]] = {"director": {"own"}}
EDITABLE_STATES = {"draft", "returned", "amending"}


def new_person(**fields: Any) -> Person:
    return make_person(national_id_value=make_national_id(next(_national_ids)), **fields)


class World:
    """The cast with one agreement each for the teacher, the outsider, a teacher in A2 and one far away."""

    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        year = fiscal_year_open(actor=None, year=2570)
        area2_school = make_school(cast.other_area, "1065020001", "โรงเรียนเขตสอง")
        teachers = {
            "own": cast.teacher,
            "outsider": cast.outsider,
            "area2": new_person(school=area2_school, first_name="มานี", last_name="เขตสอง"),
            "far": new_person(school=cast.far_school, first_name="ปิติ", last_name="ต่างจังหวัด"),
        }
        self.agreements = {
            name: agreement_start(actor=teacher.user, teacher=teacher, fiscal_year=year)
            for name, teacher in teachers.items()
            if teacher.user is not None
        }
        assert set(self.agreements) == ALL_AGREEMENTS

    def user(self, name: str) -> Any:
        return AnonymousUser() if name == "anonymous" else self.cast.user(name)

    def set_state(self, state: str) -> None:
        Agreement.objects.filter(pk__in=[a.pk for a in self.agreements.values()]).update(state=state)
        for agreement in self.agreements.values():
            agreement.refresh_from_db()


@pytest.fixture
def world(cast: Cast) -> World:
    return World(cast)


def expected_answer(user_name: str, agreement: str, need: Need, state: str) -> str:
    if agreement not in SEES.get(user_name, set()):
        return "404"
    if need == "edit":
        allowed = agreement in EDITS.get(user_name, set()) and state in EDITABLE_STATES
    elif need == "review":
        allowed = agreement in REVIEWS.get(user_name, set()) and state == "submitted"
    else:
        allowed = True
    return "ok" if allowed else "403"


def answer(user: Any, agreement: Agreement, need: Need) -> str:
    try:
        fetched = agreement_for(user, agreement.pk, need=need)
    except Http404:
        return "404"
    except PermissionDenied:
        return "403"
    assert fetched == agreement
    assert fetched.state == agreement.state
    return "ok"


def listed(user: Any, world: World) -> set[str]:
    names = {agreement.pk: name for name, agreement in world.agreements.items()}
    pks = list(Agreement.objects.visible_to(user).values_list("pk", flat=True))
    assert len(pks) == len(set(pks)), "visible_to must not repeat a row"
    return {names[pk] for pk in pks}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("user_name", USERS)
def test_agreement_access_agrees_across_helper_list_and_predicate(world: World, user_name: str, state: str) -> None:
    world.set_state(state)
    user = world.user(user_name)
    assert listed(user, world) == SEES.get(user_name, set())
    for need in NEEDS:
        expected = {name: expected_answer(user_name, name, need, state) for name in ALL_AGREEMENTS}
        answers = {name: answer(user, agreement, need) for name, agreement in world.agreements.items()}
        assert answers == expected, need
        allowed = {name for name, agreement in world.agreements.items() if may(user, agreement, need)}
        assert allowed == {name for name, result in expected.items() if result == "ok"}, need


def test_the_table_covers_every_state_and_need_for_the_teachers_agreement() -> None:
    """The rows the brief names, read straight off the table, so a wrong table cannot pass unnoticed."""
    viewers = {name for name in USERS if expected_answer(name, "own", "view", "draft") == "ok"}
    assert viewers == {"teacher", "director", "school_admin", "area_officer", "system_admin"}
    editors = {
        state: {name for name in USERS if expected_answer(name, "own", "edit", state) == "ok"} for state in STATES
    }
    assert editors == {
        "draft": {"teacher", "school_admin"},
        "submitted": set(),
        "returned": {"teacher", "school_admin"},
        "approved": set(),
        "amending": {"teacher", "school_admin"},
    }
    reviewers = {
        state: {name for name in USERS if expected_answer(name, "own", "review", state) == "ok"} for state in STATES
    }
    assert reviewers == {
        "draft": set(),
        "submitted": {"director"},
        "returned": set(),
        "approved": set(),
        "amending": set(),
    }


# --- Roles that end -------------------------------------------------------------------------------


def deactivate(user: User, role: str) -> User:
    Membership.objects.filter(user=user, role=role).update(is_active=False)
    forget_scope(user)
    return User.objects.get(pk=user.pk)


def test_a_director_whose_role_ended_neither_sees_nor_reviews(world: World) -> None:
    world.set_state("submitted")
    former = deactivate(world.cast.user("director"), Role.DIRECTOR)
    assert listed(former, world) == set()
    for need in NEEDS:
        assert answer(former, world.agreements["own"], need) == "404"
    assert may(former, world.agreements["own"], "review") is False


def test_a_school_admin_account_whose_role_ended_cannot_edit(world: World) -> None:
    former = deactivate(world.cast.school_admin, Role.SCHOOL_ADMIN)
    assert answer(former, world.agreements["own"], "edit") == "404"
    assert may(former, world.agreements["own"], "edit") is False


def test_an_inactive_account_sees_nothing_not_even_its_own(world: World) -> None:
    User.objects.filter(pk=world.cast.user("teacher").pk).update(is_active=False)
    inactive = User.objects.get(pk=world.cast.user("teacher").pk)
    assert listed(inactive, world) == set()
    assert answer(inactive, world.agreements["own"], "view") == "404"


# --- Bad ids --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad_pk", ["abc", "", None, "1.5", 99_999_999, 2**70])
def test_a_bad_or_missing_id_is_a_404(cast: Cast, bad_pk: Any) -> None:
    with pytest.raises(Http404):
        agreement_for(cast.system_admin, bad_pk)


def test_missing_and_not_yours_answer_with_the_same_message(world: World) -> None:
    cast, own = world.cast, world.agreements["own"]
    messages = set()
    for user, pk, need in [
        (cast.user("outsider"), own.pk, "view"),
        (cast.user("outsider"), own.pk, "edit"),
        (cast.user("inspector"), own.pk, "review"),
        (cast.user("teacher"), world.agreements["far"].pk, "view"),
        (cast.user("teacher"), 99_999_999, "edit"),
        (AnonymousUser(), own.pk, "view"),
    ]:
        with pytest.raises(Http404) as caught:
            agreement_for(user, pk, need=need)  # type: ignore[arg-type]
        messages.add(str(caught.value))
    assert messages == {"ไม่พบข้อมูลที่ขอ หรือคุณไม่มีสิทธิ์เข้าถึง"}


def test_a_string_id_is_accepted_like_an_int(world: World) -> None:
    own = world.agreements["own"]
    assert agreement_for(world.cast.user("teacher"), str(own.pk), need="edit") == own
