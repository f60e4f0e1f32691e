"""A request type whose user is known to be signed in, for views behind login_required."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from org.models import User


class AuthenticatedRequest(HttpRequest):
    user: User  # type: ignore[assignment]
    htmx: HtmxDetails
    arrived_at: datetime  # set by org.middleware.RequestArrivalMiddleware
