"""The bell, the list, preferences and the LINE link; the LINE webhook. Parse, fetch, call one service, respond."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notifications import line
from notifications.access import notification_for
from notifications.forms import PreferencesForm
from notifications.models import LineAccount, Notification
from notifications.queries import preferences_of, unread_count
from notifications.services import (
    line_code_issue,
    line_events_handle,
    line_unlink,
    notification_read,
    notifications_read_all,
    preferences_save,
)
from org.access import not_found
from org.http import AuthenticatedRequest

PAGE_SIZE = 30
CHANGED_EVENT = "notifications-changed"  # the bell listens for it and fetches its count again


@require_GET
def notification_bell(request: HttpRequest) -> HttpResponse:
    """The bell with the unread count, fetched by the header after the page: pages stay one query cheaper."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)  # a session that ended: leave the header as it is
    return render(request, "notifications/_bell.html", {"unread": unread_count(request)})


@login_required
@require_GET
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(Notification.objects.visible_to(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page, "unread": unread_count(request)})


@login_required
@require_GET
def notification_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Opening a notification marks it read and goes where it points (a page of this site only)."""
    notification = notification_read(actor=request.user, notification=notification_for(request.user, pk))
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None) and notification.url.startswith("/")
    return redirect(notification.url if safe else "notification_list")


@login_required
@require_POST
def notifications_read_all_view(request: AuthenticatedRequest) -> HttpResponse:
    notifications_read_all(actor=request.user)
    if not request.htmx:
        return redirect("notification_list")
    page = Paginator(Notification.objects.visible_to(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    response = render(request, "notifications/notification_list.html#list", {"page": page, "unread": 0})
    response["HX-Trigger"] = CHANGED_EVENT
    return response


def _line_account(request: AuthenticatedRequest) -> LineAccount | None:
    return LineAccount.objects.filter(user=request.user).first() if line.enabled() else None


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: AuthenticatedRequest) -> HttpResponse:
    account = _line_account(request)
    with_line = account is not None and account.is_linked
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, table=preferences_of(request.user), with_line=with_line
    )
    if request.method == "POST" and form.is_valid():
        preferences_save(actor=request.user, choices=form.choices())
        messages.success(request, _("บันทึกการตั้งค่าการแจ้งเตือนแล้ว"))
        return redirect("notification_preferences")
    return _preferences_page(request, form, account)


def _preferences_page(
    request: AuthenticatedRequest, form: PreferencesForm, account: LineAccount | None, code: str = ""
) -> HttpResponse:
    context = {
        "form": form,
        "line_enabled": line.enabled(),
        "line_account": account,
        "code": code,
        "code_minutes": settings.LINE_LINK_CODE_MINUTES,
        "official_account": settings.LINE_OFFICIAL_ACCOUNT,
    }
    return render(request, "notifications/preferences.html", context)


@login_required
@require_POST
def line_code_view(request: AuthenticatedRequest) -> HttpResponse:
    """A fresh link code, shown on this answer only (it is stored as a digest)."""
    if not line.enabled():
        raise not_found()
    code = line_code_issue(actor=request.user)
    account = _line_account(request)
    form = PreferencesForm(None, table=preferences_of(request.user), with_line=bool(account and account.is_linked))
    return _preferences_page(request, form, account, code)


@login_required
@require_POST
def line_unlink_view(request: AuthenticatedRequest) -> HttpResponse:
    if not line.enabled():
        raise not_found()
    line_unlink(actor=request.user)
    messages.success(request, _("ยกเลิกการเชื่อมต่อ LINE แล้ว"))
    return redirect("notification_preferences")


@csrf_exempt
@require_POST
def line_webhook(request: HttpRequest) -> HttpResponse:
    """Events from the LINE platform, accepted only with a valid X-Line-Signature for our channel secret."""
    if not line.enabled():
        raise not_found()
    if not line.signature_valid(request.body, request.headers.get("X-Line-Signature", "")):
        return HttpResponseForbidden()
    try:
        events = json.loads(request.body).get("events") or []
    except (ValueError, AttributeError):
        return HttpResponseBadRequest()
    if not isinstance(events, list):
        return HttpResponseBadRequest()
    line_events_handle([event for event in events if isinstance(event, dict)])
    return HttpResponse(status=200)
