"""The committee member's pages: their committee work, answering an appointment, and the PA 2 score sheet."""

from django.urls import URLPattern, path

from committees.views import scoring

urlpatterns: list[URLPattern] = [
    path("evaluator/", scoring.evaluator_home, name="evaluator_home"),
    path("seats/<int:pk>/respond/", scoring.seat_respond_view, name="seat_respond"),
    path("evaluations/<int:pk>/sheet/", scoring.sheet_open_view, name="sheet_open"),
    path("sheets/<int:pk>/save/", scoring.sheet_save_view, name="sheet_save"),
    path("sheets/<int:pk>/items/<str:code>/", scoring.sheet_item_save_view, name="sheet_item_save"),
    path("sheets/<int:pk>/submit/", scoring.sheet_submit_view, name="sheet_submit"),
]
