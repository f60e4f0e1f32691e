"""`python manage.py seed_national`: a national-size data set for the dashboards and their benchmarks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dashboards.national import NationalDataExistsError, ResetRefusedError, seed
from dashboards.national.shares import MIDYEAR, MOMENTS


class Command(BaseCommand):
    help = (
        "สร้างข้อมูลระดับประเทศสำหรับแดชบอร์ดและการวัดประสิทธิภาพ: 29,449 โรงเรียน 245 เขตพื้นที่ 77 จังหวัด "
        "ครู 382,500 คน และข้อตกลง คณะกรรมการ ผลการประเมินของปีงบประมาณหนึ่งปี (ย่อขนาดด้วย --scale หรือ "
        "--schools/--teachers) — A national data set: schools, teachers, and one fiscal year of agreements, "
        "committees, evaluations and PA 2 sheets in realistic proportions (dashboards/national/shares.py). "
        "Of PA 1's text only the challenge title is written (the dashboards do not read the rest); no audit "
        "entries are written, so rebuild the dashboards' summaries afterwards. Generated codes start with 99."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="share of the national size (e.g. 0.01)")
        parser.add_argument("--schools", type=int, help="number of schools (wins over --scale)")
        parser.add_argument("--teachers", type=int, help="number of teachers (wins over --scale)")
        parser.add_argument("--year", type=int, help="fiscal year, BE (default: the current one)")
        parser.add_argument("--seed", type=int, help="random seed, for the same data again (default: a new one)")
        parser.add_argument(
            "--moment",
            choices=list(MOMENTS),
            default=MIDYEAR.name,
            help="how far the year has gone: midyear (default) or year-end (nearly all scored)",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete every generated row (all years) first, then seed again; without it a new --year reuses "
            "the organisation generated before (and ignores the size options), and a year seeded before is refused",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            seed(
                scale=options["scale"],
                schools=options["schools"],
                teachers=options["teachers"],
                year=options["year"],
                random_seed=options["seed"],
                reset=options["reset"],
                moment=options["moment"],
                out=self.stdout,
            )
        except (ValueError, NationalDataExistsError, ResetRefusedError) as error:
            raise CommandError(str(error)) from error
