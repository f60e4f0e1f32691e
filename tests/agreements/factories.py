"""Agreement content for tests: a complete set of sections that passes submission."""

from __future__ import annotations

from typing import Any

from agreements import content
from rulebook import Edition


def complete_sections(edition: Edition) -> dict[str, dict[str, Any]]:
    sections: dict[str, dict[str, Any]] = {
        "classroom": {"types": ["general"]},
        "workload": {
            "items": [
                {"category": "teaching", "code": "ท21101", "name": "ภาษาไทย", "hours": "14"},
                {"category": "learning_support", "code": "", "name": "งานทะเบียน", "hours": "4"},
                {"category": "quality_development", "code": "", "name": "งานประกันคุณภาพ", "hours": "3"},
            ]
        },
        "challenge": dict.fromkeys(content.CHALLENGE_FIELDS, "ข้อความ"),
    }
    for indicator in edition.indicators:
        sections[f"indicator:{indicator.code}"] = {
            **dict.fromkeys(content.PLAN_FIELDS, "ทำ"),
            "by_semester": False,
            "semesters": {},
        }
    return sections
