"""The PA 3 result as a view-model: the three seats in order, the per-item level table and the flags.

Plain functions over model instances already fetched by the caller (no queries here), so the result
pages, the calibration list and later the PDF documents read the same numbers the same way.
Points come from the sheet as submitted (`ScoreSheet.part1/part2/total`, exact) and, per item, from the
rulebook's point tables; nothing is rounded (75.5 stays 75.5).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from committees.flags import Disagreements, ItemFlag, disagreements
from committees.models import SEAT_NUMBERS, Evaluation, ScoreSheet, Seat
from committees.points import item_codes, running_totals
from rulebook.model import Edition, PointTable, points_for
from rulebook.numbers import format_number


def shown(number: Decimal | None) -> str:
    """A number as a person writes it (75, 75.5), or a dash when there is none yet."""
    return "—" if number is None else format_number(Decimal(number))


def role_label(seat: Seat | None) -> str:
    """ประธานกรรมการ for seat 1 (the director or a substitute chair), กรรมการ for seats 2 and 3."""
    return _("ประธานกรรมการ") if seat is not None and seat.is_chair else _("กรรมการ")


@dataclass(frozen=True, slots=True)
class Maxima:
    """The most points of Part 1, Part 2 and the total, for the column headings (60, 40, 100)."""

    part1: str
    part2: str
    total: str


def maxima(edition: Edition) -> Maxima:
    scoring = edition.scoring
    return Maxima(shown(scoring.part1_max), shown(scoring.part2_max), shown(scoring.total_max))


# --- who has submitted (the only thing shown before all three are in) ----------------------------------


@dataclass(frozen=True, slots=True)
class SeatProgress:
    """One seat while scoring is under way: who sits there and whether they have submitted, nothing more."""

    number: int
    role: str
    name: str
    accepted: bool
    submitted: bool
    is_viewer: bool


def progress(seats: Sequence[Seat], sheets: Iterable[ScoreSheet], viewer_person_id: int | None) -> list[SeatProgress]:
    """Seats 1–3 in order, with a blank name for a seat nobody holds."""
    submitted = {sheet.seat_id for sheet in sheets if sheet.is_submitted}
    by_number = {seat.number: seat for seat in seats}
    rows = []
    for number in SEAT_NUMBERS:
        seat = by_number.get(number)
        rows.append(
            SeatProgress(
                number=number,
                role=role_label(seat) if seat else (_("ประธานกรรมการ") if number == 1 else _("กรรมการ")),
                name=seat.person.full_name if seat else "",
                accepted=seat is not None and seat.status == Seat.Status.ACCEPTED,
                submitted=seat is not None and seat.pk in submitted,
                is_viewer=seat is not None and viewer_person_id is not None and seat.person_id == viewer_person_id,
            )
        )
    return rows


# --- the summary (PA 3) ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberTotals:
    """One member's column of PA 3: seat, name, Part 1, Part 2 and total as submitted."""

    seat: Seat
    sheet: ScoreSheet | None
    role: str
    reaches_threshold: bool

    @property
    def number(self) -> int:
        return self.seat.number

    @property
    def name(self) -> str:
        return self.seat.person.full_name

    @property
    def part1(self) -> str:
        return shown(self.sheet.part1 if self.sheet else None)

    @property
    def part2(self) -> str:
        return shown(self.sheet.part2 if self.sheet else None)

    @property
    def total(self) -> str:
        return shown(self.sheet.total if self.sheet else None)

    @property
    def overall_comment(self) -> str:
        return self.sheet.overall_comment if self.sheet else ""


@dataclass(frozen=True, slots=True)
class Cell:
    """One member's choice on one item."""

    level: int | None
    points: Decimal | None
    comment: str

    @property
    def points_shown(self) -> str:
        return shown(self.points)


@dataclass(frozen=True, slots=True)
class ItemRow:
    code: str
    number: str
    name: str
    label: str
    cells: tuple[Cell, ...]
    flag: ItemFlag | None


@dataclass(frozen=True, slots=True)
class RowGroup:
    """A heading (a Part 1 domain, or Part 2) and its items."""

    title: str
    rows: tuple[ItemRow, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    members: tuple[MemberTotals, ...]
    groups: tuple[RowGroup, ...]
    flags: Disagreements
    passed: bool | None
    result_label: str
    reasons: tuple[str, ...]
    threshold: str
    maxima: Maxima

    @property
    def flagged_rows(self) -> list[ItemRow]:
        return [row for group in self.groups for row in group.rows if row.flag is not None]

    @property
    def totals_spread(self) -> str:
        return shown(self.flags.total.gap) if self.flags.total else ""


def in_seat_order(seats: Sequence[Seat], sheets: Iterable[ScoreSheet]) -> list[tuple[Seat, ScoreSheet | None]]:
    """Each held seat with its sheet for this evaluation (a sheet of a seat no longer held is left out)."""
    by_seat = {sheet.seat_id: sheet for sheet in sheets}
    return [(seat, by_seat.get(seat.pk)) for seat in sorted(seats, key=lambda seat: seat.number)]


def item_points(edition: Edition) -> dict[str, PointTable]:
    """The point table of every item a sheet scores."""
    tables = dict.fromkeys((indicator.code for indicator in edition.indicators), edition.scoring.part1_points)
    tables.update({item.code: item.points for item in edition.scoring.part2_items})
    return tables


def _cell(levels: Mapping[str, int], comments: Mapping[str, str], code: str, table: PointTable) -> Cell:
    level = levels.get(code)
    return Cell(
        level=level,
        points=points_for(table, level, code) if level is not None else None,
        comment=comments.get(code, ""),
    )


def item_groups(
    edition: Edition, sheets: Sequence[ScoreSheet | None], flags: Disagreements | None = None
) -> tuple[RowGroup, ...]:
    """The 15 indicators by domain, then the Part 2 items, each with one cell per sheet (in the given order)."""
    tables = item_points(edition)
    labels = item_labels(edition)
    flagged = {flag.code: flag for flag in flags.items} if flags else {}

    def row(code: str, number: str, name: str) -> ItemRow:
        cells = tuple(
            _cell(sheet.levels, sheet.comments, code, tables[code]) if sheet else Cell(None, None, "")
            for sheet in sheets
        )
        return ItemRow(code, number, name, labels[code], cells, flagged.get(code))

    groups = [
        RowGroup(
            title=_("ด้านที่ %(code)s %(name)s") % {"code": domain.code, "name": domain.name},
            rows=tuple(row(indicator.code, indicator.code, indicator.name) for indicator in domain.indicators),
        )
        for domain in edition.domains
    ]
    part2 = tuple(row(item.code, item.number, item.name) for item in edition.scoring.part2_items)
    groups.append(RowGroup(title=_("ส่วนที่ 2 %(name)s") % {"name": edition.scoring.part2_name}, rows=part2))
    return tuple(groups)


def flags_of(sheets: Sequence[ScoreSheet | None], edition: Edition) -> Disagreements:
    """Disagreement flags between the sheets, with the thresholds from settings."""
    present = [sheet for sheet in sheets if sheet is not None]
    return disagreements(
        [sheet.levels for sheet in present],
        [Decimal(sheet.total) for sheet in present if sheet.total is not None],
        item_codes=item_codes(edition),
        level_gap=settings.COMMITTEE_FLAG_LEVEL_GAP,
        total_gap=Decimal(settings.COMMITTEE_FLAG_TOTAL_GAP),
    )


def summary(evaluation: Evaluation, seats: Sequence[Seat], sheets: Iterable[ScoreSheet], edition: Edition) -> Summary:
    """PA 3 of one evaluation from its held seats and their sheets (call it once all three are submitted)."""
    ordered = in_seat_order(seats, sheets)
    threshold = edition.scoring.pass_threshold_per_member
    members = tuple(
        MemberTotals(
            seat=seat,
            sheet=sheet,
            role=role_label(seat),
            reaches_threshold=sheet is not None and sheet.total is not None and Decimal(sheet.total) >= threshold,
        )
        for seat, sheet in ordered
    )
    sheet_list = [sheet for _seat, sheet in ordered]
    flags = flags_of(sheet_list, edition)
    passed = evaluation.result_passed
    label = "" if passed is None else (edition.scoring.passed_label if passed else edition.scoring.failed_label)
    return Summary(
        members=members,
        groups=item_groups(edition, sheet_list, flags),
        flags=flags,
        passed=passed,
        result_label=label,
        reasons=tuple(str(reason) for reason in evaluation.result_reasons),
        threshold=shown(threshold),
        maxima=maxima(edition),
    )


# --- one sheet on its own -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SheetView:
    sheet: ScoreSheet
    role: str
    groups: tuple[RowGroup, ...]
    part1: str
    part2: str
    total: str
    maxima: Maxima

    @property
    def number(self) -> int:
        return self.sheet.seat.number

    @property
    def name(self) -> str:
        return self.sheet.seat.person.full_name


def sheet_view(sheet: ScoreSheet, edition: Edition) -> SheetView:
    """One member's sheet: its items, and the totals as submitted (or as they stand, on a draft)."""
    if sheet.is_submitted:
        part1, part2, total = sheet.part1, sheet.part2, sheet.total
    else:
        running = running_totals(sheet.levels, edition)
        part1, part2, total = running.part1, running.part2, running.total
    return SheetView(
        sheet=sheet,
        role=role_label(sheet.seat),
        groups=item_groups(edition, [sheet]),
        part1=shown(part1),
        part2=shown(part2),
        total=shown(total),
        maxima=maxima(edition),
    )


def item_labels(edition: Edition) -> dict[str, str]:
    """Every item's number and name by code ("1.1 สร้างและหรือพัฒนาหลักสูตร", "ส่วนที่ 2 ข้อ 2.1 ผลลัพธ์เชิงปริมาณ")."""
    labels = {indicator.code: f"{indicator.code} {indicator.name}" for indicator in edition.indicators}
    labels.update(
        {
            item.code: _("ส่วนที่ 2 ข้อ %(number)s %(name)s") % {"number": item.number, "name": item.name}
            for item in edition.scoring.part2_items
        }
    )
    return labels


# --- the calibration list -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CalibrationRow:
    """One teacher of the committee: the flags once all three are in, or only that scoring is not done."""

    evaluation: Evaluation
    scored: bool
    totals: tuple[str, ...]
    flagged: tuple[str, ...]
    totals_spread: str
    totals_flagged: bool

    @property
    def flag_count(self) -> int:
        return len(self.flagged) + self.totals_flagged


def calibration_row(
    evaluation: Evaluation, seats: Sequence[Seat], sheets: Iterable[ScoreSheet], edition: Edition, *, scored: bool
) -> CalibrationRow:
    """`scored`: the viewer may see the sheets (all three in); otherwise nothing of their content is used."""
    if not scored:
        return CalibrationRow(evaluation, False, (), (), "", False)
    ordered = [sheet for _seat, sheet in in_seat_order(seats, sheets)]
    flags = flags_of(ordered, edition)
    labels = item_labels(edition)
    totals = [Decimal(sheet.total) for sheet in ordered if sheet is not None and sheet.total is not None]
    spread = max(totals) - min(totals) if totals else None
    return CalibrationRow(
        evaluation=evaluation,
        scored=True,
        totals=tuple(shown(sheet.total if sheet else None) for sheet in ordered),
        flagged=tuple(labels[flag.code] for flag in flags.items),
        totals_spread=shown(spread),
        totals_flagged=flags.total is not None,
    )
