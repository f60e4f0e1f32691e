"""The words offices put in their files: column headers and the Thai labels of prefixes, positions, standings and
learning areas, mapped to the codes of org.models and the rulebook edition.

Matching is by a *key*: Unicode NFKC (so "ํา" typed as two characters equals "ำ"), lower case, without spaces, dots,
dashes, asterisks, "ฯ" and anything in parentheses — "เลขประจำตัวประชาชน (13 หลัก)*" and "เลขประจำตัวประชาชน" are one
header, "น.ส." and "นส" one prefix. Standings come from the rulebook edition, positions and learning areas from the
model choices, so a label the system shows is always accepted back; the extra spellings below are what people type.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from org.models import LearningArea, Position, Prefix
from rulebook import DEFAULT_EDITION, load_edition

_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_DROPPED = re.compile(r"[\s*._\-:/ฯ\u200b\u200c\u200d\ufeff]")


def key(text: str) -> str:
    """The spelling-insensitive form of a header or a label."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return _DROPPED.sub("", _PARENTHESES.sub("", folded))


@dataclass(frozen=True)
class Column:
    """One column of an import file: its field, the Thai header of the template, and other headers accepted."""

    field: str
    label: str | Promise
    aliases: tuple[str, ...] = ()
    required: bool = True
    example: str = ""
    help: str | Promise = ""
    max_length: int = 0

    def spellings(self) -> set[str]:
        return {key(str(self.label)), key(self.field), *(key(alias) for alias in self.aliases)}


# The example national ID of the templates: valid check digit, recognised and refused if left in a file.
EXAMPLE_NATIONAL_ID = "1234567890121"


def example_school_code() -> str:
    """The templates' example school code: one no real school has (all nines), refused if left in a file."""
    return "9" * settings.SCHOOL_CODE_LENGTH


PEOPLE_COLUMNS = (
    Column(
        "national_id",
        _("เลขประจำตัวประชาชน"),
        ("เลขบัตรประชาชน", "เลขบัตรประจำตัวประชาชน", "เลขประจำตัว", "national id", "citizen id"),
        example=EXAMPLE_NATIONAL_ID,
        help=_("13 หลัก พิมพ์ขีดหรือเว้นวรรคได้ จัดรูปแบบคอลัมน์เป็นข้อความ (Text) เพื่อไม่ให้ Excel แปลงเป็นเลขยกกำลัง"),
    ),
    Column(
        "prefix",
        _("คำนำหน้า"),
        ("คำนำหน้าชื่อ", "คำนำหน้านาม", "title"),
        example="นางสาว",
        help=_("นาย นาง นางสาว (น.ส.) ว่าที่ร้อยตรี ว่าที่ร้อยตรีหญิง ดร. ผศ. รศ. ศ."),
    ),
    Column("first_name", _("ชื่อ"), ("ชื่อจริง", "first name"), example="ตัวอย่าง", max_length=100),
    Column("last_name", _("นามสกุล"), ("สกุล", "last name", "surname"), example="ใจดี", max_length=100),
    Column(
        "position",
        _("ตำแหน่ง"),
        ("position",),
        example="ครู",
        help=_("ครู ครูผู้ช่วย ผู้อำนวยการสถานศึกษา หรือรองผู้อำนวยการสถานศึกษา"),
    ),
    Column(
        "standing",
        _("วิทยฐานะ"),
        ("standing",),
        required=False,
        example="ครูชำนาญการ",
        help=_("เช่น ครูชำนาญการ ชำนาญการพิเศษ เว้นว่างหรือ “ไม่มี” เมื่อยังไม่มีวิทยฐานะ"),
    ),
    Column(
        "learning_area",
        _("กลุ่มสาระการเรียนรู้"),
        ("กลุ่มสาระ", "learning area", "subject group"),
        required=False,
        example="วิทยาศาสตร์และเทคโนโลยี",
    ),
    Column(
        "school_code",
        _("รหัสโรงเรียน"),
        ("รหัสสถานศึกษา", "school code"),
        required=False,  # a school importing its own staff may leave it out; an area import needs it on every row
        example="1065010001",
        help=_("เว้นว่างได้เมื่อโรงเรียนนำเข้าบุคลากรของตนเอง"),
    ),
    Column("email", _("อีเมล"), ("อีเมล์", "e-mail"), required=False, example="", max_length=254),
    Column(
        "phone",
        _("โทรศัพท์"),
        ("เบอร์โทรศัพท์", "เบอร์โทร", "หมายเลขโทรศัพท์", "โทร", "telephone", "mobile"),
        required=False,
        example="0812345678",
        max_length=40,
    ),
)

SCHOOL_COLUMNS = (
    Column(
        "school_code",
        _("รหัสโรงเรียน"),
        ("รหัสสถานศึกษา", "school code"),
        example="1065010099",
        help=_("ตัวเลขตามที่ สพฐ. กำหนด"),
    ),
    Column(
        "name",
        _("ชื่อโรงเรียน"),
        ("ชื่อสถานศึกษา", "โรงเรียน", "school name", "name"),
        example="โรงเรียนบ้านตัวอย่าง",
        max_length=200,
    ),
    Column(
        "area_code",
        _("รหัสเขตพื้นที่"),
        ("รหัสสำนักงานเขตพื้นที่", "รหัสสำนักงานเขตพื้นที่การศึกษา", "รหัสเขต", "area code"),
        help=_("รหัสสำนักงานเขตพื้นที่การศึกษาของท่านเท่านั้น"),
    ),
    Column("district", _("อำเภอ"), ("district",), required=False, example="เมืองพิษณุโลก", max_length=100),
    Column(
        "phone",
        _("โทรศัพท์"),
        ("เบอร์โทรศัพท์", "เบอร์โทร", "หมายเลขโทรศัพท์", "โทร", "telephone"),
        required=False,
        example="055123456",
        max_length=40,
    ),
)

COLUMNS = {"people": PEOPLE_COLUMNS, "schools": SCHOOL_COLUMNS}

# Positions a school roster holds (as the roster form offers), with the spellings people use.
ROSTER_POSITIONS = (Position.TEACHER, Position.ASSISTANT_TEACHER, Position.DIRECTOR, Position.DEPUTY_DIRECTOR)
_POSITION_SPELLINGS: dict[str, tuple[str, ...]] = {
    Position.DIRECTOR: ("ผู้อำนวยการ", "ผู้อำนวยการโรงเรียน", "ผอ", "director"),
    Position.DEPUTY_DIRECTOR: ("รองผู้อำนวยการ", "รองผู้อำนวยการโรงเรียน", "รองผอ", "deputy director"),
    Position.ASSISTANT_TEACHER: ("assistant teacher",),
}
_PREFIX_SPELLINGS: dict[str, tuple[str, ...]] = {
    Prefix.MISS: ("นส", "miss", "ms"),
    Prefix.MR: ("mr",),
    Prefix.MRS: ("mrs",),
    Prefix.ACTING_SUB_LT: ("ว่าที่รต",),
    Prefix.ACTING_SUB_LT_F: ("ว่าที่รตหญิง",),
    Prefix.DR: ("dr",),
}
_LEARNING_AREA_SPELLINGS: dict[str, tuple[str, ...]] = {
    LearningArea.SCIENCE: ("วิทยาศาสตร์", "วิทย์", "วิทยาศาสตร์และเทคโนโลยี"),
    LearningArea.SOCIAL: ("สังคมศึกษา", "สังคม", "สังคมศึกษาศาสนาและวัฒนธรรม"),
    LearningArea.HEALTH: ("สุขศึกษา", "พลศึกษา", "สุขศึกษาพลศึกษา", "สุขพละ"),
    LearningArea.ARTS: ("ศิลปะดนตรีนาฏศิลป์", "ดนตรี", "นาฏศิลป์"),
    LearningArea.CAREERS: ("การงานอาชีพและเทคโนโลยี", "การงาน"),
    LearningArea.FOREIGN_LANGUAGES: ("ภาษาอังกฤษ", "ภาษาจีน", "ภาษาญี่ปุ่น", "ภาษาเกาหลี", "ภาษาฝรั่งเศส", "อังกฤษ"),
    LearningArea.EARLY_CHILDHOOD: ("การศึกษาปฐมวัย", "อนุบาล"),
    LearningArea.GUIDANCE: ("แนะแนว", "กิจกรรมพัฒนาผู้เรียน"),
}
_LEARNING_AREA_LEADS = ("กลุ่มสาระการเรียนรู้", "กลุ่มสาระ", "กลุ่มการเรียนรู้")
# Written where a standing goes when there is none.
_NO_STANDING = {"", "ไม่มี", "ไม่มีวิทยฐานะ", "ยังไม่มีวิทยฐานะ", "none"}
_POSITION_LEADS = ("รองผู้อำนวยการสถานศึกษา", "รองผู้อำนวยการ", "ผู้อำนวยการสถานศึกษา", "ผู้อำนวยการ", "ครู")
NO_STANDING = "none"  # lookup result: the cell says "no standing"; what that means depends on the position


def _table(pairs: dict[str, tuple[str, ...]], choices: list[tuple[str, str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, label in choices:
        table[key(code)] = code
        table[key(str(label))] = code
    for code, spellings in pairs.items():
        for spelling in spellings:
            table.setdefault(key(spelling), code)
    return table


@cache
def prefix_table() -> dict[str, str]:
    return _table(_PREFIX_SPELLINGS, [(value, value) for value in Prefix.values])


@cache
def position_table() -> dict[str, str]:
    return _table(_POSITION_SPELLINGS, [(p.value, str(p.label)) for p in ROSTER_POSITIONS])


@cache
def learning_area_table() -> dict[str, str]:
    return _table(_LEARNING_AREA_SPELLINGS, [(value, str(label)) for value, label in LearningArea.choices])


@cache
def standing_table() -> dict[str, str]:
    """Every spelling of every standing of the edition: its code, name (ครูชำนาญการ), title (ชำนาญการ) and form label,
    with or without "วิทยฐานะ" and a position in front (ผู้อำนวยการชำนาญการพิเศษ)."""
    table = {key(word): NO_STANDING for word in _NO_STANDING}
    for standing in load_edition(DEFAULT_EDITION).standings:
        spellings = {standing.code, standing.name, standing.position_label}
        if key(standing.title) not in table:  # "ยังไม่มีวิทยฐานะ" is no standing, not a standing
            spellings |= {standing.title, *(lead + standing.title for lead in _POSITION_LEADS)}
        for spelling in spellings:
            table.setdefault(key(spelling), standing.code)
            table.setdefault(key("วิทยฐานะ" + spelling), standing.code)
    return table


_LEAD_POSITIONS = {
    "รองผู้อำนวยการสถานศึกษา": Position.DEPUTY_DIRECTOR,
    "รองผู้อำนวยการ": Position.DEPUTY_DIRECTOR,
    "ผู้อำนวยการสถานศึกษา": Position.DIRECTOR,
    "ผู้อำนวยการ": Position.DIRECTOR,
    "ครู": Position.TEACHER,
}


def lookup_position(text: str) -> tuple[str | None, str | None]:
    """The position, and the standing the cell implies when people write both in one ("ครูชำนาญการ")."""
    value = key(text)
    if value in position_table():
        return position_table()[value], None
    standing = standing_table().get(value)
    if standing == "assistant":
        return Position.ASSISTANT_TEACHER, None
    for lead, position in _LEAD_POSITIONS.items():
        if value.startswith(key(lead)) and standing not in (None, NO_STANDING):
            return position, standing
    return None, None


def lookup_learning_area(text: str) -> str | None:
    value = key(text)
    for lead in _LEARNING_AREA_LEADS:
        if value.startswith(lead) and value != lead:
            value = value.removeprefix(lead)
            break
    return learning_area_table().get(value)


def standing_names() -> str:
    return " ".join(standing.name for standing in load_edition(DEFAULT_EDITION).standings)


def position_names() -> str:
    return " ".join(str(position.label) for position in ROSTER_POSITIONS)


def learning_area_names() -> str:
    return " ".join(str(label) for _value, label in LearningArea.choices)
