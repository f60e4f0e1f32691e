"""Questions from teachers and directors, answered by area office staff and peer mentors.

A question belongs to the asker's area office, which follows up what nobody has answered. It is public to
every signed-in user unless the asker keeps it for the area office ("ถามเฉพาะสำนักงานเขตพื้นที่") or
addresses it to one mentor (then only the asker, that mentor and the area office read it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helpcentre.models import Page
from org.models import AreaOffice, LearningArea, Person, School

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


class QuestionQuerySet(models.QuerySet["Question"]):
    def visible_to(self, user: Any) -> QuestionQuerySet:
        from questions.access import question_filter

        return self.filter(question_filter(user))

    def unanswered(self) -> QuestionQuerySet:
        return self.filter(first_answered_at__isnull=True)


class Question(models.Model):
    asker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="questions_asked")
    area_office = models.ForeignKey(AreaOffice, on_delete=models.PROTECT, related_name="questions")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="questions")
    title = models.CharField(_("คำถาม"), max_length=200)
    body = models.TextField(_("รายละเอียด"), blank=True)
    learning_area = models.CharField(_("กลุ่มสาระการเรียนรู้"), max_length=30, choices=LearningArea, blank=True)
    private_to_area = models.BooleanField(_("ถามเฉพาะสำนักงานเขตพื้นที่"), default=False)
    # A mentor of the peer network (peers.Mentor, reached by the relation name `mentor_profile`).
    addressed_to = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="questions_addressed"
    )
    accepted_answer = models.ForeignKey(
        "Answer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("คำตอบที่ยอมรับ")
    )
    faq_page = models.ForeignKey(Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    answer_count = models.PositiveIntegerField(default=0)
    first_answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("ถามเมื่อ"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    if TYPE_CHECKING:
        answers: RelatedManager[Answer]

    class Meta:
        verbose_name = _("คำถาม")
        verbose_name_plural = _("คำถาม")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["area_office", "first_answered_at", "created_at"], name="question_area_open")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return not self.private_to_area and self.addressed_to_id is None


class Answer(models.Model):
    class Role(models.TextChoices):
        AREA_STAFF = "area_staff", _("เจ้าหน้าที่สำนักงานเขตพื้นที่")
        MENTOR = "mentor", _("ครูพี่เลี้ยง")
        ADMIN = "admin", _("ผู้ดูแลระบบ")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # A login rather than a person: a system administrator answers too, and may have no person record.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="answers_given")
    role = models.CharField(_("ตอบในฐานะ"), max_length=20, choices=Role)
    body = models.TextField(_("คำตอบ"))
    created_at = models.DateTimeField(_("ตอบเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("คำตอบ")
        verbose_name_plural = _("คำตอบ")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.body[:40]}"


class QuestionWord(models.Model):
    """One word of a question's title and text (newmm segmentation): the index for "similar questions"."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="words")
    word = models.CharField(max_length=100)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "word"], name="question_word_unique")]
        # Word first, then question: "similar questions" read one word's newest questions as an index range.
        # (No covering `include`: SQLite, the embedded default, does not support it and warns on every check.)
        indexes = [models.Index(fields=["word", "question"], name="question_word_recent")]

    def __str__(self) -> str:
        return self.word
