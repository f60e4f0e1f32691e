"""Login by national ID, email, or — for a school admin account — the school code."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

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
    """Axes counts failures per normalised identifier, so "1-2345-…" and "12345…" share one counter."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalise_identifier(str(raw))


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
