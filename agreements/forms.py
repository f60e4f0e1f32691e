"""Turn a posted section form into the section's JSON body (shape checks happen in the service)."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from agreements.content import CHALLENGE_FIELDS, PLAN_FIELDS

ROW_FIELDS = ("category", "code", "name", "hours")


def body_from_post(key: str, data: QueryDict, semesters: tuple[str, ...] = ()) -> dict[str, Any]:
    """`semesters` names the fiscal year's two terms; an indicator's plan may be split by them."""
    if key == "classroom":
        return {"types": data.getlist("types")}
    if key == "workload":
        rows = zip(*(data.getlist(f"item_{name}") for name in ROW_FIELDS), strict=False)
        items = [dict(zip(ROW_FIELDS, (value.strip() for value in row), strict=True)) for row in rows]
        # A row left wholly blank is a spare line of the form, not an item.
        return {"items": [item for item in items if item["code"] or item["name"] or item["hours"]]}
    if key == "challenge":
        return {name: data.get(name, "") for name in CHALLENGE_FIELDS}
    split = {
        label: {name: data.get(f"sem-{index}-{name}", "") for name in PLAN_FIELDS}
        for index, label in enumerate(semesters)
    }
    return {
        **{name: data.get(name, "") for name in PLAN_FIELDS},
        "by_semester": data.get("by_semester") == "on",
        "semesters": {label: plan for label, plan in split.items() if any(plan.values())},
    }


def base_revision(data: QueryDict) -> int:
    try:
        return max(0, int(data.get("revision", "0")))
    except ValueError:
        return 0
