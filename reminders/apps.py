from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("ปฏิทินงานและการเตือนกำหนดส่ง")

    def ready(self) -> None:
        # Every deployment runs `migrate`: that is when the daily reminder run is (re)queued on the task worker.
        post_migrate.connect(_queue_daily_run, sender=self)


def _queue_daily_run(using: str = "default", **kwargs: Any) -> None:
    from django.apps import apps
    from django.db import connections
    from django.utils import timezone

    from reminders.scheduling import schedule_next
    from reminders.tasks import daily_reminders

    if not daily_reminders.get_backend().supports_defer:
        return
    needed = {apps.get_model("reminders", "ReminderTick")._meta.db_table}
    if apps.is_installed("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        needed.add(DBTaskResult._meta.db_table)
    if needed <= set(connections[using].introspection.table_names()):  # a partial migrate may not have made them
        schedule_next(timezone.localdate())
