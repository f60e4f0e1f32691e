"""The signed-in user's roles, for the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from org.scope import scope_of


def roles(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_of(user)
    return {"user_scope": scope, "thai_digits": bool(getattr(user, "thai_digits", False))}
