"""What an agreement (PA 1) contains, section by section, and what makes it complete — plain Python.

An agreement is a set of sections, each a small JSON document saved on its own (so autosave and
conflict checks work per section):

- ``classroom``             {"types": ["general", ...]}
- ``workload``              {"items": [{"category": "teaching", "code": "ว21101", "name": "...", "hours": "4"}]}
- ``indicator:<code>``      {"tasks": "...", "outcomes": "...", "change_indicators": "...",
                             "by_semester": false, "semesters": {"2/2568": {...same three...}, ...}}
- ``challenge``             {"title": "...", "problem": "...", "method": "...", "quantitative": "...",
                             "qualitative": "..."}

Checks return `Problem`s: a section key, a field path, a code and parameters. The Django layer turns
codes into translated Thai messages; nothing here needs Django or a database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from typing import Any

from rulebook import Edition, WorkloadCheck, semesters_of_fiscal_year, workload_check

TEXT_MAX = 10_000  # characters per free-text field: long enough for any real answer
HOURS_MAX = Decimal(60)  # per workload item per week
ITEMS_MAX = 60
PLAN_FIELDS = ("tasks", "outcomes", "change_indicators")
CHALLENGE_FIELDS = ("title", "problem", "method", "quantitative", "qualitative")


@dataclass(frozen=True)
class Problem:
    section: str
    field: str
    code: str
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)


def section_keys(edition: Edition) -> tuple[str, ...]:
    """Every section of an agreement under this edition, in the order of the form."""
    return ("classroom", "workload", *(f"indicator:{i.code}" for i in edition.indicators), "challenge")


def empty_section(key: str) -> dict[str, Any]:
    if key == "classroom":
        return {"types": []}
    if key == "workload":
        return {"items": []}
    if key == "challenge":
        return dict.fromkeys(CHALLENGE_FIELDS, "")
    return {**dict.fromkeys(PLAN_FIELDS, ""), "by_semester": False, "semesters": {}}


# --- Shape checks: run on every save; refuse what cannot be stored, accept what is unfinished ---


def check_shape(key: str, content: Any, edition: Edition, fiscal_year: int) -> list[Problem]:
    if key not in section_keys(edition):
        return [Problem(key, "", "unknown_section")]
    if not isinstance(content, dict):
        return [Problem(key, "", "malformed")]
    if key == "classroom":
        return _classroom_shape(content, edition)
    if key == "workload":
        return _workload_shape(content, edition)
    if key == "challenge":
        return _texts_shape(key, content, CHALLENGE_FIELDS)
    return _plan_shape(key, content, fiscal_year)


def _classroom_shape(content: dict[str, Any], edition: Edition) -> list[Problem]:
    types = content.get("types")
    known = {t.code for t in edition.classroom_types}
    if not isinstance(types, list) or not all(isinstance(t, str) and t in known for t in types):
        return [Problem("classroom", "types", "unknown_choice")]
    return []


def _texts_shape(key: str, content: dict[str, Any], fields: tuple[str, ...], prefix: str = "") -> list[Problem]:
    problems = []
    for name in fields:
        value = content.get(name, "")
        if not isinstance(value, str):
            problems.append(Problem(key, prefix + name, "malformed"))
        elif len(value) > TEXT_MAX:
            problems.append(Problem(key, prefix + name, "too_long", {"limit": TEXT_MAX, "length": len(value)}))
    return problems


def _plan_shape(key: str, content: dict[str, Any], fiscal_year: int) -> list[Problem]:
    problems = _texts_shape(key, content, PLAN_FIELDS)
    semesters = content.get("semesters", {})
    if not isinstance(semesters, dict) or not set(semesters) <= set(semesters_of_fiscal_year(fiscal_year)):
        return [*problems, Problem(key, "semesters", "malformed")]
    for label, plan in semesters.items():
        if not isinstance(plan, dict):
            problems.append(Problem(key, f"semesters.{label}", "malformed"))
        else:
            problems += _texts_shape(key, plan, PLAN_FIELDS, prefix=f"semesters.{label}.")
    return problems


def parse_hours(value: Any) -> Decimal | None:
    """Hours as typed ("4", "1.5", "๔"): a non-negative number, or None when it is not one.

    Only plain digits with an optional decimal point: Decimal alone would also read "1e999", "1_0"
    and "+4", which nobody types as hours and which would slip past the per-item limit as numbers.
    """
    text = str(value).strip().translate(_THAI_DIGITS)
    return Decimal(text) if _PLAIN_NUMBER.fullmatch(text) else None


_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_PLAIN_NUMBER = re.compile(r"[0-9]+(\.[0-9]*)?|\.[0-9]+", re.ASCII)


def _blank(value: Any) -> bool:
    return value is None or not str(value).strip()


def _workload_shape(content: dict[str, Any], edition: Edition) -> list[Problem]:
    items = content.get("items")
    if not isinstance(items, list):
        return [Problem("workload", "items", "malformed")]
    if len(items) > ITEMS_MAX:
        return [Problem("workload", "items", "too_many", {"limit": ITEMS_MAX})]
    categories = {c.code for c in edition.workload.categories}
    problems: list[Problem] = []
    for index, item in enumerate(items):
        path = f"items.{index}"
        if not isinstance(item, dict) or item.get("category") not in categories:
            problems.append(Problem("workload", f"{path}.category", "unknown_choice"))
            continue
        problems += _texts_shape("workload", item, ("code", "name"), prefix=f"{path}.")
        hours = item.get("hours", "")
        if _blank(hours):
            continue
        parsed = parse_hours(hours)
        if parsed is None:
            problems.append(Problem("workload", f"{path}.hours", "hours_not_number"))
        elif parsed > HOURS_MAX:
            problems.append(Problem("workload", f"{path}.hours", "hours_too_many", {"limit": HOURS_MAX}))
    return problems


# --- Completeness: what submission needs ---


def workload_hours(content: Mapping[str, Any]) -> dict[str, Decimal]:
    """Hours per category from the workload section; unreadable hours count as nothing."""
    totals: dict[str, Decimal] = {}
    for item in content.get("items", []):
        hours = parse_hours(item.get("hours", "")) if isinstance(item, dict) else None
        if hours is not None:
            totals[item["category"]] = totals.get(item["category"], Decimal(0)) + hours
    return totals


def check_workload(content: Mapping[str, Any], edition: Edition, profile: str = "default") -> WorkloadCheck:
    return workload_check(workload_hours(content), edition, profile=profile)


def check_complete(sections: Mapping[str, Mapping[str, Any]], edition: Edition, fiscal_year: int) -> list[Problem]:
    """Everything missing or invalid, in form order, for the submission's list of what to fix."""
    problems: list[Problem] = []
    for key in section_keys(edition):
        content = sections.get(key) or empty_section(key)
        shape = check_shape(key, content, edition, fiscal_year)
        problems += shape or _missing(key, content, edition, fiscal_year)
    return problems


def _missing(key: str, content: Mapping[str, Any], edition: Edition, fiscal_year: int) -> list[Problem]:
    if key == "classroom":
        return [] if content["types"] else [Problem(key, "types", "required")]
    if key == "workload":
        return _workload_missing(content, edition)
    if key == "challenge":
        return [Problem(key, name, "required") for name in CHALLENGE_FIELDS if _blank(content.get(name))]
    if content.get("by_semester"):
        return [
            Problem(key, f"semesters.{label}.{name}", "required")
            for label in semesters_of_fiscal_year(fiscal_year)
            for name in PLAN_FIELDS
            if _blank(content.get("semesters", {}).get(label, {}).get(name))
        ]
    return [Problem(key, name, "required") for name in PLAN_FIELDS if _blank(content.get(name))]


def _workload_missing(content: Mapping[str, Any], edition: Edition) -> list[Problem]:
    items = content["items"]
    problems = [
        Problem("workload", f"items.{index}.{name}", "required")
        for index, item in enumerate(items)
        for name in ("name", "hours")
        if _blank(item.get(name))
    ]
    present = {item["category"] for item in items if parse_hours(item.get("hours", ""))}
    problems += [
        Problem("workload", f"category.{category.code}", "category_required", {"category": category.name})
        for category in edition.workload.categories
        if category.hours_required and category.code not in present
    ]
    return problems
