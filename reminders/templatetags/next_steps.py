"""The "สิ่งที่ต้องทำต่อไป" card on the home pages, which fills itself in after the page has loaded.

    {% load next_steps %}
    {% next_steps_card %}   {# a whole card, with its heading #}
    {% next_steps_list %}   {# only the list, inside a card the page already has #}

The tag itself reads nothing: htmx fetches the items from the `next_steps` view, so a home page costs no
more queries than before and works without JavaScript through the link to the full page.
"""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("reminders/_next_steps_slot.html")
def next_steps_card() -> dict[str, str]:
    return {"part": "card"}


@register.inclusion_tag("reminders/_next_steps_slot.html")
def next_steps_list() -> dict[str, str]:
    return {"part": "list"}
