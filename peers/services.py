"""Registering as a mentor, sharing an approved agreement as an example, copying an example. Atomic, audited."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.content import section_keys
from agreements.models import Agreement, AgreementSection
from agreements.services import agreement_start, section_save
from audit.services import audit_record
from org.access import own_person
from org.models import LearningArea, Membership, Role, User
from org.scope import scope_of
from peers.access import may_withdraw
from peers.anonymise import replacements, scrubbed
from peers.models import Mentor, MentorLearningArea, SharedExample
from rounds.queries import current_fiscal_year

BIO_MAX = 1000
SHARED_PREFIXES = ("classroom", "indicator:", "challenge")  # not the workload: a timetable is one school's


def _school_membership(actor: User) -> Membership:
    membership = scope_of(actor).school_membership()
    if membership is None:
        raise PermissionDenied
    return membership


@transaction.atomic
def mentor_save(
    *,
    actor: User,
    learning_areas: list[str],
    bio: str,
    contact_preference: str,
    contact_detail: str = "",
    is_active: bool = True,
) -> Mentor:
    """Register the signed-in teacher as a volunteer mentor, or update her profile."""
    membership = _school_membership(actor)
    person = own_person(actor)
    chosen = [area for area in dict.fromkeys(learning_areas) if area in LearningArea.values]
    if not chosen:
        raise ValidationError({"learning_areas": _("กรุณาเลือกกลุ่มสาระการเรียนรู้อย่างน้อยหนึ่งกลุ่ม")})
    if contact_preference != Mentor.Contact.IN_SYSTEM and not contact_detail.strip():
        raise ValidationError({"contact_detail": _("กรุณาระบุอีเมล หมายเลขโทรศัพท์ หรือ LINE ID ตามช่องทางที่เลือก")})
    school = membership.school
    assert school is not None
    mentor, created = Mentor.objects.select_for_update().get_or_create(
        person=person, defaults={"school": school, "area_office_id": school.area_office_id}
    )
    mentor.school, mentor.area_office_id, mentor.standing = school, school.area_office_id, person.standing
    mentor.bio, mentor.contact_preference = bio.strip()[:BIO_MAX], contact_preference
    mentor.contact_detail, mentor.is_active = contact_detail.strip(), is_active
    fields = ["school", "area_office", "standing", "bio", "contact_preference", "contact_detail", "is_active"]
    mentor.save(update_fields=[*fields, "updated_at"])
    mentor.learning_areas.exclude(learning_area__in=chosen).delete()
    existing = set(mentor.learning_areas.values_list("learning_area", flat=True))
    MentorLearningArea.objects.bulk_create(
        [MentorLearningArea(mentor=mentor, learning_area=area) for area in chosen if area not in existing]
    )
    audit_record(
        actor, "mentor.registered" if created else "mentor.updated", mentor, learning_areas=chosen, active=is_active
    )
    return mentor


def shared_sections(agreement: Agreement) -> dict[str, Any]:
    """The sections an example carries, as they stand now (an approved agreement no longer changes)."""
    return {
        section.key: deepcopy(section.content)
        for section in agreement.sections.order_by("key")
        if section.key.startswith(SHARED_PREFIXES)
    }


def example_preview(agreement: Agreement) -> tuple[dict[str, Any], int]:
    """The sections with names replaced, and how many replacements: what the teacher checks before sharing."""
    sections, count = scrubbed(shared_sections(agreement), replacements(agreement))
    return sections, count


@transaction.atomic
def example_share(
    *, actor: User, agreement: Agreement, learning_area: str, show_name: bool, confirmed: bool
) -> SharedExample:
    """A frozen copy of the teacher's approved agreement for others of her learning area and standing."""
    if agreement.teacher_id != scope_of(actor).person_id or agreement.state != Agreement.State.APPROVED:
        raise PermissionDenied
    if not confirmed:
        raise ValidationError({"confirmed": _("กรุณาอ่านข้อความและยืนยันว่าไม่มีชื่อนักเรียนหรือข้อมูลส่วนตัวก่อนแบ่งปัน")})
    if learning_area not in LearningArea.values:
        raise ValidationError({"learning_area": _("กรุณาเลือกกลุ่มสาระการเรียนรู้")})
    if SharedExample.objects.filter(source=agreement, is_active=True).exists():
        raise ValidationError(_("ข้อตกลงนี้แบ่งปันไว้แล้ว"))
    sections, count = (shared_sections(agreement), 0) if show_name else example_preview(agreement)
    snapshot = agreement.snapshot or {}
    example = SharedExample.objects.create(
        sharer=agreement.teacher,
        source=agreement,
        fiscal_year=agreement.fiscal_year.year,
        edition_code=agreement.fiscal_year.edition_code,
        learning_area=learning_area,
        standing=str(snapshot.get("standing") or agreement.teacher.standing),
        show_name=show_name,
        author_name=agreement.teacher.full_name if show_name else "",
        school_name=agreement.school.name if show_name else "",
        title=str(sections.get("challenge", {}).get("title", ""))[:500],
        sections=sections,
        replaced=count,
    )
    audit_record(actor, "example.shared", example, agreement=agreement.pk, show_name=show_name, replaced=count)
    return example


@transaction.atomic
def example_withdraw(*, actor: User, example: SharedExample) -> SharedExample:
    if not may_withdraw(actor, example):
        raise PermissionDenied
    example.is_active = False
    example.save(update_fields=["is_active"])
    audit_record(actor, "example.withdrawn", example)
    return example


def _starting_text(body: dict[str, Any]) -> dict[str, Any]:
    """An example's section as this year's starting text: its semesters name another year's terms."""
    copied = deepcopy(body)
    if "semesters" in copied:
        copied.update(semesters={}, by_semester=False)
    return copied


@transaction.atomic
def example_copy(*, actor: User, example: SharedExample) -> Agreement:
    """Start the teacher's agreement for the year in progress from an example (only if she has none yet)."""
    person_id = scope_of(actor).person_id
    fiscal_year = current_fiscal_year(timezone.localdate())
    if fiscal_year is None:
        raise ValidationError(_("ยังไม่เปิดปีงบประมาณนี้ในระบบ กรุณาติดต่อสำนักงานเขตพื้นที่"))
    if person_id is None or Role.TEACHER not in scope_of(actor).roles:
        raise PermissionDenied
    if Agreement.objects.filter(teacher_id=person_id, fiscal_year=fiscal_year).exists():
        raise ValidationError(
            _("คุณมีข้อตกลงของปีงบประมาณ พ.ศ. %(year)s แล้ว ใช้ตัวอย่างเป็นจุดเริ่มต้นได้เฉพาะเมื่อยังไม่มีข้อตกลงของปีนั้น")
            % {"year": fiscal_year.year}
        )
    agreement = agreement_start(actor=actor, teacher=own_person(actor), fiscal_year=fiscal_year)
    keys = set(section_keys(fiscal_year.edition))
    revisions = dict(AgreementSection.objects.filter(agreement=agreement).values_list("key", "revision"))
    for key, body in example.sections.items():
        if key in keys:
            section_save(
                actor=actor,
                agreement=agreement,
                key=key,
                body=_starting_text(body),
                base_revision=revisions.get(key, 0),
            )
    audit_record(actor, "example.copied", agreement, example=example.pk)
    return agreement
