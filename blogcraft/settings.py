"""
Blogcraft settings: one file, every deploy-varying value read from the environment.

The defaults suit a developer's machine (SQLite under var/, local-memory cache) and are
safe: DEBUG stays off unless asked for, and the fallback SECRET_KEY is one that
`manage.py check --deploy` flags.
"""

import os
from pathlib import Path
from urllib.parse import quote, urlsplit

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("BLOGCRAFT_VAR_DIR", BASE_DIR / "var")).resolve()


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "django-insecure-blogcraft-development-key-do-not-deploy"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Every absolute URL (feeds, canonical links, metadata) is built on this.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Blogcraft")
SITE_TAGLINE = os.environ.get(
    "SITE_TAGLINE", "Beautiful technical writing, rendered with care."
)

INSTALLED_APPS = [
    # Django's admin, with a login that throttles repeated failures.
    "blogcraft.apps.BlogcraftAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "markdownx",
    "taggit",
    # Revisions of posts and series (see posts.revisions).
    "reversion",
    # What every app's pages share: the page cache, absolute URLs, template tags.
    "blogcraft.apps.BlogcraftConfig",
    "posts",
    "series",
    # Both posts and series: the demo content, and posts and series as Markdown files.
    "demo",
    "markdown_files",
    # Load test, benchmarks, screenshots, Lighthouse: commands for measuring the site.
    "tooling",
    # The task queue's table, read by `manage.py db_worker` (see TASKS).
    "django_tasks_db",
]

# Static files leave at WhiteNoise, cached pages at CachedPageMiddleware: the
# middleware above each adds the headers its responses need, and only those.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "blogcraft.permissions_policy.PermissionsPolicyMiddleware",
    "blogcraft.cached_pages.CachedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "blogcraft.redirects.OldSlugRedirectMiddleware",
]

ROOT_URLCONF = "blogcraft.urls"
WSGI_APPLICATION = "blogcraft.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                # The admin's templates put this nonce on their scripts and styles.
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "blogcraft.context_processors.site",
            ],
        },
    },
]


def database_settings(url):
    """Return the default database for DATABASE_URL, tuned per backend."""
    database = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["CONN_MAX_AGE"] = 0
        if database["NAME"] != ":memory:":
            # SQLite creates the file but not its folder (var/ on a fresh clone).
            Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets readers go on while an editor saves; IMMEDIATE transactions and a
        # busy timeout make concurrent writers wait instead of failing as "locked".
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return database


DATABASES = {
    "default": database_settings(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'blogcraft.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "blogcraft"),
        }
    }
else:
    # Files, not local memory: every gunicorn worker must see the same cache, or an
    # edit would clear the cached pages of one worker and not of the others.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": Path(os.environ.get("CACHE_DIR", VAR_DIR / "cache")).resolve(),
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Every medium (uploads, renditions, hero images, covers, avatars, share cards,
# diagrams) goes through Django's storage API: local files under MEDIA_ROOT by
# default, an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set.
MEDIA_URL = "media/"
STORAGES = {
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}


def local_media_storages(media_root, media_url="media/"):
    """Return (STORAGES entries, MEDIA_URL) for media kept in local files."""
    diagrams_url = "/" + media_url.strip("/") + "/diagrams/"
    return {
        "default": {"BACKEND": "blogcraft.storage.LocalMediaStorage"},
        "diagrams": {
            "BACKEND": "blogcraft.storage.LocalMediaStorage",
            "OPTIONS": {
                "location": os.environ.get("BLOGCRAFT_DIAGRAM_ROOT")
                or Path(media_root) / "diagrams",
                "base_url": os.environ.get("BLOGCRAFT_DIAGRAM_URL") or diagrams_url,
            },
        },
    }, media_url


def s3_media_storages(environ, location=None):
    """Return (STORAGES entries, MEDIA_URL) for media in an S3-compatible bucket.

    The variables are django-storages' usual names. Credentials are left to boto3,
    which reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or the machine's role.
    Every stored file is public media: uploads are re-encoded before they are
    stored (posts.uploads), so URLs carry no signature and may be cached for good
    (names are never reused: a UUID, a hash, or a suffix the storage adds).
    """
    bucket = environ["AWS_STORAGE_BUCKET_NAME"]
    endpoint = (environ.get("AWS_S3_ENDPOINT_URL") or "").rstrip("/")
    region = environ.get("AWS_S3_REGION_NAME") or None
    domain = (environ.get("AWS_S3_CUSTOM_DOMAIN") or "").strip("/")
    if location is None:
        location = environ.get("AWS_LOCATION", "")
    location = location.strip("/")
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": region,
        "custom_domain": domain or None,
        "location": location,
        "querystring_auth": False,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        # "public-read" where the bucket takes ACLs; unset, the bucket's policy (or
        # the CDN's access to it) decides who reads.
        "default_acl": environ.get("AWS_DEFAULT_ACL") or None,
        # Path-style addresses on another provider's endpoint, so that MEDIA_URL
        # below is the prefix of every URL the storage gives.
        "addressing_style": "path" if endpoint else "virtual",
    }
    if domain:
        base = f"https://{domain}/"
    elif endpoint:
        base = f"{endpoint}/{bucket}/"
    else:
        base = f"https://{bucket}.s3.{region or 'us-east-1'}.amazonaws.com/"
    media_url = base + (f"{quote(location)}/" if location else "")
    diagrams = options | {
        "location": f"{location}/diagrams".lstrip("/"),
        # A diagram's name is its hash: writing it again writes the same drawing.
        "file_overwrite": True,
    }
    backend = "storages.backends.s3.S3Storage"
    return {
        "default": {"BACKEND": backend, "OPTIONS": options},
        "diagrams": {"BACKEND": backend, "OPTIONS": diagrams},
    }, media_url


if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    MEDIA_STORAGES, MEDIA_URL = s3_media_storages(os.environ)
else:
    MEDIA_STORAGES, MEDIA_URL = local_media_storages(MEDIA_ROOT)
STORAGES |= MEDIA_STORAGES


def plain_http_origin(url):
    """Return [the origin of url] when it is plain HTTP, else []."""
    parts = urlsplit(url)
    return [f"http://{parts.netloc}"] if parts.scheme == "http" else []


# Security switches that only make sense behind HTTPS are turned on by environment.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES")
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES")
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response. Scripts and styles come from this origin
# only; the admin's inline ones carry the per-request nonce. Public pages have none.
# Post bodies may show images from other HTTPS sites; nothing else leaves the origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    # Media on a bucket reached over plain HTTP (a local S3 server) too.
    "img-src": [CSP.SELF, "data:", "https:", *plain_http_origin(MEDIA_URL)],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features the site never uses, turned off for every page (see
# blogcraft/permissions_policy.py). Only names Chromium and Firefox recognise: an
# unknown one is reported as an error in the browser's console.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "clipboard-read",
        "display-capture",
        "encrypted-media",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    ]
} | {"clipboard-write": ["self"]}  # the code blocks' copy buttons

# The admin lives at this path (e.g. "backstage/"); a less obvious one sees fewer bots.
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"
# How many proxies in front of the app append to X-Forwarded-For (the load balancer:
# 1). The login throttle counts failures per client address found this way.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Tags are matched case-insensitively: "Python" and "python" are one tag.
TAGGIT_CASE_INSENSITIVE = True

# The editor's live preview is rendered by the same function as the public page,
# through Blogcraft's own staff-only endpoints (markdownx's URLconf is not mounted).
MARKDOWNX_MARKDOWNIFY_FUNCTION = "posts.rendering.markdownify"
MARKDOWNX_URLS_PATH = "/editor/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/editor/upload/"

# Editor uploads (posts.uploads): PNG, JPEG, WebP or GIF, re-encoded, within these caps.
BLOGCRAFT_UPLOAD_MAX_BYTES = int(
    os.environ.get("BLOGCRAFT_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
)
BLOGCRAFT_UPLOAD_MAX_PIXELS = int(
    os.environ.get("BLOGCRAFT_UPLOAD_MAX_PIXELS", 40_000_000)
)
# import_markdown stops working on a file (its images included) after this long, and
# reports it refused.
BLOGCRAFT_IMPORT_FILE_TIMEOUT_SECONDS = float(
    os.environ.get("BLOGCRAFT_IMPORT_FILE_TIMEOUT_SECONDS", "60")
)

# Anonymous pages and feeds are cached whole; any content change invalidates them.
BLOGCRAFT_PAGE_CACHE_SECONDS = int(
    os.environ.get("BLOGCRAFT_PAGE_CACHE_SECONDS", "600")
)
# Cards per page on the blog index and tag pages.
BLOGCRAFT_POSTS_PER_PAGE = int(os.environ.get("BLOGCRAFT_POSTS_PER_PAGE", "12"))
# How many of the newest posts the feeds carry.
BLOGCRAFT_FEED_ITEMS = int(os.environ.get("BLOGCRAFT_FEED_ITEMS", "100"))
SITE_AUTHOR = os.environ.get("SITE_AUTHOR", "Blogcraft")

# The longest Markdown body a post (and the live preview) accepts, in characters.
BLOGCRAFT_BODY_MAX_CHARS = int(os.environ.get("BLOGCRAFT_BODY_MAX_CHARS", "200000"))
# Rendering that runs longer than this stops, and the editor is told why: no body
# may hold a worker for long, whatever its shape.
BLOGCRAFT_RENDER_TIMEOUT_SECONDS = float(
    os.environ.get("BLOGCRAFT_RENDER_TIMEOUT_SECONDS", "5")
)

# Rendering (posts/rendering/). Slow work (diagrams, math) goes to a queue in the
# database, run by `manage.py db_worker`, so that no save or preview waits for it.
# "immediate" runs it in the request instead (the tests' default: no worker to run).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}
# Work that fails for a reason that can pass (the browser or node crashed, timed out)
# is tried this many times in all, waiting this long, then twice as long, between.
BLOGCRAFT_TASK_ATTEMPTS = int(os.environ.get("BLOGCRAFT_TASK_ATTEMPTS", "3"))
BLOGCRAFT_TASK_RETRY_SECONDS = float(
    os.environ.get("BLOGCRAFT_TASK_RETRY_SECONDS", "15")
)
# Rendered Mermaid diagrams are files named after a hash of their source, kept in
# the "diagrams" storage above (BLOGCRAFT_DIAGRAM_ROOT and BLOGCRAFT_DIAGRAM_URL
# move it, on local files).
# The headless browser that renders diagrams, and node, which renders math.
BLOGCRAFT_CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
BLOGCRAFT_NODE = os.environ.get("BLOGCRAFT_NODE", "node")
