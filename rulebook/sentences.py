"""The fixed sentences of the PA forms, filled in for a standing."""

from __future__ import annotations

from rulebook.errors import RulebookError
from rulebook.model import Edition, Standing


def _pa_standing(standing_code: str, edition: Edition) -> Standing:
    standing = edition.standing(standing_code)
    if not standing.makes_pa:
        raise RulebookError(f"{standing.code} ({standing.name}) makes no PA: {standing.explanation}")
    return standing


def _fill(template: str, standing: Standing) -> str:
    return template.format(
        name=standing.name,
        title=standing.title,
        position_label=standing.position_label,
        keyword=standing.keyword,
    )


def expected_level_sentence(standing_code: str, edition: Edition) -> str:
    """The expected level of a standing, for the Part 1 and PA 2 headers."""
    return _fill(edition.sentences.expected_level, _pa_standing(standing_code, edition))


def challenge_sentence(standing_code: str, edition: Edition) -> str:
    """PA 1 Part 2's fixed sentence naming the expected level; a higher level may be shown."""
    return _fill(edition.sentences.challenge, _pa_standing(standing_code, edition))
