from django.apps import AppConfig


class TeacherpaConfig(AppConfig):
    """The project package as an app: base layout, static files and the Thai template filters."""

    name = "teacherpa"
    verbose_name = "teacherpa"
