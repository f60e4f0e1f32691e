"""The shape of the national data set: sizes and the proportions its states and levels are drawn in.

Sizes are OBEC's (DOMAIN.md §11, 2565 BE). Proportions are plausible, not measured: they are tuned so
that the dashboards show what a real year shows — most agreements approved, most approved teachers with a
committee, about 95 % passing, a few schools clearly weaker on a few indicators, a few disagreements.
Every share below is a fraction of the group named in its comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

# --- sizes ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Size:
    """How many of each: the national figures, or a smaller set in the same proportions."""

    provinces: int
    primary_areas: int
    secondary_areas: int
    schools: int
    secondary_schools: int
    teachers: int

    @property
    def areas(self) -> int:
        return self.primary_areas + self.secondary_areas


NATIONAL: Final = Size(
    provinces=77,
    primary_areas=183,
    secondary_areas=62,
    schools=29_449,
    secondary_schools=2_380,  # schools under a สพม.; the rest (incl. ขยายโอกาส schools) are under a สพป.
    teachers=382_500,  # every teacher incl. ครูผู้ช่วย; directors come on top, one per school
)

# School sizes in teachers, by area kind: (share of schools, fewest, most), drawn uniformly in the band.
# They are then scaled so the total is exactly the number of teachers asked for (the national bands
# already add up to about 395,000, so the scale is ≈ 0.97 and the bands keep their shape).
SCHOOL_SIZE_BANDS: Final = MappingProxyType(
    {
        "primary": ((0.86, 4, 12), (0.12, 13, 24), (0.02, 25, 60)),  # many small village schools
        "secondary": ((0.50, 12, 40), (0.38, 41, 80), (0.12, 81, 200)),  # fewer, larger schools
    }
)

# Supervisors (ศึกษานิเทศก์) of an area office: one per this many of its schools, within the bounds.
SCHOOLS_PER_SUPERVISOR: Final = 9
SUPERVISORS_PER_AREA: Final = (2, 40)

# --- people ---------------------------------------------------------------------------------------------

# Standing of teachers (share of all teachers). ครูผู้ช่วย make no PA (a separate two-year track).
STANDING_SHARES: Final = MappingProxyType(
    {
        "assistant": 0.02,
        "teacher": 0.24,
        "professional": 0.34,
        "senior_professional": 0.3445,
        "expert": 0.055,
        "senior_expert": 0.0005,
    }
)
# Directors and supervisors hold ชำนาญการพิเศษ or เชี่ยวชาญ (both may sit on committees).
SENIOR_STANDING_SHARES: Final = MappingProxyType({"senior_professional": 0.72, "expert": 0.28})
FEMALE_SHARE: Final = 0.66  # of teachers; directors and supervisors are drawn the same way

# Learning area (กลุ่มสาระ) of teachers, by the kind of area office the school is under.
LEARNING_AREA_SHARES: Final = MappingProxyType(
    {
        "primary": MappingProxyType(
            {
                "thai": 0.17,
                "mathematics": 0.16,
                "science": 0.12,
                "social": 0.10,
                "health": 0.07,
                "arts": 0.05,
                "careers": 0.05,
                "foreign_languages": 0.11,
                "early_childhood": 0.13,
                "special_education": 0.02,
                "guidance": 0.02,
            }
        ),
        "secondary": MappingProxyType(
            {
                "thai": 0.11,
                "mathematics": 0.15,
                "science": 0.19,
                "social": 0.12,
                "health": 0.08,
                "arts": 0.06,
                "careers": 0.08,
                "foreign_languages": 0.15,
                "special_education": 0.01,
                "guidance": 0.05,
            }
        ),
    }
)
# Monthly salary (baht) by standing: drawn uniformly between the bounds, in steps of 10.
SALARY_RANGES: Final = MappingProxyType(
    {
        "assistant": (15_050, 18_000),
        "teacher": (17_000, 32_000),
        "professional": (22_000, 45_000),
        "senior_professional": (30_000, 62_000),
        "expert": (42_000, 70_000),
        "senior_expert": (55_000, 76_800),
    }
)
SALARY_GRADES: Final = MappingProxyType(
    {
        "assistant": "ครูผู้ช่วย",
        "teacher": "คศ.1",
        "professional": "คศ.2",
        "senior_professional": "คศ.3",
        "expert": "คศ.4",
        "senior_expert": "คศ.5",
    }
)

# --- the year at the moment of seeding ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Moment:
    """Where the year stands when the data is seeded."""

    name: str
    # Of teachers who make a PA: their agreement's state; "" = no agreement started yet.
    agreement_states: MappingProxyType[str, float]
    # Of schools: the director has appointed the committees.
    committees_appointed: float
    # Of approved agreements at a school with committees: assigned to one (an Evaluation exists).
    assigned: float
    # Of assigned evaluations: how many of the three sheets are submitted.
    sheets_submitted: MappingProxyType[int, float]
    # Of seats that have not submitted: the member has started a draft sheet.
    draft_started: float
    # Of evaluations with all three sheets in: the result is published to the teacher.
    published: float


MIDYEAR: Final = Moment(
    name="midyear",
    agreement_states=MappingProxyType({"": 0.03, "draft": 0.05, "submitted": 0.07, "returned": 0.02, "approved": 0.83}),
    committees_appointed=0.95,
    assigned=0.96,
    sheets_submitted=MappingProxyType({0: 0.10, 1: 0.04, 2: 0.06, 3: 0.80}),
    draft_started=0.45,
    published=0.85,
)
# September, when the school enters results into DPA: nearly everything done; ≈ 1.12 M sheets nationally.
YEAR_END: Final = Moment(
    name="year-end",
    agreement_states=MappingProxyType(
        {"": 0.002, "draft": 0.003, "submitted": 0.004, "returned": 0.001, "approved": 0.99}
    ),
    committees_appointed=0.998,
    assigned=0.995,
    sheets_submitted=MappingProxyType({0: 0.004, 1: 0.004, 2: 0.012, 3: 0.98}),
    draft_started=0.8,
    published=0.95,
)
MOMENTS: Final = MappingProxyType({moment.name: moment for moment in (MIDYEAR, YEAR_END)})

# Of agreements that were submitted (submitted, returned, approved): the workload meets the rules.
WORKLOAD_OK: Final = 0.97
# Weekly hours of the agreements whose workload does not meet the rules, one drawn per such agreement;
# the rulebook's workload check turns them into the failure messages.
WORKLOAD_SHORTFALLS: Final = (
    MappingProxyType({"teaching": 10, "learning_support": 6, "quality_development": 4, "policy_response": 2}),
    MappingProxyType({"teaching": 14, "learning_support": 2, "quality_development": 2}),
    MappingProxyType({"teaching": 8, "learning_support": 5, "quality_development": 3}),
)

# --- committees -----------------------------------------------------------------------------------------

# Committees a school appoints by its number of PA-making teachers: (up to this many teachers, committees).
COMMITTEES_BY_TEACHERS: Final = ((20, 1), (45, 2), (90, 3))
MOST_COMMITTEES: Final = 4
# Seat 2 is always a supervisor of the area; seat 3 is a ชำนาญการพิเศษ-or-higher teacher of another school of
# the same area with this share, else a second supervisor.
OTHER_SCHOOL_TEACHER_SHARE: Final = 0.7

# --- levels on the PA 2 sheets --------------------------------------------------------------------------

# Each evaluated teacher has a tier: (share of teachers, weights of levels 1–4 for every item). With the
# drops and noise below, about 2.5 % of scored teachers fail on points; with the workload, ≈ 95 % pass.
TEACHER_TIERS: Final = MappingProxyType(
    {
        "strong": (0.20, (0.0, 0.01, 0.44, 0.55)),
        "typical": (0.785, (0.001, 0.02, 0.78, 0.199)),
        "weak": (0.015, (0.03, 0.45, 0.50, 0.02)),  # most of them fail: a member's total under 70
    }
)
# Indicators harder everywhere (1.6 research to solve learning problems, 2.4 working with parents and partners):
# their level drops by one with this chance, whatever the school.
HARD_INDICATORS: Final = MappingProxyType({"1.6": 0.12, "2.4": 0.08})
# Of schools: systematically weaker on a few indicators (1–3 of them), where a level drops by one with the
# chance given — what the indicator heatmap should make visible.
WEAK_SCHOOL_SHARE: Final = 0.15
WEAK_SCHOOL_INDICATORS: Final = (1, 3)
WEAK_SCHOOL_DROP: Final = 0.6
# Of area offices: one indicator weaker in all their schools.
WEAK_AREA_SHARE: Final = 0.2
WEAK_AREA_DROP: Final = 0.3
# A member's level differs by one from the teacher's "true" level on each item with this chance.
MEMBER_NOISE: Final = 0.04
# Of fully scored evaluations: one item where one member is two levels away from the other two.
DISAGREEMENT_SHARE: Final = 0.03
