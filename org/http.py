"""A request type whose user is known to be signed in, for views behind login_required."""

from __future__ import annotations

from django.http import HttpRequest

from org.models import User


class AuthenticatedRequest(HttpRequest):
    user: User  # type: ignore[assignment]
