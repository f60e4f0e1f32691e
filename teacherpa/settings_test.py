"""Test settings: the real settings with a cheap hasher, tasks run at once, temporary media."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")

from teacherpa.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", "rosters.hashers.LoginCodeHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="teacherpa-test-media-"))
# WhiteNoise warns (an error under the suite's warnings policy) when STATIC_ROOT does not exist, as in
# a fresh checkout that never ran collectstatic; an empty folder is what a test needs.
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="teacherpa-test-static-"))
# Both folders belong to this test process alone; remove them when it ends.
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
atexit.register(shutil.rmtree, STATIC_ROOT, ignore_errors=True)
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
AXES_FAILURE_LIMIT = 3
LANGUAGE_CODE = "th"
