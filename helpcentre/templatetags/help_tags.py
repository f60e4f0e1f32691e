"""Context help in any template: `{% load help_tags %}{% help_link "indicator:1.1" %}` draws a small "?" link.

The link goes to the help centre's key address, which opens the page an office tagged with the key (the
reader's own area first) or a search for the key's name. Rendering it costs no query, so lower apps'
templates (the agreement form, the PA 2 score sheet) can carry one per indicator.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def help_url(key: str) -> str:
    """The address that explains `key`, e.g. {% help_url "section:workload" as url %}."""
    return reverse("help_key", args=[str(key)])


@register.inclusion_tag("helpcentre/_help_link.html")
def help_link(key: str, label: str = "") -> dict[str, Any]:
    return {"url": help_url(key), "label": label}
