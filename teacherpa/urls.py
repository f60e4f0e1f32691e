from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import include, path

from org.forms import IdentifierAuthenticationForm, QueuedPasswordResetForm
from org.views import ForcedPasswordChangeView, ResetPasswordConfirmView


def root(request: HttpRequest) -> HttpResponse:
    return redirect("home" if request.user.is_authenticated else "login")


def healthz(request: HttpRequest) -> HttpResponse:
    """A trivial view: liveness probe and the bare-stack baseline for benchmarks."""
    return HttpResponse("ok", content_type="text/plain")


accounts = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=IdentifierAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", ForcedPasswordChangeView.as_view(), name="password_change"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        ResetPasswordConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

urlpatterns = [
    path("", root, name="root"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include(accounts)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("org.urls")),
    path("", include("agreements.urls")),
    path("", include("evidence.urls")),
    path("", include("committees.urls")),
    path("", include("documents.urls")),
    path("", include("notifications.urls")),
    path("", include("reminders.urls")),
    path("", include("helpcentre.urls")),
    path("", include("questions.urls")),
    path("", include("peers.urls")),
    path("", include("rosters.urls")),
    path("", include("dashboards.urls")),
]

handler403 = "teacherpa.errors.forbidden"
handler404 = "teacherpa.errors.not_found"
