"""The result pages: PA 3 for one teacher, one member's sheet, the committee's calibration list, publishing.

Blind scoring holds here too: until all three sheets are in, the result page shows only who has
submitted; another member's levels, totals and comments appear only with VIEW_SHEETS from the policy
table, and the teacher sees the result (without the disagreement flags) only once it is published.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committees import policy
from committees import results as view_model
from committees.access import (
    allowed_on_committee,
    allowed_on_sheet,
    committee_for,
    evaluation_for,
    held_seats,
    own_seat,
    sheet_for,
)
from committees.models import ScoreSheet, Seat
from committees.services import results_publish
from org.http import AuthenticatedRequest
from org.scope import scope_of
from thaitext import thai_sorted

# Roles that follow the scoring as it goes (who has submitted), before anyone may read the sheets.
FOLLOWERS = frozenset({policy.DIRECTOR, policy.AREA_STAFF, policy.MEMBER})


@login_required
def evaluation_result(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_for(request.user, pk)
    seats = held_seats(evaluation.committee)
    allowed = allowed_on_sheet(request.user, evaluation, None, seats, own=False)
    sees_sheets = policy.VIEW_SHEETS in allowed.actions
    if not sees_sheets and policy.VIEW_RESULT not in allowed.actions and not allowed.roles & FOLLOWERS:
        raise PermissionDenied(policy.VIEW_RESULT)
    sheets = list(ScoreSheet.objects.filter(evaluation=evaluation, seat__in=seats))
    edition = evaluation.agreement.fiscal_year.edition
    viewer_seat = own_seat(request.user, seats)
    context = {
        "evaluation": evaluation,
        "agreement": evaluation.agreement,
        "allowed": allowed,
        "sees_sheets": sees_sheets,
        "may_publish": policy.PUBLISH in allowed.actions,
        "viewer_seat": viewer_seat,
        "edition": edition,
    }
    if sees_sheets or policy.VIEW_RESULT in allowed.actions:
        context["summary"] = view_model.summary(evaluation, seats, sheets, edition)
    else:
        context["progress"] = view_model.progress(seats, sheets, scope_of(request.user).person_id)
    return render(request, "committees/results/evaluation_result.html", context)


@login_required
@require_POST
def evaluation_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_for(request.user, pk)
    allowed_on_sheet(request.user, evaluation, None, held_seats(evaluation.committee), own=False).require(
        policy.PUBLISH
    )
    results_publish(actor=request.user, evaluations=[evaluation])
    messages.success(
        request,
        _("ประกาศผลการประเมินของ %(teacher)s แล้ว ครูจะเห็นผลการประเมินในระบบ")
        % {"teacher": evaluation.agreement.teacher.full_name},
    )
    return redirect("evaluation_result", pk=evaluation.pk)


@login_required
def sheet_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sheet, allowed = sheet_for(request.user, pk)
    evaluation = sheet.evaluation
    edition = evaluation.agreement.fiscal_year.edition
    view = view_model.sheet_view(sheet, edition)
    context = {
        "evaluation": evaluation,
        "agreement": evaluation.agreement,
        "edition": edition,
        "view": view,
        "columns": [view],
        "may_score": policy.SCORE in allowed.actions,
        "sees_result": bool({policy.VIEW_SHEETS, policy.VIEW_RESULT} & allowed.actions),
    }
    return render(request, "committees/results/sheet_detail.html", context)


@login_required
def committee_calibration(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Every teacher of the committee with the disagreement flags, for the committee to talk before publishing."""
    committee = committee_for(request.user, pk)
    seats = held_seats(committee)
    allowed_on_committee(request.user, committee, seats).require(policy.VIEW)
    evaluations = list(
        committee.evaluations.select_related("agreement__teacher", "agreement__fiscal_year").order_by("pk")[:500]
    )
    sheets_by_evaluation: dict[int, list[ScoreSheet]] = {}
    for sheet in ScoreSheet.objects.filter(evaluation__in=evaluations, seat__in=seats):
        sheets_by_evaluation.setdefault(sheet.evaluation_id, []).append(sheet)
    edition = committee.fiscal_year.edition
    rows = []
    for evaluation in thai_sorted(evaluations, key=lambda e: e.agreement.teacher.full_name):
        evaluation.committee = committee  # the policy reads the committee's school: no query per teacher
        actions = allowed_on_sheet(request.user, evaluation, None, seats, own=False).actions
        sheets = sheets_by_evaluation.get(evaluation.pk, [])
        scored = policy.VIEW_SHEETS in actions
        rows.append(view_model.calibration_row(evaluation, seats, sheets, edition, scored=scored))
    context = {
        "committee": committee,
        "members": [seat for seat in seats if seat.status == Seat.Status.ACCEPTED],
        "rows": rows,
        "flagged_count": sum(1 for row in rows if row.flag_count),
    }
    return render(request, "committees/results/committee_calibration.html", context)
