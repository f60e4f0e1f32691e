from django.urls import path

from peers import views

urlpatterns = [
    path("peers/mentors/", views.mentor_list, name="mentor_list"),
    path("peers/mentors/me/", views.mentor_profile, name="mentor_profile"),
    path("peers/mentors/<int:pk>/", views.mentor_detail, name="mentor_detail"),
    path("peers/examples/", views.example_list, name="example_list"),
    path("peers/examples/<int:pk>/", views.example_detail, name="example_detail"),
    path("peers/examples/<int:pk>/withdraw/", views.example_withdraw, name="example_withdraw"),
    path("peers/examples/<int:pk>/copy/", views.example_copy, name="example_copy"),
    path("peers/share/<int:pk>/", views.example_share, name="example_share"),
]
