"""Display names of evidence: the teacher's own file name, kept as typed. Plain Python.

Thai tone marks and vowels are combining characters, and emoji are joined by U+200D and styled by
variation selectors; none of them may be dropped or "normalised". Only what can mislead or break a
header goes: control characters, the bidirectional overrides that make "exe.pdf" read backwards, and
folder names some browsers send before the file name.
"""

from __future__ import annotations

import unicodedata

TITLE_MAX = 255
_BIDI_CONTROLS = {chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
_JOINERS = {"\u200c", "\u200d"}


def display_name(declared: str) -> str:
    """The name a teacher sees: the file name as sent, without folders, controls or bidi overrides."""
    name = declared.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char) != "Cc" and char not in _BIDI_CONTROLS)
    return _shorten(name.strip(), TITLE_MAX)


def download_name(title: str, extension: str) -> str:
    """The name a download is saved under: the title, with the real type's extension when it lacks it."""
    if title.lower().endswith(extension) or (extension == ".jpg" and title.lower().endswith(".jpeg")):
        return title
    return title + extension


def _shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut between clusters: never leaving a Thai mark or emoji part behind."""
    if len(text) <= limit:
        return text
    end = limit
    while end > 0 and (_continues(text[end]) or text[end - 1] in _JOINERS):
        end -= 1
    return text[:end].rstrip()


def _continues(char: str) -> bool:
    """Whether a character belongs to the cluster before it (a tone mark, ำ, a joiner, a skin tone…)."""
    return (
        unicodedata.category(char) in {"Mn", "Mc", "Me", "Sk"}
        or char in _JOINERS
        or char == "\u0e33"  # SARA AM is a letter by category but is written with the consonant before it
    )
