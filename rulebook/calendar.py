"""Fiscal years (named by the BE year they end in), salary rounds and semesters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rulebook.loader import load_edition
from rulebook.model import CalendarRules, Edition


@dataclass(frozen=True, slots=True)
class SalaryRound:
    fiscal_year: int
    number: int
    start: date
    end: date


def _rules(edition: Edition | None) -> CalendarRules:
    return (edition or load_edition()).calendar


def be_year(ce_year: int, edition: Edition | None = None) -> int:
    return _rules(edition).be_year(ce_year)


def ce_year(be_year: int, edition: Edition | None = None) -> int:
    return _rules(edition).ce_year(be_year)


def fiscal_year_of(day: date, edition: Edition | None = None) -> int:
    """The fiscal year (BE) of a CE date: 1 Oct 2025 falls in 2569."""
    return _rules(edition).fiscal_year_of(day)


def fiscal_year_bounds(year_be: int, edition: Edition | None = None) -> tuple[date, date]:
    """First and last CE dates of a fiscal year given in BE."""
    return _rules(edition).fiscal_year_bounds(year_be)


def salary_rounds_of_fiscal_year(year_be: int, edition: Edition | None = None) -> tuple[SalaryRound, ...]:
    """The fiscal year's salary-step rounds, in order."""
    rules = _rules(edition)
    return tuple(
        SalaryRound(
            fiscal_year=year_be,
            number=rule.number,
            start=rules.date_in_fiscal_year(rule.start, year_be),
            end=rules.date_in_fiscal_year(rule.end, year_be),
        )
        for rule in rules.salary_rounds
    )


def salary_round_of(day: date, edition: Edition | None = None) -> SalaryRound:
    """The salary-step round (ว 23/2564) a date falls in."""
    rounds = salary_rounds_of_fiscal_year(fiscal_year_of(day, edition), edition)
    # The loader checked that the rounds cover the fiscal year in order, so the last one started wins.
    return [candidate for candidate in rounds if candidate.start <= day][-1]


def semesters_of_fiscal_year(year_be: int, edition: Edition | None = None) -> tuple[str, ...]:
    """Labels of the semesters a fiscal year spans, in order: ("2/2568", "1/2569") for 2569."""
    rules = _rules(edition)
    return tuple(
        rules.semester_label.format(semester=rule.semester, year=year_be + rule.academic_year_offset)
        for rule in rules.semesters
    )


def dpa_entry_deadline(year_be: int, edition: Edition | None = None) -> date:
    """Last day to enter the fiscal year's results into DPA."""
    rules = _rules(edition)
    return rules.date_in_fiscal_year(rules.dpa_entry_deadline, year_be)
