"""Questions and answers: ask (after seeing similar questions), answer, accept, promote; the area's follow-up list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from helpcentre.access import places_of
from helpcentre.queries import search_pages
from org.access import area_office_for, fetch_or_404
from org.http import AuthenticatedRequest
from org.models import LearningArea, Person
from org.scope import scope_of
from questions import services
from questions.access import (
    answer_for,
    answer_role,
    asking_membership,
    may_accept,
    may_promote,
    question_filter,
    question_for,
)
from questions.forms import AnswerForm, AskForm
from questions.models import Question
from questions.poster import area_poster_pdf
from questions.queries import similar_questions, unanswered_after, unanswered_for_area

PAGE_SIZE = 20
SHOWS = ("all", "mine", "addressed", "area", "unanswered")


def _listed(request: AuthenticatedRequest, show: str) -> QuerySet[Question]:
    scope = scope_of(request.user)
    questions = Question.objects.visible_to(request.user).select_related("area_office", "accepted_answer")
    if show == "mine":
        questions = questions.filter(asker_id=scope.person_id)
    elif show == "addressed":
        questions = questions.filter(addressed_to_id=scope.person_id)
    elif show == "area":
        questions = questions.filter(area_office_id__in=scope.area_office_ids)
    elif show == "unanswered":
        questions = questions.unanswered()
    learning_area = request.GET.get("learning_area", "")
    if learning_area in LearningArea.values:
        questions = questions.filter(learning_area=learning_area)
    return questions.order_by("-created_at", "-pk")


@login_required
@require_GET
def question_list(request: AuthenticatedRequest) -> HttpResponse:
    show = request.GET.get("show", "all")
    show = show if show in SHOWS else "all"
    query = request.GET.get("q", "").strip()[:200]
    context: dict[str, Any] = {
        "show": show,
        "query": query,
        "learning_area": request.GET.get("learning_area", ""),
        "learning_areas": LearningArea.choices,
        "may_ask": asking_membership(request.user) is not None,
        "is_area_staff": bool(scope_of(request.user).area_office_ids),
    }
    if query:
        context["similar"] = similar_questions(request.user, query, limit=PAGE_SIZE)
    else:
        context["page_obj"] = Paginator(_listed(request, show), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "questions/question_list.html", context)


def _mentor(raw: Any) -> Person | None:
    """The mentor a question is addressed to: an active mentor of the peer network (by relation name)."""
    if not raw:
        return None
    return fetch_or_404(Person.objects.filter(mentor_profile__is_active=True), raw)


@login_required
@require_http_methods(["GET", "POST"])
def question_ask(request: AuthenticatedRequest) -> HttpResponse:
    if asking_membership(request.user) is None:
        raise PermissionDenied
    initial = {"title": request.GET.get("title", "")[:200], "mentor": request.GET.get("mentor") or None}
    form = AskForm(request.POST or None, initial=initial)
    mentor = _mentor(request.POST.get("mentor") if request.method == "POST" else initial["mentor"])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = services.question_ask(
                actor=request.user,
                title=data["title"],
                body=data["body"],
                learning_area=data["learning_area"],
                private_to_area=data["private_to_area"],
                addressed_to=mentor,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("ส่งคำถามแล้ว เมื่อมีคำตอบ ระบบจะแจ้งทางอีเมล"))
            return redirect("question_detail", pk=question.pk)
    similar = similar_questions(request.user, initial["title"]) if initial["title"] else []
    return render(request, "questions/question_ask.html", {"form": form, "mentor": mentor, "similar": similar})


@login_required
@require_GET
def question_similar(request: AuthenticatedRequest) -> HttpResponse:
    """While the question is typed (htmx, debounced): similar questions and help pages."""
    text = " ".join((request.GET.get("title", "")[:200], request.GET.get("body", "")[:500])).strip()
    similar = similar_questions(request.user, text) if text else []
    pages = search_pages(text, places_of(request.user), limit=3) if text else []
    return render(request, "questions/_similar.html", {"similar": similar, "pages": pages, "text": text})


@login_required
@require_GET
def question_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = question_for(request.user, pk)
    answers = list(question.answers.select_related("author"))
    context = {
        "question": question,
        "answers": answers,
        "answer_role": answer_role(request.user, question),
        "form": AnswerForm(),
        "may_accept": may_accept(request.user, question),
        "may_promote": may_promote(request.user, question) and bool(answers) and question.faq_page_id is None,
    }
    return render(request, "questions/question_detail.html", context)


@login_required
@require_POST
def answer_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = question_for(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_post(actor=request.user, question=question, body=form.cleaned_data["body"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("ส่งคำตอบแล้ว ผู้ถามจะได้รับแจ้ง"))
    else:
        messages.error(request, _("กรุณาพิมพ์คำตอบ"))
    return redirect("question_detail", pk=question.pk)


@login_required
@require_POST
def answer_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    answer = answer_for(request.user, pk)
    services.answer_accept(actor=request.user, answer=answer)
    messages.success(request, _("ขอบคุณ บันทึกว่าคำตอบนี้ช่วยได้แล้ว"))
    return redirect("question_detail", pk=answer.question_id)


@login_required
@require_POST
def question_promote(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    question = question_for(request.user, pk)
    answer = answer_for(request.user, request.POST.get("answer", ""))
    try:
        page = services.question_promote(actor=request.user, question=question, answer=answer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("question_detail", pk=question.pk)
    messages.success(request, _("สร้างหน้าคำถามที่พบบ่อยเป็นฉบับร่างแล้ว ตรวจข้อความ ลบชื่อบุคคล แล้วกดเผยแพร่"))
    return redirect("help_page_edit", pk=page.pk)


@login_required
@require_GET
def area_unanswered(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The area office's questions still waiting for an answer after QUESTIONS_UNANSWERED_HOURS."""
    area = area_office_for(request.user, pk)
    # The area's staff see them all; others allowed on the area page (its province's inspectors) only those
    # they may read: a question kept for the area office, or asked of a mentor, stays between those people.
    questions = list(unanswered_for_area(area.pk).filter(question_filter(request.user))[:200])
    hours = int(unanswered_after().total_seconds() // 3600)
    return render(request, "questions/area_unanswered.html", {"area": area, "questions": questions, "hours": hours})


@login_required
@require_GET
def help_poster(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The area office's printable poster (PDF) with the QR code of its help centre."""
    area = area_office_for(request.user, pk)
    response = HttpResponse(area_poster_pdf(area), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="help-poster-{area.code}.pdf"'
    return response
