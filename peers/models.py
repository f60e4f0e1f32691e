"""The peer network: volunteer mentor teachers by learning area and standing, and shared example agreements.

A question to one mentor is a `questions.Question` addressed to the mentor's person (the questions app
finds mentors through the relation name `mentor_profile`). A shared example is a frozen copy of an approved
agreement's sections, names removed unless the teacher chose to show hers: later edits never reach it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from org.models import AreaOffice, LearningArea, Person, School, standing_choices

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


class MentorQuerySet(models.QuerySet["Mentor"]):
    def visible_to(self, user: Any) -> MentorQuerySet:
        """Active mentors for every signed-in user, and a mentor's own profile even when paused."""
        from org.scope import scope_of

        scope = scope_of(user)
        if scope.user_id is None:
            return self.none()
        return self.filter(Q(is_active=True) | Q(person_id=scope.person_id))


class Mentor(models.Model):
    class Contact(models.TextChoices):
        IN_SYSTEM = "in_system", _("ถามผ่านระบบ")
        EMAIL = "email", _("อีเมล")
        PHONE = "phone", _("โทรศัพท์")
        LINE = "line", _("LINE")

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="mentor_profile")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="mentors")
    area_office = models.ForeignKey(AreaOffice, on_delete=models.PROTECT, related_name="mentors")
    # Copied from the person's record on every save (the school keeps it), never typed by the mentor.
    standing = models.CharField(_("วิทยฐานะ"), max_length=30, choices=standing_choices, blank=True)
    bio = models.TextField(_("แนะนำตัวสั้น ๆ"), max_length=1000, blank=True)
    contact_preference = models.CharField(_("ช่องทางที่สะดวก"), max_length=20, choices=Contact, default=Contact.IN_SYSTEM)
    contact_detail = models.CharField(_("รายละเอียดการติดต่อ"), max_length=120, blank=True)
    is_active = models.BooleanField(_("รับคำถามอยู่"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MentorQuerySet.as_manager()

    if TYPE_CHECKING:
        learning_areas: RelatedManager[MentorLearningArea]

    class Meta:
        verbose_name = _("ครูพี่เลี้ยง")
        verbose_name_plural = _("ครูพี่เลี้ยง")
        indexes = [models.Index(fields=["is_active", "standing"], name="mentor_active_standing")]

    def __str__(self) -> str:
        return str(self.person)


class MentorLearningArea(models.Model):
    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="learning_areas")
    learning_area = models.CharField(_("กลุ่มสาระการเรียนรู้"), max_length=30, choices=LearningArea)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mentor", "learning_area"], name="mentor_learning_area_unique")]
        indexes = [models.Index(fields=["learning_area"], name="mentor_learning_area")]

    def __str__(self) -> str:
        return self.learning_area


class SharedExampleQuerySet(models.QuerySet["SharedExample"]):
    def visible_to(self, user: Any) -> SharedExampleQuerySet:
        from org.scope import scope_of

        scope = scope_of(user)
        if scope.user_id is None:
            return self.none()
        return self.filter(Q(is_active=True) | Q(sharer_id=scope.person_id))


class SharedExample(models.Model):
    sharer = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="shared_examples")
    source = models.ForeignKey(Agreement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"))
    edition_code = models.CharField(max_length=60)
    learning_area = models.CharField(_("กลุ่มสาระการเรียนรู้"), max_length=30, choices=LearningArea)
    standing = models.CharField(_("วิทยฐานะ"), max_length=30, choices=standing_choices)
    show_name = models.BooleanField(_("แสดงชื่อผู้จัดทำ"), default=False)
    author_name = models.CharField(max_length=200, blank=True)  # empty unless show_name
    school_name = models.CharField(max_length=200, blank=True)  # empty unless show_name
    title = models.CharField(_("ประเด็นท้าทาย"), max_length=500, blank=True)
    sections = models.JSONField()  # section key → content, as shared (names replaced unless show_name)
    replaced = models.PositiveIntegerField(default=0)  # how many names were replaced
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SharedExampleQuerySet.as_manager()

    class Meta:
        verbose_name = _("ตัวอย่างข้อตกลง")
        verbose_name_plural = _("ตัวอย่างข้อตกลง")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["source"], condition=Q(is_active=True), name="example_one_per_agreement")
        ]
        indexes = [models.Index(fields=["is_active", "learning_area", "standing"], name="example_browse")]

    def __str__(self) -> str:
        return self.title or f"{self.learning_area} {self.fiscal_year}"
