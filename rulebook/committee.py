"""Who may sit on a teacher's committee as a member (not the chair): the circular's rules as data.

ว 9/2564: besides the director (chair), two members who are a current or former supervisor with
standing ≥ ชำนาญการพิเศษ, a higher-education lecturer with rank ≥ ผู้ช่วยศาสตราจารย์, a teacher of another
school with standing ≥ ชำนาญการพิเศษ, or a qualified outside expert. Nobody evaluates themself.
Returns refusal codes with parameters; the application turns them into Thai messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from rulebook.errors import RulebookError
from rulebook.model import Edition


@dataclass(frozen=True, slots=True)
class Candidate:
    person_id: int
    qualification: str  # a member_qualifications code of the edition
    standing: str | None = None
    academic_rank: str | None = None
    school_id: int | None = None  # where they teach, for teachers of another school
    reason: str = ""  # why an outside expert is qualified


@dataclass(frozen=True, slots=True)
class Refusal:
    code: str
    params: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def member_refusals(
    candidate: Candidate, *, evaluatee_person_id: int, evaluatee_school_id: int, edition: Edition
) -> tuple[Refusal, ...]:
    """Every reason this candidate may not sit as a member for this teacher; empty when they may."""
    refusals: list[Refusal] = []
    if candidate.person_id == evaluatee_person_id:
        refusals.append(Refusal("self_evaluation"))
    try:
        rule = edition.committee.qualification(candidate.qualification)
    except RulebookError:
        return (*refusals, Refusal("unknown_qualification", MappingProxyType({"code": candidate.qualification})))
    if rule.min_standing is not None:
        refusals += _standing_refusals(candidate, rule.min_standing, edition)
    if rule.min_academic_rank is not None:
        refusals += _rank_refusals(candidate, rule.min_academic_rank, edition)
    if rule.other_school_only and candidate.school_id == evaluatee_school_id:
        refusals.append(Refusal("same_school"))
    if rule.requires_reason and not candidate.reason.strip():
        refusals.append(Refusal("reason_required"))
    return tuple(refusals)


def _standing_refusals(candidate: Candidate, minimum: str, edition: Edition) -> list[Refusal]:
    params = MappingProxyType({"minimum": edition.standing(minimum).name})
    if not candidate.standing:
        return [Refusal("standing_missing", params)]
    if not edition.standing_at_least(candidate.standing, minimum):
        return [
            Refusal(
                "standing_below_minimum",
                MappingProxyType({**params, "actual": edition.standing(candidate.standing).name}),
            )
        ]
    return []


def _rank_refusals(candidate: Candidate, minimum: str, edition: Edition) -> list[Refusal]:
    committee = edition.committee
    params = MappingProxyType({"minimum": committee.academic_rank(minimum).name})
    if not candidate.academic_rank:
        return [Refusal("rank_missing", params)]
    if not committee.academic_rank_at_least(candidate.academic_rank, minimum):
        actual = committee.academic_rank(candidate.academic_rank).name
        return [Refusal("rank_below_minimum", MappingProxyType({**params, "actual": actual}))]
    return []
