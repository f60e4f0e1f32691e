"""Login by national ID, email, or — for a school admin account — the school code."""

from __future__ import annotations

from typing import Any

from axes.conf import settings as axes_settings
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from org import national_id
from org.models import Person, User


def normalise_identifier(identifier: str) -> str:
    """The one spelling of what a person typed: no spaces or dashes in IDs, emails lower-cased."""
    value = (identifier or "").strip()
    if "@" in value:
        return value.lower()
    return national_id.normalise(value)


def find_user(identifier: str) -> User | None:
    value = normalise_identifier(identifier)
    if not value:
        return None
    if "@" in value:
        return User.objects.filter(email__iexact=value).first()
    if len(value) == 13 and value.isdigit():
        person = (
            Person.objects.select_related("user")
            .filter(national_id_digest=national_id.digest(value, settings.NATIONAL_ID_KEY))
            .first()
        )
        return person.user if person else None
    return User.objects.filter(username=value).first()


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """What Axes counts failures against: the account, whichever identifier names it.

    "1-2345-…" and "12345…", the email in any case, and the login's own username (which Axes passes
    after a successful login, to clear the count) all share one counter; an identifier that names no
    account is counted by its normal spelling, so a lock tells nothing about which accounts exist.
    """
    raw = str((credentials or {}).get("username") or request.POST.get("username", ""))
    user = find_user(raw)
    return f"user:{user.pk}" if user is not None else normalise_identifier(raw)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The Thai lockout page, telling how long the lock lasts (AXES_COOLOFF_MINUTES)."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    return render(
        request,
        axes_settings.AXES_LOCKOUT_TEMPLATE,
        {"cooloff_minutes": minutes},
        status=axes_settings.AXES_HTTP_RESPONSE_CODE,
    )


class IdentifierBackend(ModelBackend):
    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if not username or password is None:
            return None
        user = find_user(username)
        if user is None:
            # Spend the same time as a real check, so timing does not tell which identifiers exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
