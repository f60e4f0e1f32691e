"""Shared values for the rulebook tests: plain pytest, no database, no Django."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest
import yaml

from rulebook import Edition, load_edition

LevelsFor = Callable[[int], tuple[dict[str, int], dict[str, int]]]


@pytest.fixture(scope="session")
def edition() -> Edition:
    return load_edition()


@pytest.fixture(scope="session")
def levels_for(edition: Edition) -> LevelsFor:
    """Part 1 and Part 2 levels with every item at the same level."""

    def build(level: int) -> tuple[dict[str, int], dict[str, int]]:
        part1 = {indicator.code: level for indicator in edition.indicators}
        part2 = {item.code: level for item in edition.scoring.part2_items}
        return part1, part2

    return build


@pytest.fixture
def raw_edition() -> dict[str, Any]:
    """A fresh, mutable copy of the shipped edition's YAML tree."""
    text = resources.files("rulebook").joinpath("editions/w9-2564-teacher.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data
