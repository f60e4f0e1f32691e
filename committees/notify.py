"""Telling people about their committee work through the one notification path (bell, email, LINE).

Called inside the service's transaction: the notification commits with the appointment, reopening or
publication, and its email or LINE message goes out after commit. In the app, pending appointments and
published results also show on each person's home page.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from committees.models import Evaluation, ScoreSheet, Seat
from notifications.models import Kind
from notifications.services import notify
from thaitext import be_date


def notify_appointment(seat_pk: int) -> None:
    seat = Seat.objects.select_related("person", "committee__school", "committee__fiscal_year").get(pk=seat_pk)
    with translation.override("th"):
        title = _("แต่งตั้งเป็นกรรมการประเมิน PA: %(committee)s") % {"committee": seat.committee.name}
        body = _(
            "%(school)s แต่งตั้งท่านเป็นกรรมการประเมินผลการพัฒนางานตามข้อตกลง (PA) ปีงบประมาณ พ.ศ. %(year)s "
            "ในคณะ “%(committee)s” กรุณาตอบรับหรือปฏิเสธภายใน %(date)s"
        ) % {
            "school": seat.committee.school.name,
            "year": seat.committee.fiscal_year.year,
            "committee": seat.committee.name,
            "date": be_date(seat.respond_by.date()) if seat.respond_by else "-",
        }
    notify(
        [seat.person.user_id],
        kind=Kind.COMMITTEE_APPOINTED,
        key=f"seat:{seat.pk}:appointed",
        title=title,
        body=body,
        url=reverse("evaluator_home"),
    )


def notify_reopened(sheet_pk: int, reason: str) -> None:
    sheet = ScoreSheet.objects.select_related("seat__person", "evaluation__agreement__teacher").get(pk=sheet_pk)
    with translation.override("th"):
        title = _("แบบประเมิน PA 2 ของ%(teacher)s ถูกเปิดให้แก้ไข") % {
            "teacher": sheet.evaluation.agreement.teacher.full_name
        }
        body = _("ผู้อำนวยการสถานศึกษาเปิดแบบประเมินของท่านให้แก้ไข เหตุผล: %(reason)s กรุณาแก้ไขแล้วส่งอีกครั้ง") % {"reason": reason}
    notify(
        [sheet.seat.person.user_id],
        kind=Kind.SHEET_REOPENED,
        key=f"sheet:{sheet.pk}:reopened:{sheet.revision}",
        title=title,
        body=body,
        url=reverse("sheet_open", args=[sheet.evaluation_id]),
    )


def notify_published(evaluation_pk: int) -> None:
    evaluation = Evaluation.objects.select_related("agreement__teacher", "agreement__fiscal_year").get(pk=evaluation_pk)
    with translation.override("th"):
        title = _("ประกาศผลการประเมิน PA ปีงบประมาณ พ.ศ. %(year)s") % {"year": evaluation.agreement.fiscal_year.year}
        body = _("ผลการประเมินผลการพัฒนางานตามข้อตกลงของท่านประกาศแล้ว")
    notify(
        [evaluation.agreement.teacher.user_id],
        kind=Kind.RESULTS_PUBLISHED,
        key=f"evaluation:{evaluation.pk}:published",
        title=title,
        body=body,
        url=reverse("evaluation_result", args=[evaluation.pk]),
    )
