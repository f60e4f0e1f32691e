"""Levels on the PA 2 sheets, and their points through the rulebook — fast enough for a million sheets.

A teacher has a "true" level per item, drawn from their tier and lowered where their school or area is
weak; each member's sheet is that with a little noise; now and then one member is two levels away from
the other two. Points come from `rulebook.member_score` and the result from `rulebook.pa3_result`,
remembered by their inputs: Part 1 has one point table for every indicator (`ScoringRules.part1_points`),
so a sheet's points depend only on how many indicators sit at each level and on the Part 2 levels.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from decimal import Decimal
from math import comb

from committees.points import item_codes
from dashboards.national import shares
from dashboards.national.org import Draw
from rulebook import Edition, MemberScore, member_score, pa3_result

LEVELS = (1, 2, 3, 4)
POOL = 4_096  # true-level vectors drawn per tier, then varied per teacher


class LevelMaker:
    def __init__(self, edition: Edition, rng: random.Random) -> None:
        self.edition = edition
        self.rng = rng
        self.codes = item_codes(edition)
        self.part1 = tuple(indicator.code for indicator in edition.indicators)
        self.part2 = self.codes[len(self.part1) :]
        self.tier_of = Draw({tier: share for tier, (share, _weights) in shares.TEACHER_TIERS.items()})
        self.pools = {
            tier: [tuple(rng.choices(LEVELS, weights=weights, k=len(self.codes))) for _index in range(POOL)]
            for tier, (_share, weights) in shares.TEACHER_TIERS.items()
        }
        items = len(self.codes)
        noise = shares.MEMBER_NOISE
        # How many items of a member's sheet are off: binomial over the items.
        self.noisy_of = Draw({k: comb(items, k) * noise**k * (1 - noise) ** (items - k) for k in range(items + 1)})
        self.template = "{" + ", ".join(f"{json.dumps(code)}: %d" for code in self.codes) + "}"
        self.scores: dict[tuple[tuple[int, ...], tuple[int, ...]], MemberScore] = {}
        self.results: dict[tuple[Decimal, Decimal, Decimal, bool, tuple[str, ...]], tuple[bool, str]] = {}

    def index_of(self, code: str) -> int:
        return self.codes.index(code)

    def tier(self) -> str:
        return self.tier_of(self.rng)

    def truth(self, tier: str, drops: Sequence[tuple[int, float]]) -> list[int]:
        """A teacher's true level per item: a vector of their tier, each weak item lowered by one at its chance."""
        rng = self.rng
        levels = list(self.pools[tier][rng.randrange(POOL)])
        for index, chance in drops:
            if levels[index] > 1 and rng.random() < chance:
                levels[index] -= 1
        return levels

    def member(self, truth: Sequence[int]) -> list[int]:
        """One member's levels: the true ones, a few items one level off."""
        rng = self.rng
        levels = list(truth)
        for _item in range(self.noisy_of(rng)):
            index = rng.randrange(len(levels))
            level = levels[index]
            levels[index] = 2 if level == 1 else 3 if level == 4 else level + rng.choice((-1, 1))
        return levels

    def disagree(self, truth: Sequence[int], sheets: list[list[int]]) -> None:
        """One member two levels away from the other two on one item."""
        rng = self.rng
        index = rng.randrange(len(truth))
        level = truth[index]
        far, odd_one = (level - 2 if level >= 3 else level + 2), rng.randrange(len(sheets))
        for number, sheet in enumerate(sheets):
            sheet[index] = far if number == odd_one else level

    def levels_json(self, levels: Sequence[int], items: int | None = None) -> str:
        """The sheet's levels as stored: every item, or the first `items` (a draft filled in form order)."""
        if items is None:
            return self.template % tuple(levels)
        return json.dumps(dict(zip(self.codes[:items], levels[:items], strict=True)))

    def score(self, levels: Sequence[int]) -> MemberScore:
        count = len(self.part1)
        key = (tuple(sorted(levels[:count])), tuple(levels[count:]))
        found = self.scores.get(key)
        if found is None:
            found = member_score(
                dict(zip(self.part1, key[0], strict=True)), dict(zip(self.part2, key[1], strict=True)), self.edition
            )
            self.scores[key] = found
        return found

    def result(self, totals: Sequence[Decimal], workload_ok: bool, failures: tuple[str, ...]) -> tuple[bool, str]:
        """PA 3: passed, and the reasons as committees.services stores them (the rulebook's, then workload's)."""
        key = (totals[0], totals[1], totals[2], workload_ok, failures)
        found = self.results.get(key)
        if found is None:
            result = pa3_result(totals, workload_ok=workload_ok, edition=self.edition)
            found = (result.passed, json.dumps([*result.reasons, *failures], ensure_ascii=False))
            self.results[key] = found
        return found


def drops_for(
    maker: LevelMaker, school_weak: Mapping[str, float], area_weak: Mapping[str, float]
) -> tuple[tuple[int, float], ...]:
    """Item index and the chance its level drops, for one school: hard everywhere, weak in the area or school."""
    chances: dict[str, float] = dict(shares.HARD_INDICATORS)
    for weak in (area_weak, school_weak):
        for code, chance in weak.items():
            chances[code] = 1 - (1 - chances.get(code, 0.0)) * (1 - chance)
    return tuple((maker.index_of(code), chance) for code, chance in chances.items())
