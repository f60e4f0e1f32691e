"""Template filters: `{{ value|be_date }}`, `{{ value|be_datetime }}`, `{{ number|digits }}`.

Each follows the signed-in user's Thai-digit preference (the `thai_digits` context flag) when given
it as an argument: `{{ value|be_date:thai_digits }}`.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils.translation import get_language

import thaitext as thai

register = template.Library()


@register.filter(name="be_date")
def be_date(value: date | datetime | None, digits: bool = False) -> str:
    return thai.be_date(value, digits=bool(digits), language=get_language() or "th")


@register.filter(name="be_datetime")
def be_datetime(value: datetime | None, digits: bool = False) -> str:
    return thai.be_datetime(value, digits=bool(digits), language=get_language() or "th")


@register.filter(name="digits")
def digits(value: object, use_thai: bool = False) -> str:
    return thai.thai_digits(value) if use_thai else str(value)
