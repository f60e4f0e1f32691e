"""Thai text for people: Buddhist-era dates, Thai digits, Thai dictionary order. Used by every app and document."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time

from django.utils import timezone
from pythainlp.util import arabic_digit_to_thai_digit, collate, thai_strftime

_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def thai_digits(text: object) -> str:
    return str(arabic_digit_to_thai_digit(str(text)))


def be_date(value: date | datetime | None, *, digits: bool = False, language: str = "th") -> str:
    """'1 ตุลาคม 2568' (or '1 October 2568 BE' in English); datetimes are shown in Bangkok time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if language.startswith("en"):
        return f"{value.day} {_EN_MONTHS[value.month - 1]} {value.year + 543} BE"
    moment = value if isinstance(value, datetime) else datetime.combine(value, time())
    return str(thai_strftime(moment, "%-d %B %Y", thaidigit=digits))


def be_datetime(value: datetime | None, *, digits: bool = False, language: str = "th") -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    clock = local.strftime("%H:%M")
    text = f"{be_date(local, language=language)} {clock}" + ("" if language.startswith("en") else " น.")
    return thai_digits(text) if digits else text


def thai_sorted[T](items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """Items in Thai dictionary order of `key` (leading vowels เ แ โ ใ ไ sort by their consonant).

    Databases sort Thai by code point (เ after ฮ) unless given an ICU collation; for the short lists
    a page shows, sorting here gives the same order on SQLite and PostgreSQL.
    """
    materialised = list(items)
    rank = {text: index for index, text in enumerate(collate({key(item) for item in materialised}))}
    return sorted(materialised, key=lambda item: rank[key(item)])


def thai_words(text: str) -> list[str]:
    """Thai words (newmm segmentation from pythainlp, offline); spaces and punctuation kept as tokens."""
    from pythainlp.tokenize import word_tokenize

    return list(word_tokenize(text, engine="newmm", keep_whitespace=True))


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """What changed between two texts, word by word: ("same" | "removed" | "added", text) pieces in order.

    Thai is written without spaces between words, so a character or space diff would be unreadable;
    segmenting into words first gives changes a person recognises.
    """
    from difflib import SequenceMatcher

    before, after = thai_words(old), thai_words(new)
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(("same", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(after[j1:j2])))
    return pieces
