"""scoring pages of the committees app."""

from __future__ import annotations
