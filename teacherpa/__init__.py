"""teacherpa: the Thai teacher Performance Agreement (PA) cycle, end to end."""

import os

# A Celery-backed task engine needs its app bound before any task is declared; only then is
# Celery imported at all, so the embedded default (a database queue) pays nothing for it.
if os.environ.get("TASK_BACKEND", "").startswith("django_tasks_celery"):
    from teacherpa.celery import app as celery_app

    __all__ = ["celery_app"]
