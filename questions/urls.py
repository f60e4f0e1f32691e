from django.urls import path

from questions import views

urlpatterns = [
    path("questions/", views.question_list, name="question_list"),
    path("questions/ask/", views.question_ask, name="question_ask"),
    path("questions/similar/", views.question_similar, name="question_similar"),
    path("questions/<int:pk>/", views.question_detail, name="question_detail"),
    path("questions/<int:pk>/answers/", views.answer_create, name="answer_create"),
    path("questions/<int:pk>/promote/", views.question_promote, name="question_promote"),
    path("answers/<int:pk>/accept/", views.answer_accept, name="answer_accept"),
    path("areas/<int:pk>/questions/unanswered/", views.area_unanswered, name="area_unanswered"),
    path("areas/<int:pk>/help-poster.pdf", views.help_poster, name="help_poster"),
]
