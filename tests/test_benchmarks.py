"""The benchmarks still run: each is started on a tiny organisation (their figures are not
checked here; speed is judged from full runs, see docs/bench-feed.md)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

# Each benchmark makes its own SQLite database whatever the suite uses, so the suite's run on
# SQLite covers them; its run on PostgreSQL would only repeat the same work (CI runs both).
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        "sqlite" not in settings.DATABASES["default"]["ENGINE"],
        reason="the benchmarks run on SQLite whatever the suite uses: the SQLite run covers them",
    ),
]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        # On SQLite in a temporary file, whatever database the suite itself uses.
        env={k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
    )


def test_the_feed_benchmark_runs_on_a_tiny_organisation() -> None:
    result = _run(
        "bench/feed.py", "--people", "80", "--spaces", "4", "--posts", "2500", "--repeat", "1"
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert "home stream, page 50" in result.stdout
    assert "same queries for 10/20/50 items" in result.stdout


def test_the_analytics_benchmark_runs_on_a_tiny_organisation() -> None:
    result = _run("bench/analytics.py", "--tiny")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert "events/s through record()" in result.stdout
    assert "dashboard does not grow with the events" in result.stdout


def test_the_http_benchmark_runs_on_a_tiny_organisation() -> None:
    result = _run(
        "bench/http.py",
        *("--people", "60", "--spaces", "4", "--posts", "1500"),
        *("--seconds", "0.3", "--rounds", "1", "--repeat", "1"),
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert "login page (anonymous, floor)" in result.stdout
    assert "of the floor's throughput" in result.stdout
    assert "queries at 1,000 posts" in result.stdout


def test_the_search_benchmark_runs_on_a_tiny_organisation() -> None:
    result = _run(
        "bench/search.py",
        *("--people", "80", "--spaces", "4", "--posts", "1500", "--documents", "60"),
        *("--repeat", "1"),
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert "results collega" in result.stdout
    assert "suggest Jans" in result.stdout
    assert "Targets (issue 16):" in result.stdout
