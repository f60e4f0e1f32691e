"""The loader refuses a malformed edition and says what is wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from rulebook import Edition, RulebookError, load_edition_file, parse_edition
from rulebook import loader as loader_module

Mutation = Callable[[dict[str, Any]], None]
DELETE = object()


def at(path: str, value: object) -> Mutation:
    """Set (or with DELETE remove) the value at a dotted path; list indices are numbers."""

    def mutate(data: dict[str, Any]) -> None:
        *parents, last = (int(part) if part.isdigit() else part for part in path.split("."))
        node: Any = data
        for part in parents:
            node = node[part]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value

    return mutate


def drop_last_indicator(data: dict[str, Any]) -> None:
    data["domains"][2]["indicators"].pop()


def drop_last_indicator_and_recount(data: dict[str, Any]) -> None:
    drop_last_indicator(data)
    data["domains"][2]["indicator_count"] = 2


def nobody_makes_pa(data: dict[str, Any]) -> None:
    for standing in data["standings"]:
        standing.update(makes_pa=False, explanation="ไม่มี")


def swap_salary_round_numbers(data: dict[str, Any]) -> None:
    rounds = data["calendar"]["salary_rounds"]
    rounds[0]["number"], rounds[1]["number"] = 2, 1


def rename_default_profile(data: dict[str, Any]) -> None:
    profiles = data["workload"]["profiles"]
    profiles["primary"] = profiles.pop("default")


BROKEN: list[tuple[str, Mutation, str]] = [
    ("14 indicators", drop_last_indicator, r"domains\[2\]\.indicators: lists 2, indicator_count says 3"),
    (
        "14 indicators recounted",
        drop_last_indicator_and_recount,
        r"scoring\.part1\.max: is 60, but .* make 56",
    ),
    (
        "part 2 not 40",
        at("scoring.part2.items.0.points.4", "25"),
        r"scoring\.part2\.max: is 40, but .* make 45",
    ),
    ("total not 100", at("scoring.total_max", 90), r"scoring\.total_max: is 90"),
    ("a fifth level", at("levels.0.level", 5), "levels must run 1 to 4"),
    ("duplicate standing", at("standings.2.code", "teacher"), "duplicate code 'teacher'"),
    ("ranks out of order", at("standings.2.rank", 1), "ranks must increase"),
    ("nobody makes a PA", nobody_makes_pa, "no standing makes a PA"),
    ("no explanation", at("standings.0.explanation", DELETE), "needs an explanation"),
    ("unknown key", at("standings.1.colour", "red"), r"standings\[1\]: unknown keys \['colour'\]"),
    ("missing key", at("scoring.committee_size", DELETE), "scoring: missing committee_size"),
    ("missing root key", at("title", DELETE), "<root>: missing title"),
    ("empty text", at("title", " "), "title: expected non-empty text"),
    ("rank not a number", at("standings.1.rank", True), r"standings\[1\]\.rank: expected a whole number"),
    ("points not a number", at("scoring.total_max", "lots"), "is not a number"),
    ("flag not a bool", at("standings.1.makes_pa", "yes"), "expected true or false"),
    ("not a date", at("effective_from", "soon"), "expected a date"),
    ("29 Feb", at("calendar.fiscal_year_start", "02-29"), "expected a month-day"),
    ("slashes", at("calendar.dpa_entry_deadline", "09/30"), "expected a month-day"),
    ("levels not a list", at("levels", {}), "levels: expected a non-empty list"),
    ("no classroom types", at("classroom_types", []), "expected a non-empty list"),
    ("level not a mapping", at("levels", [4, 3]), r"levels\[0\]: expected a mapping"),
    ("conflict rules not text", at("committee.extra_conflict_rules", [1]), "expected a list of text"),
    ("template unclosed", at("sentences.challenge", "{keyword"), "malformed template"),
    ("template format spec", at("sentences.challenge", "{keyword:d}"), "malformed template"),
    ("template unknown field", at("sentences.expected_level", "{rank}"), r"unknown fields \['rank'\]"),
    ("template positional", at("scoring.reasons.workload_not_met", "{}"), r"unknown fields \[''\]"),
    ("semester label", at("calendar.semester_label", "{term}"), r"unknown fields \['term'\]"),
    ("duplicate indicator", at("domains.1.indicators.0.code", "1.1"), "duplicate code '1.1'"),
    ("duplicate domain", at("domains.1.code", "1"), "duplicate code '1'"),
    (
        "practice for no indicator",
        at("expected_practice", {"9.9": {"teacher": "x"}}),
        "not an indicator code",
    ),
    ("practice code as float", at("expected_practice", {1.1: {"teacher": "x"}}), "not an indicator code"),
    ("practice for assistant", at("expected_practice", {"1.1": {"assistant": "x"}}), "unknown keys"),
    ("a level without points", at("scoring.part1.points", {1: 1, 2: 2, 3: 3}), "exactly the levels"),
    ("points fall", at("scoring.part2.items.1.points.2", "2.5"), "rise with the level"),
    ("negative points", at("scoring.part1.points.1", -1), "non-negative"),
    ("threshold zero", at("scoring.pass_threshold_per_member", 0), "must be above 0 and at most total_max"),
    ("threshold above max", at("scoring.pass_threshold_per_member", 101), "at most total_max"),
    ("no committee", at("scoring.committee_size", 0), "committee_size: must be at least 1"),
    ("duplicate category", at("workload.categories.1.code", "teaching"), "duplicate code 'teaching'"),
    ("minimum of unknown", at("workload.minimums.0.categories", ["nope"]), r"unknown: \['nope'\]"),
    ("minimum of nothing", at("workload.minimums.0.categories", []), "must list known categories"),
    ("duplicate minimum", at("workload.minimums.1.code", "teaching"), "duplicate code 'teaching'"),
    ("no default profile", rename_default_profile, "needs a 'default' profile"),
    ("zero-length period", at("workload.hours_per_period_default", 0), "must be above 0"),
    ("negative floor", at("workload.profiles.default.minimums.teaching", -1), "cannot be negative"),
    ("profile without a floor", at("workload.profiles.default.minimums.total", DELETE), "missing total"),
    ("duplicate classroom", at("classroom_types.1.code", "general"), "duplicate code 'general'"),
    ("rounds misnumbered", swap_salary_round_numbers, "numbered 1, 2"),
    ("gap between rounds", at("calendar.salary_rounds.1.start", "04-02"), "round 2 does not follow on"),
    ("round ends before it starts", at("calendar.salary_rounds.1.end", "03-31"), "round 2 does not follow"),
    (
        "rounds stop early",
        at("calendar.salary_rounds.1.end", "09-29"),
        "end before the fiscal year's last day",
    ),
    (
        "unknown min standing",
        at("committee.member_qualifications.0.min_standing", "dean"),
        "unknown standing",
    ),
    ("unknown min rank", at("committee.member_qualifications.1.min_academic_rank", "dr"), "unknown academic"),
    ("duplicate rank", at("committee.academic_ranks.1.code", "lecturer"), "duplicate code 'lecturer'"),
    ("duplicate qualification", at("committee.member_qualifications.1.code", "supervisor"), "duplicate code"),
]


def write(data: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_an_unchanged_copy_loads(raw_edition: dict[str, Any], tmp_path: Path, edition: Edition) -> None:
    assert load_edition_file(write(raw_edition, tmp_path / "copy.yaml")) == edition


@pytest.mark.parametrize(("mutate", "message"), [case[1:] for case in BROKEN], ids=[c[0] for c in BROKEN])
def test_a_broken_copy_is_refused(
    raw_edition: dict[str, Any],
    tmp_path: Path,
    mutate: Mutation,
    message: str,
) -> None:
    mutate(raw_edition)
    path = write(raw_edition, tmp_path / "broken.yaml")
    with pytest.raises(RulebookError, match=message) as refused:
        load_edition_file(path)
    assert str(refused.value).startswith(str(path))


def test_text_that_is_not_yaml_is_refused() -> None:
    with pytest.raises(RulebookError, match="draft.yaml: not valid YAML"):
        parse_edition("levels: [unclosed", "draft.yaml")


def test_a_file_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(RulebookError, match="<text>: <root>: expected a mapping, got list"):
        parse_edition("- just a list")


def test_expected_practice_entries_are_loaded(raw_edition: dict[str, Any], tmp_path: Path) -> None:
    raw_edition["expected_practice"] = {"1.1": {"teacher": "ข้อความตัวอย่าง"}}
    edition = load_edition_file(write(raw_edition, tmp_path / "practice.yaml"))
    assert edition.expected_practice("1.1", "teacher") == "ข้อความตัวอย่าง"
    assert edition.expected_practice("1.1", "professional") is None


def test_more_workload_profiles_are_accepted(raw_edition: dict[str, Any], tmp_path: Path) -> None:
    raw_edition["workload"]["profiles"]["small_primary"] = {
        "name": "โรงเรียนขนาดเล็ก",
        "minimums": {"teaching": 10, "total": "18.5"},
    }
    edition = load_edition_file(write(raw_edition, tmp_path / "profiles.yaml"))
    assert [p.code for p in edition.workload.profiles] == ["default", "small_primary"]
    assert str(edition.workload.profile("small_primary").minimum_for("total")) == "18.5"


def test_a_shipped_file_must_declare_its_own_code(
    raw_edition: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(raw_edition, tmp_path / "w10-2599-teacher.yaml")
    monkeypatch.setattr(loader_module, "_editions_folder", lambda: tmp_path)
    assert loader_module.available_editions() == ("w10-2599-teacher",)
    with pytest.raises(RulebookError, match="declares code 'w9-2564-teacher', expected 'w10-2599-teacher'"):
        loader_module.load_edition("w10-2599-teacher")
