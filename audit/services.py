"""Writing audit entries. Services call `audit_record` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from audit.models import AuditEntry


def audit_record(actor: Any, action: str, target: models.Model, **data: Any) -> AuditEntry:
    """Record that `actor` did `action` (noun.verb_past) to `target`; data must be JSON-safe."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        data=data,
    )
