"""The committee member's pages: their committee work, answering an appointment, and the PA 2 score sheet.

Each view parses its input, fetches through `committees.access`, calls one service and responds (the
autosave lets the service's locked read do the fetching: it is the hot path). A non-member is answered
404 for every sheet, like a missing one, so a guessed id tells nothing; the member's own submitted sheet
answers 409 to a save, with the reason.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import content as agreement_content
from agreements.models import AgreementSection
from committees import access, policy
from committees.models import Evaluation, ScoreSheet, Seat
from committees.points import RunningTotals, item_codes, running_totals
from committees.services import SheetLockedError, seat_respond, seats_expire, sheet_open, sheet_save, sheet_submit
from org.access import not_found
from org.http import AuthenticatedRequest
from org.models import Person, Role
from org.scope import scope_of
from rulebook import RulebookError, expected_level_sentence, format_number, semesters_of_fiscal_year
from rulebook.model import Edition, Indicator, Part2Item, PointTable, Standing, points_for
from thaitext import thai_digits, thai_sorted

HOME_ROWS_MAX = 500  # assigned teachers listed on the evaluator's home page
OVERALL = "overall"  # the item code of the overall comment


# --- the evaluator's home ------------------------------------------------------------------------------


@login_required
def evaluator_home(request: AuthenticatedRequest) -> HttpResponse:
    context = _home_context(request)
    if context is None:
        return redirect("home")
    return render(request, "committees/scoring/evaluator_home.html", context)


def _home_context(request: AuthenticatedRequest, errors: dict[int, list[str]] | None = None) -> dict[str, Any] | None:
    """Seats offered to the person and the teachers they evaluate; None for someone with no committee work."""
    scope = scope_of(request.user)
    if scope.person_id is None:
        return None
    seats = list(
        Seat.objects.filter(person_id=scope.person_id, status__in=Seat.HELD)
        .select_related("committee__school__area_office", "committee__fiscal_year", "person")
        .order_by("-committee__fiscal_year__year", "committee_id")
    )
    if not seats and Role.EXTERNAL_EVALUATOR not in scope.roles:
        return None
    now = timezone.now()
    pending = [
        {
            "seat": seat,
            "overdue": seat.respond_by is not None and seat.respond_by < now,
            "actions": access.allowed_on_seat(request.user, seat).actions,
            "errors": (errors or {}).get(seat.pk, []),
        }
        for seat in seats
        if seat.status == Seat.Status.PENDING
    ]
    accepted = [seat for seat in seats if seat.status == Seat.Status.ACCEPTED]
    person = seats[0].person if seats else Person.objects.get(pk=scope.person_id)
    return {
        "person": person,
        "memberships": [m for m in scope.memberships if m.role == Role.EXTERNAL_EVALUATOR],
        "pending": pending,
        "assigned": _assigned_rows(accepted),
        "policy": policy,
    }


def _assigned_rows(accepted: list[Seat]) -> list[dict[str, Any]]:
    """The teachers on committees where the person's seat is accepted, each with the state of their own sheet."""
    if not accepted:
        return []
    seat_ids = [seat.pk for seat in accepted]
    evaluations = (
        Evaluation.objects.filter(committee_id__in=[seat.committee_id for seat in accepted])
        .select_related("agreement__teacher", "agreement__school", "agreement__fiscal_year", "committee")
        .prefetch_related(
            Prefetch("sheets", queryset=ScoreSheet.objects.filter(seat_id__in=seat_ids), to_attr="own_sheets"),
            Prefetch("committee__seats", queryset=Seat.objects.filter(status__in=Seat.HELD), to_attr="held"),
        )
        .order_by("-agreement__fiscal_year__year", "committee_id")[:HOME_ROWS_MAX]
    )
    rows = thai_sorted(
        [_assigned_row(evaluation) for evaluation in evaluations],
        key=lambda row: (
            f"{row['evaluation'].agreement.teacher.first_name} {row['evaluation'].agreement.teacher.last_name}"
        ),
    )
    return sorted(rows, key=lambda row: -row["evaluation"].agreement.fiscal_year.year)  # stable: names stay sorted


def _assigned_row(evaluation: Evaluation) -> dict[str, Any]:
    sheet = next(iter(getattr(evaluation, "own_sheets", [])), None)
    ready = access.is_ready(evaluation, getattr(evaluation.committee, "held", []))
    if evaluation.published_at is not None:
        state, label = "published", _("ประกาศผลแล้ว")
    elif evaluation.result_computed_at is not None:
        state, label = "scored", _("ประเมินครบ")
    elif sheet is not None and sheet.is_submitted:
        state, label = "submitted", _("ส่งแล้ว")
    elif sheet is not None and (sheet.levels or sheet.comments or sheet.overall_comment):
        state, label = "scoring", _("กำลังประเมิน")
    else:
        state, label = "not_started", _("ยังไม่เริ่ม")
    return {
        "evaluation": evaluation,
        "state": state,
        "label": label,
        # Before the committee is complete and the agreement approved there is nothing to open yet.
        "waiting": sheet is None and not ready,
    }


@login_required
@require_POST
def seat_respond_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    seat = access.seat_for(request.user, pk)
    accept = request.POST.get("decision") == "accept"
    action = policy.ACCEPT if accept else policy.DECLINE
    if seat.person_id != scope_of(request.user).person_id:
        raise not_found()  # only the person offered the seat answers it
    if _overdue(seat):
        # Answering after the deadline would expire the seat and refuse in one rolled-back transaction:
        # expire it here for good, so the director sees it free to fill.
        seats_expire(committee=seat.committee)
    if _overdue(seat) or action not in access.allowed_on_seat(request.user, seat).actions:
        messages.error(request, _("ตอบรับไม่ได้: การแต่งตั้งนี้ได้ตอบไปแล้วหรือพ้นกำหนดตอบรับ กรุณาติดต่อผู้อำนวยการสถานศึกษา"))
        return redirect("evaluator_home")
    try:
        seat_respond(actor=request.user, seat=seat, accept=accept, note=request.POST.get("note", ""))
    except ValidationError as invalid:
        context = _home_context(request, errors={seat.pk: invalid.messages})
        return render(request, "committees/scoring/evaluator_home.html", context, status=422)
    if accept:
        messages.success(request, _("ตอบรับการแต่งตั้งแล้ว รายชื่อครูที่ต้องประเมินอยู่ในหน้านี้"))
    else:
        messages.success(request, _("แจ้งปฏิเสธการแต่งตั้งแล้ว ผู้อำนวยการสถานศึกษาจะแต่งตั้งผู้อื่นแทน"))
    return redirect("evaluator_home")


def _overdue(seat: Seat) -> bool:
    return seat.respond_by is not None and seat.respond_by < timezone.now()


# --- the score sheet (PA 2) ----------------------------------------------------------------------------


@login_required
def sheet_open_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    evaluation, seats = access.evaluation_with_seats(request.user, pk)
    if access.own_seat(request.user, seats) is None:
        raise not_found()
    try:
        sheet: ScoreSheet | None = sheet_open(actor=request.user, evaluation=evaluation, seats=seats)
    except PermissionDenied:
        sheet = None
    allowed = access.allowed_on_sheet(request.user, evaluation, sheet, seats, own=True)
    context = sheet_context(request, evaluation, sheet, allowed, seats)
    return render(request, "committees/scoring/sheet.html", context)


def _own_sheet_for(request: AuthenticatedRequest, pk: int, *, full: bool = True) -> tuple[ScoreSheet, access.Allowed]:
    """The user's own sheet; anyone else's is a 404 here, whatever they may read elsewhere. `full=False`: only
    what an autosave's answer needs (see `access.sheet_for`)."""
    sheet, allowed = access.sheet_for(request.user, pk, full=full)
    if sheet.seat.person_id != scope_of(request.user).person_id:
        raise not_found()
    return sheet, allowed


def _is_locked(allowed: access.Allowed, action: str) -> bool:
    """The action is allowed (False), refused because the own sheet is submitted (True), or a 404."""
    if action in allowed.actions:
        return False
    if policy.VIEW_OWN_SHEET in allowed.actions:
        return True
    raise not_found()


@login_required
@require_POST
def sheet_item_save_view(request: AuthenticatedRequest, pk: int, code: str) -> HttpResponse:
    """Autosave (htmx) of one item's level and/or comment; without htmx, back to the page.

    The service reads the sheet once, locked, and checks it there (only the member's own sheet, and only while
    it may be scored): the happy path asks nothing twice. Someone else's sheet, or a missing one, is a 404; the
    own sheet once submitted a 409; a refused value a 422, answered in that order as the page's checks would.
    """
    posted = request.POST
    try:
        saved = sheet_save(
            actor=request.user,
            sheet=pk,
            code=code,
            level=_level(posted.get("level", posted.get(f"level-{code}"))),
            comment=posted.get("comment", posted.get(f"comment-{code}")),
        )
    except PermissionDenied as denied:
        raise not_found() from denied
    except SheetLockedError as locked:
        if locked.sheet is None or policy.VIEW_OWN_SHEET not in locked.actions:
            raise not_found() from locked  # e.g. the committee is forming again: no sheet to show
        return _item_response(request, locked.sheet, code, status=409)
    except ValidationError as invalid:
        sheet, allowed = _own_sheet_for(request, pk, full=False)  # the sheet as it stands, for the answer
        if _is_locked(allowed, policy.SCORE):
            return _item_response(request, sheet, code, status=409)
        return _item_response(request, sheet, code, status=422, problems=invalid.messages)
    return _item_response(request, saved, code)


def _level(raw: str | None) -> int | None:
    """A posted level: None when none was chosen; anything but a whole number is refused."""
    if raw is None or raw == "":
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 2:
        raise ValidationError(_("ระดับคุณภาพต้องเป็น 1 ถึง 4"))
    return int(raw)


def _item_response(
    request: AuthenticatedRequest,
    sheet: ScoreSheet,
    code: str,
    *,
    status: int = 200,
    problems: list[str] | None = None,
) -> HttpResponse:
    """The item's save status and the sheet's totals (out of band), or back to the page without htmx."""
    if not request.htmx:
        if status == 200:
            messages.success(request, _("บันทึกแล้ว"))
        else:
            messages.error(request, " ".join(problems or [_locked_message()]))
        return redirect("sheet_open", pk=sheet.evaluation_id)
    edition = sheet.evaluation.agreement.fiscal_year.edition
    context = {
        "sheet": sheet,
        "saved_at": sheet.updated_at,
        "locked": status == 409,
        "locked_message": _locked_message(),
        "problems": problems or [],
        "item": item_label(code, edition),
        "totals": running_totals(sheet.levels, edition),
        "scoring": edition.scoring,
        "oob": True,
    }
    return render(request, "committees/scoring/_save_status.html", context, status=status)


def _locked_message() -> str:
    return _("ยังไม่ได้บันทึก: แบบประเมินนี้ส่งแล้ว จึงแก้ไขไม่ได้ หากต้องแก้ไข ขอให้ผู้อำนวยการสถานศึกษาเปิดให้แก้ไขพร้อมระบุเหตุผล")


def _apply_posted(request: AuthenticatedRequest, sheet: ScoreSheet) -> ScoreSheet:
    """Save every item the whole-page form changed, all or none (the form without JavaScript)."""
    posted = request.POST
    edition = sheet.evaluation.agreement.fiscal_year.edition
    current = sheet
    with transaction.atomic():
        for code in item_codes(edition):
            level = _level(posted.get(f"level-{code}"))
            comment = posted.get(f"comment-{code}")
            level_changed = level is not None and level != current.levels.get(code)
            comment_changed = comment is not None and comment != current.comments.get(code, "")
            if level_changed or comment_changed:
                current = sheet_save(
                    actor=request.user,
                    sheet=current,
                    code=code,
                    level=level if level_changed else None,
                    comment=comment if comment_changed else None,
                )
        overall = posted.get(f"comment-{OVERALL}")
        if overall is not None and overall != current.overall_comment:
            current = sheet_save(actor=request.user, sheet=current, code=OVERALL, comment=overall)
    return current


def _sheet_page(request: AuthenticatedRequest, sheet: ScoreSheet, *, status: int, **extra: Any) -> HttpResponse:
    """The sheet page again, as now saved, with what stopped the post."""
    evaluation = sheet.evaluation
    fresh = ScoreSheet.objects.get(pk=sheet.pk)
    seats = access.held_seats(evaluation.committee)
    allowed = access.allowed_on_sheet(request.user, evaluation, fresh, seats, own=True)
    context = sheet_context(request, evaluation, fresh, allowed, seats, **extra)
    return render(request, "committees/scoring/sheet.html", context, status=status)


@login_required
@require_POST
def sheet_save_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The whole page in one post: how the sheet saves without JavaScript."""
    sheet, allowed = _own_sheet_for(request, pk)
    if _is_locked(allowed, policy.SCORE):
        return _sheet_page(request, sheet, status=409, errors=[_locked_message()])
    try:
        _apply_posted(request, sheet)
    except SheetLockedError:
        return _sheet_page(request, sheet, status=409, errors=[_locked_message()])
    except ValidationError as invalid:
        return _sheet_page(request, sheet, status=422, errors=invalid.messages)
    messages.success(request, _("บันทึกแล้ว"))
    return redirect("sheet_open", pk=sheet.evaluation_id)


@login_required
@require_POST
def sheet_submit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Save what the form carries, then lock the sheet with its points; list what is missing when incomplete."""
    sheet, allowed = _own_sheet_for(request, pk)
    if _is_locked(allowed, policy.SUBMIT):
        return _sheet_page(request, sheet, status=409, errors=[_locked_message()])
    try:
        sheet_submit(actor=request.user, sheet=_apply_posted(request, sheet))
    except SheetLockedError:
        return _sheet_page(request, sheet, status=409, errors=[_locked_message()])
    except ValidationError as invalid:
        if getattr(invalid, "code", None) == "incomplete" and invalid.params:
            return _sheet_page(request, sheet, status=422, missing=list(invalid.params["missing"]))
        return _sheet_page(request, sheet, status=422, errors=invalid.messages)
    messages.success(request, _("ส่งผลการประเมินแล้ว แบบประเมินนี้ถูกล็อกไว้และแก้ไขไม่ได้"))
    return redirect("sheet_open", pk=sheet.evaluation_id)


# --- what the sheet page shows -------------------------------------------------------------------------


def anchor_of(code: str) -> str:
    """The id of an item on the page: "1.1" → "item-1-1"."""
    return "item-" + code.replace(".", "-")


def item_label(code: str, edition: Edition) -> str:
    """How the page and its messages name an item: "ตัวชี้วัด 1.1", "ส่วนที่ 2 ข้อ 2.1", "ความเห็นโดยรวม"."""
    if code == OVERALL:
        return _("ความเห็นโดยรวม")
    for item in edition.scoring.part2_items:
        if item.code == code:
            return _("ส่วนที่ 2 ข้อ %(number)s") % {"number": item.number}
    return _("ตัวชี้วัด %(code)s") % {"code": code}


class _Texts:
    """What the sheet shows of one edition in one language and digit style: item names, level and points
    texts, the expected practices, and as HTML each item's heading, its legend and four radios for each level
    it may have chosen, its comment label and its chosen level read only.

    All of it is fixed by the edition (immutable, loaded once per process) and the words of the locale, so it
    is built once per process (`_texts_for`) and shared by every page: 18 items × 4 radios are rendered once,
    not on every request, and nothing is translated twice. Only what a sheet or an agreement holds (choices,
    comments, plans, evidence) is rendered per page.
    """

    def __init__(self, edition: Edition, *, thai: bool) -> None:
        self._edition = edition
        self._thai = thai
        self.levels = {
            level.value: self.digits(_("ระดับ %(level)s %(label)s") % {"level": level.value, "label": level.label})
            for level in edition.levels
        }
        self._points: dict[Decimal, str] = {}
        self._labels: dict[str, str] = {}
        self._choices: dict[tuple[str, int | None], tuple[dict[str, str | bool], ...]] = {}
        self._html_parts: dict[tuple[str, str, int | str | None], SafeString] = {}
        self._practices: dict[str, dict[str, str | None]] = {}

    def digits(self, text: str) -> str:
        return thai_digits(text) if self._thai else text

    def points(self, points: Decimal) -> str:
        if points not in self._points:
            self._points[points] = self.digits(_("%(points)s คะแนน") % {"points": format_number(points)})
        return self._points[points]

    def label(self, code: str) -> str:
        if code not in self._labels:
            self._labels[code] = item_label(code, self._edition)
        return self._labels[code]

    def choices(self, code: str, table: PointTable, part: int, chosen: int | None) -> tuple[dict[str, str | bool], ...]:
        """The item's levels for the page, one marked checked (shared between pages: never changed)."""
        key = (code, chosen)
        if key not in self._choices:
            self._choices[key] = tuple(
                {
                    # Strings, not numbers: a number in a template goes through localisation.
                    "value": str(level.value),
                    "text": self.levels[level.value],
                    "points": format_number(points_for(table, level.value, code)),
                    "points_text": self.points(points_for(table, level.value, code)),
                    "checked": level.value == chosen,
                    "id": f"{anchor_of(code)}-level-{level.value}",
                    "part": str(part),
                }
                for level in self._edition.levels
            )
        return self._choices[key]

    def radios(self, code: str, table: PointTable, part: int, chosen: int | None) -> SafeString:
        """The item's legend and four radios as HTML, `chosen` checked."""
        return self._html("radios", code, table, part, chosen)

    def chosen_text(self, code: str, table: PointTable, part: int, chosen: int | None) -> SafeString:
        """The chosen level as text, for the page read only."""
        return self._html("chosen", code, table, part, chosen)

    def comment_label(self, code: str) -> SafeString:
        return self._html("comment-label", code, None, 0, None)

    def indicator_heading(self, indicator: Indicator, standing: Standing | None) -> SafeString:
        """The indicator's name and, for the teacher's standing, the practice expected of it."""
        key = ("indicator-heading", indicator.code, standing.code if standing else None)
        if key not in self._html_parts:
            context = {
                "code": indicator.code,
                "name": indicator.name,
                "standing": standing is not None,
                "keyword": standing.keyword if standing else "",
                "practice": self.practice(indicator.code, standing.code) if standing else None,
            }
            self._html_parts[key] = self._render("indicator-heading", context)
        return self._html_parts[key]

    def help_ref(self, code: str, *, indicator: bool) -> SafeString:
        """The item's "?" link to the help centre (an indicator's own page; the challenge for Part 2)."""
        key = ("help-ref", code, None)
        if key not in self._html_parts:
            self._html_parts[key] = self._render("help-ref", {"code": code, "indicator": indicator})
        return self._html_parts[key]

    def part2_heading(self, item: Part2Item) -> SafeString:
        key = ("part2-heading", item.code, None)
        if key not in self._html_parts:
            context = {"number": item.number, "name": item.name, "points": item.max_points, "thai_digits": self._thai}
            self._html_parts[key] = self._render("part2-heading", context)
        return self._html_parts[key]

    def _html(self, partial: str, code: str, table: PointTable | None, part: int, chosen: int | None) -> SafeString:
        """A partial of committees/scoring/_item_parts.html for one item, rendered once per item and choice."""
        key = (partial, code, chosen)
        if key not in self._html_parts:
            choices = self.choices(code, table, part, chosen) if table is not None else ()
            context = {
                "code": code,
                "anchor": anchor_of(code),
                "label": self.label(code),
                "levels": choices,
                "chosen": next((choice for choice in choices if choice["checked"]), None),
            }
            self._html_parts[key] = self._render(partial, context)
        return self._html_parts[key]

    @staticmethod
    def _render(partial: str, context: dict[str, Any]) -> SafeString:
        html = render_to_string(f"committees/scoring/_item_parts.html#{partial}", context)
        return mark_safe(html)  # noqa: S308 — the template escaped it

    def practice(self, indicator_code: str, standing_code: str) -> str | None:
        if standing_code not in self._practices:
            self._practices[standing_code] = {
                indicator.code: self._edition.expected_practice(indicator.code, standing_code)
                for indicator in self._edition.indicators
            }
        return self._practices[standing_code].get(indicator_code)


# (edition code, language, Thai digits) → the edition the texts were built for, and the texts. The edition is
# compared by identity, so an edition loaded from a file under a shipped code never reads another's texts.
_TEXTS: dict[tuple[str, str, bool], tuple[Edition, _Texts]] = {}
_TEXTS_MAX = 64


def _texts_for(edition: Edition, *, thai: bool) -> _Texts:
    key = (edition.code, get_language() or settings.LANGUAGE_CODE, thai)
    cached = _TEXTS.get(key)
    if cached is None or cached[0] is not edition:
        if len(_TEXTS) >= _TEXTS_MAX:
            _TEXTS.clear()
        cached = _TEXTS[key] = (edition, _Texts(edition, thai=thai))
    return cached[1]


def _row(
    code: str, table: PointTable, sheet: ScoreSheet | None, part: int, texts: _Texts, *, editable: bool
) -> dict[str, Any]:
    chosen = sheet.levels.get(code) if sheet else None
    row: dict[str, Any] = {
        "code": code,
        "anchor": anchor_of(code),
        "label": texts.label(code),
        "comment": sheet.comments.get(code, "") if sheet else "",
        "help_ref": texts.help_ref(code, indicator=part == 1),
    }
    if editable and sheet is not None:
        row["radios"] = texts.radios(code, table, part, chosen)
        row["comment_label"] = texts.comment_label(code)
        row["save_url"] = reverse("sheet_item_save", args=[sheet.pk, code])
    else:
        row["chosen_text"] = texts.chosen_text(code, table, part, chosen)
    return row


def _indicator_groups(
    edition: Edition,
    sections: dict[str, Any],
    standing: Standing | None,
    sheet: ScoreSheet | None,
    year: int,
    texts: _Texts,
    *,
    editable: bool,
) -> list[dict[str, Any]]:
    """Part 1 by domain: each indicator with the expected practice, the teacher's plan and the member's choice."""
    terms = semesters_of_fiscal_year(year)
    groups = []
    for domain in edition.domains:
        rows = []
        for indicator in domain.indicators:
            key = f"indicator:{indicator.code}"
            body = sections.get(key) or agreement_content.empty_section(key)
            row = _row(indicator.code, edition.scoring.part1_points, sheet, 1, texts, editable=editable)
            row.update(
                indicator=indicator,
                key=key,
                plan=body,
                semesters=[(label, body.get("semesters", {}).get(label, {})) for label in terms]
                if body.get("by_semester")
                else [],
                heading=texts.indicator_heading(indicator, standing),
            )
            rows.append(row)
        groups.append({"domain": domain, "rows": rows})
    return groups


def _part2_rows(edition: Edition, sheet: ScoreSheet | None, texts: _Texts, *, editable: bool) -> list[dict[str, Any]]:
    rows = []
    for item in edition.scoring.part2_items:
        row = _row(item.code, item.points, sheet, 2, texts, editable=editable)
        row.update(item=item, heading=texts.part2_heading(item))
        rows.append(row)
    return rows


def _standing(agreement: Any, edition: Edition) -> tuple[Any, str]:
    """The teacher's standing as submitted (the snapshot fixes the expected level) and its sentence."""
    code = agreement.snapshot.get("standing") or agreement.teacher.standing
    try:
        standing = edition.standing(code) if code else None
        sentence = expected_level_sentence(standing.code, edition) if standing else ""
    except RulebookError:
        return None, ""  # a standing without PA (or unknown to this edition) has no expected level to show
    return standing, sentence


def sheet_context(
    request: AuthenticatedRequest,
    evaluation: Evaluation,
    sheet: ScoreSheet | None,
    allowed: access.Allowed,
    seats: list[Seat],
    *,
    missing: list[str] | None = None,
    errors: list[str] | None = None,
) -> dict[str, Any]:
    agreement = evaluation.agreement
    edition = agreement.fiscal_year.edition
    sections = dict(AgreementSection.objects.filter(agreement_id=agreement.pk).values_list("key", "content"))
    standing, sentence = _standing(agreement, edition)
    totals: RunningTotals = running_totals(sheet.levels if sheet else {}, edition)
    texts = _texts_for(edition, thai=bool(request.user.thai_digits))
    editable = sheet is not None and policy.SCORE in allowed.actions
    return {
        "evaluation": evaluation,
        "agreement": agreement,
        "edition": edition,
        "scoring": edition.scoring,
        "sheet": sheet,
        "seat": access.own_seat(request.user, seats),
        "state": allowed.state,
        "editable": editable,
        "may_submit": sheet is not None and policy.SUBMIT in allowed.actions,
        "policy": policy,
        "standing": standing,
        "expected_sentence": sentence,
        "workload_check": agreement_content.check_workload(sections.get("workload") or {"items": []}, edition),
        "indicator_groups": _indicator_groups(
            edition,
            sections,
            standing,
            sheet,
            agreement.fiscal_year.year,
            texts,
            editable=editable,
        ),
        "part2_rows": _part2_rows(edition, sheet, texts, editable=editable),
        "challenge": sections.get("challenge") or {},
        "totals": totals,
        "missing": [(anchor_of(code), item_label(code, edition)) for code in missing or []],
        "missing_anchors": {anchor_of(code) for code in missing or []},
        "errors": errors or [],
        "comment_max": settings.COMMITTEE_COMMENT_MAX_CHARS,
        "overall": OVERALL,
    }
