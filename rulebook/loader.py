"""Find and load rulebook editions: one YAML file per circular, shipped inside the package."""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path

import yaml

from rulebook._build import build_edition
from rulebook._parse import as_section
from rulebook.errors import RulebookError
from rulebook.model import Edition

DEFAULT_EDITION = "w9-2564-teacher"
_SUFFIX = ".yaml"


def _editions_folder() -> resources.abc.Traversable:
    return resources.files("rulebook") / "editions"


def available_editions() -> tuple[str, ...]:
    """Codes of the editions shipped with the package, sorted."""
    names = (entry.name for entry in _editions_folder().iterdir() if entry.name.endswith(_SUFFIX))
    return tuple(sorted(name.removesuffix(_SUFFIX) for name in names))


def load_edition(code: str = DEFAULT_EDITION) -> Edition:
    """The edition with this code, validated; loaded once per process."""
    return _load_shipped(code)


@functools.cache
def _load_shipped(code: str) -> Edition:
    if code not in available_editions():
        available = ", ".join(available_editions())
        raise RulebookError(f"unknown rulebook edition {code!r} (available: {available})")
    source = f"editions/{code}{_SUFFIX}"
    edition = parse_edition((_editions_folder() / f"{code}{_SUFFIX}").read_text(encoding="utf-8"), source)
    if edition.code != code:
        raise RulebookError(f"{source}: declares code {edition.code!r}, expected {code!r}")
    return edition


def load_edition_file(path: str | os.PathLike[str]) -> Edition:
    """An edition from any file, e.g. a draft for the next circular; not cached."""
    return parse_edition(Path(path).read_text(encoding="utf-8"), str(path))


def parse_edition(text: str, source: str = "<text>") -> Edition:
    """An edition from YAML text; every problem is a RulebookError naming the source and the place."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RulebookError(f"{source}: not valid YAML: {error}") from error
    try:
        return build_edition(as_section(data, ""))
    except RulebookError as error:
        raise RulebookError(f"{source}: {error}") from error
