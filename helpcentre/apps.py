from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpcentreConfig(AppConfig):
    name = "helpcentre"
    verbose_name = _("ศูนย์ช่วยเหลือ")
