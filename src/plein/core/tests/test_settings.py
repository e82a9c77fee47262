"""Configuration comes from the environment; production settings pass Django's deploy check."""

import os
import subprocess
import sys

import pytest

STRONG_KEY = "k" * 20 + "-production-secret-key-of-sufficient-length-0123456789"


def _run_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in their process; a deployment never has it.
    unwanted = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unwanted}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "plein.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_production_settings_pass_the_deploy_check(tmp_path):
    result = _run_check(
        {
            "PLEIN_ENV": "production",
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "intranet.example.org",
            "PLEIN_VAR_DIR": str(tmp_path),
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run_check(
        {"PLEIN_ENV": "production", "SECRET_KEY": "", "PLEIN_VAR_DIR": str(tmp_path)}
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_unknown_environment_name_is_refused(tmp_path):
    result = _run_check({"PLEIN_ENV": "staging", "PLEIN_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "PLEIN_ENV must be" in result.stderr


def test_database_redis_and_email_come_from_the_environment(tmp_path):
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.DATABASES['default']['ENGINE'], "
        "settings.DATABASES['default']['NAME'], settings.CACHES['default']['BACKEND'], "
        "settings.EMAIL_HOST, settings.EMAIL_PORT, settings.ALLOWED_HOSTS]))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "plein.config.settings",
            "DATABASE_URL": "postgres://plein:pw@db.internal:5432/intranet",
            "REDIS_URL": "redis://cache.internal:6379/1",
            "EMAIL_URL": "smtp+tls://mailer:pw@smtp.internal:587",
            "ALLOWED_HOSTS": "a.example.org,b.example.org",
            "PLEIN_VAR_DIR": str(tmp_path),
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    engine, name, cache, email_host, email_port, hosts = __import__("json").loads(result.stdout)
    assert engine == "django.db.backends.postgresql"
    assert name == "intranet"
    assert cache == "django.core.cache.backends.redis.RedisCache"
    assert (email_host, email_port) == ("smtp.internal", 587)
    assert hosts == ["a.example.org", "b.example.org"]


def test_without_redis_every_process_shares_one_cache_in_the_var_directory(tmp_path):
    """The web server and the task worker must agree on the launch phase, the branding and the
    settings changed in the browser: what one process caches or forgets, the other sees."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env.update({"DJANGO_SETTINGS_MODULE": "plein.config.settings", "PLEIN_VAR_DIR": str(tmp_path)})
    setup = "import django; django.setup(); from django.core.cache import cache; "

    def run(code: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", setup + code],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout.strip()

    run("cache.set('phase', 'pilot', 60)")
    assert run("print(cache.get('phase'))") == "pilot"  # another process reads it
    run("cache.delete('phase')")
    assert run("print(cache.get('phase'))") == "None"  # and sees it forgotten
    assert (tmp_path / "cache").is_dir()


@pytest.mark.parametrize(
    ("environment", "override", "expected"),
    [
        ("production", None, [300, True]),
        ("production", "0", [0, True]),
        ("development", None, [0, False]),
    ],
)
def test_production_keeps_database_connections_between_requests(
    tmp_path, environment, override, expected
):
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        "db = settings.DATABASES['default']; "
        "print(json.dumps([db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS']]))"
    )
    unwanted = {"DJANGO_SETTINGS_MODULE", "CONN_MAX_AGE", "DATABASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in unwanted}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "plein.config.settings",
            "PLEIN_ENV": environment,
            "SECRET_KEY": STRONG_KEY,
            "PLEIN_VAR_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://plein:pw@db.internal:5432/intranet",
        }
    )
    if override is not None:
        env["CONN_MAX_AGE"] = override
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert __import__("json").loads(result.stdout) == expected
