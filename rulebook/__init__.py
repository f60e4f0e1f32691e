"""The PA rules as data: versioned editions (one YAML file per circular) and pure functions over them.

Plain Python with no Django import, so the rules can be loaded and tested anywhere.
"""

from __future__ import annotations

from rulebook.calendar import (
    SalaryRound,
    be_year,
    ce_year,
    dpa_entry_deadline,
    fiscal_year_bounds,
    fiscal_year_of,
    salary_round_of,
    salary_rounds_of_fiscal_year,
    semesters_of_fiscal_year,
)
from rulebook.committee import Candidate, Refusal, member_refusals
from rulebook.errors import RulebookError
from rulebook.loader import (
    DEFAULT_EDITION,
    available_editions,
    load_edition,
    load_edition_file,
    parse_edition,
)
from rulebook.model import (
    DEFAULT_PROFILE,
    AcademicRank,
    CalendarRules,
    ClassroomType,
    CommitteeRules,
    Domain,
    Edition,
    ExpectedPractice,
    Indicator,
    Level,
    MemberQualification,
    MonthDay,
    Part2Item,
    SalaryRoundRule,
    ScoringRules,
    SemesterRule,
    SentenceTemplates,
    Standing,
    WorkloadCategory,
    WorkloadMinimum,
    WorkloadProfile,
    WorkloadRules,
)
from rulebook.numbers import format_number
from rulebook.scoring import MemberScore, Pa3Result, member_score, pa3_result
from rulebook.sentences import challenge_sentence, expected_level_sentence
from rulebook.workload import WorkloadCheck, WorkloadFailure, periods_to_hours, workload_check

__all__ = [
    "Candidate",
    "Refusal",
    "member_refusals",
    "DEFAULT_EDITION",
    "DEFAULT_PROFILE",
    "AcademicRank",
    "CalendarRules",
    "ClassroomType",
    "CommitteeRules",
    "Domain",
    "Edition",
    "ExpectedPractice",
    "Indicator",
    "Level",
    "MemberQualification",
    "MemberScore",
    "MonthDay",
    "Pa3Result",
    "Part2Item",
    "RulebookError",
    "SalaryRound",
    "SalaryRoundRule",
    "ScoringRules",
    "SemesterRule",
    "SentenceTemplates",
    "Standing",
    "WorkloadCategory",
    "WorkloadCheck",
    "WorkloadFailure",
    "WorkloadMinimum",
    "WorkloadProfile",
    "WorkloadRules",
    "available_editions",
    "be_year",
    "ce_year",
    "challenge_sentence",
    "dpa_entry_deadline",
    "expected_level_sentence",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "format_number",
    "load_edition",
    "load_edition_file",
    "member_score",
    "pa3_result",
    "parse_edition",
    "periods_to_hours",
    "salary_round_of",
    "salary_rounds_of_fiscal_year",
    "semesters_of_fiscal_year",
    "workload_check",
]
