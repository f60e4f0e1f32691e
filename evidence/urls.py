from django.urls import path

from evidence import views

urlpatterns = [
    path("evidence/", views.evidence_library, name="evidence_library"),
    path("evidence/<int:pk>/", views.evidence_detail, name="evidence_detail"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("evidence/upload/", views.evidence_upload_form, name="evidence_upload_form"),
    path("evidence/uploads/", views.evidence_upload_start, name="evidence_upload_start"),
    path("evidence/uploads/<uuid:pk>/", views.evidence_upload_session, name="evidence_upload_session"),
    path("evidence/uploads/<uuid:pk>/finish/", views.evidence_upload_finish, name="evidence_upload_finish"),
    path("evidence/links/", views.evidence_link_add, name="evidence_link_add"),
    path("evidence/attach/", views.evidence_attach, name="evidence_attach"),
    path("evidence/attachments/<int:pk>/detach/", views.evidence_detach, name="evidence_detach"),
    path("evidence/agreements/<int:pk>/", views.evidence_agreement, name="evidence_agreement"),
]
