"""`python manage.py seed_demo`: the demo province and its year in progress, idempotent, with a table of logins.

It lives in the top app because the year in progress (agreements, committees, scores) spans every app.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from helpcentre.demo import build_help_demo
from org.demo import DEMO_PASSWORD, DemoBuilder
from peers.demo import build_peers_demo
from questions.demo import build_questions_demo
from teacherpa.demo_round import DemoRound


class Command(BaseCommand):
    help = "สร้างข้อมูลตัวอย่างจังหวัดพิษณุโลก (รันซ้ำได้ ไม่สร้างซ้ำ) และพิมพ์บัญชีทดลองใช้"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--teachers-per-school", type=int, default=9)
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the login table")

    def handle(self, *args: Any, **options: Any) -> None:
        builder = DemoBuilder(teachers_per_school=options["teachers_per_school"])
        logins = builder.build()
        year_in_progress = DemoRound().build()
        self.stdout.write(self.style.SUCCESS(f"seed_demo: {builder.created} new people"))
        if year_in_progress:
            self.stdout.write(f"seed_demo: {year_in_progress}")
        self.stdout.write(f"seed_demo: {build_help_demo()} new help pages")
        self.stdout.write(f"seed_demo: {build_peers_demo()} new mentors, {build_questions_demo()} new questions")
        if options["quiet_logins"]:
            return
        widths = (34, 34, 16)
        self.stdout.write("")
        self.stdout.write(f"บัญชีทดลองใช้ (demo logins) — รหัสผ่านทุกบัญชี / password for all: {DEMO_PASSWORD}")
        self.stdout.write("-" * 110)
        self.stdout.write(
            f"{'บทบาท / role':<{widths[0]}} {'ชื่อ / name':<{widths[1]}} "
            f"{'เข้าสู่ระบบด้วย / login':<{widths[2]}}  หน่วยงาน / scope"
        )
        self.stdout.write("-" * 110)
        for login in logins:
            self.stdout.write(
                f"{login.role:<{widths[0]}} {login.name:<{widths[1]}} {login.login:<{widths[2]}}  {login.scope}"
            )
        self.stdout.write("-" * 110)
