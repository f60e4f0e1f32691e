"""The Celery app, used only when TASK_BACKEND selects the Celery-backed task engine."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teacherpa.settings")

app = Celery("teacherpa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
