"""Telling people things: `notify` stores one notification per person per event and queues its deliveries.

Every app's event goes through `notify` (agreements returned or approved, appointments, reopened sheets,
published results, deadlines, answers), so there is one path for the bell, email and LINE, and one place
that honours each person's preferences. It is idempotent by key: calling it again for the same event,
or a reminder run that restarts half-way, stores and sends nothing new.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.services import audit_record
from notifications.models import Channel, Delivery, Kind, LineAccount, Notification, Preference
from notifications.queries import Channels, channels_for
from org.models import User

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: typed by hand into a LINE chat
CODE_LENGTH = 8
CHUNK = 1000  # rows per INSERT and per token lookup


@dataclass(frozen=True)
class Message:
    """One notification for one person; `notify_each` stores many at once."""

    user_id: int
    kind: str
    key: str
    title: str
    body: str = ""
    url: str = ""
    email_text: str = ""


@transaction.atomic
def notify(
    recipients: Iterable[int | User | None],
    *,
    kind: str,
    key: str,
    title: str,
    body: str = "",
    url: str = "",
    email_text: str = "",
) -> list[Notification]:
    """Store the notification for each recipient that has none with this key yet; returns the new ones.

    Call it inside the event's transaction: the notification commits with the event, and email and LINE
    are queued once it has committed (never for an event that rolled back). `url` is a path on this site;
    `email_text` replaces `body` and the link in the email when it has more to say. Inactive users get nothing.
    """
    ids = sorted({recipient if isinstance(recipient, int) else recipient.pk for recipient in recipients if recipient})
    return notify_each(Message(user_id, kind, key, title, body, url, email_text) for user_id in ids)


@transaction.atomic
def notify_each(messages: Iterable[Message]) -> list[Notification]:
    """`notify` for many people and texts at once (a reminder run): a fixed number of queries for any number."""
    wanted = list(messages)
    unknown = {message.kind for message in wanted} - set(Kind.values)
    if unknown:
        raise ValueError(f"unknown notification kind {sorted(unknown)!r}")
    if not wanted:
        return []
    users = {
        user.pk: user
        for user in User.objects.filter(pk__in={message.user_id for message in wanted}, is_active=True).select_related(
            "line_account"
        )
    }
    channels = channels_for(users.values(), {message.kind for message in wanted})
    stored = _stored(wanted)
    rows = [
        _row(users[message.user_id], message, channels)
        for message in wanted
        if message.user_id in users and (message.user_id, message.key[:200]) not in stored
    ]
    # A concurrent call with the same key inserts first: its rows are skipped here, and only the rows this
    # call inserted (found again by their fresh tokens) are delivered.
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=CHUNK)
    created: list[Notification] = []
    for start in range(0, len(rows), CHUNK):
        tokens = [row.token for row in rows[start : start + CHUNK]]
        created += Notification.objects.filter(token__in=tokens).order_by("pk")
    emails = [row.pk for row in created if row.email_status == Delivery.PENDING]
    pushes = [row.pk for row in created if row.line_status == Delivery.PENDING]
    if emails or pushes:
        transaction.on_commit(partial(_queue_deliveries, emails, pushes))
    return created


def _stored(messages: list[Message]) -> set[tuple[int, str]]:
    """The (user, key) pairs already stored, so a repeated run writes nothing: a query per CHUNK people, on
    the (user, key) unique index."""
    keys_of: dict[int, set[str]] = {}
    for message in messages:
        keys_of.setdefault(message.user_id, set()).add(message.key[:200])
    users = sorted(keys_of)
    found: set[tuple[int, str]] = set()
    for start in range(0, len(users), CHUNK):
        chunk = users[start : start + CHUNK]
        keys = set().union(*(keys_of[user] for user in chunk))
        rows = Notification.objects.filter(user_id__in=chunk, key__in=sorted(keys)).values_list("user_id", "key")
        found.update(row for row in rows if row[1] in keys_of[row[0]])
    return found


def _row(user: User, message: Message, channels: dict[tuple[int, str], Channels]) -> Notification:
    chosen = channels[(user.pk, message.kind)]
    return Notification(
        user=user,
        kind=message.kind,
        key=message.key[:200],
        title=message.title[:200],
        body=message.body,
        url=message.url[:500],
        email_text=message.email_text,
        in_app=chosen.in_app,
        email_status=Delivery.PENDING if chosen.email else Delivery.NONE,
        line_status=Delivery.PENDING if chosen.line else Delivery.NONE,
    )


def _queue_deliveries(emails: list[int], pushes: list[int]) -> None:
    from notifications.tasks import deliver_email, deliver_line

    for pk in emails:
        deliver_email.enqueue(notification_id=pk)
    for pk in pushes:
        deliver_line.enqueue(notification_id=pk)


def deliveries_resume(*, older_than: timedelta = timedelta(minutes=30), limit: int = 10_000) -> int:
    """Queue again the deliveries still PENDING well after they were stored (their task was lost, or a LINE
    retry is due); the claim in each delivery keeps a message from going out twice. Returns how many."""
    before = timezone.now() - older_than
    waiting = Notification.objects.filter(
        Q(email_status=Delivery.PENDING) | Q(line_status=Delivery.PENDING), created_at__lt=before
    ).values_list("pk", "email_status", "line_status")[:limit]
    emails, pushes = [], []
    for pk, email_status, line_status in waiting:
        if email_status == Delivery.PENDING:
            emails.append(pk)
        if line_status == Delivery.PENDING:
            pushes.append(pk)
    _queue_deliveries(emails, pushes)
    return len(emails) + len(pushes)


def notification_read(*, actor: User, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications read (opening it); reading twice keeps the first time."""
    if notification.user_id != actor.pk:
        raise ValueError("not the actor's notification")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_read_all(*, actor: User) -> int:
    """Mark every unread notification of the actor read; returns how many."""
    return Notification.objects.visible_to(actor).unread().update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, actor: User, choices: Mapping[str, Mapping[str, bool | None]]) -> None:
    """Store the actor's channels per kind. A channel missing from a kind's choice keeps its stored value
    (LINE is not offered until it is linked, and must not be switched off by a page that did not show it)."""
    unknown = set(choices) - set(Kind.values)
    if unknown:
        raise ValidationError(_("ไม่รู้จักประเภทการแจ้งเตือน %(kinds)s") % {"kinds": ", ".join(sorted(unknown))})
    stored = {row.kind: row for row in Preference.objects.filter(user=actor)}
    rows = []
    for kind, chosen in choices.items():
        row = stored.get(kind) or Preference(user=actor, kind=kind)
        for channel in Channel.values:
            if channel in chosen:
                setattr(row, channel, chosen[channel])
        rows.append(row)
    Preference.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["user", "kind"], update_fields=["in_app", "email", "line"]
    )
    audit_record(actor, "notification_preferences.changed", actor, choices={k: dict(v) for k, v in choices.items()})


# --- LINE ---------------------------------------------------------------------------------------------


def _code_digest(code: str) -> str:
    normalised = "".join(character for character in code.upper() if character.isalnum())
    return hmac.new(settings.SECRET_KEY.encode(), f"line-link:{normalised}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def line_code_issue(*, actor: User) -> str:
    """A new one-time code the actor sends to the official account to link their LINE; shown once."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _index in range(CODE_LENGTH))
    account, _created = LineAccount.objects.select_for_update().get_or_create(user=actor)
    account.code_digest = _code_digest(raw)
    account.code_expires_at = timezone.now() + timedelta(minutes=settings.LINE_LINK_CODE_MINUTES)
    account.save(update_fields=["code_digest", "code_expires_at", "updated_at"])
    audit_record(actor, "line.code_issued", account)
    return f"{raw[:4]}-{raw[4:]}"


@transaction.atomic
def line_unlink(*, actor: User) -> None:
    account = LineAccount.objects.select_for_update().filter(user=actor).first()
    if account is None or not account.is_linked:
        return
    account.line_user_id, account.following, account.linked_at = "", False, None
    account.save(update_fields=["line_user_id", "following", "linked_at", "updated_at"])
    audit_record(actor, "line.unlinked", account)


@transaction.atomic
def line_link(*, code: str, line_user_id: str) -> LineAccount | None:
    """Link the account whose unexpired code this is to the LINE user who sent it; None for a wrong code."""
    account = (
        LineAccount.objects.select_for_update()
        .select_related("user")
        .filter(code_digest=_code_digest(code), code_expires_at__gt=timezone.now())
        .first()
    )
    if account is None:
        return None
    account.line_user_id, account.following, account.linked_at = line_user_id, True, timezone.now()
    account.code_digest, account.code_expires_at = "", None
    fields = ["line_user_id", "following", "linked_at", "code_digest", "code_expires_at", "updated_at"]
    account.save(update_fields=fields)
    audit_record(account.user, "line.linked", account)
    return account


@transaction.atomic
def line_events_handle(events: Iterable[Mapping[str, Any]]) -> int:
    """The webhook's events: a text message may be a link code; follow and unfollow switch delivery on and off.
    Replies go out after commit. Returns how many events were about a user."""
    handled = 0
    for event in events:
        source = event.get("source") or {}
        line_user_id = str(source.get("userId") or "")
        if source.get("type") != "user" or not line_user_id:
            continue
        handled += 1
        answer = _line_event(str(event.get("type") or ""), line_user_id, event)
        reply_token = str(event.get("replyToken") or "")
        if answer and reply_token:
            transaction.on_commit(partial(_queue_reply, reply_token, answer))
    return handled


def _line_event(kind: str, line_user_id: str, event: Mapping[str, Any]) -> str:
    with translation.override("th"):
        if kind == "unfollow":
            LineAccount.objects.filter(line_user_id=line_user_id).update(following=False, updated_at=timezone.now())
            return ""
        if kind == "follow":
            known = LineAccount.objects.filter(line_user_id=line_user_id).update(
                following=True, updated_at=timezone.now()
            )
            if known:
                return _("ยินดีต้อนรับกลับ ระบบจะส่งการแจ้งเตือนถึงคุณทางนี้อีกครั้ง")
            return _("ขอบคุณที่เพิ่มเพื่อน เชื่อมบัญชีโดยส่งรหัสเชื่อมต่อจากหน้า “ตั้งค่าการแจ้งเตือน” ในระบบ PA มาที่นี่")
        message = event.get("message") or {}
        if kind != "message" or message.get("type") != "text":
            return ""
        account = line_link(code=str(message.get("text") or ""), line_user_id=line_user_id)
        if account is None:
            return _("ไม่พบรหัสเชื่อมต่อนี้ หรือรหัสหมดอายุแล้ว กรุณาขอรหัสใหม่จากหน้า “ตั้งค่าการแจ้งเตือน” ในระบบ PA")
        return _("เชื่อมบัญชี LINE กับ %(name)s แล้ว ระบบจะส่งการแจ้งเตือนถึงคุณทางนี้") % {"name": account.user}


def _queue_reply(reply_token: str, text: str) -> None:
    from notifications.tasks import line_reply

    line_reply.enqueue(reply_token=reply_token, text=text)
