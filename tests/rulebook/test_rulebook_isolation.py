"""The rulebook is plain Python: importing it must not pull in Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_rulebook_does_not_import_django() -> None:
    code = "import rulebook, sys; rulebook.load_edition(); assert 'django' not in sys.modules"
    # A fresh interpreter: this test process may already have imported Django for other tests.
    completed = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    assert (completed.returncode, completed.stderr) == (0, "")
