"""Changes to agreements: start, save a section, submit, return, approve. Atomic and audited."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agreements import content as rules_of_content
from agreements.access import may
from agreements.content import Problem
from agreements.models import Agreement, AgreementSection, AgreementVersion, ReviewDecision
from audit.services import audit_record
from notifications.models import Kind
from notifications.services import notify
from org.models import Membership, Person, Role, User
from org.scope import scope_of
from rounds.models import FiscalYear


class IncompleteAgreementError(Exception):
    """Submission refused: every problem, in form order."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


class InvalidSectionError(Exception):
    """A save refused because the content cannot be stored as it is (not merely unfinished)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


class StaleSectionError(Exception):
    """The section changed since the editor loaded it: their text is kept, nothing is overwritten.

    A plain exception rather than a frozen dataclass: Python sets `__traceback__` and `__notes__` on an
    exception as it travels (context managers, add_note), which a frozen dataclass refuses.
    """

    def __init__(self, current: dict[str, Any], revision: int, updated_by: str) -> None:
        super().__init__(f"section changed: now at revision {revision}")
        self.current = current
        self.revision = revision
        self.updated_by = updated_by


def teacher_school(person: Person) -> Membership | None:
    if person.user_id is None:
        return None
    return (
        Membership.objects.active()
        .filter(user_id=person.user_id, role=Role.TEACHER)
        .select_related("school")
        .order_by("pk")
        .first()
    )


@transaction.atomic
def agreement_start(*, actor: User, teacher: Person, fiscal_year: FiscalYear) -> Agreement:
    """Open the teacher's agreement for a fiscal year, starting from last year's text when there is one."""
    membership = teacher_school(teacher)
    scope = scope_of(actor)
    if membership is None or membership.school is None:
        raise ValidationError(_("ไม่พบโรงเรียนที่ครูสังกัด"))
    if teacher.pk != scope.person_id and membership.school_id not in scope.managed_school_ids:
        raise PermissionDenied
    standing = fiscal_year.edition.standing(teacher.standing) if teacher.standing else None
    if standing is None:
        raise ValidationError(_("ยังไม่ได้ระบุวิทยฐานะของครู กรุณาให้ผู้ดูแลระบบของโรงเรียนแก้ไขข้อมูลก่อน"))
    if not standing.makes_pa:
        raise ValidationError(_("ตำแหน่งและวิทยฐานะนี้ยังไม่ต้องจัดทำข้อตกลงในการพัฒนางาน"))
    agreement, created = Agreement.objects.get_or_create(
        teacher=teacher, fiscal_year=fiscal_year, defaults={"school": membership.school, "created_by": actor}
    )
    if created:
        _copy_previous(agreement)
        audit_record(actor, "agreement.started", agreement, fiscal_year=fiscal_year.year)
    return agreement


def _copy_previous(agreement: Agreement) -> None:
    """Last year's sections as this year's starting text (not its semesters: they name last year's terms)."""
    previous = (
        Agreement.objects.filter(teacher=agreement.teacher, fiscal_year__year__lt=agreement.fiscal_year.year)
        .order_by("-fiscal_year__year")
        .first()
    )
    if previous is None:
        return
    keys = set(rules_of_content.section_keys(agreement.fiscal_year.edition))
    copies = []
    for section in previous.sections.filter(key__in=keys):
        body = dict(section.content)
        if "semesters" in body:
            body.update(semesters={}, by_semester=False)
        copies.append(AgreementSection(agreement=agreement, key=section.key, content=body))
    AgreementSection.objects.bulk_create(copies)


def sections_of(agreement: Agreement) -> dict[str, dict[str, Any]]:
    return {section.key: section.content for section in agreement.sections.all()}


@transaction.atomic
def section_save(
    *, actor: User, agreement: Agreement, key: str, body: dict[str, Any], base_revision: int
) -> AgreementSection:
    """Save one section if nobody saved it since `base_revision`; otherwise raise StaleSectionError."""
    locked = (
        Agreement.objects.select_for_update(of=("self",)).select_related("fiscal_year", "teacher").get(pk=agreement.pk)
    )
    if not may(actor, locked, "edit"):
        raise PermissionDenied
    problems = rules_of_content.check_shape(key, body, locked.fiscal_year.edition, locked.fiscal_year.year)
    if problems:
        raise InvalidSectionError(problems)
    section, _created = AgreementSection.objects.select_for_update().get_or_create(
        agreement=locked, key=key, defaults={"content": rules_of_content.empty_section(key)}
    )
    if section.revision != base_revision:
        raise StaleSectionError(
            current=section.content, revision=section.revision, updated_by=str(section.updated_by or "")
        )
    section.content, section.revision, section.updated_by = body, section.revision + 1, actor
    section.save(update_fields=["content", "revision", "updated_by", "updated_at"])
    if actor.pk != locked.teacher.user_id:
        # Someone typing on the teacher's behalf (the school admin account) leaves a trace per save.
        audit_record(actor, "agreement.section_saved", locked, section=key, revision=section.revision)
    return section


def _snapshot(agreement: Agreement) -> dict[str, Any]:
    teacher, school = agreement.teacher, agreement.school
    # The snapshot prints on PA 1, an official Thai document: labels in Thai whatever the session's language.
    with translation.override("th"):
        return {
            "name": teacher.full_name,
            "position": teacher.get_position_display(),
            "standing": teacher.standing,
            "standing_name": teacher.get_standing_display(),
            "school": school.name,
            "school_code": school.code,
            "area_office": str(school.area_office),
            "salary_grade": teacher.salary_grade,
            "salary": str(teacher.salary) if teacher.salary is not None else "",
        }


@transaction.atomic
def agreement_submit(*, actor: User, agreement: Agreement, requested_at: datetime) -> AgreementVersion:
    """Submit for the director's review. `requested_at` is when the request arrived (deadlines use it)."""
    locked = (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("teacher", "school__area_office")
        .get(pk=agreement.pk)
    )
    if not may(actor, locked, "edit"):
        raise PermissionDenied
    edition, year = locked.fiscal_year.edition, locked.fiscal_year.year
    sections = sections_of(locked)
    problems = rules_of_content.check_complete(sections, edition, year)
    if problems:
        raise IncompleteAgreementError(problems)
    workload = rules_of_content.check_workload(sections.get("workload", {"items": []}), edition)
    locked.snapshot = _snapshot(locked)
    locked.workload_ok = workload.ok
    locked.workload_failures = [failure.message for failure in workload.failures]
    locked.state, locked.submitted_at = Agreement.State.SUBMITTED, requested_at
    locked.save(update_fields=["snapshot", "workload_ok", "workload_failures", "state", "submitted_at", "updated_at"])
    version = AgreementVersion.objects.create(
        agreement=locked,
        number=locked.versions.count() + 1,
        sections=sections,
        snapshot=locked.snapshot,
        submitted_by=actor,
        submitted_at=requested_at,
    )
    audit_record(actor, "agreement.submitted", locked, version=version.number, workload_ok=workload.ok)
    return version


@transaction.atomic
def agreement_decide(
    *,
    director: User,
    agreement: Agreement,
    approve: bool,
    comment: str = "",
    section_comments: dict[str, str] | None = None,
) -> ReviewDecision:
    """The director approves (locks) or returns the submitted version, with comments per section if needed."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not may(director, locked, "review"):
        raise PermissionDenied
    comments = {key: text.strip() for key, text in (section_comments or {}).items() if text.strip()}
    if not approve and not (comment.strip() or comments):
        raise ValidationError({"comment": _("กรุณาระบุข้อเสนอแนะเพื่อให้ครูนำไปปรับปรุงแก้ไข")})
    version = locked.versions.order_by("-number").first()
    assert version is not None, "a submitted agreement always has a version"
    decision = ReviewDecision.objects.create(
        version=version,
        outcome=ReviewDecision.Outcome.APPROVED if approve else ReviewDecision.Outcome.RETURNED,
        comment=comment.strip(),
        section_comments=comments,
        decided_by=director,
    )
    locked.state = Agreement.State.APPROVED if approve else Agreement.State.RETURNED
    locked.approved_at = timezone.now() if approve else None
    locked.save(update_fields=["state", "approved_at", "updated_at"])
    audit_record(director, "agreement.approved" if approve else "agreement.returned", locked, version=version.number)
    _tell_teacher(locked, version.number, approve)
    return decision


def _tell_teacher(agreement: Agreement, version: int, approved: bool) -> None:
    """The teacher hears of the decision (bell, and email or LINE as they chose), once per version."""
    teacher = Person.objects.filter(pk=agreement.teacher_id).values_list("user_id", flat=True).first()
    with translation.override("th"):
        year = {"year": agreement.fiscal_year.year}
        title = (
            _("ข้อตกลงในการพัฒนางาน ปีงบประมาณ พ.ศ. %(year)s ได้รับความเห็นชอบแล้ว")
            if approved
            else _("ข้อตกลงในการพัฒนางาน ปีงบประมาณ พ.ศ. %(year)s ถูกส่งกลับให้แก้ไข")
        ) % year
        body = (
            _("ผู้อำนวยการสถานศึกษาเห็นชอบข้อตกลงของท่านแล้ว")
            if approved
            else _("ผู้อำนวยการสถานศึกษาส่งข้อตกลงกลับพร้อมข้อเสนอแนะ กรุณาแก้ไขแล้วส่งอีกครั้ง")
        )
    notify(
        [teacher],
        kind=Kind.AGREEMENT_APPROVED if approved else Kind.AGREEMENT_RETURNED,
        key=f"agreement:{agreement.pk}:v{version}:{'approved' if approved else 'returned'}",
        title=title,
        body=body,
        url=reverse("agreement_step", args=[agreement.pk, 1]),
    )


@transaction.atomic
def agreement_amend(*, actor: User, agreement: Agreement, reason: str) -> Agreement:
    """Reopen an approved agreement for a change; it needs the director's approval again.

    The approved version and its decision stay in the history; the next submission is a new version.
    """
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not may(actor, locked, "amend"):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("กรุณาระบุเหตุผลที่ขอแก้ไขข้อตกลง")})
    locked.state, locked.amendment_reason = Agreement.State.AMENDING, reason.strip()
    locked.save(update_fields=["state", "amendment_reason", "updated_at"])
    audit_record(actor, "agreement.amendment_started", locked, reason=locked.amendment_reason)
    return locked
