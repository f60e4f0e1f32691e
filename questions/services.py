"""Asking, answering, accepting an answer and promoting a question into the FAQ. Atomic and audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from helpcentre.access import NATIONAL, ScopeChoice
from helpcentre.models import Page
from helpcentre.search import index_words
from helpcentre.services import PageDraft, page_create
from org.access import own_person
from org.models import Person, School, User
from org.scope import scope_of
from questions.access import answer_role, asking_membership, is_active_mentor, may_accept, may_promote
from questions.models import Answer, Question, QuestionWord
from questions.notify import _tell_asker

TITLE_MAX = 200
BODY_MAX = 5000
ANSWER_MAX = 10_000


def _index(question: Question) -> None:
    counts = index_words(question.title + "\n" + question.body)
    QuestionWord.objects.filter(question=question).delete()
    QuestionWord.objects.bulk_create(
        [QuestionWord(question=question, word=word, count=count) for word, count in counts.items()]
    )


def _check_texts(title: str, body: str) -> None:
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("กรุณาพิมพ์คำถาม")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("คำถามยาวเกิน %(limit)s ตัวอักษร ใส่รายละเอียดในช่องถัดไป") % {"limit": TITLE_MAX}
    if len(body) > BODY_MAX:
        errors["body"] = _("รายละเอียดยาวเกิน %(limit)s ตัวอักษร") % {"limit": BODY_MAX}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def question_ask(
    *,
    actor: User,
    title: str,
    body: str = "",
    learning_area: str = "",
    private_to_area: bool = False,
    addressed_to: Person | None = None,
) -> Question:
    """A teacher's or director's question, followed up by the area office of their school."""
    membership = asking_membership(actor)
    if membership is None:
        raise PermissionDenied
    title, body = title.strip(), body.strip()
    _check_texts(title, body)
    if addressed_to is not None:
        if addressed_to.pk == scope_of(actor).person_id or not is_active_mentor(addressed_to.pk):
            raise ValidationError({"mentor": _("ถามครูพี่เลี้ยงท่านนี้ไม่ได้ กรุณาเลือกครูพี่เลี้ยงใหม่")})
        private_to_area = False  # an addressed question is already read only by the asker, the mentor and the area
    school = School.objects.select_related("area_office").get(pk=membership.school_id or 0)
    question = Question.objects.create(
        asker=own_person(actor),
        area_office=school.area_office,
        school=school,
        title=title,
        body=body,
        learning_area=learning_area,
        private_to_area=private_to_area,
        addressed_to=addressed_to,
    )
    _index(question)
    audit_record(
        actor,
        "question.asked",
        question,
        private_to_area=private_to_area,
        addressed_to=addressed_to.pk if addressed_to else None,
    )
    return question


@transaction.atomic
def answer_post(*, actor: User, question: Question, body: str) -> Answer:
    """An answer from area office staff or a mentor; the asker is told after commit."""
    locked = Question.objects.select_for_update().get(pk=question.pk)
    role = answer_role(actor, locked)
    if role is None:
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("กรุณาพิมพ์คำตอบ")})
    if len(body) > ANSWER_MAX:
        raise ValidationError({"body": _("คำตอบยาวเกิน %(limit)s ตัวอักษร") % {"limit": ANSWER_MAX}})
    answer = Answer.objects.create(question=locked, author=actor, role=role, body=body)
    locked.answer_count += 1
    locked.first_answered_at = locked.first_answered_at or timezone.now()
    locked.save(update_fields=["answer_count", "first_answered_at", "updated_at"])
    audit_record(actor, "question.answered", locked, answer=answer.pk, role=role)
    _tell_asker(answer)  # stored with the answer; the email goes out after commit
    return answer


@transaction.atomic
def answer_accept(*, actor: User, answer: Answer) -> Question:
    """The asker marks the answer that solved it (choosing another later replaces it)."""
    locked = Question.objects.select_for_update().get(pk=answer.question_id)
    if not may_accept(actor, locked):
        raise PermissionDenied
    locked.accepted_answer = answer
    locked.save(update_fields=["accepted_answer", "updated_at"])
    audit_record(actor, "question.answer_accepted", locked, answer=answer.pk)
    return locked


def _faq_scope(actor: User, question: Question) -> ScopeChoice:
    """The office the FAQ page belongs to: the area office's own, else the province's, else national."""
    scope = scope_of(actor)
    area = question.area_office
    if area.pk in scope.area_office_ids:
        return ScopeChoice(f"area:{area.pk}", area.name, area_office=area)
    if area.province_id in scope.province_ids:
        return ScopeChoice(f"province:{area.province_id}", str(area.province), province=area.province)
    return ScopeChoice(NATIONAL, _("ส่วนกลาง (ทั้งประเทศ)"))


def faq_body(question: Question, answer: Answer) -> str:
    """The FAQ text: the question and the answer, without the asker's name."""
    parts = [f"**{_('คำถาม')}:** {question.title}"]
    if question.body:
        parts.append(question.body)
    parts += [f"**{_('คำตอบ')}:**", answer.body]
    return "\n\n".join(parts)


@transaction.atomic
def question_promote(*, actor: User, question: Question, answer: Answer) -> Page:
    """A good question and its answer as a draft FAQ page, for the office to check (names!) and publish."""
    locked = (
        Question.objects.select_for_update(of=("self",)).select_related("area_office__province").get(pk=question.pk)
    )
    if not may_promote(actor, locked) or answer.question_id != locked.pk:
        raise PermissionDenied
    if locked.faq_page_id is not None:
        raise ValidationError(_("คำถามนี้อยู่ในคำถามที่พบบ่อยแล้ว"))
    page = page_create(
        actor=actor,
        scope=_faq_scope(actor, locked),
        draft=PageDraft(kind=Page.Kind.FAQ, title=locked.title, body=faq_body(locked, answer), position=100),
    )
    locked.faq_page = page
    locked.save(update_fields=["faq_page", "updated_at"])
    audit_record(actor, "question.promoted", locked, page=page.pk, answer=answer.pk)
    return page
