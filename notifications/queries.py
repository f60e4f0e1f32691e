"""Reading notifications and preferences: the unread count, and which channels each person chose."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest

from notifications import line
from notifications.models import Kind, LineAccount, Notification, Preference
from org.models import User

_UNREAD_ATTRIBUTE = "_teacherpa_unread_notifications"


def unread_count(request: HttpRequest) -> int:
    """The signed-in user's unread notifications: one indexed count, kept on the request for its other readers."""
    cached: int | None = getattr(request, _UNREAD_ATTRIBUTE, None)
    if cached is not None:
        return cached
    count = Notification.objects.visible_to(request.user).unread().count()
    setattr(request, _UNREAD_ATTRIBUTE, count)
    return count


@dataclass(frozen=True)
class Channels:
    in_app: bool = True
    email: bool = True
    line: bool = True  # effective only for a linked, following LINE account


def line_account_of(user: User) -> LineAccount | None:
    """The user's LINE link (fetched with `select_related("line_account")` to cost nothing), if any."""
    account: LineAccount | None = getattr(user, "line_account", None)  # a missing one raises AttributeError
    return account


def line_receives(user: User) -> bool:
    """LINE is on for this user: configured here, linked by them, and they still follow the account."""
    account = line_account_of(user)
    return line.enabled() and account is not None and account.receives


def channels_for(users: Iterable[User], kinds: Iterable[str]) -> dict[tuple[int, str], Channels]:
    """What each user receives for each of `kinds`, keyed (user id, kind). One query; `users` fetched with
    `select_related("line_account")` so LINE costs nothing more."""
    users, kinds = list(users), sorted(set(kinds))
    rows = Preference.objects.filter(user_id__in=[user.pk for user in users], kind__in=kinds)
    chosen = {(row.user_id, row.kind): row for row in rows}
    result = {}
    for user in users:
        on_line = line_receives(user)
        for kind in kinds:
            choice = _choice(chosen.get((user.pk, kind)))
            result[(user.pk, kind)] = Channels(
                in_app=choice["in_app"], email=choice["email"] and bool(user.email), line=on_line and choice["line"]
            )
    return result


def preferences_of(user: User) -> dict[str, dict[str, bool]]:
    """Every kind's channels as the preferences page shows them (defaults filled in)."""
    rows = {row.kind: row for row in Preference.objects.filter(user=user)}
    return {kind: _choice(rows.get(kind)) for kind in Kind.values}


def _choice(row: Preference | None) -> dict[str, bool]:
    """One kind's channels as the person chose them; without a row, or with LINE not chosen yet, they are on."""
    return {
        "in_app": row.in_app if row else True,
        "email": row.email if row else True,
        "line": True if row is None or row.line is None else row.line,
    }
