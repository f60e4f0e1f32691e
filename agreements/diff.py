"""What changed between two submitted versions of an agreement, field by field, word by word."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from thaitext import word_diff


@dataclass(frozen=True)
class FieldChange:
    section: str
    field: str
    pieces: list[tuple[str, str]]


def _flatten(body: Any, prefix: str = "") -> dict[str, str]:
    """A section body as field path → text, so nested items (workload rows, semesters) compare too."""
    if isinstance(body, dict):
        flat: dict[str, str] = {}
        for key, value in body.items():
            flat.update(_flatten(value, f"{prefix}{key}."))
        return flat
    if isinstance(body, list):
        if all(isinstance(value, str) for value in body):
            return {prefix.rstrip("."): ", ".join(body)}
        flat = {}
        for index, value in enumerate(body):
            flat.update(_flatten(value, f"{prefix}{index + 1}."))
        return flat
    return {prefix.rstrip("."): "" if body is None else str(body)}


def version_changes(old: dict[str, Any], new: dict[str, Any], order: tuple[str, ...]) -> list[FieldChange]:
    """Every field whose text differs between two versions' sections, in form order."""
    changes = []
    for section in order:
        before, after = _flatten(old.get(section, {})), _flatten(new.get(section, {}))
        for field in sorted(before.keys() | after.keys()):
            if before.get(field, "") != after.get(field, "") and field != "by_semester":
                changes.append(FieldChange(section, field, word_diff(before.get(field, ""), after.get(field, ""))))
    return changes
