from django.urls import URLPattern, path

from committees.views import results as views

urlpatterns: list[URLPattern] = [
    path("evaluations/<int:pk>/result/", views.evaluation_result, name="evaluation_result"),
    path("evaluations/<int:pk>/publish/", views.evaluation_publish, name="evaluation_publish"),
    path("sheets/<int:pk>/", views.sheet_detail, name="sheet_detail"),
    path("committees/<int:pk>/calibration/", views.committee_calibration, name="committee_calibration"),
]
