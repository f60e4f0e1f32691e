from django.urls import URLPattern, path

from committees.views import manage as views

urlpatterns: list[URLPattern] = [
    path("schools/<int:pk>/committees/", views.school_committees, name="school_committees"),
    path("schools/<int:pk>/committees/new/", views.committee_create_view, name="committee_create"),
    path("committees/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("committees/<int:pk>/candidates/", views.committee_candidates, name="committee_candidates"),
    path("committees/<int:pk>/seats/<int:number>/appoint/", views.seat_appoint_view, name="committee_seat_appoint"),
    path(
        "committees/<int:pk>/seats/<int:number>/register/",
        views.evaluator_register_view,
        name="committee_evaluator_register",
    ),
    path("committees/seats/<int:pk>/remove/", views.seat_remove_view, name="committee_seat_remove"),
    path("committees/<int:pk>/assign/", views.committee_assign_view, name="committee_assign"),
    path(
        "committees/<int:pk>/evaluations/<int:evaluation_pk>/unassign/",
        views.committee_unassign_view,
        name="committee_unassign",
    ),
    path(
        "committees/<int:pk>/evaluations/<int:evaluation_pk>/seats/<int:number>/reopen/",
        views.sheet_reopen_view,
        name="committee_sheet_reopen",
    ),
    path("committees/<int:pk>/publish/", views.committee_publish_view, name="committee_publish"),
]
