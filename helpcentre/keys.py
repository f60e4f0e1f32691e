"""Context-help keys: the "?" next to an indicator or a form section names a key, a page claims the key.

Keys are data on pages ("indicator:1.1", "section:workload", "section:challenge", "pa1", "pa2", "pa3"), so
offices decide which page explains what without a code change. A key nobody has claimed yet falls back to
a search for words that name it.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from rulebook import DEFAULT_EDITION, RulebookError, load_edition

KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9_.:-]{0,59}")
KEYS_MAX = 20


def parse_keys(text: str) -> tuple[list[str], list[str]]:
    """Keys typed by staff (spaces or commas between them): the valid ones in order, and the refused ones."""
    keys: list[str] = []
    refused: list[str] = []
    for raw in re.split(r"[\s,]+", text.strip().lower()):
        if not raw:
            continue
        if KEY_PATTERN.fullmatch(raw):
            if raw not in keys:
                keys.append(raw)
        else:
            refused.append(raw)
    return keys, refused


def key_query(key: str) -> str:
    """Words to search for when no page claims `key`: the indicator's name, the section's title."""
    kind, _sep, code = key.partition(":")
    if kind == "indicator" and code:
        try:
            indicator = load_edition(DEFAULT_EDITION).indicator(code)
        except RulebookError:
            return code
        return f"{indicator.code} {indicator.name}"
    named = {
        "section:workload": _("ภาระงาน"),
        "section:challenge": _("ประเด็นท้าทาย"),
        "section:classroom": _("ประเภทห้องเรียน"),
        "pa1": _("ข้อตกลงในการพัฒนางาน PA 1"),
        "pa2": _("แบบประเมิน PA 2 ระดับคุณภาพ"),
        "pa3": _("สรุปผลการประเมิน PA 3"),
    }
    return named.get(key, key.replace(":", " "))
