from django.urls import path

from notifications import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/bell/", views.notification_bell, name="notification_bell"),
    path("notifications/read-all/", views.notifications_read_all_view, name="notifications_read_all"),
    path("notifications/preferences/", views.notification_preferences, name="notification_preferences"),
    path("notifications/line/code/", views.line_code_view, name="line_code"),
    path("notifications/line/unlink/", views.line_unlink_view, name="line_unlink"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("line/webhook", views.line_webhook, name="line_webhook"),
]
