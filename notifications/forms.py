"""The preferences form: one tick box per kind and channel (LINE only once the account is linked)."""

from __future__ import annotations

from typing import Any

from django import forms

from notifications.models import Channel, Kind


def field_name(kind: str, channel: str) -> str:
    return f"{kind}__{channel}"


class PreferencesForm(forms.Form):
    def __init__(self, data: Any, *, table: dict[str, dict[str, bool]], with_line: bool) -> None:
        super().__init__(data)
        self.channels = [Channel.IN_APP, Channel.EMAIL] + ([Channel.LINE] if with_line else [])
        for kind in Kind.values:
            for channel in self.channels:
                self.fields[field_name(kind, channel)] = forms.BooleanField(
                    label=Channel(channel).label,
                    required=False,
                    initial=table[kind][channel],
                )

    def rows(self) -> list[dict[str, Any]]:
        """Each kind with its bound tick boxes, in the order the page lists them."""
        return [
            {"kind": kind, "label": label, "fields": [self[field_name(kind, channel)] for channel in self.channels]}
            for kind, label in Kind.choices
        ]

    def choices(self) -> dict[str, dict[str, bool | None]]:
        data = self.cleaned_data
        return {kind: {channel: bool(data[field_name(kind, channel)]) for channel in self.channels} for kind in Kind}
