import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "blog.example.org",
    "SITE_URL": "https://blog.example.org",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_COOKIES": "1",
}


def manage(*args, **env):
    # The test process's own database and cache settings stay out of the child's.
    unset = {*PRODUCTION, "DEBUG", "DATABASE_URL", "REDIS_URL"}
    clean = {name: value for name, value in os.environ.items() if name not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def deploy_guide_environment():
    """Return the variables of the one-machine guide's step 1, as written."""
    guide = (PROJECT / "docs" / "deploy.md").read_text()
    step = guide.split("1. `make install`", 1)[1].split("\n2. ", 1)[0]
    block = step.split("```sh\n", 1)[1].split("```", 1)[0]
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    return dict(line.split("=", 1) for line in lines)


def test_deploy_guide_environment_passes_the_deploy_check(tmp_path):
    environment = deploy_guide_environment()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"} <= set(environment)
    # The one value the guide tells the reader to replace.
    environment["SECRET_KEY"] = secrets.token_urlsafe(50)
    environment["BLOGCRAFT_VAR_DIR"] = str(tmp_path / "var")
    result = manage("check", "--deploy", "--fail-level", "WARNING", **environment)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_flags_the_development_defaults():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W009" in result.stderr  # the fallback SECRET_KEY


def test_debug_is_off_unless_asked_for():
    result = manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
    )
    assert result.stdout.strip() == "False"


def test_default_sqlite_file_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    # The test database lives in memory, where WAL does not apply: ask a real file.
    code = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    for pragma in ('journal_mode', 'busy_timeout'):\n"
        "        cursor.execute(f'PRAGMA {pragma}')\n"
        "        print(cursor.fetchone()[0])\n"
    )
    result = manage(
        "shell", "-v", "0", "-c", code, BLOGCRAFT_VAR_DIR=str(tmp_path / "var")
    )
    assert result.stdout.split() == ["wal", "20000"], result.stderr
    assert (tmp_path / "var" / "blogcraft.sqlite3").exists()


def test_markdownx_own_urls_are_not_mounted(client):
    assert client.post("/markdownx/markdownify/", {"content": "x"}).status_code == 404


MEDIA_BUCKET = {
    "AWS_STORAGE_BUCKET_NAME": "blogcraft-media",
    "AWS_S3_REGION_NAME": "eu-west-1",
    "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
    "AWS_LOCATION": "blog",
}
MEDIA_REPORT = (
    "from django.conf import settings\n"
    "from django.core.files.storage import default_storage, storages\n"
    "print(type(storages['default']).__name__)\n"
    "print(settings.MEDIA_URL)\n"
    "print(default_storage.url('uploads/a.png'))\n"
    "print(storages['diagrams'].url('k.svg'))\n"
)


def test_media_go_to_the_bucket_when_one_is_named_and_pass_the_deploy_check():
    environment = PRODUCTION | MEDIA_BUCKET
    result = manage("shell", "--no-imports", "-c", MEDIA_REPORT, **environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "https://media.example.org/blog/",
        "https://media.example.org/blog/uploads/a.png",
        "https://media.example.org/blog/diagrams/k.svg",
    ]
    result = manage("check", "--deploy", "--fail-level", "WARNING", **environment)
    assert result.returncode == 0, result.stderr


def test_media_stay_in_local_files_without_a_bucket():
    result = manage(
        "shell", "--no-imports", "-c", MEDIA_REPORT, AWS_STORAGE_BUCKET_NAME=""
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "LocalMediaStorage",
        "/media/",
        "/media/uploads/a.png",
        "/media/diagrams/k.svg",
    ]
