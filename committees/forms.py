"""Forms for forming committees: field checks with Thai messages; the rules are checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from committees import policy
from committees.models import CHAIR_SEAT, Committee, Seat
from org.forms import NationalIdField
from org.models import (
    LearningArea,
    Membership,
    Person,
    Position,
    Prefix,
    Role,
    User,
    academic_rank_choices,
    standing_choices,
)
from org.scope import scope_of
from rulebook import Edition
from thaitext import thai_sorted

CANDIDATE_LIMIT = 20

EVALUATOR_POSITIONS = (
    Position.SUPERVISOR,
    Position.FORMER_SUPERVISOR,
    Position.LECTURER,
    Position.TEACHER,
    Position.DEPUTY_DIRECTOR,
    Position.DIRECTOR,
    Position.EDUCATION_OFFICER,
    Position.EXPERT,
)


def qualification_choices(edition: Edition) -> list[tuple[str, str]]:
    return [(rule.code, rule.name) for rule in edition.committee.member_qualifications]


class CommitteeForm(forms.Form):
    name = forms.CharField(label=_("ชื่อคณะกรรมการ"), max_length=200)
    learning_area = forms.ChoiceField(
        label=_("กลุ่มสาระการเรียนรู้ (ถ้ามี)"),
        choices=[("", _("ไม่ระบุ (ครูทุกกลุ่มสาระ)")), *LearningArea.choices],
        required=False,
    )


class AppointForm(forms.Form):
    """A person chosen from the candidate search for one seat; members also get a qualification and reason."""

    person = forms.ModelChoiceField(
        label=_("ผู้ได้รับแต่งตั้ง"),
        queryset=Person.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("กรุณาค้นหาและเลือกบุคคลที่จะแต่งตั้ง"),
            "invalid_choice": _("บุคคลที่เลือกไม่อยู่ในรายชื่อที่แต่งตั้งได้ กรุณาค้นหาและเลือกใหม่"),
        },
    )
    qualification = forms.ChoiceField(label=_("คุณสมบัติกรรมการ"), required=False)
    reason = forms.CharField(
        label=_("เหตุผล/คุณวุฒิ"),
        help_text=_("จำเป็นเมื่อแต่งตั้งผู้ทรงคุณวุฒิ"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, candidates: QuerySet[Person], edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = candidates
        qualification = self.fields["qualification"]
        assert isinstance(qualification, forms.ChoiceField)
        qualification.choices = [("", _("ตามตำแหน่งของผู้ได้รับแต่งตั้ง (ระบบเลือกให้)")), *qualification_choices(edition)]


class EvaluatorForm(forms.Form):
    """An outside evaluator typed in by the director, registered and offered a seat in one step.

    Field names follow `org.models.Person` (but `name_prefix`: a form keeps `prefix` for itself), so the
    model's own checks land beside the right box.
    """

    national_id = NationalIdField()
    use_existing = forms.BooleanField(
        label=_("หากเลขประจำตัวประชาชนนี้มีในระบบแล้ว ให้ใช้ข้อมูลบุคคลเดิม"),
        required=False,
    )
    name_prefix = forms.ChoiceField(label=_("คำนำหน้าชื่อ"), choices=Prefix.choices)
    first_name = forms.CharField(label=_("ชื่อ"), max_length=100)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=100)
    email = forms.EmailField(label=_("อีเมล (ใช้เข้าสู่ระบบและรับแจ้งการแต่งตั้ง)"), required=False)
    position = forms.ChoiceField(
        label=_("ตำแหน่ง"), choices=[(position.value, position.label) for position in EVALUATOR_POSITIONS]
    )
    standing = forms.ChoiceField(label=_("วิทยฐานะ"), required=False)
    academic_rank = forms.ChoiceField(label=_("ตำแหน่งทางวิชาการ"), required=False)
    organisation = forms.CharField(label=_("สังกัด/หน่วยงาน"), max_length=200, required=False)
    qualification = forms.ChoiceField(label=_("คุณสมบัติกรรมการ"))
    reason = forms.CharField(
        label=_("เหตุผล/คุณวุฒิ"),
        help_text=_("จำเป็นเมื่อแต่งตั้งผู้ทรงคุณวุฒิ"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("standing", [("", _("ไม่มี/ไม่ระบุ")), *standing_choices()])
        self._choices("academic_rank", [("", _("ไม่มี/ไม่ระบุ")), *academic_rank_choices()])
        self._choices("qualification", qualification_choices(edition))

    def _choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def person_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = ("first_name", "last_name", "position", "standing", "academic_rank", "organisation")
        return {"prefix": data["name_prefix"], **{name: data[name] for name in names}}


class ReasonForm(forms.Form):
    """A required written reason: removing a member, reopening a sheet."""

    reason = forms.CharField(
        label=_("เหตุผล"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("กรุณาระบุเหตุผล")},
    )


# --- who may be appointed: the appointment form's choices ------------------------------------------------


def candidate_queryset(user: User, committee: Committee, number: int, roles: frozenset[str]) -> QuerySet[Person]:
    """People who may be offered this seat (the services check each one again when appointed)."""
    people = _chair_candidates(user, committee, roles) if number == CHAIR_SEAT else _member_candidates(committee)
    seated = Seat.objects.filter(committee=committee, status__in=Seat.HELD).values("person_id")
    return people.exclude(pk__in=seated)


def _chair_candidates(user: User, committee: Committee, roles: frozenset[str]) -> QuerySet[Person]:
    """The director themself, or (area staff) a director of another school of the same area office."""
    wanted = Q(pk__in=[])
    if policy.AREA_STAFF in roles:
        directors = (
            Membership.objects.active()
            .filter(role=Role.DIRECTOR, school__area_office_id=committee.school.area_office_id)
            .exclude(school_id=committee.school_id)
        )
        wanted |= Q(user_id__in=directors.values("user_id"))
    person_id = scope_of(user).person_id
    if policy.DIRECTOR in roles and person_id is not None:
        wanted |= Q(pk=person_id)
    return Person.objects.filter(wanted)


def _member_candidates(committee: Committee) -> QuerySet[Person]:
    """Outside evaluators, supervisors and lecturers, and senior teachers of the area's other schools."""
    edition = committee.fiscal_year.edition
    minimum = edition.committee.qualification("other_school_teacher").min_standing
    senior = [s.code for s in edition.standings if minimum is None or edition.standing_at_least(s.code, minimum)]
    active = Membership.objects.active()
    evaluators = active.filter(role=Role.EXTERNAL_EVALUATOR).values("user_id")
    colleagues = (
        active.filter(role__in=[Role.TEACHER, Role.DIRECTOR], school__area_office_id=committee.school.area_office_id)
        .exclude(school_id=committee.school_id)
        .values("user_id")
    )
    posts = [Position.SUPERVISOR, Position.FORMER_SUPERVISOR, Position.LECTURER]
    return Person.objects.filter(
        Q(user_id__in=evaluators) | Q(position__in=posts) | Q(user_id__in=colleagues, standing__in=senior)
    )


def search_candidates(people: QuerySet[Person], query: str) -> list[Person]:
    """At most CANDIDATE_LIMIT people whose Thai first or last name contains every word typed."""
    for word in query.split()[:4]:
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    school_name = (
        Membership.objects.active()
        .filter(user_id=OuterRef("user_id"), school__isnull=False)
        .order_by("pk")
        .values("school__name")[:1]
    )
    found = people.annotate(school_name=Subquery(school_name)).order_by("first_name", "last_name", "pk")
    return thai_sorted(found[:CANDIDATE_LIMIT], key=lambda person: f"{person.first_name} {person.last_name}")
