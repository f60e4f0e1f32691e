"""Telling people about their committee work: by email through a background task when they have an address.

In the app, pending appointments and published results show on each person's home page.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from committees.models import Evaluation, Seat
from org.tasks import send_account_email
from thaitext import be_date


def notify_appointment(seat_pk: int) -> None:
    seat = Seat.objects.select_related("person__user", "committee__school", "committee__fiscal_year").get(pk=seat_pk)
    user = seat.person.user
    if user is None or not user.email:
        return
    with translation.override("th"):
        subject = _("แต่งตั้งเป็นกรรมการประเมิน PA: %(committee)s") % {"committee": seat.committee.name}
        body = _(
            "เรียน %(person)s\n\n%(school)s แต่งตั้งท่านเป็นกรรมการประเมินผลการพัฒนางานตามข้อตกลง (PA) "
            "ปีงบประมาณ พ.ศ. %(year)s ในคณะ “%(committee)s”\nกรุณาตอบรับหรือปฏิเสธภายใน %(date)s ที่\n%(url)s\n"
        ) % {
            "person": seat.person.full_name,
            "school": seat.committee.school.name,
            "year": seat.committee.fiscal_year.year,
            "committee": seat.committee.name,
            "date": be_date(seat.respond_by.date()) if seat.respond_by else "-",
            "url": settings.SITE_URL + reverse("evaluator_home"),
        }
    send_account_email.enqueue(subject=subject, body=body, to=[user.email])


def notify_published(evaluation_pk: int) -> None:
    evaluation = Evaluation.objects.select_related("agreement__teacher__user", "agreement__fiscal_year").get(
        pk=evaluation_pk
    )
    user = evaluation.agreement.teacher.user
    if user is None or not user.email:
        return
    with translation.override("th"):
        subject = _("ประกาศผลการประเมิน PA ปีงบประมาณ พ.ศ. %(year)s") % {"year": evaluation.agreement.fiscal_year.year}
        body = _("ผลการประเมินผลการพัฒนางานตามข้อตกลงของท่านประกาศแล้ว ดูได้ที่\n%(url)s\n") % {
            "url": settings.SITE_URL + reverse("evaluation_result", args=[evaluation.pk]),
        }
    send_account_email.enqueue(subject=subject, body=body, to=[user.email])
