"""teacherpa settings: one module, every deployment choice read from the environment.

The defaults are the embedded ones (SQLite file, local media folder, console email, a database
task queue), so `make run` needs nothing else. A national deployment sets DATABASE_URL to
PostgreSQL, TASK_BACKEND to the Celery engine on Redis and STORAGE_BACKEND to s3, and runs several
stateless app servers behind a proxy; no code changes.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import fontpkg_sarabun
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
# A development key only when DEBUG is on; production must give SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY") or ("dev-only-insecure-key-teacherpa" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off (ตั้งค่า SECRET_KEY ก่อนใช้งานจริง)")
# National IDs are stored only as a keyed digest (for login and duplicate checks) and a masked
# form; this key must stay the same for the life of the database.
NATIONAL_ID_KEY = env_str("NATIONAL_ID_KEY") or SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "teacherpa.admin_site.TeacherpaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "teacherpa",
    "audit",
    "org",
    "rounds",
    "agreements",
    "evidence",
    "committees",
    "documents",
    "notifications",
    "reminders",
    "helpcentre",
    "questions",
    "peers",
    "rosters",
    "dashboards",
]

MIDDLEWARE = [
    "org.middleware.RequestArrivalMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "org.middleware.PasswordChangeRequiredMiddleware",
    # Axes last, as its documentation asks, so it sees the final response of a login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "teacherpa.urls"
WSGI_APPLICATION = "teacherpa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The project's templates come first, so registration/*.html here replace the admin app's
        # English ones (the admin app is listed before ours and would otherwise win).
        "DIRS": [BASE_DIR / "teacherpa" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "org.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'teacherpa.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_SERVER_SIDE_BINDING", True
):
    # Parameters bound on the server let psycopg prepare the statements a page repeats (after 5 uses): about
    # 40 % off the score sheet and a level save. Turn off behind a pooler that cannot keep prepared statements.
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}
        if env_str("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Accounts, login and lockout ---------------------------------------------------------------
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "org.backends.IdentifierBackend",
    "rules.permissions.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# With a shared cache (Redis) sessions are read from it and fall back to the database: one query less on
# every signed-in request. Without one they stay in the database only: a per-process memory cache would let
# a session that was logged out in one worker live on in another.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if env_str("REDIS_URL") else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 60 * 60)

# Lock the account, not the address: a whole school often shares one public IP address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "org.backends.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "org.backends.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
# axes.W006 warns that locking by username alone lets an attacker rotate addresses; that is the point:
# the account is protected whatever address the guesses come from, and a school behind one NAT
# address is not locked out by one teacher's typos.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

SCHOOL_CODE_LENGTH = env_int("SCHOOL_CODE_LENGTH", 10)

# --- Language, time and dates ------------------------------------------------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ไทย")), ("en", _("อังกฤษ"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# --- Static files, media and storage -----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# The Sarabun family comes from the fontpkg-sarabun wheel and is served as-is, never copied by hand.
STATICFILES_DIRS = [("fonts", fontpkg_sarabun.ROOT / "files")]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local")
_static_backend = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env_str("S3_BUCKET"),
                "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
                "region_name": env_str("S3_REGION") or None,
                "access_key": env_str("S3_ACCESS_KEY_ID"),
                "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if STORAGE_BACKEND == "s3"
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": env_str("STATICFILES_BACKEND", _static_backend)},
}

# --- Evidence files ------------------------------------------------------------------------------
# Limits in megabytes (MiB): documents and images, and video (a teaching video can be an hour long).
# Large files arrive in chunks of EVIDENCE_CHUNK_MB, kept in the default storage under
# uploads-in-progress/ until the teacher's upload completes, so any app server can take any chunk.
EVIDENCE_MAX_DOCUMENT_MB = env_int("EVIDENCE_MAX_DOCUMENT_MB", 20)
EVIDENCE_MAX_VIDEO_MB = env_int("EVIDENCE_MAX_VIDEO_MB", 2048)
EVIDENCE_CHUNK_MB = env_int("EVIDENCE_CHUNK_MB", 8)
EVIDENCE_UPLOAD_EXPIRE_HOURS = env_int("EVIDENCE_UPLOAD_EXPIRE_HOURS", 48)

# Committees: a seat not answered within COMMITTEE_ACCEPT_DAYS goes back to the director to fill.
# A result is flagged for the committee to talk over when two members differ on an item by
# COMMITTEE_FLAG_LEVEL_GAP levels or more, or their totals by COMMITTEE_FLAG_TOTAL_GAP points or more.
COMMITTEE_ACCEPT_DAYS = env_int("COMMITTEE_ACCEPT_DAYS", 3)
COMMITTEE_FLAG_LEVEL_GAP = env_int("COMMITTEE_FLAG_LEVEL_GAP", 2)
COMMITTEE_FLAG_TOTAL_GAP = env_int("COMMITTEE_FLAG_TOTAL_GAP", 15)
COMMITTEE_COMMENT_MAX_CHARS = env_int("COMMITTEE_COMMENT_MAX_CHARS", 5000)

# Official documents. A DOCX does not embed fonts: name the Thai font teachers' Word has (TH SarabunPSK or
# TH Sarabun New); the PDF always embeds Sarabun from the fontpkg-sarabun wheel.
DOCUMENTS_DOCX_FONT = env_str("DOCUMENTS_DOCX_FONT", "TH SarabunPSK")
# Bundles (ZIP of a school's PA 1 or PA 3 files) are kept this long, then removed by manage.py documents_purge.
DOCUMENTS_BUNDLE_KEEP_DAYS = env_int("DOCUMENTS_BUNDLE_KEEP_DAYS", 7)

# --- Background work: Django's Tasks API --------------------------------------------------------
# The embedded default is a database queue drained by `manage.py db_worker`; TASK_BACKEND=
# django_tasks_celery.CeleryBackend with CELERY_BROKER_URL=redis://… moves it to Celery on Redis.
TASKS = {"default": {"BACKEND": env_str("TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", env_str("REDIS_URL"))
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", env_str("REDIS_URL"))

# --- Email ---------------------------------------------------------------------------------------
# The console in development; in production SMTP (to localhost unless EMAIL_HOST says otherwise),
# since the console backend would silently drop every password-reset email.
_email_backend = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        "OPTIONS": (
            {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=False),
            }
            if _email_backend.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "teacherpa <no-reply@localhost>")

# --- Security ------------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
# The preload token is inert until the domain's owner submits it to the browsers' list.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# No inline script or style anywhere, so a strict policy holds.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # fontTools logs every font subset it makes for a PDF at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# pythainlp must never reach for the network or write under $HOME.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

# --- notifications (issue 7): in-app, email, LINE Messaging API -----------------------------------------
# LINE (Messaging API of the office's LINE official account) is off unless both the channel access token and
# the channel secret are set; give LINE the webhook URL SITE_URL + /line/webhook. LINE_API_BASE is only changed
# for tests. A push LINE asks us to repeat (429, 5xx, no answer) is retried after LINE_RETRY_SECONDS, doubling,
# up to LINE_MAX_ATTEMPTS tries, always with the same X-Line-Retry-Key.
LINE_CHANNEL_ACCESS_TOKEN = env_str("LINE_CHANNEL_ACCESS_TOKEN")
LINE_CHANNEL_SECRET = env_str("LINE_CHANNEL_SECRET")
LINE_API_BASE = env_str("LINE_API_BASE", "https://api.line.me")
LINE_OFFICIAL_ACCOUNT = env_str("LINE_OFFICIAL_ACCOUNT")  # its basic ID (@…), shown with the link code
LINE_LINK_CODE_MINUTES = env_int("LINE_LINK_CODE_MINUTES", 30)
LINE_TIMEOUT_SECONDS = env_int("LINE_TIMEOUT_SECONDS", 10)
LINE_MAX_ATTEMPTS = env_int("LINE_MAX_ATTEMPTS", 5)
LINE_RETRY_SECONDS = env_int("LINE_RETRY_SECONDS", 60)

# --- reminders (issue 7): the fiscal year's calendar and deadline reminders ----------------------------
# Reminders go out this many days before each step's deadline (and once after it passed, if it passed at most
# REMINDER_OVERDUE_DAYS ago), from the daily run at REMINDER_SEND_HOUR (Bangkok time) on the task worker, or
# from cron with `manage.py send_reminders`.
REMINDER_DAYS_BEFORE = tuple(int(days) for days in env_list("REMINDER_DAYS_BEFORE", "7,3,1"))
REMINDER_OVERDUE_DAYS = env_int("REMINDER_OVERDUE_DAYS", 14)
REMINDER_SEND_HOUR = env_int("REMINDER_SEND_HOUR", 7)

# --- help centre, questions and peers (issue 7) ---------------------------------------------------------
# Files staff attach to help pages (the blank official forms, circulars), in megabytes.
HELP_FILE_MAX_MB = env_int("HELP_FILE_MAX_MB", 20)
# A question nobody has answered for this many hours is flagged to its area office.
QUESTIONS_UNANSWERED_HOURS = env_int("QUESTIONS_UNANSWERED_HOURS", 48)
# Similar questions and help pages shown while a teacher types a question.
QUESTIONS_SIMILAR_MAX = env_int("QUESTIONS_SIMILAR_MAX", 5)
# …found among this many newest questions, so a keystroke costs the same however large the archive grows.
QUESTIONS_SIMILAR_RECENT = env_int("QUESTIONS_SIMILAR_RECENT", 20000)

# --- rosters (issue 7): importing schools and people ----------------------------------------------------
# Imported accounts start with a one-time login code kept as a fast keyed hash (rosters.hashers): hashing
# 400,000 codes with Argon2 would take hours. Django re-hashes it with the first hasher above (Argon2) at the
# first login, and the person must then choose their own password. The code stops working after
# ROSTERS_LOGIN_CODE_DAYS; its plain text is kept for the password sheet at most ROSTERS_SHEET_KEEP_HOURS, or
# until the sheet is downloaded (once). Uploaded files (they hold full national IDs) are removed once checked,
# and the checked rows of an import nobody confirmed after ROSTERS_FILE_KEEP_HOURS (`manage.py rosters_purge`).
PASSWORD_HASHERS = [*PASSWORD_HASHERS, "rosters.hashers.LoginCodeHasher"]
ROSTERS_MAX_UPLOAD_MB = env_int("ROSTERS_MAX_UPLOAD_MB", 100)
ROSTERS_BATCH_ROWS = env_int("ROSTERS_BATCH_ROWS", 5000)
ROSTERS_LOGIN_CODE_LENGTH = env_int("ROSTERS_LOGIN_CODE_LENGTH", 10)
ROSTERS_LOGIN_CODE_DAYS = env_int("ROSTERS_LOGIN_CODE_DAYS", 30)
ROSTERS_SHEET_KEEP_HOURS = env_int("ROSTERS_SHEET_KEEP_HOURS", 48)
ROSTERS_FILE_KEEP_HOURS = env_int("ROSTERS_FILE_KEEP_HOURS", 48)
ROSTERS_STALE_MINUTES = env_int("ROSTERS_STALE_MINUTES", 15)
ROSTERS_MAX_PROBLEMS = env_int("ROSTERS_MAX_PROBLEMS", 1000)

# --- dashboards (issue 6) --------------------------------------------------------------------------------
# A page folds up to this many new audit entries into the summaries before drawing; more go to a task.
DASHBOARDS_INLINE_REFRESH_MAX = env_int("DASHBOARDS_INLINE_REFRESH_MAX", 2000)
