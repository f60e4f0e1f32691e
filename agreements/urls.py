from django.urls import path

from agreements import views

urlpatterns = [
    path("teacher/", views.teacher_home, name="teacher_home"),
    path("agreements/start/", views.agreement_start_view, name="agreement_start"),
    path("agreements/<int:pk>/step/<int:step>/", views.agreement_step, name="agreement_step"),
    path("agreements/<int:pk>/sections/<str:key>/", views.section_save_view, name="section_save"),
    path("agreements/<int:pk>/submit/", views.agreement_submit_view, name="agreement_submit"),
    path("agreements/<int:pk>/review/", views.agreement_review, name="agreement_review"),
    path("agreements/<int:pk>/versions/", views.agreement_versions, name="agreement_versions"),
    path("agreements/<int:pk>/amend/", views.agreement_amend_view, name="agreement_amend"),
    path("schools/<int:pk>/agreements/", views.school_agreements, name="school_agreements"),
    path("schools/<int:pk>/agreements/start/", views.agreement_start_for_teacher, name="agreement_start_for_teacher"),
]
