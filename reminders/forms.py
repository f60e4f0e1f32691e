"""The calendar form: one optional date per step (empty: inherit from the area office or the rulebook)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from reminders.calendar import Dates
from reminders.models import Step
from rounds.models import FiscalYear


class CalendarForm(forms.Form):
    def __init__(self, data: Any, *, fiscal_year: FiscalYear, own: Dates, limits: Dates, hints: dict[str, str]) -> None:
        super().__init__(data)
        for step, label in Step.choices:
            latest = limits.get(step) or fiscal_year.ends_on
            self.fields[step] = forms.DateField(
                label=label,
                required=False,
                initial=own.get(step),
                help_text=hints.get(step, ""),
                widget=forms.DateInput(
                    attrs={"type": "date", "min": fiscal_year.starts_on.isoformat(), "max": latest.isoformat()},
                    format="%Y-%m-%d",
                ),
            )

    def dates(self) -> dict[str, date | None]:
        return {step: self.cleaned_data[step] for step in Step.values}
