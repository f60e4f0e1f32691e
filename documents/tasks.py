"""Background work for documents (Django's Tasks API): arguments are plain ids for any backend."""

from __future__ import annotations

from django.tasks import task

from documents.bundles import bundle_build


@task()
def build_bundle(bundle_pk: int) -> int:
    """Build a school bundle ZIP; returns the number of files in it."""
    return bundle_build(bundle_pk).done
