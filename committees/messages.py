"""Thai messages for the rulebook's committee refusal codes and the app's own checks."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from rulebook.committee import Refusal


def refusal_message(refusal: Refusal, *, person: str = "", teacher: str = "") -> str:
    params = dict(refusal.params)
    code = refusal.code
    if code == "self_evaluation":
        return _("%(person)s เป็นผู้รับการประเมิน (%(teacher)s) จึงประเมินตนเองไม่ได้") % {
            "person": person,
            "teacher": teacher or person,
        }
    if code == "standing_missing":
        return _("%(person)s ยังไม่มีข้อมูลวิทยฐานะ ต้องมีวิทยฐานะไม่ต่ำกว่า%(minimum)s") % {
            "person": person,
            **params,
        }
    if code == "standing_below_minimum":
        return _("%(person)s มีวิทยฐานะ%(actual)s ต่ำกว่าที่กำหนด (ไม่ต่ำกว่า%(minimum)s)") % {
            "person": person,
            **params,
        }
    if code == "rank_missing":
        return _("%(person)s ยังไม่มีข้อมูลตำแหน่งทางวิชาการ ต้องไม่ต่ำกว่า%(minimum)s") % {
            "person": person,
            **params,
        }
    if code == "rank_below_minimum":
        return _("%(person)s มีตำแหน่งทางวิชาการ%(actual)s ต่ำกว่าที่กำหนด (ไม่ต่ำกว่า%(minimum)s)") % {
            "person": person,
            **params,
        }
    if code == "same_school":
        return _("%(person)s สังกัดโรงเรียนเดียวกับผู้รับการประเมิน กรรมการประเภทนี้ต้องมาจากนอกสถานศึกษา") % {"person": person}
    if code == "reason_required":
        return _("กรุณาระบุเหตุผลหรือคุณวุฒิที่แต่งตั้ง%(person)sเป็นผู้ทรงคุณวุฒิ") % {"person": person}
    if code == "unknown_qualification":
        return _("ไม่รู้จักประเภทคุณสมบัติกรรมการ “%(code)s”") % params
    if code == "kind_mismatch":
        return _("%(person)s ไม่ได้ดำรงตำแหน่งที่ตรงกับคุณสมบัติ “%(kind)s”") % {"person": person, **params}
    return _("%(person)s ไม่มีคุณสมบัติตามเกณฑ์ (%(code)s)") % {"person": person, "code": code}


def refusal_messages(refusals: Iterable[Refusal], *, person: str, teacher: str = "") -> list[str]:
    return [refusal_message(refusal, person=person, teacher=teacher) for refusal in refusals]
