from django.urls import path

from rosters import views

urlpatterns = [
    path("rosters/schools/<int:pk>/", views.school_import, name="roster_school_import"),
    path("rosters/areas/<int:pk>/", views.area_import, name="roster_area_import"),
    path("rosters/forms/<str:kind>.<str:fmt>", views.blank_form, name="roster_blank_form"),
    path("rosters/imports/<int:pk>/", views.job_detail, name="roster_job"),
    path("rosters/imports/<int:pk>/confirm", views.job_confirm, name="roster_job_confirm"),
    path("rosters/imports/<int:pk>/retry", views.job_retry, name="roster_job_retry"),
    path("rosters/imports/<int:pk>/cancel", views.job_cancel, name="roster_job_cancel"),
    path("rosters/sheets/<int:pk>/download", views.sheet_download, name="roster_sheet_download"),
]
