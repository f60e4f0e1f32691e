"""Checking one row of a file on its own and against the rows above it: required fields, the national ID's check
digit, known labels, email format, lengths, duplicates within the file. No database here (rosters.plan compares
with it). A good row comes out normalised: a national ID only as its digest and masked form, labels as codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from org import national_id
from org.models import Position, Prefix
from org.validators import validate_national_id, validate_school_code
from rosters import labels
from rosters.labels import EXAMPLE_NATIONAL_ID, Column

# Excel shows a 13-digit number typed into a General cell as 1.23457E+12; a CSV saved from it keeps that.
_EXPONENT = re.compile(r"^\d(\.\d+)?e\+?\d+$", re.IGNORECASE)
EXPLICIT_NONE = "-"  # the file says "no standing" for a position whose no-standing code is blank
_NO_STANDING_CODE = {
    Position.TEACHER: "teacher",
    Position.ASSISTANT_TEACHER: "assistant",
    Position.DIRECTOR: EXPLICIT_NONE,
    Position.DEPUTY_DIRECTOR: EXPLICIT_NONE,
}

Problem = tuple[int, str]


def phone_text(value: str) -> str:
    """A Thai number typed into a General cell loses its leading 0 (0812345678 shows as 812345678): put it back."""
    if value.isdigit() and len(value) in (8, 9) and not value.startswith("0"):
        return "0" + value
    return value


class PersonRow(NamedTuple):
    """A good people row. Empty optional fields mean "not given": an update leaves them as they are."""

    line: int
    digest: str
    masked: str
    prefix: str
    first_name: str
    last_name: str
    position: str
    standing: str  # a code, EXPLICIT_NONE, or "" (not given)
    learning_area: str
    school_code: str  # "" in a school's own file: the school itself
    email: str
    phone: str


class SchoolRow(NamedTuple):
    line: int
    code: str
    name: str
    area_code: str
    district: str
    phone: str


def _label(columns: tuple[Column, ...], name: str) -> str:
    return next(str(column.label) for column in columns if column.field == name)


def required(columns: tuple[Column, ...], cells: dict[str, str], names: tuple[str, ...]) -> list[str]:
    return [_("ไม่ได้กรอก “%(column)s”") % {"column": _label(columns, name)} for name in names if not cells.get(name)]


def too_long(columns: tuple[Column, ...], cells: dict[str, str]) -> list[str]:
    return [
        _("“%(column)s” ยาวเกิน %(limit)d ตัวอักษร") % {"column": str(column.label), "limit": column.max_length}
        for column in columns
        if column.max_length and len(cells.get(column.field, "")) > column.max_length
    ]


def national_id_problems(value: str) -> list[str]:
    number = national_id.normalise(value) if not (len(value) == 13 and value.isdigit()) else value
    if len(number) == 13 and number.isascii() and number.isdigit() and national_id.is_valid(number):
        return [_("บรรทัดนี้เป็นตัวอย่างจากแบบฟอร์ม กรุณาลบออกก่อนนำเข้า")] if number == EXAMPLE_NATIONAL_ID else []
    if _EXPONENT.match(value):
        return [
            _(
                "เลขประจำตัวประชาชน “%(value)s” ถูก Excel แปลงเป็นเลขยกกำลังจนตัวเลขหายไป: "
                "จัดรูปแบบคอลัมน์เป็นข้อความ (Text) แล้วพิมพ์เลขใหม่"
            )
            % {"value": value}
        ]
    try:
        validate_national_id(value)
    except ValidationError as error:
        return list(error.messages)
    return []  # pragma: no cover — is_valid and the validator agree


def email_problems(value: str) -> list[str]:
    try:
        validate_email(value)
    except ValidationError:
        return [_("อีเมล “%(value)s” ไม่ถูกต้อง") % {"value": value}]
    return []


# Labels repeat on every row: look each spelling up once. The caches hold codes, never translated text.
@lru_cache(maxsize=4096)
def _prefix(text: str) -> str | None:
    return labels.prefix_table().get(labels.key(text))


@lru_cache(maxsize=4096)
def _learning_area(text: str) -> str | None:
    return labels.lookup_learning_area(text)


@lru_cache(maxsize=4096)
def _position_and_standing(position_text: str, standing_text: str) -> tuple[str, str, str]:
    """(position, standing, refusal): the refusal one of "position", "standing", "both", "assistant" or ""."""
    position, implied = labels.lookup_position(position_text)
    if position is None:
        return "", "", "position"
    standing = implied or ""
    if standing_text:
        found = labels.standing_table().get(labels.key(standing_text))
        if found is None:
            return position, "", "standing"
        found = _NO_STANDING_CODE[Position(position)] if found == labels.NO_STANDING else found
        if implied and found != implied:
            return position, "", "both"
        standing = found
    is_assistant = position == Position.ASSISTANT_TEACHER
    if (is_assistant and standing not in ("", "assistant")) or (not is_assistant and standing == "assistant"):
        return position, "", "assistant"
    return position, standing, ""


def _position_refusal(refusal: str, position: str, cells: dict[str, str]) -> str:
    if refusal == "position":
        message = _("ไม่รู้จักตำแหน่ง “%(value)s” (ใช้ได้: %(known)s)")
        return message % {"value": cells["position"], "known": labels.position_names()}
    if refusal == "standing":
        message = _("ไม่รู้จักวิทยฐานะ “%(value)s” (ใช้ได้: %(known)s หรือ “ไม่มี”)")
        return message % {"value": cells["standing"], "known": labels.standing_names()}
    if refusal == "both":
        message = _("ตำแหน่ง “%(position)s” ไม่ตรงกับวิทยฐานะ “%(standing)s”")
        return message % {"position": cells["position"], "standing": cells["standing"]}
    return _standing_mismatch(position)


@dataclass
class PeopleChecker:
    """Checks people rows in file order, remembering national IDs and emails seen above."""

    seen_ids: dict[str, int] = field(default_factory=dict)
    seen_emails: dict[str, int] = field(default_factory=dict)
    # The key org.services.national_id_digest uses, read once rather than from the settings on every row.
    key: str = field(default_factory=lambda: settings.NATIONAL_ID_KEY)

    def check(self, line: int, cells: dict[str, str]) -> tuple[PersonRow | None, list[str]]:
        columns = labels.PEOPLE_COLUMNS
        problems = required(columns, cells, ("national_id", "prefix", "first_name", "last_name", "position"))
        problems += too_long(columns, cells)
        raw_id = cells.get("national_id", "")
        id_problems = national_id_problems(raw_id) if raw_id else []
        problems += id_problems
        prefix = _prefix(cells["prefix"]) if cells.get("prefix") else ""
        if prefix is None:
            message = _("ไม่รู้จักคำนำหน้า “%(value)s” (ใช้ได้: %(known)s)")
            problems.append(message % {"value": cells["prefix"], "known": " ".join(Prefix.values)})
        position = standing = ""
        if cells.get("position"):
            position, standing, refusal = _position_and_standing(cells["position"], cells.get("standing", ""))
            if refusal:
                problems.append(_position_refusal(refusal, position, cells))
        learning_area = _learning_area(cells["learning_area"]) if cells.get("learning_area") else ""
        if learning_area is None:
            message = _("ไม่รู้จักกลุ่มสาระการเรียนรู้ “%(value)s” (ใช้ได้: %(known)s)")
            problems.append(message % {"value": cells["learning_area"], "known": labels.learning_area_names()})
        email = cells.get("email", "").lower()
        if email:
            problems += email_problems(email)
        school_code = cells.get("school_code", "")
        if school_code:
            problems += school_code_problems(school_code)
        digest = national_id.digest(raw_id, self.key) if raw_id and not id_problems else ""
        problems += self._duplicates(line, digest, email)
        if problems:
            return None, problems
        row = PersonRow(
            line=line,
            digest=digest,
            masked=national_id.masked(raw_id),
            prefix=str(prefix),
            first_name=cells["first_name"],
            last_name=cells["last_name"],
            position=position,
            standing=standing,
            learning_area=str(learning_area),
            school_code=school_code,
            email=email,
            phone=phone_text(cells.get("phone", "")),
        )
        return row, []

    def _duplicates(self, line: int, digest: str, email: str) -> list[str]:
        problems = []
        if digest:
            first = self.seen_ids.setdefault(digest, line)
            if first != line:
                problems.append(_("เลขประจำตัวประชาชนซ้ำกับบรรทัดที่ %(line)d") % {"line": first})
        if email:
            first = self.seen_emails.setdefault(email, line)
            if first != line:
                problems.append(_("อีเมลซ้ำกับบรรทัดที่ %(line)d") % {"line": first})
        return problems


def _standing_mismatch(position: str) -> str:
    if position == Position.ASSISTANT_TEACHER:
        return _("ครูผู้ช่วยยังไม่มีวิทยฐานะ: เว้นช่องวิทยฐานะว่างไว้")
    return _("วิทยฐานะ “ครูผู้ช่วย” ใช้กับตำแหน่งครูผู้ช่วยเท่านั้น")


def school_code_problems(value: str) -> list[str]:
    if _school_code_ok(value):
        return []
    try:
        validate_school_code(value)
    except ValidationError as error:
        return list(error.messages)
    return []  # pragma: no cover — the cache and the validator agree


@lru_cache(maxsize=65536)
def _school_code_ok(value: str) -> bool:
    try:
        validate_school_code(value)
    except ValidationError:
        return False
    return True


@dataclass
class SchoolChecker:
    """Checks school rows in file order; an area office imports schools of its own area only."""

    area_code: str
    area_name: str
    seen_codes: dict[str, int] = field(default_factory=dict)

    def check(self, line: int, cells: dict[str, str]) -> tuple[SchoolRow | None, list[str]]:
        columns = labels.SCHOOL_COLUMNS
        problems = required(columns, cells, ("school_code", "name", "area_code"))
        problems += too_long(columns, cells)
        code = cells.get("school_code", "")
        if code:
            problems += school_code_problems(code)
        if code == labels.example_school_code():
            problems.append(_("บรรทัดนี้เป็นตัวอย่างจากแบบฟอร์ม กรุณาลบออกก่อนนำเข้า"))
        area_code = cells.get("area_code", "")
        if area_code and area_code != self.area_code:
            message = _("รหัสเขตพื้นที่ %(code)s ไม่ใช่ของ%(area)s (รหัส %(own)s): นำเข้าได้เฉพาะโรงเรียนในเขตพื้นที่ของท่าน")
            problems.append(message % {"code": area_code, "area": self.area_name, "own": self.area_code})
        if code and not problems:
            first = self.seen_codes.setdefault(code, line)
            if first != line:
                problems.append(_("รหัสโรงเรียนซ้ำกับบรรทัดที่ %(line)d") % {"line": first})
        if problems:
            return None, problems
        row = SchoolRow(
            line=line,
            code=code,
            name=cells["name"],
            area_code=area_code,
            district=cells.get("district", ""),
            phone=phone_text(cells.get("phone", "")),
        )
        return row, []
