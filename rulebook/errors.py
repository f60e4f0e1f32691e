"""The one exception the rulebook raises."""

from __future__ import annotations


class RulebookError(ValueError):
    """A rulebook edition is malformed, or a value does not fit its rules."""
