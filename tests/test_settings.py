"""The env-driven settings module, loaded in a fresh interpreter per environment, as a deployment would."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_HOST = "pa.example.go.th"
# Variables the settings read; none may leak in from the shell that runs the tests.
SETTINGS_VARIABLES = {
    "DEBUG",
    # Set by the browser tests for the ORM under Playwright; a deployment must never have it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SECRET_KEY",
    "NATIONAL_ID_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "STORAGE_BACKEND",
    "TASK_BACKEND",
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "REDIS_URL",
    "VAR_DIR",
    "MEDIA_ROOT",
    "DJANGO_SETTINGS_MODULE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "STATICFILES_BACKEND",
    "CELERY_BROKER_URL",
    "S3_BUCKET",
}

# One interpreter per environment: every setting as JSON, and the classes Django builds from them.
LOAD = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
from django.tasks import task_backends

def class_path(instance):
    return type(instance).__module__ + "." + type(instance).__qualname__

print(json.dumps({
    "settings": {name: getattr(settings, name) for name in dir(settings) if name.isupper()},
    "storage_class": class_path(storages["default"]),
    "task_class": class_path(task_backends["default"]),
}, default=str))
"""


def secret_key() -> str:
    key = secrets.token_urlsafe(64)[:60]
    assert len(key) == 60
    return key


def environment(var_dir: Path, **variables: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="teacherpa.settings", VAR_DIR=str(var_dir), **variables)
    return env


def production(var_dir: Path, **variables: str) -> dict[str, str]:
    values = {
        "DEBUG": "false",
        "SECRET_KEY": secret_key(),
        "ALLOWED_HOSTS": PRODUCTION_HOST,
        "DATABASE_URL": f"sqlite:///{var_dir / 'production.sqlite3'}",
        **variables,
    }
    return environment(var_dir, **values)


def run(arguments: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120
    )


def load(env: dict[str, str]) -> dict[str, Any]:
    result = run(["-c", LOAD], env)
    assert result.returncode == 0, result.stderr
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


@pytest.fixture(scope="module")
def production_load(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return load(production(tmp_path_factory.mktemp("production")))


@pytest.fixture(scope="module")
def development_load(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    var_dir = tmp_path_factory.mktemp("development")
    return var_dir, load(environment(var_dir, DEBUG="true"))


@pytest.fixture(scope="module")
def national_load(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The national deployment: PostgreSQL, S3, Celery on Redis, a chosen mail backend."""
    env = production(
        tmp_path_factory.mktemp("national"),
        DATABASE_URL="postgres://pa:s3cret@db.example.go.th:5433/teacherpa",
        STORAGE_BACKEND="s3",
        S3_BUCKET="pa-evidence",
        TASK_BACKEND="django_tasks_celery.CeleryBackend",
        REDIS_URL="redis://cache:6379/0",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
    )
    return load(env)


def test_the_deploy_check_passes_with_a_production_environment(tmp_path: Path) -> None:
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production(tmp_path))
    assert (result.returncode, result.stderr) == (0, "")
    # axes.W006 is silenced on purpose (the lock is per account, not per address); nothing else is.
    assert result.stdout == "System check identified no issues (1 silenced).\n"


def test_production_turns_on_every_transport_protection(production_load: dict[str, Any]) -> None:
    names = [
        "DEBUG",
        "ALLOWED_HOSTS",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "X_FRAME_OPTIONS",
        "STORAGES",
    ]
    assert {name: production_load["settings"][name] for name in names} == {
        "DEBUG": False,
        "ALLOWED_HOSTS": [PRODUCTION_HOST],
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "X_FRAME_OPTIONS": "DENY",
        "STORAGES": {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
    }


def test_production_hashes_passwords_with_argon2(production_load: dict[str, Any]) -> None:
    assert production_load["settings"]["PASSWORD_HASHERS"] == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        # Imported accounts' one-time login codes: checked once, then re-hashed with Argon2 (rosters.hashers).
        "rosters.hashers.LoginCodeHasher",
    ]


@pytest.mark.parametrize("secret", [None, ""], ids=["unset", "empty"])
def test_without_a_secret_key_production_settings_refuse_to_load(tmp_path: Path, secret: str | None) -> None:
    env = environment(tmp_path, DEBUG="false", ALLOWED_HOSTS=PRODUCTION_HOST)
    if secret is not None:
        env["SECRET_KEY"] = secret
    result = run(["-c", "import teacherpa.settings"], env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "RuntimeError: SECRET_KEY must be set when DEBUG is off (ตั้งค่า SECRET_KEY ก่อนใช้งานจริง)"
    )


def test_development_runs_without_a_secret_key(development_load: tuple[Path, dict[str, Any]]) -> None:
    values = development_load[1]["settings"]
    assert (values["DEBUG"], values["SECRET_KEY"], values["ALLOWED_HOSTS"], values["SECURE_SSL_REDIRECT"]) == (
        True,
        "dev-only-insecure-key-teacherpa",
        ["127.0.0.1", "localhost"],
        False,
    )


def test_the_default_database_is_the_sqlite_file_in_var(development_load: tuple[Path, dict[str, Any]]) -> None:
    var_dir, loaded = development_load
    database = loaded["settings"]["DATABASES"]["default"]
    assert (database["ENGINE"], database["NAME"], database["CONN_MAX_AGE"]) == (
        "django.db.backends.sqlite3",
        str(var_dir / "teacherpa.sqlite3"),
        0,
    )
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_a_postgres_database_url_gives_the_postgresql_engine(national_load: dict[str, Any]) -> None:
    database = national_load["settings"]["DATABASES"]["default"]
    assert {key: database[key] for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "CONN_MAX_AGE")} == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "teacherpa",
        "USER": "pa",
        "PASSWORD": "s3cret",
        "HOST": "db.example.go.th",
        "PORT": 5433,
        "CONN_MAX_AGE": 60,
    }
    assert "transaction_mode" not in database.get("OPTIONS", {})


def test_storage_backend_s3_gives_the_s3_storage(national_load: dict[str, Any]) -> None:
    default = national_load["settings"]["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (default["OPTIONS"]["bucket_name"], default["OPTIONS"]["querystring_auth"]) == ("pa-evidence", True)
    assert national_load["storage_class"] == "storages.backends.s3.S3Storage"


def test_by_default_files_stay_on_the_local_disk(development_load: tuple[Path, dict[str, Any]]) -> None:
    loaded = development_load[1]
    assert loaded["settings"]["STORAGES"]["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert loaded["storage_class"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_the_default_task_backend_is_the_database_queue(production_load: dict[str, Any]) -> None:
    assert production_load["settings"]["TASKS"] == {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert production_load["task_class"] == "django_tasks_db.backend.DatabaseBackend"


def test_task_backend_celery_is_honoured(national_load: dict[str, Any]) -> None:
    values = national_load["settings"]
    assert (values["TASKS"], values["CELERY_BROKER_URL"], values["CELERY_RESULT_BACKEND"]) == (
        {"default": {"BACKEND": "django_tasks_celery.CeleryBackend"}},
        "redis://cache:6379/0",
        "redis://cache:6379/0",
    )
    assert national_load["task_class"] == "django_tasks_celery.backend.CeleryBackend"


def test_mail_goes_to_the_console_by_default_in_development(development_load: tuple[Path, dict[str, Any]]) -> None:
    assert development_load[1]["settings"]["MAILERS"] == {
        "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend", "OPTIONS": {}}
    }


def test_mail_goes_out_by_smtp_by_default_in_production(production_load: dict[str, Any]) -> None:
    # The console backend in production would drop every password-reset email without a word.
    assert production_load["settings"]["MAILERS"] == {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "localhost", "port": 25, "username": "", "password": "", "use_tls": False},
        }
    }


def test_email_backend_is_honoured(national_load: dict[str, Any]) -> None:
    assert national_load["settings"]["MAILERS"] == {
        "default": {"BACKEND": "django.core.mail.backends.filebased.EmailBackend", "OPTIONS": {}}
    }


def test_the_test_settings_are_cheap_and_hermetic(settings: Any) -> None:
    # The cheap hasher, and the one that checks imported accounts' login codes (no slow hashing there anyway).
    assert settings.PASSWORD_HASHERS == [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "rosters.hashers.LoginCodeHasher",
    ]
    assert settings.TASKS == {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    assert Path(settings.MEDIA_ROOT).name.startswith("teacherpa-test-media-")
    assert settings.LANGUAGE_CODE == "th"
    assert settings.TIME_ZONE == "Asia/Bangkok"


def test_sessions_use_the_cache_only_when_it_is_shared(production_load: dict[str, Any], tmp_path: Path) -> None:
    shared = load(production(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0"))["settings"]
    assert (production_load["settings"]["SESSION_ENGINE"], shared["SESSION_ENGINE"]) == (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    )
