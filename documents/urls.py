from django.urls import path

from documents import views

urlpatterns = [
    path("documents/agreements/<int:pk>/pa1.<str:fmt>", views.pa1_download, name="pa1_download"),
    path("documents/sheets/<int:pk>/pa2.<str:fmt>", views.pa2_download, name="pa2_download"),
    path("documents/evaluations/<int:pk>/pa3.<str:fmt>", views.pa3_download, name="pa3_download"),
    path("documents/committees/<int:pk>/order.<str:fmt>", views.order_download, name="order_download"),
    path("documents/schools/<int:pk>/<int:year>/bundles/", views.school_bundles, name="school_bundles"),
    path(
        "documents/schools/<int:pk>/<int:year>/settings/",
        views.school_document_settings,
        name="school_document_settings",
    ),
    path("documents/bundles/<int:pk>/", views.bundle_detail, name="bundle_detail"),
    path("documents/bundles/<int:pk>/download", views.bundle_download, name="bundle_download"),
    path("documents/bundles/<int:pk>/retry", views.bundle_retry, name="bundle_retry"),
    path("forms/<str:kind>.<str:fmt>", views.blank_form, name="blank_form"),
    path("verify/", views.verify, name="document_verify_form"),
    path("verify/<str:code>/", views.verify, name="document_verify"),
]
