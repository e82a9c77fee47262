"""Settings shared by every environment; whatever a site must change comes from the environment."""

from pathlib import Path

import environ
from csp import constants as csp_constants
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/plein
BASE_DIR = Path.cwd()

env = environ.Env()
# A .env file beside the working directory is read when present, never required.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env.str("PLEIN_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "plein.core",
    "plein.people",
    "plein.spaces",
    "plein.posts",
    "plein.search",
    "plein.notifications",
    "plein.events",
    "plein.news",
    "plein.kudos",
    "plein.blogs",
    "plein.polls",
    "plein.market",
    "plein.ideas",
    "plein.wiki",
    "plein.questions",
    "plein.documents",
    "plein.ambassadors",
    "plein.adoption",
    "plein.launch",
    "plein.onboarding",
    "plein.startpage",
    "plein.accounts",
    "plein.api",
    "plein.scim",
    "plein.webhooks",
    "plein.config",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Where each request comes from, for the audit log (plein.core.audit).
    "plein.core.audit.middleware.AuditMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Work queued during a request with after_response() runs once the response has been sent.
    "plein.core.after_response.AfterResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "plein.accounts.middleware.UserLanguageMiddleware",
    "plein.accounts.twofactor.middleware.TwoFactorGateMiddleware",
    "plein.launch.middleware.LaunchGateMiddleware",
    "plein.adoption.middleware.UsageEventMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "plein.posts.mentions.MentionsMiddleware",
]

ROOT_URLCONF = "plein.config.urls"
WSGI_APPLICATION = "plein.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "plein.core.context_processors.branding",
                "plein.core.context_processors.navigation",
            ],
        },
    },
]

FORM_RENDERER = "plein.core.forms_renderer.PleinFormRenderer"

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'plein.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"].get("ENGINE") == "django.db.backends.postgresql":
    # No JIT compilation: it pays off for long analytical queries, while a page's queries take
    # milliseconds and compiling one takes hundreds (a search over a million posts whose
    # plan's estimated cost is high would wait seconds for it). And the search's near misses
    # (pg_trgm's `<%`): a typed word at least this like a word of a title ("Jansne": Jansen).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    ours = "-c jit=off -c pg_trgm.word_similarity_threshold=0.4"
    options["options"] = f"{ours} {options.get('options', '')}".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process and a task worker read while the other writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "KEY_PREFIX": "plein",
        }
    }
else:
    # Never a per-process memory cache: the cache holds what every process must agree on (the
    # launch phase, the branding, settings changed in the browser), and the web server and the
    # task worker are separate processes. Files under PLEIN_VAR_DIR are shared by all processes
    # on this machine and need no set-up; processes on several machines share REDIS_URL.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Background work (e-mail) is stored in the database and run by a worker: `plein db_worker`.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

AUTH_USER_MODEL = "people.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Login rate limiting (django-axes): after AXES_FAILURE_LIMIT failures for one account from
# one address, that combination is locked for AXES_COOLOFF_TIME hours.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "plein.accounts.lockout.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

# The audit log (plein.core.audit; README "The audit log"): how many days entries are kept (the
# daily job audit-prune deletes older ones), and the header a trusted proxy sets with the
# client's address (e.g. HTTP_X_FORWARDED_FOR; empty: the connection's own address, REMOTE_ADDR).
PLEIN_AUDIT_KEEP_DAYS = env.int("PLEIN_AUDIT_KEEP_DAYS", default=730)
PLEIN_AUDIT_IP_HEADER = env.str("PLEIN_AUDIT_IP_HEADER", default="")

# Single sign-on (plein.accounts.sso; README "Single sign-on"). OpenID Connect is on when both
# PLEIN_OIDC_ISSUER and PLEIN_OIDC_CLIENT_ID are set; unset, the login page is as it always was.
# The endpoints come from <issuer>/.well-known/openid-configuration unless set one by one.
# PLEIN_OIDC_CLAIMS maps Plein's names to the provider's claims, e.g.
# "subject=oid,employee_number=employeeid,department=department,job_title=jobTitle".
PLEIN_OIDC_ISSUER = env.str("PLEIN_OIDC_ISSUER", default="")
PLEIN_OIDC_CLIENT_ID = env.str("PLEIN_OIDC_CLIENT_ID", default="")
PLEIN_OIDC_CLIENT_SECRET = env.str("PLEIN_OIDC_CLIENT_SECRET", default="")
PLEIN_OIDC_SCOPES = env.str("PLEIN_OIDC_SCOPES", default="openid email profile")
PLEIN_OIDC_CLAIMS = env.dict("PLEIN_OIDC_CLAIMS", default={})
PLEIN_OIDC_LOGIN_LABEL = env.str("PLEIN_OIDC_LOGIN_LABEL", default="")
PLEIN_OIDC_SIGN_ALGORITHM = env.str("PLEIN_OIDC_SIGN_ALGORITHM", default="RS256")
PLEIN_OIDC_USE_PKCE = env.bool("PLEIN_OIDC_USE_PKCE", default=True)
PLEIN_OIDC_LOGOUT_AT_PROVIDER = env.bool("PLEIN_OIDC_LOGOUT_AT_PROVIDER", default=True)
PLEIN_OIDC_AUTHORIZATION_ENDPOINT = env.str("PLEIN_OIDC_AUTHORIZATION_ENDPOINT", default="")
PLEIN_OIDC_TOKEN_ENDPOINT = env.str("PLEIN_OIDC_TOKEN_ENDPOINT", default="")
PLEIN_OIDC_USERINFO_ENDPOINT = env.str("PLEIN_OIDC_USERINFO_ENDPOINT", default="")
PLEIN_OIDC_JWKS_URI = env.str("PLEIN_OIDC_JWKS_URI", default="")
PLEIN_OIDC_END_SESSION_ENDPOINT = env.str("PLEIN_OIDC_END_SESSION_ENDPOINT", default="")
# Someone the provider knows and Plein does not becomes a new person (just in time).
PLEIN_SSO_CREATE_PEOPLE = env.bool("PLEIN_SSO_CREATE_PEOPLE", default=False)
# Only the work account: no password form; administrators keep /account/login/local/.
PLEIN_SSO_ONLY = env.bool("PLEIN_SSO_ONLY", default=False)
# SAML 2.0 (djangosaml2) is on when the identity provider's metadata is given (URL or file).
# PLEIN_SAML_ATTRIBUTES maps Plein's names to attribute names like PLEIN_OIDC_CLAIMS ("|"
# between alternatives); a blank subject means the NameID. The key and certificate (optional)
# sign Plein's requests. The SAML session cookie carries the request across the provider's
# POST back to Plein (SameSite=None; Secure in production).
PLEIN_SAML_IDP_METADATA_URL = env.str("PLEIN_SAML_IDP_METADATA_URL", default="")
PLEIN_SAML_IDP_METADATA_FILE = env.str("PLEIN_SAML_IDP_METADATA_FILE", default="")
PLEIN_SAML_ENTITY_ID = env.str("PLEIN_SAML_ENTITY_ID", default="")
PLEIN_SAML_ATTRIBUTES = env.dict("PLEIN_SAML_ATTRIBUTES", default={})
PLEIN_SAML_NAME_ID_FORMAT = env.str(
    "PLEIN_SAML_NAME_ID_FORMAT", default="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
)
PLEIN_SAML_KEY_FILE = env.str("PLEIN_SAML_KEY_FILE", default="")
PLEIN_SAML_CERT_FILE = env.str("PLEIN_SAML_CERT_FILE", default="")
PLEIN_SAML_LOGIN_LABEL = env.str("PLEIN_SAML_LOGIN_LABEL", default="")
SAML_CONFIG_LOADER = "plein.accounts.sso.saml.config_loader"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_SESSION_COOKIE_NAME = "plein_saml_session"
SAML_CSP_HANDLER = ""  # the pages set no Content-Security-Policy of their own
SAML_SESSION_COOKIE_SAMESITE = env.str("PLEIN_SAML_COOKIE_SAMESITE", default="None")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "djangosaml2.middleware.SamlSessionMiddleware",
)

# Two-factor authentication (plein.accounts.twofactor; README "Two-factor authentication").
# People with these roles who log in with a password must use an authenticator app (TOTP);
# SSO logins are not asked (the provider does MFA). Development and test settings turn it off.
PLEIN_2FA_REQUIRED_ROLES = env.list(
    "PLEIN_2FA_REQUIRED_ROLES", default=["administrator", "community_manager"]
)
OTP_TOTP_ISSUER = "Plein"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "plein_language"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploaded files are never served from a public URL: views check permission first.
MEDIA_URL = "/media-not-public/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Plein <plein@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The page at "/" (core:home) for a logged-in person: the start page.
PLEIN_HOME_VIEW = "plein.startpage.views.start_page"
PLEIN_PROFILE_PHOTO_SIZE = 400
PLEIN_MAX_IMAGE_UPLOAD_BYTES = 10 * 1024 * 1024
PLEIN_PEOPLE_PER_PAGE = 24
PLEIN_MAX_ATTACHMENT_BYTES = env.int("PLEIN_MAX_ATTACHMENT_BYTES", default=25 * 1024 * 1024)
PLEIN_MAX_FILES_PER_POST = 10
PLEIN_FEED_PAGE_SIZE = env.int("PLEIN_FEED_PAGE_SIZE", default=15)
PLEIN_MARKET_LISTING_DAYS = env.int("PLEIN_MARKET_LISTING_DAYS", default=30)
PLEIN_MARKET_REPLIES_PER_HOUR = 5
PLEIN_MAX_DOCUMENT_BYTES = env.int("PLEIN_MAX_DOCUMENT_BYTES", default=50 * 1024 * 1024)
PLEIN_EVENT_REMINDER_HOURS = env.list("PLEIN_EVENT_REMINDER_HOURS", cast=int, default=[24])
# Links in e-mail (notifications, digests) point here; digests are sent at this local hour.
PLEIN_SITE_URL = env.str("PLEIN_SITE_URL", default="http://127.0.0.1:8000")
PLEIN_DIGEST_HOUR = env.int("PLEIN_DIGEST_HOUR", default=7)
# Access tokens (REST API, SCIM): a personal token expires within this many days.
PLEIN_API_TOKEN_MAX_DAYS = env.int("PLEIN_API_TOKEN_MAX_DAYS", default=365)
# Provisioning (SCIM, /scim/v2/): what a directory's groups are in Plein: "departments" (a
# member is in that department) or "spaces" (a member is a member of that space).
PLEIN_SCIM_GROUPS = env.str("PLEIN_SCIM_GROUPS", default="departments")

# Privacy: a download of a person's own data ("Your data" in their settings) is kept this many
# days, then deleted by the nightly job "data-export-prune".
PLEIN_DATA_EXPORT_DAYS = env.int("PLEIN_DATA_EXPORT_DAYS", default=7)

# Webhooks (plein.webhooks): seconds one attempt may take; the waits in seconds before each
# retry of a message (30 s, 2 min, 10 min, 1 h, 6 h: six attempts in all); after how many
# failed messages in a row a webhook is switched off (and the administrators are told); how
# many days deliveries are kept.
PLEIN_WEBHOOK_TIMEOUT = env.int("PLEIN_WEBHOOK_TIMEOUT", default=10)
PLEIN_WEBHOOK_RETRY_DELAYS = env.list(
    "PLEIN_WEBHOOK_RETRY_DELAYS", cast=int, default=[30, 120, 600, 3600, 21600]
)
PLEIN_WEBHOOK_DISABLE_AFTER = env.int("PLEIN_WEBHOOK_DISABLE_AFTER", default=5)
PLEIN_WEBHOOK_KEEP_DAYS = env.int("PLEIN_WEBHOOK_KEEP_DAYS", default=30)

# REST API (/api/v1/): requests per token, one budget for reading and one for writing
# ("count/period", period s, min, hour or day), counted in the shared cache.
PLEIN_API_RATE = {
    "read": env.str("PLEIN_API_RATE_READ", default="600/min"),
    "write": env.str("PLEIN_API_RATE_WRITE", default="60/min"),
}

# Hardening (plein.core.security, plein.core.ratelimit, plein.core.observability; README
# "Security headers, limits and monitoring"). Content-Security-Policy by django-csp: scripts and
# <style> elements only from Plein itself or with the request's nonce; style="" attributes are
# allowed (many templates set a width or a colour that way). A request id on every request and
# log line; /metrics for Prometheus only with PLEIN_METRICS_TOKEN (unset: 404).
MIDDLEWARE.insert(0, "plein.core.metrics.MetricsMiddleware")
MIDDLEWARE.insert(0, "plein.core.observability.RequestIdMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "plein.core.security.SecurityHeadersMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("plein.core.security.SecurityHeadersMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
INSTALLED_APPS.insert(INSTALLED_APPS.index("django_htmx"), "csp")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", csp_constants.NONCE],
        "style-src": ["'self'", csp_constants.NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    "camera": "()",
    "microphone": "()",
    "geolocation": "()",
    "payment": "()",
    "usb": "()",
    "serial": "()",
    "bluetooth": "()",
    "midi": "()",
    "magnetometer": "()",
    "gyroscope": "()",
    "accelerometer": "()",
    "display-capture": "()",
    "clipboard-write": "(self)",
    "fullscreen": "(self)",
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Requests per person (per address for password reset) in a fixed window ("count/period", period
# s, min, hour or day), counted in the shared cache; past it a page "Too many requests" (429).
PLEIN_RATE_LIMITS = {
    "post": env.str("PLEIN_RATE_POSTS", default="30/hour"),
    "comment": env.str("PLEIN_RATE_COMMENTS", default="60/hour"),
    "reaction": env.str("PLEIN_RATE_REACTIONS", default="300/hour"),
    "invitation": env.str("PLEIN_RATE_INVITATIONS", default="100/hour"),
    "password_reset": env.str("PLEIN_RATE_PASSWORD_RESET", default="5/hour"),
}
# A request id from the proxy in front of Plein is only taken when this is set (else made here).
PLEIN_TRUST_REQUEST_ID = env.bool("PLEIN_TRUST_REQUEST_ID", default=False)
PLEIN_METRICS_TOKEN = env.str("PLEIN_METRICS_TOKEN", default="")
# LOG_FORMAT=json: one JSON object per line (time, level, logger, message, request id...).
LOG_FORMAT = env.str("LOG_FORMAT", default="text")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "plein.core.observability.RequestFilter"}},
    "formatters": {"json": {"()": "plein.core.observability.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # pysaml2's schema library (SAML single sign-on) tells at INFO of every schema it loads.
        "xmlschema": {"level": "WARNING"},
    },
}
