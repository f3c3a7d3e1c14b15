"""All settings, in one module, driven by environment variables with safe local defaults.

Local use needs no variable at all: SQLite under var/, the local-memory cache, a secret key
generated once into var/. Production sets PRODUCTION=1 and provides the rest (see README.md).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", BASE_DIR / "content"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret_key() -> str:
    """A key generated once per checkout, so sessions survive restarts without configuration."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        # Several processes may start at once on a fresh checkout (app server workers, test
        # workers): the first link wins and every process reads that one key, never half of one.
        draft = key_file.with_name(f".secret_key.{os.getpid()}")
        draft.write_text(secrets.token_urlsafe(50))
        draft.chmod(0o600)
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return key_file.read_text().strip()


PRODUCTION = env_bool("PRODUCTION", False)
DEBUG = env_bool("DEBUG", False)

MIN_SECRET_KEY_LENGTH = 50
if PRODUCTION and len(os.environ.get("SECRET_KEY", "")) < MIN_SECRET_KEY_LENGTH:
    # It keys tokens' hashes, rate-limit keys and sessions: a short one can be guessed.
    raise RuntimeError(
        f"SECRET_KEY must be set to at least {MIN_SECRET_KEY_LENGTH} random characters when PRODUCTION=1."
    )
SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
if env_bool("TESTING", False):
    ALLOWED_HOSTS.append("testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "core",
    "website",
    "support",
    "wiki",
    "phrases",
    "assessment",
    "sharing",
    "search",
    "editors",
    "couples",
    "results",
    "together",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PrivacyHeadersMiddleware",
    "website.preview.ContentPreviewMiddleware",  # only with DEBUG on
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'site.sqlite3'}",
        # Tests close each connection after its request: a live test server's request threads
        # would otherwise hold the test database open past the end of the run.
        conn_max_age=0 if env_bool("TESTING", False) else int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at BEGIN so
    # two writers queue (up to the timeout) instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if env_bool("TESTING", False) else 60
    # Tests use a file too: an in-memory database shares one cache between threads, with table
    # locks that fail at once instead of waiting, unlike the site's real database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Timeouts and a circuit breaker: a hung Redis must not hang the site (core/cache_backend.py).
            "BACKEND": "core.cache_backend.BreakerRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "rcw"),
            "TIMEOUT": 24 * 3600,
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
                "BREAKER_SECONDS": float(os.environ.get("REDIS_BREAKER_SECONDS", "10")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "rcw",
            "TIMEOUT": 24 * 3600,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# How long one process may trust its idea of the content version before asking the cache again.
CONTENT_VERSION_TTL = int(os.environ.get("CONTENT_VERSION_TTL", "0" if REDIS_URL else "2"))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(24 * 3600)))

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LANGUAGE_COOKIE_NAME = "lang"
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("TESTING", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 365 * 24 * 3600 if not DEBUG else 0

# --- Security and privacy ---------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Every resource comes from this site: no fonts, scripts or images from anywhere else.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# Bad or hostile posts are refused early: the longest real form has fewer than 60 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024

# Per client and scope, "count/seconds"; counted in the shared cache (Redis when configured).
RATE_LIMITS = {
    "submit": os.environ.get("RATE_LIMIT_SUBMIT", "60/600"),
    "invite": os.environ.get("RATE_LIMIT_INVITE", "20/3600"),
    "search": os.environ.get("RATE_LIMIT_SEARCH", "120/60"),
    "delete": os.environ.get("RATE_LIMIT_DELETE", "30/3600"),
    "together": os.environ.get("RATE_LIMIT_TOGETHER", "20/3600"),
    "retake": os.environ.get("RATE_LIMIT_RETAKE", "20/3600"),
    "pdf": os.environ.get("RATE_LIMIT_PDF", "20/600"),
    "login": os.environ.get("RATE_LIMIT_LOGIN", "10/900"),
}
# Behind a load balancer that sets X-Forwarded-For, count the client's address instead of its own:
# the entry TRUSTED_PROXY_COUNT places from the right (the left ones can be written by the client).
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
TRUSTED_PROXY_COUNT = max(1, int(os.environ.get("TRUSTED_PROXY_COUNT", "1")))
# How long unfinished answers and (optionally) finished results are kept; see `manage.py purge`.
DRAFT_RETENTION_DAYS = int(os.environ.get("DRAFT_RETENTION_DAYS", "30"))
RESULT_RETENTION_DAYS = int(os.environ.get("RESULT_RETENTION_DAYS", "0"))  # 0: kept until deleted

# Shown through core.site.site_name(), translated when it is this default name.
SITE_NAME = os.environ.get("SITE_NAME", gettext_noop("Relationship Communication Wiki"))
# Used for absolute links (canonical, Open Graph, sitemap) when no request is at hand.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ADMIN_PATH = os.environ.get("ADMIN_PATH", "editors/").strip("/") + "/"

LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # No private token or search word may reach a log: every handler redacts (core/logging.py).
    "filters": {"redact": {"()": "core.logging.RedactPrivate"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own defaults give these loggers handlers without the filter (with DEBUG on, the
    # development server's request lines hold every path): here they write only through ours.
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # With DEBUG on, this logger writes every SQL statement with its parameters (search words
        # among them), which no filter can tell apart: never, whatever LOG_LEVEL says.
        "django.db.backends": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
